from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent
    from thidua.organizations.models import Unit


audit_action_register({"organizations.unit_created": _("Tạo đơn vị")})


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
