"""Audit events of the initiatives app: one creator per event type (STYLE S8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent
    from thidua.initiatives.models import Initiative, InitiativeRecognition

LEGAL_BASIS = "Nghị định 13/2012/NĐ-CP (Điều lệ sáng kiến); Luật Thi đua, khen thưởng 06/2022/QH15 Điều 3.4"

audit_action_register(
    {
        "initiatives.initiative_created": _("Nhập sáng kiến"),
        "initiatives.initiative_updated": _("Sửa sáng kiến"),
        "initiatives.initiative_recognised": _("Công nhận sáng kiến"),
    }
)


def initiative_summary(initiative: Initiative, authors: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "title": initiative.title,
        "unit": initiative.unit.code,
        "field": initiative.field,
        "applied_on": initiative.applied_on.isoformat(),
        "conditions": [initiative.is_novel, initiative.is_applied, initiative.is_not_excluded],
        "authors": authors,
    }


def initiative_created_event(
    *, initiative: Initiative, authors: list[dict[str, Any]], actor: User | None
) -> AuditEvent:
    return audit_record(
        action="initiatives.initiative_created",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=initiative,
        after=initiative_summary(initiative, authors),
        legal_basis=LEGAL_BASIS,
    )


def initiative_updated_event(
    *, initiative: Initiative, before: dict[str, Any], authors: list[dict[str, Any]], actor: User | None
) -> AuditEvent:
    return audit_record(
        action="initiatives.initiative_updated",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=initiative,
        before=before,
        after=initiative_summary(initiative, authors),
        legal_basis=LEGAL_BASIS,
    )


def initiative_recognised_event(
    *, recognition: InitiativeRecognition, previous_level: str, actor: User | None
) -> AuditEvent:
    return audit_record(
        action="initiatives.initiative_recognised",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=recognition.initiative,
        before={"level": previous_level},
        after={
            "level": recognition.level,
            "recognising_body": recognition.recognising_body,
            "decision_number": recognition.decision_number,
            "decision_date": recognition.decision_date.isoformat(),
            "recognised_on": recognition.recognised_on.isoformat(),
        },
        legal_basis=LEGAL_BASIS,
    )
