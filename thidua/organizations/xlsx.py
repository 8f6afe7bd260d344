"""Units (đơn vị) to and from XLSX: the province office imports its agencies, communes... under existing units.

A row's parent is an existing unit or a unit of an earlier row of the same file, so a whole subtree imports at
once, parents first. An export has the same columns, in tree order, so that it re-imports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scoping import has_permission
from thidua.core.imports.base import ImportKind, ParseResult, RowError, RowReader, format_date, row_failure
from thidua.core.imports.registry import import_kind_register
from thidua.core.spreadsheets import Column, SheetRow
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit
from thidua.organizations.permissions import OrganizationsPermission, can_manage_unit
from thidua.organizations.selectors import unit_list_visible_to
from thidua.organizations.services import unit_create

if TYPE_CHECKING:
    import datetime as dt

    from thidua.accounts.models import User

_CODE = re.compile(r"^[a-z0-9-]+$")


@dataclass(frozen=True)
class UnitRow:
    number: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str
    valid_from: dt.date | None


class UnitImport(ImportKind[UnitRow]):
    code = "units"
    title = gettext_lazy("Đơn vị")
    sheet_title = gettext_lazy("Đơn vị")
    file_stem = "don-vi"
    columns = (
        Column(
            "code",
            gettext_lazy("Mã đơn vị"),
            required=True,
            width=18,
            help_text=gettext_lazy(
                "Chữ thường không dấu, số và dấu gạch ngang, không trùng với đơn vị đã có. Ví dụ: so-y-te."
            ),
        ),
        Column("name", gettext_lazy("Tên đầy đủ"), required=True, width=50),
        Column("short_name", gettext_lazy("Tên viết tắt"), width=20),
        Column(
            "kind",
            gettext_lazy("Loại"),
            required=True,
            width=30,
            help_text=gettext_lazy(
                "Một trong: Sở, cơ quan chuyên môn; Ban, ngành, cơ quan; Đơn vị sự nghiệp công lập; Cơ quan báo chí; "
                "Huyện, thị xã, thành phố thuộc tỉnh; Xã, phường, thị trấn; Phòng, ban trực thuộc; Khác."
            ),
        ),
        Column(
            "parent_code",
            gettext_lazy("Mã đơn vị cấp trên"),
            required=True,
            width=20,
            help_text=gettext_lazy("Mã của một đơn vị đã có, hoặc của một đơn vị ở dòng phía trên trong cùng tệp."),
        ),
        Column("valid_from", gettext_lazy("Hiệu lực từ ngày"), is_date=True, width=16),
    )
    instructions = (
        gettext_lazy("Mỗi dòng của trang “Đơn vị” là một đơn vị mới. Giữ nguyên dòng tiêu đề."),
        gettext_lazy("Đơn vị cấp trên phải ghi ở dòng phía trên đơn vị cấp dưới."),
        gettext_lazy("Khi tải lên, hệ thống kiểm tra từng dòng và chưa ghi gì cho đến khi bạn xác nhận."),
    )
    example_rows = (
        (
            "so-van-hoa",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Sở VHTTDL",
            "Sở, cơ quan chuyên môn",
            "tinh-quang-nam",
            "01/01/2008",
        ),
        ("phong-to-chuc-so-van-hoa", "Phòng Tổ chức – Hành chính", "", "Phòng, ban trực thuộc", "so-van-hoa", ""),
    )

    def can_import(self, actor: User) -> bool:
        return has_permission(actor, OrganizationsPermission.UNIT_MANAGE)

    def can_export(self, actor: User) -> bool:
        return has_permission(actor, OrganizationsPermission.UNIT_VIEW)

    def parse(self, *, actor: User, rows: Sequence[SheetRow]) -> ParseResult[UnitRow]:
        codes = {row.values.get("code", "") for row in rows} | {row.values.get("parent_code", "") for row in rows}
        existing = {unit.code: unit for unit in Unit.objects.filter(code__in=codes - {""})}
        first_row_of: dict[str, int] = {}
        parsed: list[UnitRow] = []
        errors: list[RowError] = []
        for row in rows:
            reader = RowReader(row, self.columns)
            code = reader.text("code", max_length=40)
            if code and not _CODE.match(code):
                reader.error("code", _("Mã đơn vị chỉ dùng chữ thường không dấu, số và dấu gạch ngang."))
            elif code in existing:
                reader.error("code", _("Mã đơn vị “%(code)s” đã có trong hệ thống.") % {"code": code})
            elif code in first_row_of:
                reader.error("code", _("Mã đơn vị trùng với dòng %(row)s.") % {"row": first_row_of[code]})
            name = reader.text("name", max_length=255)
            short_name = reader.text("short_name", max_length=80)
            kind = reader.choice("kind", UnitKind)
            parent_code = reader.text("parent_code")
            if parent_code:
                self._check_parent(actor, reader, parent_code, existing, first_row_of)
            valid_from = reader.date("valid_from")
            if code and code not in first_row_of:
                first_row_of[code] = row.number
            errors.extend(reader.errors)
            if not reader.errors:
                parsed.append(UnitRow(row.number, code, name, short_name, kind, parent_code, valid_from))
        return ParseResult(rows=parsed, errors=errors)

    def _check_parent(
        self, actor: User, reader: RowReader, parent_code: str, existing: dict[str, Unit], earlier: dict[str, int]
    ) -> None:
        parent = existing.get(parent_code)
        if parent is not None:
            if not can_manage_unit(actor, parent=parent):
                reader.error(
                    "parent_code",
                    _("Bạn không có quyền thêm đơn vị dưới “%(name)s”.") % {"name": parent.name},
                )
        elif parent_code not in earlier:
            reader.error(
                "parent_code",
                _("Không tìm thấy đơn vị cấp trên có mã “%(code)s” (trong hệ thống hoặc ở các dòng phía trên).")
                % {"code": parent_code},
            )

    def apply(self, *, actor: User, rows: Sequence[UnitRow]) -> int:
        parents = {unit.code: unit for unit in Unit.objects.filter(code__in={row.parent_code for row in rows})}
        for row in rows:
            with row_failure(row.number):
                parents[row.code] = unit_create(
                    actor=actor,
                    code=row.code,
                    name=row.name,
                    kind=row.kind,
                    parent=parents[row.parent_code],
                    short_name=row.short_name,
                    valid_from=row.valid_from,
                )
        return len(rows)

    def export_rows(self, *, actor: User) -> Iterable[Sequence[object]]:
        labels = dict(UnitKind.choices)
        for unit in unit_list_visible_to(actor=actor).iterator(chunk_size=500):
            yield (
                unit.code,
                unit.name,
                unit.short_name,
                str(labels.get(unit.kind, unit.kind)),
                unit.parent.code if unit.parent else "",
                format_date(unit.valid_from),
            )


import_kind_register(UnitImport())
