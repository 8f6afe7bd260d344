from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent
    from thidua.organizations.models import Unit, UnitChange


audit_action_register(
    {
        "organizations.unit_created": _("Tạo đơn vị"),
        "organizations.unit_updated": _("Sửa thông tin đơn vị"),
        "organizations.unit_change_recorded": _("Ghi nhận sắp xếp, tổ chức lại đơn vị"),
    }
)


def unit_created_event(*, unit: Unit, actor: User | None, legal_basis: str = "") -> AuditEvent:
    return audit_record(
        action="organizations.unit_created",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=unit,
        after={
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "parent": unit.parent.code if unit.parent else None,
        },
        legal_basis=legal_basis,
    )


def unit_updated_event(*, unit: Unit, actor: User | None, before: dict[str, str], after: dict[str, str]) -> AuditEvent:
    return audit_record(
        action="organizations.unit_updated",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=unit,
        before=before,
        after=after,
    )


def unit_change_recorded_event(*, change: UnitChange, actor: User | None, units: list[Unit]) -> AuditEvent:
    return audit_record(
        action="organizations.unit_change_recorded",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=change,
        after={
            "kind": change.kind,
            "effective_on": change.effective_on.isoformat(),
            "predecessors": [link.predecessor.code for link in change.links.all() if link.predecessor],
            "successors": [link.successor.code for link in change.links.all() if link.successor],
            "units": [unit.code for unit in units],
        },
        legal_basis=change.legal_basis,
    )
