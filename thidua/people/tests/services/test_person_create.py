"""person_create: a person and their first post, in one transaction with an audit event; refusals change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from thidua.core.models import AuditEvent
from thidua.organizations.tests.factories import UnitFactory
from thidua.people.choices import Gender, StaffCategory
from thidua.people.errors import PersonInvalid, PersonnelCodeTaken, PersonNotManageable, UnitNotActive
from thidua.people.models import Assignment
from thidua.people.services import person_create
from thidua.people.tests.conftest import CODE, Staff, actor_of, state


def _create(actor: Any, unit: Any, **overrides: Any) -> Any:
    values: dict[str, Any] = {
        "full_name": "  Trần   Thị Hoa ",
        "gender": Gender.FEMALE,
        "unit": unit,
        "category": StaffCategory.PUBLIC_EMPLOYEE,
        "starts_on": dt.date(2020, 3, 1),
        "position": "Chuyên viên",
        "birth_date": dt.date(1990, 1, 2),
        "personnel_code": "QN-777",
    }
    values.update(overrides)
    return person_create(actor=actor, **values)


def test_creates_the_person_their_first_post_and_an_audit_event_without_personal_data(staff: Staff) -> None:
    # given
    before = state()
    # when
    person = _create(staff.w.head_a, staff.w.a1)
    # then
    assert (person.full_name, person.search_name, person.personnel_code) == ("Trần Thị Hoa", "tran thi hoa", "QN-777")
    post = Assignment.objects.get(person=person)
    assert (post.unit, post.starts_on, post.ends_on, post.position) == (
        staff.w.a1,
        dt.date(2020, 3, 1),
        None,
        "Chuyên viên",
    )
    assert state() == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 1)
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.target_id) == ("people.person_created", staff.w.head_a, str(person.pk))
    assert "QN-777" not in str(event.after) and "1990" not in str(event.after)


@pytest.mark.parametrize(
    ("_case", "actor"),
    [
        ("province office", "province_office"),
        ("head of the unit", "head_a"),
        ("officer of the unit", "officer_a"),
        ("the system", "anonymous"),
    ],
)
def test_who_may_add_people_to_unit_a(staff: Staff, _case: str, actor: str) -> None:
    person = _create(actor_of(actor)(staff), staff.w.a)
    assert Assignment.objects.get(person=person).unit == staff.w.a


@pytest.mark.parametrize(
    ("_case", "actor"),
    [
        ("head of another unit", "head_b"),
        ("officer of another unit", "officer_b"),
        ("officer of a unit below", "officer_a1"),
        ("office of another province", "q_office"),
        ("bloc secretariat", "secretariat"),
        ("delegate", "delegate"),
        ("council member", "council"),
        ("no role", "plain"),
    ],
)
def test_refuses_actors_who_do_not_manage_the_unit_and_changes_nothing(staff: Staff, _case: str, actor: str) -> None:
    # given
    before = state()
    # when / then
    with pytest.raises(PersonNotManageable):
        _create(actor_of(actor)(staff), staff.w.a)
    assert state() == before


def test_refuses_a_personnel_code_already_in_use(staff: Staff) -> None:
    before = state()
    with pytest.raises(PersonnelCodeTaken):
        _create(staff.w.province_office, staff.w.a, personnel_code=f" {CODE} ")
    assert state() == before


def test_people_without_a_code_do_not_clash(staff: Staff) -> None:
    first = _create(None, staff.w.a, personnel_code="")
    second = _create(None, staff.w.a, personnel_code="")
    assert first.pk != second.pk


@pytest.mark.parametrize(
    ("_case", "valid_from", "valid_to", "starts_on"),
    [
        ("unit not yet founded", dt.date(2021, 1, 1), None, dt.date(2020, 12, 31)),
        ("unit already closed", None, dt.date(2020, 6, 30), dt.date(2020, 3, 1)),
        ("post begins after the unit ended", None, dt.date(2020, 6, 30), dt.date(2020, 7, 1)),
    ],
)
def test_refuses_a_unit_not_active_on_the_date(
    staff: Staff, _case: str, valid_from: dt.date | None, valid_to: dt.date | None, starts_on: dt.date
) -> None:
    unit = UnitFactory(parent=staff.w.p, valid_from=valid_from, valid_to=valid_to)
    before = state()
    with pytest.raises(UnitNotActive):
        _create(staff.w.province_office, unit, starts_on=starts_on)
    assert state() == before


@pytest.mark.parametrize(
    ("_case", "overrides", "field"),
    [
        ("blank name", {"full_name": "   "}, "full_name"),
        ("unknown gender", {"gender": "other"}, "gender"),
        ("unknown category", {"category": "minister"}, "category"),
    ],
)
def test_refuses_bad_fields_with_vietnamese_messages(staff: Staff, _case: str, overrides: Any, field: str) -> None:
    before = state()
    with pytest.raises(PersonInvalid) as refusal:
        _create(staff.w.province_office, staff.w.a, **overrides)
    assert field in refusal.value.fields
    assert state() == before
