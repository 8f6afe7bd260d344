"""person_update: corrections by those who manage the person's current unit; the audit names fields, not values."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.core.models import AuditEvent
from thidua.people.choices import Gender
from thidua.people.errors import PersonInvalid, PersonnelCodeTaken, PersonNotManageable
from thidua.people.services import assignment_end, person_update
from thidua.people.tests.conftest import Staff, actor_of, state
from thidua.people.tests.factories import PersonFactory


def test_corrects_name_and_personal_data_and_records_which_fields_changed(staff: Staff) -> None:
    # when
    person = person_update(
        actor=staff.officer_a1,
        person=staff.minh,
        full_name="Nguyễn Văn Minh Tuấn",
        gender=Gender.MALE,
        birth_date=dt.date(1979, 3, 9),
        personnel_code="QN-999",
    )
    # then
    person.refresh_from_db()
    assert (person.search_name, person.birth_date, person.personnel_code) == (
        "nguyen van minh tuan",
        dt.date(1979, 3, 9),
        "QN-999",
    )
    event = AuditEvent.objects.latest("id")
    assert event.action == "people.person_updated"
    assert event.after == {
        "full_name": "Nguyễn Văn Minh Tuấn",
        "personal_fields_changed": ["birth_date", "personnel_code"],
    }
    assert "1979" not in str(event.before) + str(event.after)


@pytest.mark.parametrize(
    ("_case", "actor"),
    [
        ("officer of another unit", "officer_b"),
        ("office of another province", "q_office"),
        ("delegate of his unit", "delegate"),
        ("council member", "council"),
        ("bloc secretariat", "secretariat"),
    ],
)
def test_refuses_those_who_do_not_manage_his_unit(staff: Staff, _case: str, actor: str) -> None:
    before = state()
    with pytest.raises(PersonNotManageable):
        person_update(
            actor=actor_of(actor)(staff),
            person=staff.minh,
            full_name="Đổi Tên",
            gender=Gender.FEMALE,
            birth_date=None,
            personnel_code="",
        )
    assert state() == before
    staff.minh.refresh_from_db()
    assert staff.minh.full_name == "Nguyễn Văn Minh"


def test_refuses_a_code_of_someone_else(staff: Staff) -> None:
    other = PersonFactory(unit=staff.w.a1, personnel_code="QN-555")
    before = state()
    with pytest.raises(PersonnelCodeTaken):
        person_update(
            actor=staff.w.province_office,
            person=other,
            full_name=other.full_name,
            gender=other.gender,
            birth_date=None,
            personnel_code=staff.minh.personnel_code,
        )
    assert state() == before


def test_refuses_a_blank_name(staff: Staff) -> None:
    before = state()
    with pytest.raises(PersonInvalid):
        person_update(
            actor=staff.w.province_office,
            person=staff.minh,
            full_name=" ",
            gender="male",
            birth_date=None,
            personnel_code="",
        )
    assert state() == before


def test_the_office_still_manages_someone_who_left_the_service(staff: Staff) -> None:
    # given: Minh retired; his last unit still decides who manages his record
    assignment_end(actor=None, person=staff.minh, ends_on=dt.date(2024, 12, 31))
    # when
    person_update(
        actor=staff.officer_a1,
        person=staff.minh,
        full_name="Nguyễn Văn Minh",
        gender="male",
        birth_date=None,
        personnel_code="",
    )
    # then
    staff.minh.refresh_from_db()
    assert staff.minh.birth_date is None
