"""A bloc's year (BlocYear): copying the composition from the previous year, then confirming it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.emulation import audit
from thidua.emulation.choices import BlocYearStatus, CopySkipReason
from thidua.emulation.errors import (
    BlocYearAlreadyConfirmed,
    BlocYearNotEmpty,
    BlocYearNothingToCopy,
    BlocYearNotReady,
)
from thidua.emulation.models import Bloc, BlocMembership, BlocYear
from thidua.emulation.services._common import (
    bloc_lock,
    bloc_year_get_or_draft,
    check_can_manage,
    check_year,
    full_clean_or_refuse,
    year_bounds,
)
from thidua.emulation.services.memberships import composition_gaps
from thidua.organizations.models import Unit

if TYPE_CHECKING:
    from thidua.accounts.models import User


@dataclass(frozen=True)
class SkippedSeat:
    unit: Unit
    reason: CopySkipReason

    @property
    def reason_label(self) -> str:
        return str(self.reason.label)


@dataclass(frozen=True)
class BlocYearCopyResult:
    bloc_year: BlocYear
    copied: list[BlocMembership]
    skipped: list[SkippedSeat]


def bloc_year_copy_from_previous(*, actor: User | None, bloc: Bloc, year: int) -> BlocYearCopyResult:
    """Start a bloc's year from the previous one: same members, same Khối trưởng and Khối phó.

    The target year must be empty and not confirmed. A seat is not copied when its unit ended before the new year,
    when the unit left the bloc during the previous year, or when the unit already sits in another bloc in the new
    year; the result says which, and why. Locks the units of the previous year, then the bloc (Unit → Bloc order).
    """
    check_can_manage(actor, bloc)
    check_year(year)
    check_year(year - 1)
    first, _last = year_bounds(year)
    with transaction.atomic():
        previous_unit_ids = list(
            BlocMembership.objects.filter(bloc=bloc, year=year - 1).values_list("unit_id", flat=True)
        )
        list(Unit.objects.select_for_update().filter(pk__in=previous_unit_ids).order_by("pk").values_list("pk"))
        locked = bloc_lock(bloc)
        if (
            BlocMembership.objects.filter(bloc=locked, year=year).exists()
            or BlocYear.objects.filter(bloc=locked, year=year, status=BlocYearStatus.CONFIRMED).exists()
        ):
            raise BlocYearNotEmpty()
        previous = list(
            BlocMembership.objects.filter(bloc=locked, year=year - 1).select_related("unit").order_by("unit__name")
        )
        if not previous:
            raise BlocYearNothingToCopy()
        elsewhere = set(
            BlocMembership.objects.filter(year=year, unit_id__in=[m.unit_id for m in previous]).values_list(
                "unit_id", flat=True
            )
        )
        copies: list[BlocMembership] = []
        skipped: list[SkippedSeat] = []
        for seat in previous:
            if seat.unit.valid_to is not None and seat.unit.valid_to < first:
                skipped.append(SkippedSeat(unit=seat.unit, reason=CopySkipReason.ENDED))
            elif seat.left_on is not None:
                skipped.append(SkippedSeat(unit=seat.unit, reason=CopySkipReason.LEFT))
            elif seat.unit_id in elsewhere:
                skipped.append(SkippedSeat(unit=seat.unit, reason=CopySkipReason.ELSEWHERE))
            else:
                copies.append(BlocMembership(bloc=locked, unit=seat.unit, year=year, role=seat.role))
        created = BlocMembership.objects.bulk_create(copies)
        bloc_year = bloc_year_get_or_draft(locked, year)
        audit.bloc_year_copied_event(
            bloc_year=bloc_year,
            actor=actor,
            copied=[m.unit.code for m in created],
            skipped=[{"unit": s.unit.code, "reason": str(s.reason)} for s in skipped],
        )
    return BlocYearCopyResult(bloc_year=bloc_year, copied=created, skipped=skipped)


def bloc_year_confirm(*, actor: User | None, bloc: Bloc, year: int, decision_number: str = "") -> BlocYear:
    """Confirm a bloc's composition for a year (xác nhận): exactly one Khối trưởng, at least one Khối phó (R15).

    Refuses with a Vietnamese message listing what is missing. After confirmation the year changes only by dated
    mid-year changes (see services/memberships.py). Locks the bloc.
    """
    check_can_manage(actor, bloc)
    check_year(year)
    with transaction.atomic():
        locked = bloc_lock(bloc)
        bloc_year = BlocYear.objects.select_for_update().filter(bloc=locked, year=year).first()
        if bloc_year is not None and bloc_year.is_confirmed:
            raise BlocYearAlreadyConfirmed()
        gaps = composition_gaps(bloc=locked, year=year)
        if gaps:
            raise BlocYearNotReady(
                _("Chưa thể xác nhận thành phần khối năm %(year)s: %(gaps)s.") % {"year": year, "gaps": "; ".join(gaps)}
            )
        bloc_year = bloc_year or bloc_year_get_or_draft(locked, year)
        bloc_year.status = BlocYearStatus.CONFIRMED
        bloc_year.confirmed_at = timezone.now()
        bloc_year.confirmed_by = actor
        bloc_year.decision_number = decision_number.strip()
        full_clean_or_refuse(bloc_year)
        bloc_year.save()
        audit.bloc_year_confirmed_event(bloc_year=bloc_year, actor=actor)
    return bloc_year
