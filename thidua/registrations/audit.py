"""Audit events of registrations: one creator per event type, called inside the service transaction (S8)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent
    from thidua.registrations.models import Registration, RegistrationDeadline

LEGAL_BASIS = "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 12"

audit_action_register(
    {
        "registrations.registration_created": _("Tạo bản đăng ký thi đua"),
        "registrations.registration_updated": _("Sửa bản đăng ký thi đua"),
        "registrations.registration_submitted": _("Gửi bản đăng ký thi đua"),
        "registrations.registration_returned": _("Trả lại bản đăng ký thi đua"),
        "registrations.deadline_set": _("Đặt hạn đăng ký thi đua"),
    }
)


def _event(
    action: str,
    *,
    registration: Registration,
    actor: User | None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEvent:
    return audit_record(
        action=action,
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=registration,
        before=before,
        after=after,
        legal_basis=LEGAL_BASIS,
    )


def registration_created_event(
    *, registration: Registration, actor: User | None, after: Mapping[str, Any]
) -> AuditEvent:
    return _event("registrations.registration_created", registration=registration, actor=actor, after=after)


def registration_updated_event(
    *, registration: Registration, actor: User | None, before: Mapping[str, Any], after: Mapping[str, Any]
) -> AuditEvent:
    return _event(
        "registrations.registration_updated", registration=registration, actor=actor, before=before, after=after
    )


def registration_submitted_event(*, registration: Registration, actor: User | None, old_status: str) -> AuditEvent:
    return _event(
        "registrations.registration_submitted",
        registration=registration,
        actor=actor,
        before={"status": old_status},
        after={"status": registration.status},
    )


def registration_returned_event(*, registration: Registration, actor: User | None, reason: str) -> AuditEvent:
    return _event(
        "registrations.registration_returned",
        registration=registration,
        actor=actor,
        before={"status": "submitted"},
        after={"status": registration.status, "reason": reason},
    )


def deadline_set_event(*, deadline: RegistrationDeadline, actor: User | None, old_due_on: str | None) -> AuditEvent:
    return audit_record(
        action="registrations.deadline_set",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=deadline,
        before={"due_on": old_due_on},
        after={"bloc": deadline.bloc.name, "year": deadline.year, "due_on": deadline.due_on.isoformat()},
    )
