"""Background jobs with progress (công việc chạy nền).

A job kind is registered with a runner. ``job_create`` stores the Job and enqueues ``job_run_task`` on commit; the
task loads the job by id and calls the runner, which reports progress with ``job_progress``. Tasks are idempotent:
a job that already ended is not run again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from thidua.core.choices import JobStatus
from thidua.core.exceptions import NotFound
from thidua.core.models import Job

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from thidua.accounts.models import User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobKind:
    title: str | Promise
    runner: Callable[[Job], None]


_kinds: dict[str, JobKind] = {}
JOB_LANGUAGE_PARAM = "language"


def job_runner_register(kind: str, *, title: str | Promise, runner: Callable[[Job], None]) -> None:
    _kinds[kind] = JobKind(title=title, runner=runner)


def job_create(*, actor: User, kind: str, params: dict[str, Any] | None = None) -> Job:
    """Record a job for ``actor`` and enqueue it once the transaction commits."""
    from thidua.core.tasks import job_run_task

    if kind not in _kinds:
        raise LookupError(f"Unknown job kind {kind!r}")
    with transaction.atomic():
        # The worker speaks the requester's language: file headers, values and messages match what they saw.
        job_params = {**(params or {}), JOB_LANGUAGE_PARAM: translation.get_language() or settings.LANGUAGE_CODE}
        job = Job.objects.create(kind=kind, title=str(_kinds[kind].title), owner=actor, params=job_params)
        job_id = str(job.pk)
        transaction.on_commit(lambda: job_run_task.enqueue(job_id=job_id))
    return job


def job_access(*, actor: User, job_id: str | uuid.UUID) -> Job:
    """A job of the actor's own; NotFound otherwise."""
    try:
        key = uuid.UUID(str(job_id))
    except ValueError:
        raise NotFound() from None
    job = Job.objects.filter(pk=key, owner_id=actor.pk).first()
    if job is None:
        raise NotFound()
    return job


def job_progress(*, job: Job, done: int, total: int, message: str = "") -> None:
    """Record progress; commits immediately so that the page polling it sees the change."""
    job.done, job.total = min(done, total), total
    if message:
        job.message = message
    Job.objects.filter(pk=job.pk).update(done=job.done, total=job.total, message=job.message, updated_at=timezone.now())


def job_run(*, job_id: str) -> None:
    """Run a queued job. Called by the task; safe to call twice (a job that has started is skipped)."""
    started = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, updated_at=timezone.now()
    )
    if not started:
        return
    job = Job.objects.select_related("owner").get(pk=job_id)
    try:
        with translation.override(job.params.get(JOB_LANGUAGE_PARAM) or settings.LANGUAGE_CODE):
            _kinds[job.kind].runner(job)
    except Exception:
        logger.exception("job failed", extra={"job_id": job_id, "kind": job.kind})
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            message="Có lỗi khi xử lý. Vui lòng thử lại hoặc báo quản trị.",
            finished_at=timezone.now(),
        )
        raise
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED,
        result_file=job.result_file.name or "",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
