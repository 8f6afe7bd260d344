"""role_revoke: the authorization matrix (S26); a revoked grant stays, stamped, and is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.errors import RoleAlreadyRevoked, RoleNotGrantable
from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.permissions import AccountsPermission
from thidua.accounts.scoping import has_permission
from thidua.accounts.services import role_revoke
from thidua.accounts.tests.factories import grant
from thidua.core.models import AuditEvent

Target = Callable[[Any], RoleAssignment]


def _state() -> tuple[int, int, int]:
    return RoleAssignment.objects.count(), RoleAssignment.objects.active().count(), AuditEvent.objects.count()


REFUSED = [
    ("anonymous", lambda w: AnonymousUser(), lambda w: w.officer_a_grant),
    ("wrong unit: head of B", lambda w: w.head_b, lambda w: w.officer_a_grant),
    ("wrong unit: head of A on sibling B", lambda w: w.head_a, lambda w: grant(w.plain, Role.DELEGATE, unit=w.b)),
    ("wrong province: office of Q", lambda w: w.q_office, lambda w: w.officer_a_grant),
    ("right unit without the role: officer", lambda w: w.officer_a, lambda w: grant(w.plain, Role.DELEGATE, unit=w.a)),
    ("bloc role over a member unit", lambda w: w.secretariat, lambda w: grant(w.plain, Role.DELEGATE, unit=w.a)),
    ("head revokes a unit head", lambda w: w.head_a, lambda w: w.head_a_grant),
    ("head revokes the bloc secretariat", lambda w: w.head_a, lambda w: w.secretariat_grant),
    ("head revokes a province role", lambda w: w.head_a, lambda w: grant(w.plain, Role.COUNCIL_MEMBER, unit=w.p)),
]


@pytest.mark.parametrize(("_case", "actor", "target"), REFUSED)
def test_refused_revoke_changes_nothing(world: Any, _case: str, actor: Callable[[Any], Any], target: Target) -> None:
    # given
    assignment = target(world)
    who = actor(world)
    before = _state()
    # when
    with pytest.raises(RoleNotGrantable):
        role_revoke(actor=who, assignment=assignment)
    # then
    assert _state() == before
    assignment.refresh_from_db()
    assert (assignment.revoked_at, assignment.revoked_by) == (None, None)


ALLOWED = [
    ("right role: head revokes an officer", "head_a", lambda w: w.officer_a_grant),
    (
        "right role, child unit: head revokes a delegate below",
        "head_a",
        lambda w: grant(w.plain, Role.DELEGATE, unit=w.a1),
    ),
    ("parent role: office revokes a unit head", "province_office", lambda w: w.head_a_grant),
    ("parent role: office revokes the bloc secretariat", "province_office", lambda w: w.secretariat_grant),
    (
        "parent role: office revokes a council member",
        "province_office",
        lambda w: grant(w.plain, Role.COUNCIL_MEMBER, unit=w.p),
    ),
]


@pytest.mark.parametrize(("_case", "actor", "target"), ALLOWED)
def test_allowed_revoke_stamps_the_grant_and_writes_one_audit_event(
    world: Any, _case: str, actor: str, target: Target
) -> None:
    # given
    assignment = target(world)
    who = getattr(world, actor)
    count_before, active_before, events_before = _state()
    now = timezone.now()
    # when
    revoked = role_revoke(actor=who, assignment=assignment, now=now)
    # then
    assert _state() == (count_before, active_before - 1, events_before + 1)
    assignment.refresh_from_db()
    assert (assignment.revoked_at, assignment.revoked_by, assignment.is_revoked) == (now, who, True)
    assert revoked.pk == assignment.pk
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.acting_unit) == ("accounts.role_revoked", who, who.unit)
    assert (event.target_type, event.target_id) == (
        ContentType.objects.get_for_model(RoleAssignment),
        str(assignment.pk),
    )
    assert event.before["role"] == assignment.role
    assert event.after == {"revoked_at": now.isoformat()}


def test_revoked_role_no_longer_gives_the_permission(world: Any) -> None:
    # given
    role_revoke(actor=world.head_a, assignment=world.officer_a_grant)
    officer = User.objects.get(pk=world.officer_a.pk)
    # when
    may_view = has_permission(officer, AccountsPermission.USER_VIEW, unit=world.a)
    # then
    assert may_view is False


def test_revoking_twice_is_refused_and_changes_nothing(world: Any) -> None:
    # given
    role_revoke(actor=world.head_a, assignment=world.officer_a_grant)
    before = _state()
    # when
    with pytest.raises(RoleAlreadyRevoked):
        role_revoke(actor=world.province_office, assignment=world.officer_a_grant)
    # then
    assert _state() == before
    world.officer_a_grant.refresh_from_db()
    assert world.officer_a_grant.revoked_by == world.head_a


def test_revoke_of_a_stale_copy_sees_the_revocation_in_the_database(world: Any) -> None:
    # given: two copies of one grant; the first is revoked
    stale = RoleAssignment.objects.get(pk=world.officer_a_grant.pk)
    role_revoke(actor=world.head_a, assignment=world.officer_a_grant)
    before = _state()
    # when
    with pytest.raises(RoleAlreadyRevoked):
        role_revoke(actor=world.head_a, assignment=stale)
    # then
    assert _state() == before


def test_system_revoke_is_audited_without_an_actor(world: Any) -> None:
    # given
    events_before = AuditEvent.objects.count()
    # when
    revoked = role_revoke(actor=None, assignment=world.secretariat_grant)
    # then
    assert AuditEvent.objects.count() == events_before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.acting_unit) == ("accounts.role_revoked", None, None)
    assert (revoked.revoked_by, revoked.revoked_at is not None) == (None, True)


def test_revoke_defaults_to_the_current_time(world: Any) -> None:
    # given
    start = timezone.now()
    # when
    revoked = role_revoke(actor=world.head_a, assignment=world.officer_a_grant)
    # then
    assert start <= revoked.revoked_at <= timezone.now()


def test_expired_grant_can_still_be_revoked(world: Any) -> None:
    # given: a grant that ended last month is still an unrevoked row
    today = timezone.localdate()
    expired = grant(world.plain, Role.DELEGATE, unit=world.a, ends_on=today - dt.timedelta(days=30))
    # when
    revoked = role_revoke(actor=world.head_a, assignment=expired)
    # then
    assert revoked.is_revoked is True
