"""Reads of the emulation app: blocs, their years and seats, scoped to what the actor may see (S12).

Unit names are shown as they were: a seat of 2019 reads with the unit's name at the end of 2019 (or at the seat's
end), so the 2019 page still says "Sở Thông tin và Truyền thông" after the unit merged away (DOMAIN §6.1).
Every read here runs a constant number of queries, whatever the number of seats or years.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from thidua.core.exceptions import NotFound
from thidua.emulation.choices import BlocRole, BlocYearStatus
from thidua.emulation.models import Bloc, BlocMembership, BlocYear
from thidua.emulation.permissions import bloc_scope_for_view, can_manage_bloc, is_signed_in
from thidua.organizations.models import Unit, UnitName

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor


@dataclass(frozen=True)
class Seat:
    """A seat as shown: the membership and the unit's name as of the seat's year."""

    membership: BlocMembership
    unit_name: str
    unit_short_name: str

    @property
    def is_leader(self) -> bool:
        return self.membership.role == BlocRole.LEADER

    @property
    def is_deputy(self) -> bool:
        return self.membership.role == BlocRole.DEPUTY


@dataclass(frozen=True)
class YearSummary:
    year: int
    status: str
    member_count: int

    @property
    def is_confirmed(self) -> bool:
        return self.status == BlocYearStatus.CONFIRMED


@dataclass(frozen=True)
class BlocYearComposition:
    """A bloc's composition in one year: its status and its seats (leader first, then deputies, then members)."""

    bloc: Bloc
    year: int
    bloc_year: BlocYear | None
    seats: list[Seat]

    @property
    def status(self) -> str:
        return self.bloc_year.status if self.bloc_year is not None else BlocYearStatus.DRAFT

    @property
    def is_confirmed(self) -> bool:
        return self.status == BlocYearStatus.CONFIRMED

    @property
    def leader(self) -> Seat | None:
        return next((seat for seat in self.seats if seat.is_leader), None)

    @property
    def deputies(self) -> list[Seat]:
        return [seat for seat in self.seats if seat.is_deputy]


def unit_name_as_of(unit: Unit, day: dt.date) -> tuple[str, str]:
    """The unit's (name, short name) on ``day``, from its prefetched ``names``; the current name when none fits."""
    names: Iterable[UnitName] = unit.names.all()
    fitting = [
        n for n in names if (n.valid_from is None or n.valid_from <= day) and (n.valid_to is None or day <= n.valid_to)
    ]
    if not fitting:
        # Before the first recorded name (or after the last one): the nearest earlier name, else the current one.
        earlier = [n for n in names if n.valid_from is None or n.valid_from <= day]
        fitting = earlier[-1:] if earlier else []
    if fitting:
        return fitting[0].name, fitting[0].short_name or fitting[0].name
    return unit.name, unit.display_name


def _seat_day(membership: BlocMembership) -> dt.date:
    """The day whose name a seat shows: the end of its year or of the seat, or the unit's last day if earlier."""
    day = membership.ends_on
    valid_to = membership.unit.valid_to
    return min(day, valid_to) if valid_to is not None and valid_to >= membership.starts_on else day


def _names_prefetch() -> Prefetch[str]:
    return Prefetch("unit__names", queryset=UnitName.objects.order_by("valid_from", "id"))


def _seats(memberships: Iterable[BlocMembership]) -> list[Seat]:
    seats = []
    for membership in memberships:
        name, short_name = unit_name_as_of(membership.unit, _seat_day(membership))
        seats.append(Seat(membership=membership, unit_name=name, unit_short_name=short_name))
    order = {BlocRole.LEADER: 0, BlocRole.DEPUTY: 1, BlocRole.MEMBER: 2}
    return sorted(seats, key=lambda s: (order.get(BlocRole(s.membership.role), 3), s.unit_name))


def bloc_list_visible_to(*, actor: Actor, search: str = "") -> QuerySet[Bloc]:
    """Blocs the actor may read, with the number of members this year and their latest year."""
    year = timezone.localdate().year
    qs = (
        bloc_scope_for_view(actor)
        .select_related("province")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__year=year)),
            latest_year=Max("memberships__year"),
        )
        .order_by("province__name", "name")
    )
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(short_name__icontains=search))
    return qs


def bloc_access(*, actor: Actor, bloc_id: int, manage: bool = False) -> Bloc:
    """One bloc the actor may read (or, with ``manage``, organise); NotFound for missing and forbidden alike."""
    bloc = bloc_scope_for_view(actor).select_related("province").filter(pk=bloc_id).first()
    if bloc is None or (manage and not can_manage_bloc(actor, bloc=bloc)):
        raise NotFound()
    return bloc


def bloc_membership_access(*, actor: Actor, bloc: Bloc, membership_id: int, manage: bool = False) -> BlocMembership:
    """A seat of ``bloc`` (already checked with bloc_access); NotFound when missing or of another bloc."""
    if manage and not can_manage_bloc(actor, bloc=bloc):
        raise NotFound()
    membership = (
        BlocMembership.objects.select_related("unit", "bloc__province").filter(pk=membership_id, bloc=bloc).first()
    )
    if membership is None:
        raise NotFound()
    return membership


def bloc_year_list(*, bloc: Bloc) -> list[YearSummary]:
    """Every year of the bloc (with seats or a year record), newest first: two queries."""
    counts = dict(
        BlocMembership.objects.filter(bloc=bloc)
        .order_by()
        .values("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    statuses = dict(BlocYear.objects.filter(bloc=bloc).values_list("year", "status"))
    years = sorted(set(counts) | set(statuses), reverse=True)
    return [
        YearSummary(year=y, status=statuses.get(y, BlocYearStatus.DRAFT), member_count=counts.get(y, 0)) for y in years
    ]


def bloc_year_composition(*, bloc: Bloc, year: int) -> BlocYearComposition:
    """The bloc's seats in ``year`` with the unit names of that year: three queries."""
    memberships = (
        BlocMembership.objects.filter(bloc=bloc, year=year).select_related("unit").prefetch_related(_names_prefetch())
    )
    bloc_year = BlocYear.objects.filter(bloc=bloc, year=year).select_related("confirmed_by").first()
    return BlocYearComposition(bloc=bloc, year=year, bloc_year=bloc_year, seats=_seats(memberships))


def bloc_default_year(*, years: list[YearSummary], today: dt.date | None = None) -> int:
    """This year if the bloc has it, else its latest year, else this year."""
    this_year = (today or timezone.localdate()).year
    known = [summary.year for summary in years]
    if this_year in known or not known:
        return this_year
    return max(known)


@dataclass(frozen=True)
class UnitBlocSeat:
    """One line of a unit's history in the blocs: the year, the bloc, the role and the unit's name that year."""

    membership: BlocMembership
    unit_name: str


def unit_bloc_history(*, actor: Actor, unit: Unit) -> list[UnitBlocSeat]:
    """The unit's seats in every year, newest first (two queries); empty for an actor who may not read blocs."""
    if not is_signed_in(actor):
        return []
    memberships = (
        BlocMembership.objects.filter(unit=unit)
        .select_related("bloc", "unit")
        .prefetch_related(_names_prefetch())
        .order_by("-year")
    )
    return [UnitBlocSeat(membership=m, unit_name=unit_name_as_of(m.unit, _seat_day(m))[0]) for m in memberships]


def bloc_unit_candidates(*, bloc: Bloc, year: int) -> QuerySet[Unit]:
    """Units that may take a seat in ``bloc`` in ``year``: of its province, active that year, seated nowhere yet."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (
        Unit.objects.descendants_of(bloc.province, include_self=False)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .exclude(pk__in=BlocMembership.objects.filter(year=year).values("unit_id"))
        .order_by("name")
    )


def province_choices_for_blocs(*, actor: Actor) -> QuerySet[Unit]:
    """Provinces whose blocs the actor organises (for the create form)."""
    from thidua.accounts.scoping import unit_scope
    from thidua.emulation.permissions import EmulationPermission
    from thidua.organizations.choices import UnitKind

    return unit_scope(actor, EmulationPermission.BLOC_MANAGE).filter(kind=UnitKind.PROVINCE).order_by("name")
