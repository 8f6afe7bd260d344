"""Audit events of the movements app: one creator per event type, called inside the service transaction (S8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent
    from thidua.movements.models import Movement, MovementReview


audit_action_register(
    {
        "movements.movement_launched": _("Phát động phong trào thi đua"),
        "movements.movement_reviewed": _("Sơ kết, tổng kết phong trào thi đua"),
    }
)

# Luật Thi đua, khen thưởng 06/2022/QH15, Điều 8: hình thức tổ chức phong trào thi đua.
LEGAL_BASIS = "Luật TĐKT 06/2022/QH15, Điều 8"


def movement_launched_event(*, movement: Movement, actor: User | None) -> AuditEvent:
    return audit_record(
        action="movements.movement_launched",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=movement,
        after={
            "title": movement.title,
            "kind": movement.kind,
            "unit": movement.launched_by_unit.code,
            "bloc": movement.bloc.name if movement.bloc else None,
            "launched_on": movement.launched_on.isoformat(),
            "starts_on": movement.starts_on.isoformat(),
            "ends_on": movement.ends_on.isoformat(),
            "plan_document": movement.plan_document.name or None,
        },
        legal_basis=LEGAL_BASIS,
    )


def movement_reviewed_event(*, review: MovementReview, actor: User | None, old_status: str) -> AuditEvent:
    return audit_record(
        action="movements.movement_reviewed",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=review.movement,
        before={"status": old_status},
        after={
            "status": review.movement.status,
            "review": review.kind,
            "held_on": review.held_on.isoformat(),
            "attachment": review.attachment.name or None,
        },
        legal_basis=LEGAL_BASIS,
    )
