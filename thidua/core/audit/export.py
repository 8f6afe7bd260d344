"""Export of the audit trail to XLSX, run as a background job with progress."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from thidua.core.audit import audit_action_label
from thidua.core.audit.selectors import AuditFilters, audit_event_list_visible_to
from thidua.core.jobs import job_progress, job_runner_register

if TYPE_CHECKING:
    from thidua.core.models import Job

_CHUNK = 500


def audit_export_run(job: Job) -> None:
    events = audit_event_list_visible_to(actor=job.owner, filters=AuditFilters.from_params(job.params))
    total = events.count()
    job_progress(job=job, done=0, total=total)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Nhật ký"))
    sheet.append(
        [_("Thời điểm"), _("Người thực hiện"), _("Đơn vị"), _("Hành động"), _("Đối tượng"), _("Căn cứ pháp lý")]
    )
    for done, event in enumerate(events.iterator(chunk_size=_CHUNK), start=1):
        sheet.append(
            [
                timezone.localtime(event.occurred_at).strftime("%d/%m/%Y %H:%M:%S"),
                event.actor_name or _("Hệ thống"),
                event.acting_unit.name if event.acting_unit else "",
                audit_action_label(event.action),
                event.target_repr,
                event.legal_basis,
            ]
        )
        if done % _CHUNK == 0:
            job_progress(job=job, done=done, total=total)
    buffer = io.BytesIO()
    workbook.save(buffer)
    name = f"nhat-ky-{timezone.localtime():%Y%m%d-%H%M%S}.xlsx"
    job.result_file.save(name, ContentFile(buffer.getvalue()), save=False)
    job_progress(job=job, done=total, total=total)


job_runner_register("core.audit_export", title=_("Xuất nhật ký nghiệp vụ ra Excel"), runner=audit_export_run)
