"""Audit events of the covenants app: one creator per event type, called inside the service transaction (S8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent
    from thidua.covenants.models import (
        BlocCovenant,
        CovenantAcknowledgement,
        CovenantProgressReport,
        CovenantTarget,
        UnitCovenantWithCommittee,
    )

LEGAL_BASIS = "HD 1479/HD-BTĐKT 2016"

audit_action_register(
    {
        "covenants.bloc_covenant_created": _("Soạn thảo giao ước thi đua của khối"),
        "covenants.bloc_covenant_updated": _("Sửa giao ước thi đua của khối"),
        "covenants.bloc_covenant_opened": _("Mở giao ước thi đua để các đơn vị tiếp nhận"),
        "covenants.target_added": _("Thêm chỉ tiêu giao ước"),
        "covenants.acknowledged": _("Đơn vị tiếp nhận giao ước thi đua"),
        "covenants.in_force": _("Giao ước thi đua của khối có hiệu lực"),
        "covenants.unit_covenant_created": _("Ghi nhận giao ước thi đua với UBND tỉnh"),
        "covenants.progress_reported": _("Báo cáo kết quả thực hiện chỉ tiêu giao ước"),
    }
)


def _record(action: str, *, actor: User | None, target: Any, after: dict[str, Any], before: Any = None) -> AuditEvent:
    return audit_record(
        action=action,
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=target,
        before=before,
        after=after,
        legal_basis=LEGAL_BASIS,
    )


def _covenant(covenant: BlocCovenant) -> dict[str, Any]:
    return {
        "bloc": covenant.bloc.name,
        "year": covenant.year,
        "status": covenant.status,
        "signed_on": covenant.signed_on.isoformat() if covenant.signed_on else None,
        "attachment": covenant.attachment.name or "",
    }


def bloc_covenant_created_event(*, covenant: BlocCovenant, actor: User | None) -> AuditEvent:
    return _record("covenants.bloc_covenant_created", actor=actor, target=covenant, after=_covenant(covenant))


def bloc_covenant_updated_event(*, covenant: BlocCovenant, actor: User | None, before: dict[str, Any]) -> AuditEvent:
    return _record(
        "covenants.bloc_covenant_updated", actor=actor, target=covenant, before=before, after=_covenant(covenant)
    )


def bloc_covenant_opened_event(*, covenant: BlocCovenant, actor: User | None) -> AuditEvent:
    return _record(
        "covenants.bloc_covenant_opened",
        actor=actor,
        target=covenant,
        before={"status": "draft"},
        after=_covenant(covenant),
    )


def target_added_event(*, target: CovenantTarget, actor: User | None) -> AuditEvent:
    return _record(
        "covenants.target_added",
        actor=actor,
        target=target,
        after={
            "unit": target.unit.code,
            "text": target.text,
            "value": str(target.value),
            "value_unit": target.value_unit,
        },
    )


def acknowledged_event(*, acknowledgement: CovenantAcknowledgement, actor: User | None) -> AuditEvent:
    return _record(
        "covenants.acknowledged",
        actor=actor,
        target=acknowledgement.covenant,
        after={"unit": acknowledgement.unit.code, "acknowledged_at": acknowledgement.acknowledged_at.isoformat()},
    )


def in_force_event(*, covenant: BlocCovenant, actor: User | None) -> AuditEvent:
    return _record(
        "covenants.in_force", actor=actor, target=covenant, before={"status": "open"}, after=_covenant(covenant)
    )


def unit_covenant_created_event(*, covenant: UnitCovenantWithCommittee, actor: User | None) -> AuditEvent:
    return _record(
        "covenants.unit_covenant_created",
        actor=actor,
        target=covenant,
        after={"unit": covenant.unit.code, "year": covenant.year, "targets": covenant.targets.count()},
    )


def progress_reported_event(*, report: CovenantProgressReport, actor: User | None) -> AuditEvent:
    return _record(
        "covenants.progress_reported",
        actor=actor,
        target=report.target,
        after={"period": report.period, "value": str(report.value), "text": report.text[:300]},
    )
