"""XLSX reading and writing for imports and exports (bảng tính Excel).

One sheet, one header row of Vietnamese column titles, one record per row. Reading is forgiving where people are
(titles match without regard to case or diacritics, dates may be date cells or ``dd/mm/yyyy`` text, empty rows are
skipped) and strict where files are (not an XLSX, empty, missing columns, too large, too many rows): each of those is a
:class:`SpreadsheetInvalid` with a Vietnamese message, never a crash.

Cell values are read as text, so that a preview stores them as JSON and a confirmation parses them again.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from thidua.core.exceptions import ApplicationError
from thidua.core.text import fold

DATE_FORMAT = "%d/%m/%Y"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INSTRUCTIONS_SHEET_TITLE = gettext_lazy("Hướng dẫn")

_DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE_TEXT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


class SpreadsheetInvalid(ApplicationError):
    """The uploaded file cannot be read as the expected table; ``message`` says why, in Vietnamese."""

    status_code = 422
    default_message = gettext_lazy("Tệp không đọc được. Hãy dùng tệp Excel (.xlsx) theo mẫu.")


@dataclass(frozen=True)
class Column:
    """One column of a table: its key in code, its Vietnamese title in the file, and how to fill it."""

    key: str
    title: str | Promise
    required: bool = False
    is_date: bool = False
    width: int = 20
    help_text: str | Promise = ""


@dataclass(frozen=True)
class SheetRow:
    """A data row as text, keyed by column key. ``number`` is the row number Excel shows (the header is row 1)."""

    number: int
    values: dict[str, str] = field(default_factory=dict)


def cell_text(value: object) -> str:
    """A cell as trimmed text: dates as dd/mm/yyyy, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime(DATE_FORMAT) if value.time() == dt.time(0) else value.strftime(f"{DATE_FORMAT} %H:%M")
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "1" if value else "0"
    return " ".join(str(value).split())


def parse_date(text: str) -> dt.date:
    """Parse ``dd/mm/yyyy`` (also with ``.`` or ``-``) or ISO ``yyyy-mm-dd``; ValueError for anything else."""
    if match := _DATE_TEXT.match(text.strip()):
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    if match := _ISO_DATE_TEXT.match(text.strip()):
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


def date_error(text: str) -> str:
    return _("Ngày không hợp lệ: “%(value)s”. Hãy ghi theo dạng ngày/tháng/năm, ví dụ 17/01/2020.") % {"value": text}


def read_table(
    upload: IO[bytes], *, columns: Sequence[Column], max_bytes: int, max_rows: int, size: int | None = None
) -> list[SheetRow]:
    """Read the first sheet of an XLSX file as rows of text under ``columns``.

    The header row is the first non-empty row; its titles are matched to ``columns`` ignoring case and diacritics,
    in any order; unknown columns are ignored. Raises :class:`SpreadsheetInvalid` for a file that is not XLSX, has
    no header, lacks a required column, is larger than ``max_bytes`` or has more than ``max_rows`` data rows.
    """
    if size is not None and size > max_bytes:
        raise SpreadsheetInvalid(
            _("Tệp quá lớn (%(size)s MB). Giới hạn là %(limit)s MB.")
            % {"size": f"{size / 1_048_576:.1f}", "limit": f"{max_bytes / 1_048_576:g}"}
        )
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SpreadsheetInvalid(_("Tệp quá lớn. Giới hạn là %(limit)s MB.") % {"limit": f"{max_bytes / 1_048_576:g}"})
    if not data:
        raise SpreadsheetInvalid(_("Tệp rỗng."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError):
        raise SpreadsheetInvalid() from None
    try:
        return _read_rows(workbook.worksheets, columns=columns, max_rows=max_rows)
    finally:
        workbook.close()


def _read_rows(worksheets: Sequence[Any], *, columns: Sequence[Column], max_rows: int) -> list[SheetRow]:
    if not worksheets:
        raise SpreadsheetInvalid(_("Tệp không có trang tính nào."))
    by_title = {fold(str(column.title)): column for column in columns}
    positions: dict[int, Column] | None = None
    rows: list[SheetRow] = []
    for number, cells in enumerate(worksheets[0].iter_rows(values_only=True), start=1):
        texts = [cell_text(value) for value in cells]
        if not any(texts):
            continue
        if positions is None:
            positions = {i: by_title[fold(t)] for i, t in enumerate(texts) if fold(t) in by_title}
            _check_header(positions, columns)
            continue
        if len(rows) >= max_rows:
            raise SpreadsheetInvalid(
                _("Tệp có quá nhiều dòng. Mỗi lần nhập tối đa %(limit)s dòng; hãy chia thành nhiều tệp.")
                % {"limit": max_rows}
            )
        values = {column.key: (texts[i] if i < len(texts) else "") for i, column in positions.items()}
        if any(values.values()):
            rows.append(SheetRow(number=number, values=values))
    if positions is None:
        raise SpreadsheetInvalid(_("Tệp rỗng: không có dòng tiêu đề."))
    if not rows:
        raise SpreadsheetInvalid(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return rows


def _check_header(positions: dict[int, Column], columns: Sequence[Column]) -> None:
    found = {column.key for column in positions.values()}
    missing = [str(column.title) for column in columns if column.required and column.key not in found]
    if missing:
        raise SpreadsheetInvalid(
            _("Dòng tiêu đề thiếu cột: %(columns)s. Hãy tải tệp mẫu và giữ nguyên dòng tiêu đề.")
            % {"columns": ", ".join(f"“{title}”" for title in missing)}
        )


def _write_header(sheet: Any, columns: Sequence[Column]) -> None:
    sheet.append([str(column.title) for column in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"


def _append_rows(sheet: Any, columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> None:
    for row in rows:
        sheet.append(list(row))
        number = sheet.max_row
        for index, column in enumerate(columns, start=1):
            if column.is_date:
                sheet.cell(row=number, column=index).number_format = "dd/mm/yyyy"


def workbook_bytes(
    *,
    sheet_title: str | Promise,
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    instructions: Sequence[str | Promise] = (),
) -> bytes:
    """An XLSX file: one data sheet (header, then ``rows`` with dates as date cells) and, when given, a
    "Hướng dẫn" sheet listing ``instructions`` and what goes in each column."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  (a new Workbook always has an active sheet)
    sheet.title = str(sheet_title)[:31]
    _write_header(sheet, columns)
    _append_rows(sheet, columns, rows)
    if instructions:
        _write_instructions(workbook.create_sheet(str(INSTRUCTIONS_SHEET_TITLE)), columns, instructions)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_instructions(sheet: Any, columns: Sequence[Column], instructions: Sequence[str | Promise]) -> None:
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 100
    sheet.append([_("Hướng dẫn nhập dữ liệu")])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    for line in instructions:
        sheet.append(["", str(line)])
    sheet.append([])
    sheet.append([_("Cột"), _("Cách ghi")])
    header_row = sheet.max_row
    for index in (1, 2):
        sheet.cell(row=header_row, column=index).font = Font(bold=True)
        sheet.cell(row=header_row, column=index).fill = _HEADER_FILL
    for column in columns:
        needed = _("Bắt buộc.") if column.required else _("Không bắt buộc.")
        date_hint = _("Ngày ghi theo dạng ngày/tháng/năm (dd/mm/yyyy).") if column.is_date else ""
        sheet.append([str(column.title), " ".join(filter(None, [needed, str(column.help_text), date_hint]))])
    for row in sheet.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
