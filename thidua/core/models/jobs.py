from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.choices import JobStatus


class Job(models.Model):
    """Công việc chạy nền: a long background job that a page follows with a progress bar.

    Created by a service before the task is enqueued (on commit); the task reports progress through
    ``core.jobs.job_progress`` and attaches its result file at the end. Only its owner can see it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("loại"), max_length=80)
    title = models.CharField(_("tiêu đề"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE, related_name="jobs"
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    message = models.CharField(_("thông báo"), max_length=300, blank=True)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    result_file = models.FileField(_("tệp kết quả"), upload_to="jobs/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("công việc nền")
        verbose_name_plural = _("công việc nền")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="core_job_owner_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(done__lte=models.F("total")), name="core_job_done_lte_total")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, round(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)
