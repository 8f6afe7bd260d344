"""Reads of the people app (STYLE S12).

Pages, API responses and exports read people through :class:`PersonView`, never through the model: the selector
decides once, per person, whether the actor may see the personal data (gender, date of birth, personnel code), and
when not, those fields are ``None``. A template or schema cannot leak what it never receives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, Case, F, OuterRef, QuerySet, Subquery, Value, When

from thidua.core.exceptions import NotFound
from thidua.core.text import fold
from thidua.organizations.models import Unit
from thidua.people.choices import Gender, StaffCategory
from thidua.people.models import Assignment, Person
from thidua.people.permissions import (
    PeoplePermission,
    can_manage_people_of,
    can_view_people,
    can_view_personal_data,
    personal_data_unit_scope,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from thidua.accounts.scoping import Actor

MAX_SEARCH_LENGTH = 100
PICKER_MIN_SEARCH_LENGTH = 2
PICKER_LIMIT = 20


@dataclass(frozen=True)
class PersonView:
    """A person as the actor may see them. Personal fields are ``None`` unless ``can_view_personal``."""

    id: int
    full_name: str
    unit_id: int | None
    unit_name: str
    position: str
    category: str
    category_label: str
    is_in_service: bool
    can_view_personal: bool
    gender: str | None = None
    gender_label: str | None = None
    birth_date: dt.date | None = None
    personnel_code: str | None = None


@dataclass(frozen=True)
class AssignmentView:
    """One period of a person's posts, with the unit's name as it was when the period began."""

    id: int
    unit_id: int
    unit_name: str
    unit_current_name: str
    position: str
    category: str
    category_label: str
    starts_on: dt.date
    ends_on: dt.date | None


@dataclass(frozen=True)
class PersonDetail:
    person: PersonView
    assignments: list[AssignmentView]
    can_manage: bool


def _latest_assignment() -> QuerySet[Assignment]:
    """The current post (the open one), or the last one for someone who left."""
    return Assignment.objects.filter(person=OuterRef("pk")).order_by(F("ends_on").desc(nulls_first=True), "-starts_on")


def _with_current_post(qs: QuerySet[Person], actor: Actor) -> QuerySet[Person]:
    latest = _latest_assignment()
    qs = qs.annotate(
        current_unit_id=Subquery(latest.values("unit_id")[:1]),
        current_unit_name=Subquery(latest.values("unit__name")[:1]),
        current_position=Subquery(latest.values("position")[:1]),
        current_category=Subquery(latest.values("category")[:1]),
        current_ends_on=Subquery(latest.values("ends_on")[:1]),
    )
    if not can_view_people(actor) or not _holds_personal_anywhere(actor):
        return qs.annotate(personal_visible=Value(False, output_field=BooleanField()))
    units = personal_data_unit_scope(actor).values("pk")
    return qs.annotate(personal_visible=Case(When(current_unit_id__in=units, then=Value(True)), default=Value(False)))


def _holds_personal_anywhere(actor: Actor) -> bool:
    from thidua.accounts.scoping import has_permission

    return has_permission(actor, PeoplePermission.PERSON_VIEW_PERSONAL)


def _view_of(person: Any) -> PersonView:
    """Build the view of a person annotated by :func:`_with_current_post`."""
    visible = bool(person.personal_visible)
    category = person.current_category or ""
    return PersonView(
        id=person.pk,
        full_name=person.full_name,
        unit_id=person.current_unit_id,
        unit_name=person.current_unit_name or "",
        position=person.current_position or "",
        category=category,
        category_label=str(StaffCategory(category).label) if category else "",
        is_in_service=person.current_unit_id is not None and person.current_ends_on is None,
        can_view_personal=visible,
        gender=person.gender if visible else None,
        gender_label=str(Gender(person.gender).label) if visible and person.gender else None,
        birth_date=person.birth_date if visible else None,
        personnel_code=person.personnel_code if visible else None,
    )


def person_views_from(people: Iterable[Person]) -> list[PersonView]:
    """Views of people fetched through :func:`person_list_visible_to` (e.g. one page of it)."""
    return [_view_of(person) for person in people]


def person_list_visible_to(*, actor: Actor, search: str = "", unit: Unit | None = None) -> QuerySet[Person]:
    """People the actor may see, by name, each annotated with their current post (one query per page).

    ``search`` ignores diacritics and word order ("nguyen van minh" finds "Nguyễn Văn Minh"); ``unit`` keeps the
    people currently working in that unit or a unit below it. Turn the rows into views with
    :func:`person_views_from`: never hand the rows themselves to a page or an API.
    """
    if not can_view_people(actor):
        return Person.objects.none()
    qs = Person.objects.all()
    for word in fold(search[:MAX_SEARCH_LENGTH]).split():
        qs = qs.filter(search_name__contains=word)
    if unit is not None:
        qs = qs.filter(assignments__ends_on__isnull=True, assignments__unit__path__startswith=unit.path)
    return _with_current_post(qs, actor).order_by("search_name", "id")


def person_search_is_too_short(search: str) -> bool:
    """Fewer than two letters (spaces aside): a picker asks for more rather than offering half the province."""
    return len(fold(search[:MAX_SEARCH_LENGTH]).replace(" ", "")) < PICKER_MIN_SEARCH_LENGTH


def person_picker_options(
    *, actor: Actor, search: str, within: QuerySet[Person] | None = None, limit: int = PICKER_LIMIT
) -> tuple[list[PersonView], bool]:
    """People a picker offers for ``search``: those :func:`person_list_visible_to` finds, narrowed to ``within`` (the
    people the form accepts, if narrower), at most ``limit`` of them, and whether there are more (one query).

    Nobody, and no query, for a search shorter than two letters.
    """
    if person_search_is_too_short(search):
        return [], False
    qs = person_list_visible_to(actor=actor, search=search)
    if within is not None:
        qs = qs.filter(pk__in=within.values("pk"))
    people = person_views_from(qs[: limit + 1])
    return people[:limit], len(people) > limit


def person_view_get(*, actor: Actor, person_id: int) -> PersonView:
    """One person as the actor may see them; NotFound for a missing person or an actor who may not see people."""
    person = person_list_visible_to(actor=actor).filter(pk=person_id).first()
    if person is None:
        raise NotFound()
    return _view_of(person)


def person_access(*, actor: Actor, person_id: int) -> Person:
    """The person row, for a service call (the service re-checks the permission to change it). Never render it."""
    person = Person.objects.filter(pk=person_id).first() if can_view_people(actor) else None
    if person is None:
        raise NotFound()
    return person


def _name_on(unit: Unit, day: dt.date) -> str:
    for name in unit.names.all():
        if (name.valid_from is None or name.valid_from <= day) and (name.valid_to is None or day <= name.valid_to):
            return name.name
    return unit.name


def person_detail(*, actor: Actor, person_id: int) -> PersonDetail:
    """A person's page: who they are (personal data only if allowed) and their posts over time, newest first.

    Each period shows its unit under the name the unit bore when the period began (UnitName), so a 2019 post reads
    "Sở Thông tin và Truyền thông" even after the merger into Sở Khoa học và Công nghệ.
    """
    view = person_view_get(actor=actor, person_id=person_id)
    rows = (
        Assignment.objects.filter(person_id=view.id)
        .select_related("unit")
        .prefetch_related("unit__names")
        .order_by("-starts_on", "-id")
    )
    assignments = [
        AssignmentView(
            id=row.pk,
            unit_id=row.unit_id,
            unit_name=_name_on(row.unit, row.starts_on),
            unit_current_name=row.unit.name,
            position=row.position,
            category=row.category,
            category_label=str(StaffCategory(row.category).label),
            starts_on=row.starts_on,
            ends_on=row.ends_on,
        )
        for row in rows
    ]
    current_unit = rows[0].unit if assignments else None
    can_manage = current_unit is not None and view.is_in_service and can_manage_people_of(actor, unit=current_unit)
    return PersonDetail(person=view, assignments=assignments, can_manage=can_manage)


def person_unit_of(*, person: Person) -> Unit | None:
    """The unit of the person's current (or last) post."""
    current = assignment_current(person)
    return current.unit if current is not None else None


def assignment_current(person: Person) -> Assignment | None:
    """The person's open post, or their last one if they left the service."""
    return (
        Assignment.objects.filter(person_id=person.pk)
        .select_related("unit")
        .order_by(F("ends_on").desc(nulls_first=True), "-starts_on")
        .first()
    )


def person_can_view_personal(*, actor: Actor, person: Person) -> bool:
    """May the actor see this person's personal data (for callers that hold a row, e.g. a form's initial values)?"""
    return can_view_personal_data(actor, unit=person_unit_of(person=person))


def unit_people_current(*, actor: Actor, unit: Unit, limit: int = 50) -> tuple[list[PersonView], int]:
    """People whose open post is in ``unit`` itself (not the units below): at most ``limit`` of them, and the count.

    Two queries whatever the size of the unit.
    """
    if not can_view_people(actor):
        return [], 0
    qs = Person.objects.filter(assignments__ends_on__isnull=True, assignments__unit=unit)
    total = qs.count()
    people = _with_current_post(qs, actor).order_by("search_name", "id")[:limit]
    return person_views_from(people), total


def person_find_duplicates(full_name: str, birth_date: dt.date | None) -> QuerySet[Person]:
    """People who look like the same person: same name ignoring diacritics and spacing, same date of birth.

    Unscoped, for imports run by the office (the import decides what to show). An import row "Nguyen Van Minh,
    01/02/1980" matches "Nguyễn Văn Minh" born that day.
    """
    qs = Person.objects.filter(search_name=fold(full_name))
    return qs.filter(birth_date=birth_date) if birth_date is not None else qs.filter(birth_date__isnull=True)


def unit_choices_for_people(*, actor: Actor) -> QuerySet[Unit]:
    """Units offered in the list's filter: the whole tree (people's names and units are visible to every role)."""
    return Unit.objects.all().order_by("path") if can_view_people(actor) else Unit.objects.none()
