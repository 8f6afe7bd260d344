"""assignment_move: the open post ends the day before, the new one opens; the person's history moves with them."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.core.models import AuditEvent
from thidua.organizations.tests.factories import UnitFactory
from thidua.people.choices import StaffCategory
from thidua.people.errors import MoveDateInvalid, PersonNotInService, PersonNotManageable, UnitNotActive
from thidua.people.models import Assignment
from thidua.people.selectors import person_detail
from thidua.people.services import assignment_end, assignment_move
from thidua.people.tests.conftest import Staff, actor_of, state

MOVE_ON = dt.date(2022, 7, 1)


def _move(staff: Staff, actor: object, unit: object, starts_on: dt.date = MOVE_ON) -> Assignment:
    return assignment_move(
        actor=actor,  # type: ignore[arg-type]
        person=staff.minh,
        unit=unit,  # type: ignore[arg-type]
        starts_on=starts_on,
        position="Phó Giám đốc",
        category=StaffCategory.OFFICIAL,
    )


def test_ends_the_open_post_the_day_before_and_keeps_one_history(staff: Staff) -> None:
    # when
    opened = _move(staff, staff.w.province_office, staff.w.b)
    # then
    posts = list(Assignment.objects.filter(person=staff.minh).order_by("starts_on"))
    assert [(p.unit, p.starts_on, p.ends_on, p.position) for p in posts] == [
        (staff.w.a1, dt.date(2015, 1, 1), dt.date(2022, 6, 30), "Trưởng phòng"),
        (staff.w.b, MOVE_ON, None, "Phó Giám đốc"),
    ]
    assert opened.person_id == staff.minh.pk
    detail = person_detail(actor=staff.w.province_office, person_id=staff.minh.pk)
    assert (detail.person.unit_id, detail.person.position) == (staff.w.b.pk, "Phó Giám đốc")
    assert [a.unit_id for a in detail.assignments] == [staff.w.b.pk, staff.w.a1.pk]
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.before["unit"], event.after["unit"]) == ("people.assignment_moved", "phong-a1", "so-b")


def test_a_unit_officer_moves_people_within_their_unit(staff: Staff) -> None:
    _move(staff, staff.w.officer_a, staff.w.a)
    assert Assignment.objects.get(person=staff.minh, ends_on__isnull=True).unit == staff.w.a


@pytest.mark.parametrize(
    ("_case", "actor", "target"),
    [
        ("officer of his unit, to another sở", "officer_a1", "b"),
        ("head of the parent unit, to another sở", "head_a", "b"),
        ("head of the destination only", "head_b", "b"),
        ("office of another province", "q_office", "q1"),
        ("delegate", "delegate", "a1"),
        ("bloc secretariat", "secretariat", "a"),
    ],
)
def test_refuses_those_who_do_not_manage_both_units(staff: Staff, _case: str, actor: str, target: str) -> None:
    before = state()
    with pytest.raises(PersonNotManageable):
        _move(staff, actor_of(actor)(staff), getattr(staff.w, target))
    assert state() == before


@pytest.mark.parametrize(
    ("_case", "starts_on"),
    [("the day the current post began", dt.date(2015, 1, 1)), ("before it", dt.date(2014, 12, 31))],
)
def test_refuses_a_date_not_after_the_current_post_began(staff: Staff, _case: str, starts_on: dt.date) -> None:
    before = state()
    with pytest.raises(MoveDateInvalid):
        _move(staff, staff.w.province_office, staff.w.b, starts_on=starts_on)
    assert state() == before


def test_refuses_a_unit_closed_on_the_date(staff: Staff) -> None:
    closed = UnitFactory(parent=staff.w.p, valid_to=dt.date(2021, 12, 31))
    before = state()
    with pytest.raises(UnitNotActive):
        _move(staff, staff.w.province_office, closed)
    assert state() == before


def test_refuses_someone_no_longer_in_service(staff: Staff) -> None:
    assignment_end(actor=None, person=staff.minh, ends_on=dt.date(2021, 12, 31))
    before = state()
    with pytest.raises(PersonNotInService):
        _move(staff, staff.w.province_office, staff.w.b)
    assert state() == before
