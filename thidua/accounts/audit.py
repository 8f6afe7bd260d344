"""Audit events of the accounts app: one creator per event type (STYLE S8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import ApiToken, RoleAssignment, User
    from thidua.core.models import AuditEvent


audit_action_register(
    {
        "accounts.user_created": _("Tạo tài khoản"),
        "accounts.role_granted": _("Cấp vai trò"),
        "accounts.role_revoked": _("Thu hồi vai trò"),
        "accounts.api_token_created": _("Tạo khóa API"),
        "accounts.api_token_revoked": _("Thu hồi khóa API"),
    }
)


def _assignment_summary(assignment: RoleAssignment) -> dict[str, object]:
    return {
        "user": assignment.user.username,
        "role": assignment.role,
        "unit": assignment.unit.code if assignment.unit_id and assignment.unit else None,
        "bloc": assignment.bloc.name if assignment.bloc_id and assignment.bloc else None,
        "starts_on": assignment.starts_on.isoformat() if assignment.starts_on else None,
        "ends_on": assignment.ends_on.isoformat() if assignment.ends_on else None,
    }


def user_created_event(*, user: User, actor: User | None) -> AuditEvent:
    return audit_record(
        action="accounts.user_created",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=user,
        after={"username": user.username, "full_name": user.full_name, "unit": user.unit.code if user.unit else None},
    )


def role_granted_event(*, assignment: RoleAssignment, actor: User | None) -> AuditEvent:
    return audit_record(
        action="accounts.role_granted",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=assignment,
        after=_assignment_summary(assignment),
        legal_basis=assignment.note,
    )


def role_revoked_event(*, assignment: RoleAssignment, actor: User | None) -> AuditEvent:
    return audit_record(
        action="accounts.role_revoked",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=assignment,
        before=_assignment_summary(assignment),
        after={"revoked_at": assignment.revoked_at.isoformat() if assignment.revoked_at else None},
    )


def api_token_created_event(*, token: ApiToken, actor: User) -> AuditEvent:
    return audit_record(
        action="accounts.api_token_created",
        actor=actor,
        acting_unit=actor.unit,
        target=token,
        after={"name": token.name, "prefix": token.prefix, "expires_on": str(token.expires_on or "")},
    )


def api_token_revoked_event(*, token: ApiToken, actor: User) -> AuditEvent:
    return audit_record(
        action="accounts.api_token_revoked",
        actor=actor,
        acting_unit=actor.unit,
        target=token,
        before={"prefix": token.prefix},
    )
