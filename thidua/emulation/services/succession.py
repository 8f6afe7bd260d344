"""Bloc seats follow a unit's succession (registered with thidua.organizations.succession in EmulationConfig.ready).

When a unit ends by merger (or split, or closure with a successor) on day D (``effective_on``):

- its seat in D's year ends on D-1 (``left_on``), and the successor takes a seat in the same bloc and year from D
  (``joined_on``, as a member: the bloc elects its Khối trưởng and Khối phó itself), unless it already sits somewhere
  that year;
- its seats of later years move to the successor when the successor has none that year, and are removed otherwise;
- the past stays on the historical unit. A merger on 1 January treats D's year as a later year.

Runs inside the change's transaction, which already holds the locks on both units (lock order Unit → Bloc).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from thidua.emulation import audit
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.services._common import year_bounds

if TYPE_CHECKING:
    from thidua.organizations.succession import Succession


def bloc_seats_succeed(succession: Succession) -> None:
    """Carry the predecessor's current and future bloc seats to its successor (see the module docstring)."""
    predecessor, successor, day = succession.predecessor, succession.successor, succession.effective_on
    if predecessor.pk == successor.pk:
        return
    seats = list(
        BlocMembership.objects.filter(unit=predecessor, year__gte=day.year)
        .select_related("bloc", "unit")
        .order_by("year")
    )
    if not seats:
        return
    list(Bloc.objects.select_for_update().filter(pk__in={s.bloc_id for s in seats}).order_by("pk").values_list("pk"))
    seats = list(
        BlocMembership.objects.select_for_update(of=("self",))
        .filter(pk__in=[s.pk for s in seats])
        .select_related("bloc", "unit")
        .order_by("year")
    )
    successor_years = set(
        BlocMembership.objects.filter(unit=successor, year__gte=day.year).values_list("year", flat=True)
    )
    legal_basis = succession.change.legal_basis
    last_day, actor = succession.last_day, succession.actor
    for seat in seats:
        first, _last = year_bounds(seat.year)
        if seat.year == day.year and day > first and seat.starts_on <= last_day:
            was_sitting = seat.left_on is None or seat.left_on >= last_day
            if seat.left_on is None or seat.left_on > last_day:
                seat.left_on = last_day
                seat.save(update_fields=["left_on", "updated_at"])
                audit.bloc_seat_succeeded_event(membership=seat, actor=actor, step="ended", legal_basis=legal_basis)
            if was_sitting and seat.year not in successor_years:
                heir = BlocMembership(
                    bloc=seat.bloc,
                    unit=successor,
                    year=seat.year,
                    role=BlocRole.MEMBER,
                    joined_on=day,
                    note=(_("Kế thừa %(unit)s theo %(basis)s") % {"unit": predecessor.name, "basis": legal_basis})[
                        :300
                    ],
                )
                heir.save()
                successor_years.add(seat.year)
                audit.bloc_seat_succeeded_event(membership=heir, actor=actor, step="seated", legal_basis=legal_basis)
        elif seat.year not in successor_years:
            seat.unit = successor
            if seat.joined_on is not None and seat.joined_on < day:
                seat.joined_on = day
            seat.save(update_fields=["unit", "joined_on", "updated_at"])
            successor_years.add(seat.year)
            audit.bloc_seat_succeeded_event(membership=seat, actor=actor, step="moved", legal_basis=legal_basis)
        else:
            audit.bloc_seat_succeeded_event(membership=seat, actor=actor, step="removed", legal_basis=legal_basis)
            seat.delete()
