"""assignment_end: leaving the service closes the open post; the history stays."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.core.models import AuditEvent
from thidua.people.errors import EndDateInvalid, PersonNotInService, PersonNotManageable
from thidua.people.models import Assignment
from thidua.people.services import assignment_end
from thidua.people.tests.conftest import Staff, actor_of, state


def test_closes_the_open_post(staff: Staff) -> None:
    ended = assignment_end(actor=staff.officer_a1, person=staff.minh, ends_on=dt.date(2024, 12, 31))
    assert ended.ends_on == dt.date(2024, 12, 31)
    assert not Assignment.objects.filter(person=staff.minh, ends_on__isnull=True).exists()
    assert AuditEvent.objects.latest("id").action == "people.assignment_ended"


@pytest.mark.parametrize(("_case", "actor"), [("officer of another unit", "officer_b"), ("delegate", "delegate")])
def test_refuses_those_who_do_not_manage_his_unit(staff: Staff, _case: str, actor: str) -> None:
    before = state()
    with pytest.raises(PersonNotManageable):
        assignment_end(actor=actor_of(actor)(staff), person=staff.minh, ends_on=dt.date(2024, 12, 31))
    assert state() == before


def test_refuses_a_date_before_the_post_began(staff: Staff) -> None:
    before = state()
    with pytest.raises(EndDateInvalid):
        assignment_end(actor=None, person=staff.minh, ends_on=dt.date(2014, 12, 31))
    assert state() == before


def test_refuses_twice(staff: Staff) -> None:
    assignment_end(actor=None, person=staff.minh, ends_on=dt.date(2024, 12, 31))
    before = state()
    with pytest.raises(PersonNotInService):
        assignment_end(actor=None, person=staff.minh, ends_on=dt.date(2025, 1, 31))
    assert state() == before
