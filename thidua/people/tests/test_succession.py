"""A merger carries open posts to the successor; the past stays on the historical unit; the history is one."""

from __future__ import annotations

import datetime as dt

from thidua.core.models import AuditEvent
from thidua.organizations.choices import UnitChangeKind
from thidua.organizations.services import unit_change_record
from thidua.people.models import Assignment
from thidua.people.selectors import person_detail
from thidua.people.services import assignment_end
from thidua.people.tests.conftest import Staff
from thidua.people.tests.factories import PersonFactory

MERGER_ON = dt.date(2025, 7, 1)


def _merge_a1_into_b(staff: Staff) -> None:
    unit_change_record(
        actor=staff.w.province_office,
        kind=UnitChangeKind.MERGE_INTO,
        effective_on=MERGER_ON,
        decision_number="1234/QĐ-UBND",
        decision_date=dt.date(2025, 6, 20),
        predecessors=[staff.w.a1],
        successors=[staff.w.b],
    )


def test_open_posts_close_the_day_before_and_reopen_at_the_successor(staff: Staff) -> None:
    # given: Minh works in A1; a colleague left A1 in 2020; someone joins A1 from the merger date (a late record)
    retired = PersonFactory(unit=staff.w.a1)
    assignment_end(actor=None, person=retired, ends_on=dt.date(2020, 12, 31))
    late = PersonFactory(unit=staff.w.a1, starts_on=dt.date(2025, 8, 1))
    # when
    _merge_a1_into_b(staff)
    # then: Minh's post ends on 30/06/2025 and reopens in B, same position and category
    minh_posts = list(Assignment.objects.filter(person=staff.minh).order_by("starts_on"))
    assert [(p.unit, p.starts_on, p.ends_on, p.position, p.category) for p in minh_posts] == [
        (staff.w.a1, dt.date(2015, 1, 1), dt.date(2025, 6, 30), "Trưởng phòng", "civil_servant"),
        (staff.w.b, MERGER_ON, None, "Trưởng phòng", "civil_servant"),
    ]
    # the past stays where it was
    assert [(p.unit, p.ends_on) for p in Assignment.objects.filter(person=retired)] == [
        (staff.w.a1, dt.date(2020, 12, 31))
    ]
    # a post that only begins after the merger moves whole
    assert [(p.unit, p.starts_on) for p in Assignment.objects.filter(person=late)] == [(staff.w.b, dt.date(2025, 8, 1))]
    events = AuditEvent.objects.filter(action="people.assignment_carried")
    assert events.count() == 2
    assert {e.legal_basis for e in events} == {"1234/QĐ-UBND ngày 20/06/2025"}


def test_history_before_and_after_a_merger_reads_as_one_with_the_names_of_their_time(staff: Staff) -> None:
    # given: A1 was renamed in 2020, then merged into B in 2025
    unit_change_record(
        actor=None,
        kind=UnitChangeKind.RENAME,
        effective_on=dt.date(2020, 1, 1),
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2019, 12, 20),
        predecessors=[staff.w.a1],
        new_name="Phòng Nội vụ An Phú",
    )
    _merge_a1_into_b(staff)
    # when
    detail = person_detail(actor=staff.w.province_office, person_id=staff.minh.pk)
    # then: one person, both periods, the 2015 post under its 2015 name
    assert detail.person.unit_id == staff.w.b.pk
    assert [(a.unit_name, a.unit_current_name, a.starts_on) for a in detail.assignments] == [
        ("Sở Y tế Bình Minh", "Sở Y tế Bình Minh", MERGER_ON),
        ("Phòng Tổ chức An Phú", "Phòng Nội vụ An Phú", dt.date(2015, 1, 1)),
    ]
    # and his personal data follows his new unit: the officer of B sees it (so does the officer of A1, whose grant
    # moved to B with the merger), the head of A, over his old unit, no longer does
    for actor in (staff.officer_b, staff.officer_a1):
        assert person_detail(actor=actor, person_id=staff.minh.pk).person.birth_date is not None
    assert person_detail(actor=staff.w.head_a, person_id=staff.minh.pk).person.birth_date is None
