from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.accounts import audit
from thidua.accounts.errors import RoleAlreadyGranted, RoleAlreadyRevoked, RoleNotGrantable, RoleScopeInvalid
from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.permissions import can_grant_role, role_scope_is_valid
from thidua.accounts.scoping import actor_grants_clear
from thidua.emulation.models import Bloc
from thidua.organizations.models import Unit


def role_grant(
    *,
    actor: User | None,
    user: User,
    role: str,
    unit: Unit | None = None,
    bloc: Bloc | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    note: str = "",
) -> RoleAssignment:
    """Grant ``role`` to ``user`` in one scope (phân quyền). ``actor=None`` is the system (demo loader, set-up).

    Refuses with RoleScopeInvalid when the scope does not fit the role (whoever grants it), RoleNotGrantable when
    the actor may not grant this role there, and RoleAlreadyGranted when the same grant is in force (backed by a
    partial unique constraint). A same grant that has ended (``ends_on`` passed) is closed first, so it can be renewed.
    """
    if not role_scope_is_valid(role=role, unit=unit, bloc=bloc):
        raise RoleScopeInvalid()
    if actor is not None and not can_grant_role(actor, role=role, unit=unit, bloc=bloc):
        raise RoleNotGrantable()
    return _role_grant(
        actor=actor, user=user, role=role, unit=unit, bloc=bloc, starts_on=starts_on, ends_on=ends_on, note=note
    )


def _role_grant(
    *,
    actor: User | None,
    user: User,
    role: str,
    unit: Unit | None,
    bloc: Bloc | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    note: str,
) -> RoleAssignment:
    with transaction.atomic():
        # Lock the user row so two concurrent grants of the same role serialise on it.
        User.objects.select_for_update().filter(pk=user.pk).first()
        same = RoleAssignment.objects.filter(user=user, role=role, unit=unit, bloc=bloc, revoked_at__isnull=True)
        today = timezone.localdate()
        if same.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)).exists():
            raise RoleAlreadyGranted()
        for ended in same.select_for_update():
            # An ended grant still holds the unique slot: close it, recorded as revoked by the renewal.
            ended.revoked_at = timezone.now()
            ended.revoked_by = actor
            ended.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
            audit.role_revoked_event(assignment=ended, actor=actor)
        assignment = RoleAssignment(
            user=user,
            role=role,
            unit=unit,
            bloc=bloc,
            starts_on=starts_on,
            ends_on=ends_on,
            note=note,
            granted_by=actor,
        )
        assignment.full_clean()
        assignment.save()
        audit.role_granted_event(assignment=assignment, actor=actor)
    actor_grants_clear(user)
    return assignment


def role_revoke(*, actor: User | None, assignment: RoleAssignment, now: dt.datetime | None = None) -> RoleAssignment:
    """Revoke a grant (thu hồi). The row stays, stamped, so the history of who could do what remains."""
    if actor is not None and not can_grant_role(
        actor, role=assignment.role, unit=assignment.unit, bloc=assignment.bloc
    ):
        raise RoleNotGrantable()
    with transaction.atomic():
        # Lock only the assignment row: PostgreSQL cannot lock the nullable side of the unit/bloc outer joins.
        locked = (
            RoleAssignment.objects.select_for_update(of=("self",))
            .select_related("user", "unit", "bloc")
            .get(pk=assignment.pk)
        )
        if locked.revoked_at is not None:
            raise RoleAlreadyRevoked()
        locked.revoked_at = now or timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        audit.role_revoked_event(assignment=locked, actor=actor)
    # The caller's user object may carry cached grants: forget them too.
    actor_grants_clear(assignment._state.fields_cache.get("user"))
    actor_grants_clear(locked.user)
    return locked
