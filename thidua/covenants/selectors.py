"""Reads of the covenants app, scoped to what the actor may see (S12): "not found" and "not allowed" look the same.

The bloc covenant page runs a constant number of queries whatever the number of member units.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from thidua.core.exceptions import NotFound
from thidua.covenants.models import (
    BlocCovenant,
    CovenantAcknowledgement,
    CovenantProgressReport,
    CovenantTarget,
    UnitCovenantWithCommittee,
)
from thidua.covenants.permissions import (
    can_acknowledge_for,
    can_manage_bloc_covenant,
    can_read_bloc_covenant_as_member,
    can_read_unit_covenant,
    can_record_unit_covenant,
    can_report_progress,
)
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.selectors import Seat, bloc_year_composition
from thidua.organizations.models import Unit

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor


def _member_units(bloc: Bloc, year: int) -> list[Unit]:
    return [m.unit for m in BlocMembership.objects.filter(bloc=bloc, year=year).select_related("unit")]


def _signed_in(actor: Actor) -> bool:
    return actor is not None and actor.is_authenticated and actor.is_active


def bloc_covenant_readable(actor: Actor, covenant: BlocCovenant, member_units: list[Unit]) -> bool:
    """Managers read at every stage; members of the bloc-year read once the covenant is opened."""
    if not _signed_in(actor):
        return False
    if can_manage_bloc_covenant(actor, bloc=covenant.bloc):
        return True
    return not covenant.is_draft and can_read_bloc_covenant_as_member(actor, member_units=member_units)


def bloc_for_covenants(*, actor: Actor, bloc_id: int) -> Bloc:
    bloc = Bloc.objects.select_related("province").filter(pk=bloc_id).first() if _signed_in(actor) else None
    if bloc is None:
        raise NotFound()
    return bloc


def bloc_covenant_access(*, actor: Actor, covenant_id: int, manage: bool = False) -> BlocCovenant:
    """The covenant if the actor may read it (``manage``: draft and open it), else NotFound."""
    covenant = (
        BlocCovenant.objects.select_related("bloc__province").filter(pk=covenant_id).first()
        if _signed_in(actor)
        else None
    )
    if covenant is None:
        raise NotFound()
    if manage:
        if not can_manage_bloc_covenant(actor, bloc=covenant.bloc):
            raise NotFound()
    elif not bloc_covenant_readable(actor, covenant, _member_units(covenant.bloc, covenant.year)):
        raise NotFound()
    return covenant


def bloc_covenant_for_year(*, actor: Actor, bloc: Bloc, year: int) -> BlocCovenant | None:
    """The bloc's covenant of ``year`` when the actor may read it; None when there is none and the actor manages
    the bloc (so a page can offer to draft one); NotFound otherwise."""
    covenant = BlocCovenant.objects.select_related("bloc__province").filter(bloc=bloc, year=year).first()
    if covenant is None:
        if can_manage_bloc_covenant(actor, bloc=bloc):
            return None
        raise NotFound()
    if not bloc_covenant_readable(actor, covenant, _member_units(bloc, year)):
        raise NotFound()
    return covenant


@dataclass(frozen=True)
class MemberRow:
    seat: Seat
    targets: list[CovenantTarget]
    acknowledgement: CovenantAcknowledgement | None
    can_acknowledge: bool
    can_report: bool

    @property
    def must_acknowledge(self) -> bool:
        return self.seat.membership.left_on is None


@dataclass(frozen=True)
class BlocCovenantPage:
    covenant: BlocCovenant
    rows: list[MemberRow]
    can_manage: bool

    @property
    def acknowledged_count(self) -> int:
        return sum(1 for row in self.rows if row.acknowledgement is not None)

    @property
    def member_count(self) -> int:
        return sum(1 for row in self.rows if row.must_acknowledge)


def bloc_covenant_page(*, actor: Actor, covenant: BlocCovenant) -> BlocCovenantPage:
    """Content, targets per member, acknowledgements with who and when (constant queries)."""
    seats = bloc_year_composition(bloc=covenant.bloc, year=covenant.year).seats
    targets: dict[int, list[CovenantTarget]] = defaultdict(list)
    for target in CovenantTarget.objects.filter(bloc_covenant=covenant).order_by("pk"):
        targets[target.unit_id].append(target)
    acknowledgements = {
        a.unit_id: a
        for a in CovenantAcknowledgement.objects.filter(covenant=covenant).select_related("acknowledged_by")
    }
    rows = [
        MemberRow(
            seat=seat,
            targets=targets.get(seat.membership.unit_id, []),
            acknowledgement=acknowledgements.get(seat.membership.unit_id),
            can_acknowledge=covenant.is_open
            and seat.membership.left_on is None
            and seat.membership.unit_id not in acknowledgements
            and can_acknowledge_for(actor, unit=seat.membership.unit),
            can_report=not covenant.is_draft and can_report_progress(actor, unit=seat.membership.unit),
        )
        for seat in seats
    ]
    return BlocCovenantPage(
        covenant=covenant, rows=rows, can_manage=can_manage_bloc_covenant(actor, bloc=covenant.bloc)
    )


def _unit_blocs(unit: Unit, year: int) -> list[Bloc]:
    return [m.bloc for m in BlocMembership.objects.filter(unit=unit, year=year).select_related("bloc__province")]


def unit_covenant_access(*, actor: Actor, covenant_id: int) -> UnitCovenantWithCommittee:
    covenant = (
        UnitCovenantWithCommittee.objects.select_related("unit").filter(pk=covenant_id).first()
        if _signed_in(actor)
        else None
    )
    if covenant is None or not can_read_unit_covenant(
        actor, unit=covenant.unit, blocs=_unit_blocs(covenant.unit, covenant.year)
    ):
        raise NotFound()
    return covenant


def unit_covenant_targets(*, covenant: UnitCovenantWithCommittee) -> list[CovenantTarget]:
    return list(
        CovenantTarget.objects.filter(unit_covenant=covenant).prefetch_related("reports__reported_by").order_by("pk")
    )


def unit_for_covenant_record(*, actor: Actor, unit_id: int) -> Unit:
    """A unit whose covenant with UBND tỉnh the actor may record, else NotFound."""
    unit = Unit.objects.filter(pk=unit_id).first() if _signed_in(actor) else None
    if unit is None or not can_record_unit_covenant(actor, unit=unit):
        raise NotFound()
    return unit


def target_access_for_report(*, actor: Actor, target_id: int) -> CovenantTarget:
    """A target the actor may report progress on (the target unit's own roles), else NotFound."""
    target = (
        CovenantTarget.objects.select_related("unit", "bloc_covenant", "unit_covenant").filter(pk=target_id).first()
        if _signed_in(actor)
        else None
    )
    if target is None or not can_report_progress(actor, unit=target.unit):
        raise NotFound()
    return target


def target_reports(*, target: CovenantTarget) -> dict[str, CovenantProgressReport]:
    return {r.period: r for r in CovenantProgressReport.objects.filter(target=target).select_related("reported_by")}
