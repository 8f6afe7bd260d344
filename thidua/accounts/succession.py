"""Carrying role grants and workplaces to a successor unit (registered with organizations.succession in ``ready()``).

When a unit ends in a merger, split or closure with a successor, the people who held a role on it keep the same
role on the successor from the change's date, and the accounts that worked there move to the successor. The grant
on the ended unit is not revoked: it ends on the unit's last day, so "who could do what, when" stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.permissions import role_scope_is_valid
from thidua.accounts.scoping import actor_grants_clear
from thidua.accounts.services.roles import _role_grant
from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.core.models import AuditEvent
    from thidua.organizations.succession import Succession


audit_action_register(
    {
        "accounts.role_ended_by_succession": _("Kết thúc vai trò do sắp xếp đơn vị"),
        "accounts.user_unit_moved_by_succession": _("Chuyển đơn vị công tác của người dùng do sắp xếp đơn vị"),
    }
)


def _role_ended_event(*, assignment: RoleAssignment, succession: Succession, carried: bool) -> AuditEvent:
    actor = succession.actor
    return audit_record(
        action="accounts.role_ended_by_succession",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=assignment,
        after={
            "user": assignment.user.username,
            "role": assignment.role,
            "unit": succession.predecessor.code,
            "ends_on": assignment.ends_on.isoformat() if assignment.ends_on else None,
            "revoked": assignment.revoked_at is not None,
            "successor": succession.successor.code if carried else None,
        },
        legal_basis=succession.change.legal_basis,
    )


def _user_moved_event(*, user: User, succession: Succession) -> AuditEvent:
    actor = succession.actor
    return audit_record(
        action="accounts.user_unit_moved_by_succession",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=user,
        before={"unit": succession.predecessor.code},
        after={"unit": succession.successor.code},
        legal_basis=succession.change.legal_basis,
    )


def accounts_succession_carry(succession: Succession) -> None:
    """Grants in force on (or after) the change's date move to the successor; workplaces follow.

    - A grant on the ended unit, not revoked and not ended before the change's date, ends on the unit's last day. A
      grant that had not begun by then cannot end before it starts, so it is revoked instead.
    - The same role is granted on the successor from the change's date (or the grant's own later start), until the
      grant's own end, unless the user already holds it there or the successor cannot carry it (a province role on a
      unit that is not a province). Granting goes through ``_role_grant`` (no permission check: the change was
      authorised) so it is audited like any grant, with the change's decision as its note.
    - Accounts whose workplace (``User.unit``) was the ended unit now work at the successor.

    Runs inside the change's transaction.
    """
    predecessor, successor, effective_on = succession.predecessor, succession.successor, succession.effective_on
    last_day = succession.last_day
    grants = (
        RoleAssignment.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(unit=predecessor, revoked_at__isnull=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=effective_on))
        .order_by("id")
    )
    for grant in grants:
        starts_on = grant.starts_on if grant.starts_on and grant.starts_on > effective_on else effective_on
        ends_on = grant.ends_on
        if grant.starts_on is not None and grant.starts_on > last_day:
            grant.revoked_at = timezone.now()
            grant.revoked_by = succession.actor
            grant.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
        else:
            grant.ends_on = last_day
            grant.save(update_fields=["ends_on", "updated_at"])
        carry = role_scope_is_valid(role=grant.role, unit=successor, bloc=None) and not _holds_on(
            grant.user, grant.role, successor_id=successor.pk
        )
        _role_ended_event(assignment=grant, succession=succession, carried=carry)
        if carry:
            _role_grant(
                actor=succession.actor,
                user=grant.user,
                role=grant.role,
                unit=successor,
                bloc=None,
                starts_on=starts_on,
                ends_on=ends_on,
                note=succession.change.legal_basis[:300],
            )
        actor_grants_clear(grant.user)
    for user in User.objects.select_for_update().filter(unit=predecessor).order_by("pk"):
        user.unit = successor
        user.save(update_fields=["unit"])
        _user_moved_event(user=user, succession=succession)


def _holds_on(user: User, role: str, *, successor_id: int) -> bool:
    """Does the user already hold ``role`` on the successor (a grant not revoked, still running today or later)?"""
    today = timezone.localdate()
    return (
        RoleAssignment.objects.filter(user=user, role=role, unit_id=successor_id, revoked_at__isnull=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .exists()
    )
