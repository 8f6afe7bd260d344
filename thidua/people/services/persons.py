"""Adding and correcting people (cán bộ, công chức, viên chức, người lao động)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from thidua.people import audit
from thidua.people.errors import PersonnelCodeTaken, PersonNotManageable
from thidua.people.models import Assignment, Person
from thidua.people.permissions import can_manage_people_of
from thidua.people.selectors import assignment_current
from thidua.people.services._common import check_unit_active, full_clean_or_refuse

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit

_PERSONAL_FIELDS = ("gender", "birth_date", "personnel_code")


def _check_code_free(personnel_code: str, *, exclude_pk: int | None = None) -> None:
    if not personnel_code:
        return
    same = Person.objects.filter(personnel_code=personnel_code)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    if same.exists():
        raise PersonnelCodeTaken()


def person_create(
    *,
    actor: User | None,
    full_name: str,
    gender: str,
    unit: Unit,
    category: str,
    starts_on: dt.date,
    position: str = "",
    birth_date: dt.date | None = None,
    personnel_code: str = "",
) -> Person:
    """Add a person and their first post (quá trình công tác) at ``unit`` from ``starts_on``, in one transaction.

    ``actor=None`` is the system (demo loader, imports confirmed by the office). Refuses with PersonNotManageable
    unless the actor manages the people of ``unit``, UnitNotActive when the unit does not exist on ``starts_on`` or
    has closed, PersonnelCodeTaken for a code already in use, PersonInvalid for a bad field. Nothing is written on
    a refusal.
    """
    if actor is not None and not can_manage_people_of(actor, unit=unit):
        raise PersonNotManageable()
    check_unit_active(unit, on=starts_on)
    full_name, personnel_code = " ".join(full_name.split()), personnel_code.strip()
    _check_code_free(personnel_code)
    person = Person(full_name=full_name, gender=gender, birth_date=birth_date, personnel_code=personnel_code)
    full_clean_or_refuse(person)
    assignment = Assignment(person=person, unit=unit, position=position.strip(), category=category, starts_on=starts_on)
    full_clean_or_refuse(assignment, exclude=["person"])
    try:
        with transaction.atomic():
            person.save()
            assignment.person = person
            assignment.save()
            audit.person_created_event(person=person, assignment=assignment, actor=actor)
    except IntegrityError as error:
        # Two imports racing for the same code: the partial unique constraint decides.
        raise PersonnelCodeTaken() from error
    return person


def person_update(
    *,
    actor: User | None,
    person: Person,
    full_name: str,
    gender: str,
    birth_date: dt.date | None,
    personnel_code: str,
) -> Person:
    """Correct a person's name and personal data. Their posts change through ``assignment_move``/``assignment_end``.

    Refuses with PersonNotManageable unless the actor manages the people of the person's current unit.
    """
    current = assignment_current(person)
    if actor is not None and (current is None or not can_manage_people_of(actor, unit=current.unit)):
        raise PersonNotManageable()
    full_name, personnel_code = " ".join(full_name.split()), personnel_code.strip()
    try:
        with transaction.atomic():
            locked = Person.objects.select_for_update().get(pk=person.pk)
            _check_code_free(personnel_code, exclude_pk=locked.pk)
            before_name = locked.full_name
            before_personal = {name: getattr(locked, name) for name in _PERSONAL_FIELDS}
            locked.full_name, locked.gender = full_name, gender
            locked.birth_date, locked.personnel_code = birth_date, personnel_code
            full_clean_or_refuse(locked)
            locked.save()
            changed = [name for name in _PERSONAL_FIELDS if getattr(locked, name) != before_personal[name]]
            audit.person_updated_event(
                person=locked, actor=actor, before_name=before_name, personal_fields_changed=changed
            )
    except IntegrityError as error:
        raise PersonnelCodeTaken() from error
    return locked
