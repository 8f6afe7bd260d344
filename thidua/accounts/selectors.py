"""Reads of the accounts app, scoped to what the actor may see (STYLE S12)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from thidua.accounts.models import ApiToken, RoleAssignment, User
from thidua.accounts.permissions import can_view_user, user_scope
from thidua.core.exceptions import NotFound

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor


def user_list_visible_to(*, actor: Actor, search: str = "") -> QuerySet[User]:
    """Accounts the actor may see, with their unit; filtered by a name/username search."""
    qs = user_scope(actor).select_related("unit").order_by("full_name", "username")
    if search:
        qs = qs.filter(Q(full_name__icontains=search) | Q(username__icontains=search) | Q(email__icontains=search))
    return qs


def user_access(*, actor: Actor, user_id: int) -> User:
    """One account the actor may see; NotFound for a missing *or* hidden one."""
    user = (
        User.objects.select_related("unit")
        .prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related("unit", "bloc", "bloc__province", "granted_by").order_by(
                    "revoked_at", "role"
                ),
            )
        )
        .filter(pk=user_id)
        .first()
    )
    if user is None or not can_view_user(actor, user):
        raise NotFound()
    return user


def role_assignment_access(*, actor: Actor, assignment_id: int, user: User) -> RoleAssignment:
    """A grant of ``user`` that the actor can see (the service decides whether they may revoke it)."""
    assignment = (
        RoleAssignment.objects.select_related("user", "unit", "bloc", "bloc__province")
        .filter(pk=assignment_id, user=user)
        .first()
    )
    if assignment is None:
        raise NotFound()
    return assignment


def role_assignment_list_for(*, user: User) -> QuerySet[RoleAssignment]:
    """The user's grants in force today."""
    return RoleAssignment.objects.active().filter(user=user).select_related("unit", "bloc").order_by("role")


def api_token_list_for(*, actor: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=actor).order_by("revoked_at", "-created_at")


def api_token_access(*, actor: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(pk=token_id, user=actor).first()
    if token is None:
        raise NotFound()
    return token
