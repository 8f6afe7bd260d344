"""A person's posts over time (quá trình công tác): moving between units and leaving the service."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from thidua.people import audit
from thidua.people.errors import EndDateInvalid, MoveDateInvalid, PersonNotInService, PersonNotManageable
from thidua.people.models import Assignment, Person
from thidua.people.permissions import can_manage_people_of
from thidua.people.services._common import check_unit_active, full_clean_or_refuse

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit


def _lock_open_assignment(person: Person) -> Assignment:
    """Lock the person row, then their open assignment. Must run inside a transaction."""
    Person.objects.select_for_update().filter(pk=person.pk).first()
    current = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("unit", "person")
        .filter(person_id=person.pk, ends_on__isnull=True)
        .first()
    )
    if current is None:
        raise PersonNotInService()
    return current


def assignment_move(
    *,
    actor: User | None,
    person: Person,
    unit: Unit,
    starts_on: dt.date,
    category: str,
    position: str = "",
) -> Assignment:
    """Move a person to a new post (điều động, luân chuyển, bổ nhiệm) from ``starts_on``.

    The open post ends on ``starts_on`` - 1 day and the new one opens; the person, and so their emulation history,
    is the same row. The actor must manage the people of both the unit left and the unit joined. Refuses with
    PersonNotInService, PersonNotManageable, MoveDateInvalid (not after the current post's start), UnitNotActive.
    """
    with transaction.atomic():
        current = _lock_open_assignment(person)
        if actor is not None and not (
            can_manage_people_of(actor, unit=current.unit) and can_manage_people_of(actor, unit=unit)
        ):
            raise PersonNotManageable()
        if starts_on <= current.starts_on:
            raise MoveDateInvalid()
        check_unit_active(unit, on=starts_on)
        opened = Assignment(
            person=current.person, unit=unit, position=position.strip(), category=category, starts_on=starts_on
        )
        full_clean_or_refuse(opened, exclude=["person"])
        current.ends_on = starts_on - dt.timedelta(days=1)
        current.save(update_fields=["ends_on", "updated_at"])
        opened.save()
        audit.assignment_moved_event(person=current.person, ended=current, opened=opened, actor=actor)
    return opened


def assignment_end(*, actor: User | None, person: Person, ends_on: dt.date) -> Assignment:
    """The person leaves the service (nghỉ hưu, thôi việc, chuyển công tác ra ngoài) after ``ends_on``.

    Their history stays. Refuses with PersonNotInService, PersonNotManageable, EndDateInvalid.
    """
    with transaction.atomic():
        current = _lock_open_assignment(person)
        if actor is not None and not can_manage_people_of(actor, unit=current.unit):
            raise PersonNotManageable()
        if ends_on < current.starts_on:
            raise EndDateInvalid()
        current.ends_on = ends_on
        current.save(update_fields=["ends_on", "updated_at"])
        audit.assignment_ended_event(person=current.person, ended=current, actor=actor)
    return current
