"""role_grant: the authorization matrix (S26) and the grant's own rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from thidua.accounts.choices import Role
from thidua.accounts.errors import RoleAlreadyGranted, RoleNotGrantable, RoleScopeInvalid
from thidua.accounts.models import RoleAssignment
from thidua.accounts.permissions import AccountsPermission
from thidua.accounts.scoping import has_permission
from thidua.accounts.services import role_grant, role_revoke
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.core.models import AuditEvent

Scope = Callable[[Any], dict[str, Any]]


def _state() -> tuple[int, int]:
    return RoleAssignment.objects.count(), AuditEvent.objects.count()


REFUSED = [
    ("anonymous", lambda w: AnonymousUser(), Role.UNIT_OFFICER, lambda w: {"unit": w.a}),
    ("wrong unit: head of B on A", lambda w: w.head_b, Role.UNIT_OFFICER, lambda w: {"unit": w.a}),
    ("wrong unit: head of A on sibling B", lambda w: w.head_a, Role.UNIT_OFFICER, lambda w: {"unit": w.b}),
    ("wrong unit: head of A on the province", lambda w: w.head_a, Role.UNIT_OFFICER, lambda w: {"unit": w.p}),
    ("wrong province: office of Q on A", lambda w: w.q_office, Role.UNIT_OFFICER, lambda w: {"unit": w.a}),
    (
        "wrong province: office of Q on P's bloc",
        lambda w: w.q_office,
        Role.BLOC_SECRETARIAT,
        lambda w: {"bloc": w.bloc},
    ),
    ("right unit without the role: officer", lambda w: w.officer_a, Role.UNIT_OFFICER, lambda w: {"unit": w.a}),
    ("right unit without the role: delegate", lambda w: w.officer_a, Role.DELEGATE, lambda w: {"unit": w.a1}),
    ("bloc role is not a unit role", lambda w: w.secretariat, Role.DELEGATE, lambda w: {"unit": w.a}),
    (
        "secretariat cannot grant its own role",
        lambda w: w.secretariat,
        Role.BLOC_SECRETARIAT,
        lambda w: {"bloc": w.bloc},
    ),
    ("head grants unit head", lambda w: w.head_a, Role.UNIT_HEAD, lambda w: {"unit": w.a}),
    ("head grants unit head below", lambda w: w.head_a, Role.UNIT_HEAD, lambda w: {"unit": w.a1}),
    ("head grants province office", lambda w: w.head_a, Role.PROVINCE_OFFICE, lambda w: {"unit": w.p}),
    ("head grants council member", lambda w: w.head_a, Role.COUNCIL_MEMBER, lambda w: {"unit": w.p}),
    ("head grants bloc secretariat", lambda w: w.head_a, Role.BLOC_SECRETARIAT, lambda w: {"bloc": w.bloc}),
    (
        "province role on a non-province unit",
        lambda w: w.province_office,
        Role.PROVINCE_OFFICE,
        lambda w: {"unit": w.a},
    ),
    ("council role on a non-province unit", lambda w: w.province_office, Role.COUNCIL_MEMBER, lambda w: {"unit": w.a1}),
    ("bloc role on a unit", lambda w: w.province_office, Role.BLOC_SECRETARIAT, lambda w: {"unit": w.a}),
    ("bloc role without a scope", lambda w: w.province_office, Role.BLOC_SECRETARIAT, lambda w: {}),
    ("unit role on a bloc", lambda w: w.province_office, Role.UNIT_OFFICER, lambda w: {"bloc": w.bloc}),
    ("unit role without a scope", lambda w: w.province_office, Role.UNIT_OFFICER, lambda w: {}),
    ("unit role on both", lambda w: w.province_office, Role.UNIT_OFFICER, lambda w: {"unit": w.a, "bloc": w.bloc}),
    ("bloc role on both", lambda w: w.province_office, Role.BLOC_SECRETARIAT, lambda w: {"unit": w.p, "bloc": w.bloc}),
]


# Grants whose scope does not fit the role are refused for every actor, the system included.
SHAPE_CASES = {
    "province role on a non-province unit",
    "council role on a non-province unit",
    "bloc role on a unit",
    "bloc role without a scope",
    "unit role on a bloc",
    "unit role without a scope",
    "unit role on both",
    "bloc role on both",
}
REFUSED_SHAPE = [case for case in REFUSED if case[0] in SHAPE_CASES]
REFUSED = [case for case in REFUSED if case[0] not in SHAPE_CASES]


@pytest.mark.parametrize(("_case", "actor", "role", "scope"), REFUSED_SHAPE)
def test_grant_whose_scope_does_not_fit_the_role_changes_nothing(
    world: Any, _case: str, actor: Callable[[Any], Any], role: Role, scope: Scope
) -> None:
    # given
    before = _state()
    # when / then: refused whether the office or the system grants it
    with pytest.raises(RoleScopeInvalid):
        role_grant(actor=actor(world), user=world.plain, role=role, **scope(world))
    with pytest.raises(RoleScopeInvalid):
        role_grant(actor=None, user=world.plain, role=role, **scope(world))
    assert _state() == before


@pytest.mark.parametrize(("_case", "actor", "role", "scope"), REFUSED)
def test_refused_grant_changes_nothing(
    world: Any, _case: str, actor: Callable[[Any], Any], role: Role, scope: Scope
) -> None:
    # given
    before = _state()
    who = actor(world)
    # when
    with pytest.raises(RoleNotGrantable):
        role_grant(actor=who, user=world.plain, role=role, **scope(world))
    # then
    assert _state() == before
    assert not RoleAssignment.objects.filter(user=world.plain).exists()


def test_inactive_province_office_may_not_grant(world: Any) -> None:
    # given
    office = UserFactory(unit=world.p, is_active=False)
    grant(office, Role.PROVINCE_OFFICE, unit=world.p)
    before = _state()
    # when
    with pytest.raises(RoleNotGrantable):
        role_grant(actor=office, user=world.plain, role=Role.UNIT_OFFICER, unit=world.a)
    # then
    assert _state() == before


ALLOWED = [
    ("right role: head grants officer", "head_a", Role.UNIT_OFFICER, lambda w: {"unit": w.a}),
    ("right role: head grants delegate", "head_a", Role.DELEGATE, lambda w: {"unit": w.a}),
    ("right role, child unit: head grants officer below", "head_a", Role.UNIT_OFFICER, lambda w: {"unit": w.a1}),
    (
        "parent role: office grants officer on a grandchild",
        "province_office",
        Role.UNIT_OFFICER,
        lambda w: {"unit": w.a1},
    ),
    ("parent role: office grants unit head", "province_office", Role.UNIT_HEAD, lambda w: {"unit": w.a}),
    ("parent role: office grants delegate", "province_office", Role.DELEGATE, lambda w: {"unit": w.b}),
    ("parent role: office grants province office", "province_office", Role.PROVINCE_OFFICE, lambda w: {"unit": w.p}),
    ("parent role: office grants council member", "province_office", Role.COUNCIL_MEMBER, lambda w: {"unit": w.p}),
    (
        "parent role: office grants bloc secretariat",
        "province_office",
        Role.BLOC_SECRETARIAT,
        lambda w: {"bloc": w.bloc},
    ),
]


@pytest.mark.parametrize(("_case", "actor", "role", "scope"), ALLOWED)
def test_allowed_grant_creates_one_assignment_and_one_audit_event(
    world: Any, _case: str, actor: str, role: Role, scope: Scope
) -> None:
    # given
    who = getattr(world, actor)
    assignments_before, events_before = _state()
    # when
    assignment = role_grant(actor=who, user=world.plain, role=role, note="Quyết định 12/QĐ-UBND", **scope(world))
    # then
    assert RoleAssignment.objects.count() == assignments_before + 1
    assignment.refresh_from_db()
    assert (assignment.user, assignment.role, assignment.granted_by) == (world.plain, role, who)
    assert (assignment.unit, assignment.bloc) == (scope(world).get("unit"), scope(world).get("bloc"))
    assert assignment.revoked_at is None
    assert AuditEvent.objects.count() == events_before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.acting_unit) == ("accounts.role_granted", who, who.unit)
    assert (event.target_type, event.target_id) == (
        ContentType.objects.get_for_model(RoleAssignment),
        str(assignment.pk),
    )
    assert event.after["role"] == role
    assert event.legal_basis == "Quyết định 12/QĐ-UBND"


def test_system_grant_is_audited_without_an_actor(world: Any) -> None:
    # given
    events_before = AuditEvent.objects.count()
    # when
    assignment = role_grant(actor=None, user=world.plain, role=Role.DELEGATE, unit=world.b)
    # then
    event = AuditEvent.objects.get(action="accounts.role_granted", target_id=str(assignment.pk))
    assert AuditEvent.objects.count() == events_before + 1
    assert (event.actor, event.actor_name, event.acting_unit) == (None, "", None)
    assert assignment.granted_by is None


def test_grant_takes_effect_on_the_same_user_object(world: Any) -> None:
    # given: the user's (empty) grants are already cached on the object
    plain = world.plain
    assert has_permission(plain, AccountsPermission.USER_VIEW, unit=world.a) is False
    # when
    role_grant(actor=world.head_a, user=plain, role=Role.UNIT_OFFICER, unit=world.a)
    # then
    assert has_permission(plain, AccountsPermission.USER_VIEW, unit=world.a) is True


def test_stores_the_dates_and_note(world: Any) -> None:
    # given
    starts_on, ends_on = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    # when
    assignment = role_grant(
        actor=world.province_office,
        user=world.plain,
        role=Role.DELEGATE,
        unit=world.a,
        starts_on=starts_on,
        ends_on=ends_on,
        note="Giấy mời số 5/GM-KTM",
    )
    # then
    assignment.refresh_from_db()
    assert (assignment.starts_on, assignment.ends_on, assignment.note) == (starts_on, ends_on, "Giấy mời số 5/GM-KTM")


def test_duplicate_active_grant_is_refused_and_changes_nothing(world: Any) -> None:
    # given
    before = _state()
    # when: officer_a already is an officer of A
    with pytest.raises(RoleAlreadyGranted):
        role_grant(actor=world.head_a, user=world.officer_a, role=Role.UNIT_OFFICER, unit=world.a)
    # then
    assert _state() == before


def test_duplicate_bloc_grant_is_refused(world: Any) -> None:
    # given
    before = _state()
    # when
    with pytest.raises(RoleAlreadyGranted):
        role_grant(actor=world.province_office, user=world.secretariat, role=Role.BLOC_SECRETARIAT, bloc=world.bloc)
    # then
    assert _state() == before


def test_same_role_in_another_scope_is_a_new_grant(world: Any) -> None:
    # given: officer_a is an officer of A
    before_count = RoleAssignment.objects.filter(user=world.officer_a).count()
    # when
    role_grant(actor=world.province_office, user=world.officer_a, role=Role.UNIT_OFFICER, unit=world.b)
    # then
    assert RoleAssignment.objects.filter(user=world.officer_a).count() == before_count + 1


def test_role_can_be_granted_again_after_revocation(world: Any) -> None:
    # given
    role_revoke(actor=None, assignment=world.officer_a_grant)
    # when
    again = role_grant(actor=world.head_a, user=world.officer_a, role=Role.UNIT_OFFICER, unit=world.a)
    # then
    assert again.pk != world.officer_a_grant.pk
    assert RoleAssignment.objects.active().filter(user=world.officer_a).get() == again


def test_end_before_start_is_a_validation_error_and_changes_nothing(world: Any) -> None:
    # given
    before = _state()
    # when
    with pytest.raises(ValidationError):
        role_grant(
            actor=world.head_a,
            user=world.plain,
            role=Role.DELEGATE,
            unit=world.a,
            starts_on=dt.date(2025, 6, 1),
            ends_on=dt.date(2025, 5, 31),
        )
    # then
    assert _state() == before


def test_system_grant_without_a_scope_is_refused(world: Any) -> None:
    # given: the system skips the permission check, but not the shape of the scope
    before = _state()
    # when
    with pytest.raises(RoleScopeInvalid):
        role_grant(actor=None, user=world.plain, role=Role.UNIT_OFFICER)
    # then
    assert _state() == before
