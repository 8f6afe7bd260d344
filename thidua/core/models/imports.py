from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.imports.choices import ImportBatchStatus


class ImportBatch(models.Model):
    """Lô nhập dữ liệu: one uploaded XLSX file awaiting confirmation, and what became of it.

    The upload is parsed and checked row by row, and nothing else is written: the rows (as text) and their errors
    are kept here for the preview. Confirming parses the rows again against the database as it is then and applies
    them all in one transaction, or none. Only its uploader sees a batch, and it can be applied once.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.CASCADE, related_name="import_batches"
    )
    kind = models.CharField(_("loại dữ liệu"), max_length=80)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    # [{"row": 2, "values": {"code": "so-y-te", ...}}, ...]: cell values as text, as read from the file.
    rows = models.JSONField(_("các dòng"), default=list, blank=True)
    # [{"row": 2, "column": "code", "message": "..."}, ...]; "column" is empty for a whole-row error.
    errors = models.JSONField(_("các lỗi"), default=list, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ImportBatchStatus.choices, default=ImportBatchStatus.PREVIEWED
    )
    applied_count = models.PositiveIntegerField(_("số dòng đã ghi"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lô nhập dữ liệu")
        verbose_name_plural = _("lô nhập dữ liệu")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="core_import_owner_idx")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.file_name}"

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors)
