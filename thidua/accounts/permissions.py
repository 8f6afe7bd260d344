"""Permission policy of the accounts app: names once, as an enum (S11), and the predicates services and views use."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from thidua.accounts.choices import BLOC_ROLES, PROVINCE_ROLES, Role
from thidua.accounts.scoping import has_permission, has_role_over, permission_roles_define, unit_scope
from thidua.organizations.choices import UnitKind

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.accounts.scoping import Actor
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit


class AccountsPermission(StrEnum):
    USER_VIEW = "accounts.view_user"
    ROLE_GRANT = "accounts.grant_role"
    AUDIT_VIEW = "accounts.view_audit"


permission_roles_define(
    {
        AccountsPermission.USER_VIEW: {Role.PROVINCE_OFFICE, Role.UNIT_HEAD, Role.UNIT_OFFICER},
        AccountsPermission.ROLE_GRANT: {Role.PROVINCE_OFFICE, Role.UNIT_HEAD},
        AccountsPermission.AUDIT_VIEW: {Role.PROVINCE_OFFICE},
    }
)

# A unit head may hand these roles to the people of their own unit; everything else is the province office's.
UNIT_HEAD_GRANTABLE_ROLES = frozenset({Role.UNIT_OFFICER, Role.DELEGATE})


def role_scope_is_valid(*, role: str, unit: Unit | None, bloc: Bloc | None) -> bool:
    """The shape of a grant, whoever grants it: bloc roles sit on a bloc, province roles on a province, others on a unit."""
    if role in BLOC_ROLES:
        return bloc is not None and unit is None
    if unit is None or bloc is not None:
        return False
    return role not in PROVINCE_ROLES or unit.kind == UnitKind.PROVINCE


def can_grant_role(actor: Actor, *, role: str, unit: Unit | None = None, bloc: Bloc | None = None) -> bool:
    """May ``actor`` grant (or revoke) ``role`` in the scope ``unit`` or ``bloc``?

    The province office grants any role within its province; a unit head grants the unit-level working roles
    (officer, delegate) within their own unit. Province roles can only sit on a province.
    """
    if not role_scope_is_valid(role=role, unit=unit, bloc=bloc):
        return False
    if has_role_over(actor, Role.PROVINCE_OFFICE, unit=unit, bloc=bloc):
        return True
    return role in UNIT_HEAD_GRANTABLE_ROLES and has_role_over(actor, Role.UNIT_HEAD, unit=unit)


def user_scope(actor: Actor) -> QuerySet[User]:
    """Accounts the actor may see: people working in units under the actor's USER_VIEW scope, and the actor."""
    from thidua.accounts.models import User

    if actor is None or not actor.is_authenticated:
        return User.objects.none()
    units = unit_scope(actor, AccountsPermission.USER_VIEW)
    return User.objects.filter(Q(unit__in=units) | Q(pk=actor.pk))


def can_view_user(actor: Actor, user: User) -> bool:
    if actor is not None and actor.is_authenticated and actor.pk == user.pk:
        return True
    return user.unit is not None and has_permission(actor, AccountsPermission.USER_VIEW, unit=user.unit)


def can_view_audit(actor: Actor) -> bool:
    return has_permission(actor, AccountsPermission.AUDIT_VIEW)
