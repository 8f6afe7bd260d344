"""Pages of XLSX import and export: upload, preview with row-by-row errors, confirmation, template and export.

Views stay thin (S6): they find the kind, refuse with 404 whom it refuses, and call one service.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.imports.base import ImportKind
from thidua.core.imports.choices import ImportBatchStatus
from thidua.core.imports.forms import ImportUploadForm
from thidua.core.imports.jobs import import_batch_confirm_later
from thidua.core.imports.registry import import_kind_get
from thidua.core.imports.services import import_batch_access, import_batch_confirm, import_batch_preview
from thidua.core.models import ImportBatch
from thidua.core.spreadsheets import XLSX_CONTENT_TYPE, workbook_bytes


def _importable_kind(request: AuthenticatedHttpRequest, kind_code: str) -> ImportKind[Any]:
    kind = import_kind_get(kind_code)
    if not kind.can_import(request.user):
        raise NotFound()
    return kind


def _xlsx_response(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


class ImportUploadView(LoginRequiredMixin, View):
    """Nhập từ Excel: choose a file of one kind; the next page previews it."""

    template_name = "core/imports/import_upload.html"

    def _render(
        self, request: AuthenticatedHttpRequest, kind: ImportKind[Any], form: ImportUploadForm, status: int = 200
    ) -> HttpResponse:
        return render(request, self.template_name, {"kind": kind, "form": form}, status=status)

    def get(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        return self._render(request, _importable_kind(request, kind), ImportUploadForm())

    def post(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        import_kind = _importable_kind(request, kind)
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, import_kind, form, status=422)
        upload = form.cleaned_data["file"]
        try:
            batch = import_batch_preview(
                actor=request.user, kind_code=import_kind.code, upload=upload, file_name=upload.name, size=upload.size
            )
        except ApplicationError as error:
            form.add_error("file", error.message)
            return self._render(request, import_kind, form, status=422)
        return redirect("core:import-preview", batch_id=batch.pk)


def _preview_context(batch: ImportBatch, kind: ImportKind[Any]) -> dict[str, Any]:
    by_row: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for error in batch.errors:
        by_row[int(error["row"])].append(error)
    titles = kind.column_titles()
    rows = [
        {
            "number": row["row"],
            "cells": [
                {"value": row["values"].get(column.key, ""), "has_error": any(e["column"] == column.key for e in errs)}
                for column in kind.columns
            ],
            "errors": [{"column": titles.get(e["column"], ""), "message": e["message"]} for e in errs],
        }
        for row in batch.rows
        for errs in [by_row.get(int(row["row"]), [])]
    ]
    whole_file_errors = [e for e in batch.errors if int(e["row"]) not in {int(r["row"]) for r in batch.rows}]
    return {
        "batch": batch,
        "kind": kind,
        "rows": rows,
        "rows_with_errors": sum(1 for row in rows if row["errors"]),
        "whole_file_errors": whole_file_errors,
        "can_confirm": batch.status == ImportBatchStatus.PREVIEWED and not batch.errors,
    }


class ImportPreviewView(LoginRequiredMixin, View):
    """Xem trước: every row with its errors beside it; a Confirm button only when no row has an error.

    Once the batch is applied or failed, the same address shows its result.
    """

    def get(self, request: AuthenticatedHttpRequest, batch_id: str) -> HttpResponse:
        batch = import_batch_access(actor=request.user, batch_id=batch_id)
        kind = import_kind_get(batch.kind)
        template = (
            "core/imports/import_preview.html"
            if batch.status == ImportBatchStatus.PREVIEWED
            else "core/imports/import_result.html"
        )
        return render(request, template, _preview_context(batch, kind))


class ImportConfirmView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, batch_id: str) -> HttpResponse:
        batch = import_batch_access(actor=request.user, batch_id=batch_id)
        _importable_kind(request, batch.kind)
        if batch.status == ImportBatchStatus.PREVIEWED and batch.row_count > settings.THIDUA_IMPORT_SYNC_MAX_ROWS:
            job = import_batch_confirm_later(actor=request.user, batch=batch)
            return redirect("core:job-detail", job_id=job.pk)
        try:
            batch = import_batch_confirm(actor=request.user, batch=batch)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("core:import-preview", batch_id=batch.pk)
        if batch.status == ImportBatchStatus.APPLIED:
            messages.success(request, _("Đã ghi %(count)s dòng vào hệ thống.") % {"count": batch.applied_count})
        elif batch.status == ImportBatchStatus.PREVIEWED:
            messages.error(request, _("Dữ liệu trong hệ thống đã thay đổi từ lúc xem trước. Hãy xem lại các lỗi."))
        return redirect("core:import-preview", batch_id=batch.pk)


class ImportTemplateView(LoginRequiredMixin, View):
    """Tải mẫu: the kind's columns, two example rows and a "Hướng dẫn" sheet."""

    def get(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        import_kind = _importable_kind(request, kind)
        content = workbook_bytes(
            sheet_title=import_kind.sheet_title,
            columns=import_kind.columns,
            rows=import_kind.example_rows,
            instructions=import_kind.instructions,
        )
        return _xlsx_response(content, f"mau-nhap-{import_kind.file_stem}.xlsx")


class ExportView(LoginRequiredMixin, View):
    """Xuất ra Excel: what the user may see of one kind, in the import's columns."""

    def get(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        import_kind = import_kind_get(kind)
        if not import_kind.can_export(request.user):
            raise NotFound()
        content = workbook_bytes(
            sheet_title=import_kind.sheet_title,
            columns=import_kind.export_columns(request.user),
            rows=import_kind.export_rows(actor=request.user),
        )
        return _xlsx_response(content, f"{import_kind.file_stem}-{timezone.localtime():%Y%m%d-%H%M}.xlsx")


__all__ = ["ExportView", "ImportConfirmView", "ImportPreviewView", "ImportTemplateView", "ImportUploadView"]
