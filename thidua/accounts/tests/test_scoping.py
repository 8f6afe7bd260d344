"""The permission engine: grants in a scope, inherited down the unit tree and across a bloc's members (S10)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from thidua.accounts.choices import Role
from thidua.accounts.models import User
from thidua.accounts.permissions import AccountsPermission, user_scope
from thidua.accounts.scoping import (
    actor_has_province_role,
    bloc_scope,
    has_permission,
    has_role_over,
    roles_for,
    unit_scope,
)
from thidua.accounts.services import role_revoke
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.emulation.permissions import EmulationPermission
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit
from thidua.organizations.permissions import OrganizationsPermission
from thidua.organizations.tests.factories import UnitFactory

UNIT_VIEW = OrganizationsPermission.UNIT_VIEW
BLOC_VIEW = EmulationPermission.BLOC_VIEW


def _fresh(user: User) -> User:
    """The same account as a new object, with no grants cached on it (as in a new request)."""
    return User.objects.get(pk=user.pk)


# --- inheritance down the unit tree ----------------------------------------------------------------------------------


def test_unit_role_covers_its_unit_and_the_units_under_it(world: Any) -> None:
    # given
    head_a = world.head_a
    # when
    covered = [has_permission(head_a, AccountsPermission.USER_VIEW, unit=unit) for unit in (world.a, world.a1)]
    # then
    assert covered == [True, True]


def test_unit_role_does_not_cover_a_sibling_or_the_parent(world: Any) -> None:
    # given
    head_a = world.head_a
    # when
    covered = [has_permission(head_a, AccountsPermission.USER_VIEW, unit=unit) for unit in (world.b, world.p)]
    # then
    assert covered == [False, False]


def test_unit_role_does_not_cover_a_unit_whose_path_shares_a_prefix(world: Any) -> None:
    # given: a unit whose id starts with A's id ("/1/5/" must not cover "/1/50/"); unsaved, only its path matters
    lookalike = Unit(code="lookalike", name="Sở Giống tên", kind=UnitKind.DEPARTMENT, path=f"{world.a.path[:-1]}0/")
    # when
    covered = has_permission(world.head_a, AccountsPermission.USER_VIEW, unit=lookalike)
    # then
    assert covered is False


def test_province_role_covers_every_unit_of_the_province_and_its_blocs(world: Any) -> None:
    # given
    office = world.province_office
    # when
    units_covered = [has_permission(office, UNIT_VIEW, unit=unit) for unit in (world.p, world.a, world.a1, world.b)]
    bloc_covered = has_permission(office, BLOC_VIEW, bloc=world.bloc)
    # then
    assert units_covered == [True, True, True, True]
    assert bloc_covered is True


def test_province_role_does_not_cover_another_province(world: Any) -> None:
    # given
    office = world.province_office
    other_bloc = BlocFactory(province=world.q)
    # when
    covered = [has_permission(office, UNIT_VIEW, unit=unit) for unit in (world.q, world.q1)]
    bloc_covered = has_permission(office, BLOC_VIEW, bloc=other_bloc)
    # then
    assert covered == [False, False]
    assert bloc_covered is False


def test_unit_role_does_not_cover_the_blocs_its_unit_is_a_member_of(world: Any) -> None:
    # given: A is the bloc's leader, but a role on A is not a role on the bloc
    head_a = world.head_a
    # when
    covered = has_permission(head_a, BLOC_VIEW, bloc=world.bloc)
    # then
    assert covered is False


def test_role_without_the_permission_gives_nothing(world: Any) -> None:
    # given: officers may see users but may not grant roles
    officer = world.officer_a
    # when
    may_grant = has_permission(officer, AccountsPermission.ROLE_GRANT, unit=world.a)
    # then
    assert may_grant is False


def test_permission_anywhere_is_true_only_with_some_grant_holding_it(world: Any) -> None:
    # given
    office, officer, plain = world.province_office, world.officer_a, world.plain
    # when
    answers = [has_permission(user, AccountsPermission.ROLE_GRANT) for user in (office, officer, plain)]
    # then
    assert answers == [True, False, False]


def test_an_undeclared_permission_is_a_programming_error(world: Any) -> None:
    # given
    permission = "accounts.fly_to_the_moon"
    # when / then
    with pytest.raises(LookupError):
        roles_for(permission)


# --- bloc roles ------------------------------------------------------------------------------------------------------


def test_bloc_role_covers_the_bloc_and_its_current_members(world: Any) -> None:
    # given
    secretariat = world.secretariat
    # when
    bloc_covered = has_permission(secretariat, BLOC_VIEW, bloc=world.bloc)
    units_covered = [has_permission(secretariat, UNIT_VIEW, unit=unit) for unit in (world.a, world.b)]
    # then
    assert bloc_covered is True
    assert units_covered == [True, True]


def test_bloc_role_does_not_cover_members_of_other_years_or_units_under_members(world: Any, today: dt.date) -> None:
    # given
    last_year_member = UnitFactory(parent=world.p)
    next_year_member = UnitFactory(parent=world.p)
    member_add(world.bloc, last_year_member, year=today.year - 1)
    member_add(world.bloc, next_year_member, year=today.year + 1)
    # when
    covered = [
        has_permission(world.secretariat, UNIT_VIEW, unit=unit)
        for unit in (last_year_member, next_year_member, world.a1)
    ]
    # then
    assert covered == [False, False, False]


def test_bloc_role_does_not_cover_another_bloc_or_the_province(world: Any) -> None:
    # given
    other_bloc = BlocFactory(province=world.p)
    # when
    bloc_covered = has_permission(world.secretariat, BLOC_VIEW, bloc=other_bloc)
    province_covered = has_permission(world.secretariat, UNIT_VIEW, unit=world.p)
    # then
    assert bloc_covered is False
    assert province_covered is False


# --- grants that are not in force ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "dates"),
    [
        ("ended yesterday", lambda today: {"ends_on": today - dt.timedelta(days=1)}),
        ("starts tomorrow", lambda today: {"starts_on": today + dt.timedelta(days=1)}),
        (
            "ended last year",
            lambda today: {"starts_on": today - dt.timedelta(days=400), "ends_on": today - dt.timedelta(days=35)},
        ),
    ],
)
def test_grant_outside_its_dates_gives_nothing(
    world: Any, today: dt.date, _case: str, dates: Callable[[dt.date], dict[str, dt.date]]
) -> None:
    # given
    grant(world.plain, Role.UNIT_HEAD, unit=world.a, **dates(today))
    # when
    covered = has_permission(world.plain, AccountsPermission.USER_VIEW, unit=world.a)
    scope = list(unit_scope(world.plain, UNIT_VIEW))
    # then
    assert covered is False
    assert scope == []


@pytest.mark.parametrize(
    ("_case", "dates"),
    [
        ("starts today", lambda today: {"starts_on": today}),
        ("ends today", lambda today: {"ends_on": today}),
        ("one-day grant today", lambda today: {"starts_on": today, "ends_on": today}),
    ],
)
def test_grant_on_its_boundary_days_is_in_force(
    world: Any, today: dt.date, _case: str, dates: Callable[[dt.date], dict[str, dt.date]]
) -> None:
    # given
    grant(world.plain, Role.UNIT_HEAD, unit=world.a, **dates(today))
    # when
    covered = has_permission(world.plain, AccountsPermission.USER_VIEW, unit=world.a)
    # then
    assert covered is True


def test_revoked_grant_gives_nothing(world: Any) -> None:
    # given
    role_revoke(actor=None, assignment=world.officer_a_grant)
    officer = _fresh(world.officer_a)
    # when
    covered = has_permission(officer, AccountsPermission.USER_VIEW, unit=world.a)
    scope = list(unit_scope(officer, UNIT_VIEW))
    # then
    assert covered is False
    assert scope == []


@pytest.mark.parametrize(
    ("_case", "actor"),
    [
        ("no actor", lambda world: None),
        ("anonymous", lambda world: AnonymousUser()),
    ],
)
def test_nobody_gets_nothing(world: Any, _case: str, actor: Callable[[Any], Any]) -> None:
    # given
    who = actor(world)
    # when
    answers = [
        has_permission(who, UNIT_VIEW),
        has_permission(who, UNIT_VIEW, unit=world.a),
        has_permission(who, BLOC_VIEW, bloc=world.bloc),
        has_role_over(who, Role.PROVINCE_OFFICE, unit=world.a),
        actor_has_province_role(who),
    ]
    # then
    assert answers == [False, False, False, False, False]
    assert list(unit_scope(who, UNIT_VIEW)) == []
    assert list(bloc_scope(who, BLOC_VIEW)) == []
    assert list(user_scope(who)) == []


def test_inactive_user_gets_nothing_despite_active_grants(world: Any) -> None:
    # given
    user = UserFactory(unit=world.p, is_active=False)
    grant(user, Role.PROVINCE_OFFICE, unit=world.p)
    # when
    answers = [
        has_permission(user, UNIT_VIEW, unit=world.a),
        has_role_over(user, Role.PROVINCE_OFFICE, unit=world.a),
        actor_has_province_role(user),
    ]
    # then
    assert answers == [False, False, False]
    assert list(unit_scope(user, UNIT_VIEW)) == []


# --- scopes for lists ------------------------------------------------------------------------------------------------


def test_unit_scope_of_a_unit_role_is_its_subtree(world: Any) -> None:
    # given
    head_a = world.head_a
    # when
    scope = set(unit_scope(head_a, UNIT_VIEW))
    # then
    assert scope == {world.a, world.a1}


def test_unit_scope_of_a_province_role_is_the_whole_province(world: Any) -> None:
    # given
    office = world.province_office
    # when
    scope = set(unit_scope(office, UNIT_VIEW))
    # then
    assert scope == {world.p, world.a, world.a1, world.b}


def test_unit_scope_of_a_bloc_role_is_the_current_members(world: Any, today: dt.date) -> None:
    # given
    former_member = UnitFactory(parent=world.p)
    member_add(world.bloc, former_member, year=today.year - 1)
    # when
    scope = set(unit_scope(world.secretariat, UNIT_VIEW))
    # then
    assert scope == {world.a, world.b}


def test_unit_scope_is_empty_without_the_permission(world: Any) -> None:
    # given
    officer = world.officer_a
    # when
    scope = list(unit_scope(officer, AccountsPermission.ROLE_GRANT))
    # then
    assert scope == []


def test_bloc_scope_of_a_province_role_is_the_province_blocs(world: Any) -> None:
    # given
    second_bloc = BlocFactory(province=world.p)
    BlocFactory(province=world.q)
    # when
    scope = set(bloc_scope(world.province_office, BLOC_VIEW))
    # then
    assert scope == {world.bloc, second_bloc}


def test_bloc_scope_of_a_bloc_role_is_that_bloc_only(world: Any) -> None:
    # given
    BlocFactory(province=world.p)
    # when
    scope = list(bloc_scope(world.secretariat, BLOC_VIEW))
    # then
    assert scope == [world.bloc]


def test_bloc_scope_of_a_unit_role_is_empty(world: Any) -> None:
    # given
    head_a = world.head_a
    # when
    scope = list(bloc_scope(head_a, BLOC_VIEW))
    # then
    assert scope == []


# --- has_role_over: the role itself, not any role holding the same permission ----------------------------------------


@pytest.mark.parametrize(
    ("_case", "actor", "role", "scope", "expected"),
    [
        ("head over own unit", "head_a", Role.UNIT_HEAD, lambda w: {"unit": w.a}, True),
        ("head over child unit", "head_a", Role.UNIT_HEAD, lambda w: {"unit": w.a1}, True),
        ("head over sibling", "head_a", Role.UNIT_HEAD, lambda w: {"unit": w.b}, False),
        ("head over parent", "head_a", Role.UNIT_HEAD, lambda w: {"unit": w.p}, False),
        ("head is not an officer", "head_a", Role.UNIT_OFFICER, lambda w: {"unit": w.a}, False),
        ("head over the bloc of its unit", "head_a", Role.UNIT_HEAD, lambda w: {"bloc": w.bloc}, False),
        ("office over a unit", "province_office", Role.PROVINCE_OFFICE, lambda w: {"unit": w.a1}, True),
        ("office over its bloc", "province_office", Role.PROVINCE_OFFICE, lambda w: {"bloc": w.bloc}, True),
        ("office over another province", "q_office", Role.PROVINCE_OFFICE, lambda w: {"bloc": w.bloc}, False),
        ("secretariat over its bloc", "secretariat", Role.BLOC_SECRETARIAT, lambda w: {"bloc": w.bloc}, True),
        ("secretariat over a member unit", "secretariat", Role.BLOC_SECRETARIAT, lambda w: {"unit": w.a}, False),
        ("no scope given", "province_office", Role.PROVINCE_OFFICE, lambda w: {}, False),
    ],
)
def test_has_role_over(
    world: Any, _case: str, actor: str, role: Role, scope: Callable[[Any], dict[str, Any]], expected: bool
) -> None:
    # given
    who = getattr(world, actor)
    # when
    answer = has_role_over(who, role, **scope(world))
    # then
    assert answer is expected


# --- province roles (two-factor authentication) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "role", "scope", "expected"),
    [
        ("province office", Role.PROVINCE_OFFICE, lambda w: {"unit": w.p}, True),
        ("council member", Role.COUNCIL_MEMBER, lambda w: {"unit": w.p}, True),
        ("any role on the province unit", Role.DELEGATE, lambda w: {"unit": w.p}, True),
        ("unit head", Role.UNIT_HEAD, lambda w: {"unit": w.a}, False),
        ("unit officer under a unit", Role.UNIT_OFFICER, lambda w: {"unit": w.a1}, False),
        ("bloc secretariat", Role.BLOC_SECRETARIAT, lambda w: {"bloc": w.bloc}, False),
    ],
)
def test_actor_has_province_role(
    world: Any, _case: str, role: Role, scope: Callable[[Any], dict[str, Any]], expected: bool
) -> None:
    # given
    user = UserFactory(unit=world.a)
    grant(user, role, **scope(world))
    # when
    answer = actor_has_province_role(user)
    # then
    assert answer is expected


def test_user_without_roles_has_no_province_role(world: Any) -> None:
    # given
    plain = world.plain
    # when
    answer = actor_has_province_role(plain)
    # then
    assert answer is False


# --- one query per user object ---------------------------------------------------------------------------------------


def test_grants_are_loaded_once_per_user_object(world: Any, django_assert_num_queries: Any) -> None:
    # given
    head_a = _fresh(world.head_a)
    # when / then: many checks, one query
    with django_assert_num_queries(1):
        has_permission(head_a, AccountsPermission.USER_VIEW, unit=world.a)
        has_permission(head_a, AccountsPermission.ROLE_GRANT, unit=world.a1)
        has_permission(head_a, UNIT_VIEW, unit=world.b)
        has_role_over(head_a, Role.UNIT_HEAD, unit=world.a)
        actor_has_province_role(head_a)
        unit_scope(head_a, UNIT_VIEW)


def test_a_new_user_object_loads_its_grants_again(world: Any, django_assert_num_queries: Any) -> None:
    # given
    has_permission(_fresh(world.head_a), UNIT_VIEW, unit=world.a)
    again = _fresh(world.head_a)
    # when / then
    with django_assert_num_queries(1):
        has_permission(again, UNIT_VIEW, unit=world.a)
        has_permission(again, UNIT_VIEW, unit=world.a1)


def test_anonymous_checks_run_no_query(world: Any, django_assert_num_queries: Any) -> None:
    # given
    anonymous = AnonymousUser()
    # when / then
    with django_assert_num_queries(0):
        has_permission(anonymous, UNIT_VIEW, unit=world.a)
        has_role_over(anonymous, Role.UNIT_HEAD, unit=world.a)
