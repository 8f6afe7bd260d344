"""Helpers of the import tests: XLSX files built in memory, and the counts that must not move on a refusal."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from thidua.accounts.models import RoleAssignment
from thidua.core.models import AuditEvent
from thidua.core.spreadsheets import XLSX_CONTENT_TYPE
from thidua.emulation.models import BlocMembership
from thidua.organizations.models import Unit
from thidua.people.models import Assignment, Person

UNIT_HEADER = ["Mã đơn vị", "Tên đầy đủ", "Tên viết tắt", "Loại", "Mã đơn vị cấp trên", "Hiệu lực từ ngày"]


def xlsx_bytes(header: Sequence[object], rows: Sequence[Sequence[object]] = ()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "du-lieu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX_CONTENT_TYPE)


def read_xlsx(content: bytes) -> list[list[object]]:
    workbook = load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def sheet_titles(content: bytes) -> list[str]:
    return load_workbook(io.BytesIO(content)).sheetnames


def counts() -> dict[str, int]:
    """Rows of every table an import may write: a refused or previewed import leaves them all unchanged."""
    return {
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "assignments": Assignment.objects.count(),
        "memberships": BlocMembership.objects.count(),
        "audit": AuditEvent.objects.count(),
        "grants": RoleAssignment.objects.count(),
    }
