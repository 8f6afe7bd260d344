"""Shared steps of the emulation services: permission re-check, locks and the year's status."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from thidua.core.exceptions import ValidationFailed
from thidua.emulation.choices import BlocYearStatus
from thidua.emulation.errors import BlocNotManageable
from thidua.emulation.models import Bloc, BlocYear
from thidua.emulation.permissions import can_manage_bloc

if TYPE_CHECKING:
    from thidua.accounts.models import User

# The bounds of BlocMembership.year and BlocYear.year (their validators).
MIN_YEAR, MAX_YEAR = 2000, 2100


def check_can_manage(actor: User | None, bloc: Bloc) -> None:
    """``actor=None`` is the system (demo loader, succession of units); anyone else must be the province's office."""
    if actor is not None and not can_manage_bloc(actor, bloc=bloc):
        raise BlocNotManageable()


def bloc_lock(bloc: Bloc) -> Bloc:
    """Lock the bloc row: every change to a bloc's seats and years is serialised on it (caller holds the transaction).

    Lock order is Unit → Bloc everywhere (``unit_change_record`` locks units before the succession handler runs).
    """
    return Bloc.objects.select_for_update().get(pk=bloc.pk)


def bloc_year_get_or_draft(bloc: Bloc, year: int) -> BlocYear:
    """The bloc's year row, created as a draft on first use. Caller holds the bloc lock."""
    bloc_year, _created = BlocYear.objects.get_or_create(
        bloc=bloc, year=year, defaults={"status": BlocYearStatus.DRAFT}
    )
    return bloc_year


def bloc_year_is_confirmed(bloc: Bloc, year: int) -> bool:
    return BlocYear.objects.filter(bloc=bloc, year=year, status=BlocYearStatus.CONFIRMED).exists()


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def full_clean_or_refuse(instance: Model) -> None:
    """``full_clean()``, with a refusal the views and the API know how to show (never a bare ValidationError)."""
    try:
        instance.full_clean()
    except DjangoValidationError as error:
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        raise ValidationFailed(fields=fields) from error


def check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationFailed(
            _("Năm thi đua phải từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            fields={"year": [_("Năm thi đua phải từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}]},
        )
