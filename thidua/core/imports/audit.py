from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent, ImportBatch


audit_action_register({"core.import_applied": _("Nhập dữ liệu từ tệp Excel")})


def import_applied_event(*, batch: ImportBatch, actor: User) -> AuditEvent:
    return audit_record(
        action="core.import_applied",
        actor=actor,
        acting_unit=actor.unit,
        target=batch,
        after={"kind": batch.kind, "file_name": batch.file_name, "rows": batch.applied_count},
    )
