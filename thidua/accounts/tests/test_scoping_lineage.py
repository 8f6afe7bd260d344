"""History follows the successor (DOMAIN R30, §6.3): a grant covers the units that ended into a unit under it.

The shape is the 2025 mergers': Sở Q2 merges into Sở Q1 of province Q (01/02/2025), then province Q merges into
province P (01/07/2025). Q1, still active, moves under P; Q and Q2 end and keep their old places in the tree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from thidua.accounts.choices import Role
from thidua.accounts.models import User
from thidua.accounts.scoping import has_permission, unit_scope
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.organizations.choices import UnitChangeKind
from thidua.organizations.models import Unit
from thidua.organizations.permissions import OrganizationsPermission
from thidua.organizations.services import unit_change_record
from thidua.organizations.tests.factories import UnitFactory

UNIT_VIEW = OrganizationsPermission.UNIT_VIEW


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


@pytest.fixture
def merged(world: Any) -> Any:
    q2 = UnitFactory(code="so-q2", name="Sở Thông tin Quảng Thịnh", parent=world.q, valid_from=dt.date(2008, 1, 1))
    officer_q1 = UserFactory(username="canbo.q1", full_name="Hồ Văn Tâm", unit=world.q1)
    grant(officer_q1, Role.UNIT_OFFICER, unit=world.q1)
    unit_change_record(
        actor=None,
        kind=UnitChangeKind.MERGE_INTO,
        effective_on=dt.date(2025, 2, 1),
        decision_number="01/NQ-HĐND",
        decision_date=dt.date(2025, 1, 20),
        predecessors=[q2],
        successors=[world.q1],
    )
    unit_change_record(
        actor=None,
        kind=UnitChangeKind.MERGE_INTO,
        effective_on=dt.date(2025, 7, 1),
        decision_number="202/2025/QH15",
        decision_date=dt.date(2025, 6, 12),
        predecessors=[world.q],
        successors=[world.p],
    )
    world.q.refresh_from_db()
    world.q1.refresh_from_db()
    q2.refresh_from_db()
    return {"q2": q2, "officer_q1": _fresh(officer_q1)}


def test_the_merged_province_and_its_ended_departments_are_in_the_successor_office_scope(
    world: Any, merged: Any
) -> None:
    # given
    office = _fresh(world.province_office)
    # when
    covered = [has_permission(office, UNIT_VIEW, unit=u) for u in (world.q, merged["q2"], world.q1)]
    scope = set(unit_scope(office, UNIT_VIEW).values_list("pk", flat=True))
    # then
    assert world.q.valid_to == dt.date(2025, 6, 30)
    assert world.q1.path.startswith(world.p.path)
    assert covered == [True, True, True]
    assert {world.q.pk, merged["q2"].pk, world.q1.pk} <= scope


def test_the_successor_department_inherits_its_predecessor_but_not_its_old_province(world: Any, merged: Any) -> None:
    # given
    officer = merged["officer_q1"]
    # when
    covered = [has_permission(officer, UNIT_VIEW, unit=u) for u in (merged["q2"], world.q, world.a)]
    scope = set(unit_scope(officer, UNIT_VIEW).values_list("pk", flat=True))
    # then
    assert covered == [True, False, False]
    assert scope == {world.q1.pk, merged["q2"].pk}


def test_a_unit_of_another_branch_gains_nothing_from_a_merger(world: Any, merged: Any) -> None:
    # given
    head_a = _fresh(world.head_a)
    # when
    covered = [has_permission(head_a, UNIT_VIEW, unit=u) for u in (world.q, merged["q2"], world.q1)]
    scope = set(unit_scope(head_a, UNIT_VIEW).values_list("pk", flat=True))
    # then
    assert covered == [False, False, False]
    assert scope == {world.a.pk, world.a1.pk}


def test_a_transfer_of_functions_does_not_hand_over_the_giving_unit(world: Any) -> None:
    # given: B hands some functions to A and lives on
    unit_change_record(
        actor=None,
        kind=UnitChangeKind.TRANSFER_FUNCTION,
        effective_on=dt.date(2025, 3, 1),
        decision_number="12/QĐ-UBND",
        decision_date=dt.date(2025, 2, 20),
        predecessors=[world.b],
        successors=[world.a],
    )
    head_a = _fresh(world.head_a)
    # when
    covered = has_permission(head_a, UNIT_VIEW, unit=Unit.objects.get(pk=world.b.pk))
    scope = set(unit_scope(head_a, UNIT_VIEW).values_list("pk", flat=True))
    # then
    assert covered is False
    assert world.b.pk not in scope


def test_a_refusal_on_an_active_unit_costs_no_lineage_query(
    world: Any, merged: Any, django_assert_num_queries: Any
) -> None:
    # given
    head_a = _fresh(world.head_a)
    has_permission(head_a, UNIT_VIEW, unit=world.a)  # loads the grants
    # when / then
    with django_assert_num_queries(0):
        assert has_permission(head_a, UNIT_VIEW, unit=world.b) is False
    with django_assert_num_queries(1):
        assert has_permission(head_a, UNIT_VIEW, unit=merged["q2"]) is False
