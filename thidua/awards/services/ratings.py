"""Recording task-completion ratings (xếp loại mức độ hoàn thành nhiệm vụ) of people and collectives."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards import audit
from thidua.awards.models import RatingLevel, TaskRating
from thidua.awards.services._common import add, check_reach, full_clean, raise_if, subject_of, year_error

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit
    from thidua.people.models import Person


def task_rating_summary(rating: TaskRating) -> dict[str, Any]:
    return {
        "person_id": rating.person_id,
        "unit_id": rating.unit_id,
        "year": rating.year,
        "rating": rating.rating,
        "source": rating.source,
    }


def task_rating_set(
    *,
    actor: User | None,
    year: int,
    rating: str,
    person: Person | None = None,
    unit: Unit | None = None,
    source: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> TaskRating:
    """Record (or correct) the rating of a person or a collective for ``year``: one per subject and year.

    Refuses with FactNotEditable unless the actor records facts of the subject (the province office of its province,
    the unit's head or officer), and FactInvalid for a year outside 2000–2100 or in the future, or an unknown rating.
    The row is locked while it changes; nothing is written on a refusal.
    """
    person, unit = subject_of(person=person, unit=unit)
    errors: dict[str, list[str]] = {}
    add(errors, "year", year_error(year, now=now))
    if rating not in RatingLevel.values:
        add(errors, "rating", _("Mức xếp loại không hợp lệ."))
    raise_if(errors)
    check_reach(actor, person=person, unit=unit, year=year)
    with transaction.atomic():
        existing = TaskRating.objects.select_for_update().filter(person=person, unit=unit, year=year).first()
        before = task_rating_summary(existing) if existing is not None else None
        record = existing or TaskRating(person=person, unit=unit, year=year)
        record.rating, record.source, record.note = rating, source.strip(), note.strip()
        full_clean(record, exclude=["person", "unit"])
        record.save()
        audit.task_rating_set_event(rating=record, before=before, after=task_rating_summary(record), actor=actor)
    return record


def task_rating_delete(*, actor: User | None, rating: TaskRating) -> None:
    """Delete a rating entered by mistake (the audit event keeps it). Refuses like ``task_rating_set``."""
    check_reach(actor, person=rating.person, unit=rating.unit, year=rating.year)
    with transaction.atomic():
        locked = TaskRating.objects.select_for_update().get(pk=rating.pk)
        audit.fact_deleted_event(
            action="awards.task_rating_deleted", fact=locked, before=task_rating_summary(locked), actor=actor
        )
        locked.delete()
