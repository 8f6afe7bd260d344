"""Confirming a large import in the background (công việc nền), so the request returns at once.

The job runs the same ``import_batch_confirm`` as a small import does: all rows in one transaction, or none. Its
progress bar jumps from 0 to the end (the rows are invisible to the page until they commit); its message says what
became of the batch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from thidua.core.exceptions import ApplicationError
from thidua.core.imports.choices import ImportBatchStatus
from thidua.core.imports.services import import_batch_access, import_batch_confirm
from thidua.core.jobs import JOB_LANGUAGE_PARAM, job_progress, job_runner_register
from thidua.core.models import Job

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import ImportBatch

JOB_KIND = "core.import_apply"
_MESSAGE_MAX = 300  # Job.message


def import_batch_confirm_later(*, actor: User, batch: ImportBatch) -> Job:
    """Queue the confirmation of ``batch`` as a background job of ``actor``, run once the transaction commits."""
    from thidua.core.imports.tasks import import_batch_confirm_task

    with transaction.atomic():
        job = Job.objects.create(
            kind=JOB_KIND,
            title=_("Ghi dữ liệu nhập từ tệp %(name)s") % {"name": batch.file_name},
            owner=actor,
            params={"batch_id": str(batch.pk), JOB_LANGUAGE_PARAM: get_language() or settings.LANGUAGE_CODE},
            total=batch.row_count,
        )
        job_id = str(job.pk)
        transaction.on_commit(lambda: import_batch_confirm_task.enqueue(job_id=job_id))
    return job


def import_batch_confirm_run(job: Job) -> None:
    """The job's runner: confirm the batch as its owner and say how it ended."""
    job_progress(job=job, done=0, total=job.total, message=_("Đang ghi dữ liệu…"))
    try:
        batch = import_batch_confirm(
            actor=job.owner, batch=import_batch_access(actor=job.owner, batch_id=job.params["batch_id"])
        )
    except ApplicationError as error:
        job_progress(job=job, done=0, total=job.total, message=error.message[:_MESSAGE_MAX])
        return
    if batch.status == ImportBatchStatus.APPLIED:
        message = _("Đã ghi %(count)s dòng vào hệ thống.") % {"count": batch.applied_count}
        job_progress(job=job, done=job.total, total=job.total, message=message)
    elif batch.status == ImportBatchStatus.FAILED:
        failure = batch.errors[0]
        message = (
            _("Không dòng nào được ghi. Dòng %(row)s: %(message)s") % failure
            if failure["row"]
            else _("Không dòng nào được ghi. %(message)s") % failure
        )
        job_progress(job=job, done=0, total=job.total, message=message[:_MESSAGE_MAX])
    else:
        message = _(
            "Dữ liệu trong hệ thống đã thay đổi từ lúc xem trước; không dòng nào được ghi. Hãy xem lại các lỗi."
        )
        job_progress(job=job, done=0, total=job.total, message=message)


job_runner_register(JOB_KIND, title=gettext_lazy("Ghi dữ liệu nhập từ Excel"), runner=import_batch_confirm_run)
