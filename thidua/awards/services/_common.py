"""Checks shared by the awards services: subjects within reach, years and dates, field errors."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.errors import FactInvalid, FactNotEditable
from thidua.awards.models import YEAR_MAX, YEAR_MIN
from thidua.awards.permissions import AwardsPermission, can_record_facts_of_unit, person_within_reach

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit
    from thidua.people.models import Person


def today(now: dt.datetime | None) -> dt.date:
    return timezone.localdate(now or timezone.now())


def year_error(year: int, *, now: dt.datetime | None) -> str | None:
    """A year of achievement or rating: 2000–2100 and not in the future."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        return _("Năm phải trong khoảng %(low)s–%(high)s.") % {"low": YEAR_MIN, "high": YEAR_MAX}
    if year > today(now).year:
        return _("Không thể ghi nhận cho một năm chưa đến.")
    return None


def date_error(day: dt.date, *, now: dt.datetime | None) -> str | None:
    """A date that has happened, within 2000–2100."""
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        return _("Ngày phải trong khoảng năm %(low)s–%(high)s.") % {"low": YEAR_MIN, "high": YEAR_MAX}
    if day > today(now):
        return _("Ngày không được sau hôm nay.")
    return None


def raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise FactInvalid(fields=errors)


def add(errors: dict[str, list[str]], name: str, message: str | None) -> None:
    if message:
        errors.setdefault(name, []).append(message)


def subject_of(*, person: Person | None, unit: Unit | None) -> tuple[Person | None, Unit | None]:
    """Exactly one of a person and a unit."""
    if (person is None) == (unit is None):
        raise FactInvalid(fields={"subject": [_("Chọn một cá nhân hoặc một tập thể (chỉ một).")]})
    return person, unit


def check_reach(actor: User | None, *, person: Person | None, unit: Unit | None, year: int) -> None:
    """The actor records facts of this person (for ``year``) or unit; ``actor=None`` is the system."""
    if actor is None:
        return
    if person is not None:
        if not person_within_reach(actor, AwardsPermission.FACTS_RECORD, person_id=person.pk, year=year):
            raise FactNotEditable()
    elif unit is not None and not can_record_facts_of_unit(actor, unit=unit):
        raise FactNotEditable()


def full_clean(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise FactInvalid(fields={k: [str(m) for m in v] for k, v in error.message_dict.items()}) from error


def subject_summary(*, person_id: int | None, unit_id: int | None) -> dict[str, int | None]:
    return {"person_id": person_id, "unit_id": unit_id}
