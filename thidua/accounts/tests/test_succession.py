"""A merger carries role grants and workplaces to the successor (accounts.succession); the past stays readable."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleAssignment
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.core.models import AuditEvent
from thidua.organizations.choices import UnitChangeKind
from thidua.organizations.services import unit_change_record
from thidua.organizations.tests.factories import UnitFactory

DECISION = "1234/QĐ-UBND"


def _merge(actor: Any, predecessor: Any, successor: Any, effective_on: dt.date) -> None:
    unit_change_record(
        actor=actor,
        kind=UnitChangeKind.MERGE_INTO,
        effective_on=effective_on,
        decision_number=DECISION,
        decision_date=effective_on - dt.timedelta(days=10),
        predecessors=[predecessor],
        successors=[successor],
    )


def test_grants_end_the_day_before_and_the_same_roles_start_on_the_successor(world: Any) -> None:
    # given: A merges into B from 01/07/2025
    effective_on = dt.date(2025, 7, 1)
    # when
    _merge(world.province_office, world.a, world.b, effective_on)
    # then: the officer's and the head's grants on A end on 30/06/2025, not revoked
    for old in (world.officer_a_grant, world.head_a_grant):
        old.refresh_from_db()
        assert (old.ends_on, old.revoked_at) == (dt.date(2025, 6, 30), None)
    carried = RoleAssignment.objects.filter(unit=world.b, user__in=[world.officer_a, world.head_a]).order_by("role")
    assert [(g.user, g.role, g.starts_on, g.ends_on, g.revoked_at) for g in carried] == [
        (world.head_a, Role.UNIT_HEAD, effective_on, None, None),
        (world.officer_a, Role.UNIT_OFFICER, effective_on, None, None),
    ]
    assert all(g.note.startswith(DECISION) for g in carried)
    # workplaces follow
    for user in (world.head_a, world.officer_a, world.plain, world.secretariat):
        user.refresh_from_db()
        assert user.unit == world.b
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("accounts.role_ended_by_succession") == 2
    assert actions.count("accounts.user_unit_moved_by_succession") == 4


def test_a_role_already_held_on_the_successor_is_not_granted_twice(world: Any) -> None:
    # given: the head of B is also head of A (acting)
    grant(world.head_b, Role.UNIT_HEAD, unit=world.a)
    # when
    _merge(None, world.a, world.b, dt.date(2025, 7, 1))
    # then: one head grant on B, the original one
    assert RoleAssignment.objects.filter(user=world.head_b, unit=world.b, revoked_at__isnull=True).count() == 1


def test_past_grants_and_other_units_stay_as_they_were(world: Any) -> None:
    # given: a grant on A that ended in 2024, and grants elsewhere
    former = UserFactory(unit=world.b)
    ended = grant(former, Role.DELEGATE, unit=world.a, starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2024, 12, 31))
    before_b = set(RoleAssignment.objects.filter(unit=world.b).values_list("pk", "ends_on", "revoked_at"))
    # when
    _merge(None, world.a, world.b, dt.date(2025, 7, 1))
    # then
    ended.refresh_from_db()
    assert (ended.ends_on, ended.revoked_at) == (dt.date(2024, 12, 31), None)
    assert not RoleAssignment.objects.filter(user=former, unit=world.b).exists()
    assert before_b <= set(RoleAssignment.objects.filter(unit=world.b).values_list("pk", "ends_on", "revoked_at"))
    world.secretariat_grant.refresh_from_db()
    assert world.secretariat_grant.ends_on is None


def test_a_grant_that_had_not_begun_moves_whole(world: Any) -> None:
    # given: a delegate grant on A from 01/09/2025, after the merger date
    delegate = UserFactory(unit=world.a)
    future = grant(delegate, Role.DELEGATE, unit=world.a, starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2025, 12, 31))
    # when
    _merge(None, world.a, world.b, dt.date(2025, 7, 1))
    # then
    future.refresh_from_db()
    assert future.revoked_at is not None
    moved = RoleAssignment.objects.get(user=delegate, unit=world.b)
    assert (moved.starts_on, moved.ends_on) == (dt.date(2025, 9, 1), dt.date(2025, 12, 31))


def test_a_province_role_is_ended_but_not_carried_to_a_unit_that_is_not_a_province(world: Any) -> None:
    # given: the province P "merges" into an ordinary unit (a shape the role cannot sit on)
    target = UnitFactory(parent=world.q)
    # when
    _merge(None, world.p, target, dt.date(2025, 7, 1))
    # then
    office = RoleAssignment.objects.get(user=world.province_office, role=Role.PROVINCE_OFFICE, unit=world.p)
    assert office.ends_on == dt.date(2025, 6, 30)
    assert not RoleAssignment.objects.filter(user=world.province_office, unit=target).exists()


def test_the_successor_roles_are_in_force_for_the_permission_engine(world: Any) -> None:
    # given: a merger that took effect yesterday
    from thidua.accounts.scoping import has_role_over

    _merge(None, world.a, world.b, timezone.localdate() - dt.timedelta(days=1))
    world.officer_a.refresh_from_db()
    # then
    assert has_role_over(world.officer_a, Role.UNIT_OFFICER, unit=world.b)
    assert not has_role_over(world.officer_a, Role.UNIT_OFFICER, unit=world.a)
