from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from thidua.accounts import audit
from thidua.accounts.errors import RoleAlreadyGranted, RoleAlreadyRevoked, RoleNotGrantable
from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.permissions import can_grant_role
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

    Refuses with RoleNotGrantable when the actor may not grant this role there, and RoleAlreadyGranted when the
    same active grant exists (backed by a partial unique constraint).
    """
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
        duplicate = RoleAssignment.objects.filter(user=user, role=role, unit=unit, bloc=bloc, revoked_at__isnull=True)
        if duplicate.exists():
            raise RoleAlreadyGranted()
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
        locked = RoleAssignment.objects.select_for_update().select_related("user", "unit", "bloc").get(pk=assignment.pk)
        if locked.revoked_at is not None:
            raise RoleAlreadyRevoked()
        locked.revoked_at = now or timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        audit.role_revoked_event(assignment=locked, actor=actor)
    actor_grants_clear(locked.user)
    return locked
