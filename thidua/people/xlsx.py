"""People (cán bộ, công chức, viên chức, người lao động) to and from XLSX, each with their current post.

An import adds new people; a row that looks like someone already known (same name without regard to diacritics and
same date of birth, or same personnel code), in the database or earlier in the file, is refused rather than
creating a second record of the same person. Personal data (gender, date of birth, personnel code) leaves in an
export only for people whose personal data the user may see (Nghị định 13/2023).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scoping import has_permission
from thidua.core.imports.base import ImportKind, ParseResult, RowError, RowReader, format_date, row_failure
from thidua.core.imports.registry import import_kind_register
from thidua.core.spreadsheets import Column, SheetRow
from thidua.core.text import fold
from thidua.organizations.models import Unit
from thidua.people.choices import Gender, StaffCategory
from thidua.people.models import Assignment, Person
from thidua.people.permissions import PeoplePermission, can_manage_people, can_manage_people_of, can_view_people
from thidua.people.selectors import person_list_visible_to, person_views_from
from thidua.people.services import person_create

if TYPE_CHECKING:
    import datetime as dt

    from thidua.accounts.models import User

_PERSONAL_KEYS = frozenset({"gender", "birth_date", "personnel_code"})
_CHUNK = 500


@dataclass(frozen=True)
class PersonRow:
    number: int
    full_name: str
    gender: str
    birth_date: dt.date | None
    personnel_code: str
    unit_code: str
    position: str
    category: str
    starts_on: dt.date


class PersonImport(ImportKind[PersonRow]):
    code = "people"
    title = gettext_lazy("Nhân sự")
    sheet_title = gettext_lazy("Nhân sự")
    file_stem = "nhan-su"
    columns = (
        Column("full_name", gettext_lazy("Họ và tên"), required=True, width=30),
        Column("gender", gettext_lazy("Giới tính"), required=True, width=10, help_text=gettext_lazy("Nam hoặc Nữ.")),
        Column("birth_date", gettext_lazy("Ngày sinh"), is_date=True, width=14),
        Column(
            "personnel_code",
            gettext_lazy("Mã cán bộ"),
            width=14,
            help_text=gettext_lazy("Mã trong hệ thống quản lý cán bộ của tỉnh, nếu có; không trùng với người khác."),
        ),
        Column(
            "unit_code",
            gettext_lazy("Mã đơn vị"),
            required=True,
            width=18,
            help_text=gettext_lazy("Mã của đơn vị công tác hiện tại, ví dụ so-y-te."),
        ),
        Column("position", gettext_lazy("Chức vụ"), width=25),
        Column(
            "category",
            gettext_lazy("Ngạch/loại"),
            required=True,
            width=16,
            help_text=gettext_lazy("Một trong: Cán bộ, Công chức, Viên chức, Người lao động."),
        ),
        Column(
            "starts_on",
            gettext_lazy("Từ ngày"),
            required=True,
            is_date=True,
            width=14,
            help_text=gettext_lazy("Ngày bắt đầu công tác tại đơn vị."),
        ),
    )
    instructions = (
        gettext_lazy(
            "Mỗi dòng của trang “Nhân sự” là một người mới cùng vị trí công tác hiện tại. Giữ nguyên dòng tiêu đề."
        ),
        gettext_lazy(
            "Người trùng họ tên (không kể dấu) và ngày sinh, hoặc trùng mã cán bộ, với người đã có hay với dòng khác "
            "trong tệp sẽ bị báo lỗi để tránh ghi một người hai lần."
        ),
        gettext_lazy("Khi tải lên, hệ thống kiểm tra từng dòng và chưa ghi gì cho đến khi bạn xác nhận."),
    )
    example_rows = (
        ("Nguyễn Thanh Hồng", "Nam", "15/03/1970", "", "so-van-hoa", "Giám đốc", "Công chức", "01/01/2018"),
        ("Trần Thị Thu Hà", "Nữ", "", "QN-00125", "so-van-hoa", "Chuyên viên", "Công chức", "01/06/2015"),
    )

    def can_import(self, actor: User) -> bool:
        return can_manage_people(actor)

    def can_export(self, actor: User) -> bool:
        return can_view_people(actor)

    def parse(self, *, actor: User, rows: Sequence[SheetRow]) -> ParseResult[PersonRow]:
        units = {u.code: u for u in Unit.objects.filter(code__in={r.values.get("unit_code", "") for r in rows})}
        names = {fold(r.values.get("full_name", "")) for r in rows}
        codes = {r.values.get("personnel_code", "") for r in rows} - {""}
        known_people = set(Person.objects.filter(search_name__in=names).values_list("search_name", "birth_date"))
        known_codes = set(Person.objects.filter(personnel_code__in=codes).values_list("personnel_code", flat=True))
        first_row_of_person: dict[tuple[str, dt.date | None], int] = {}
        first_row_of_code: dict[str, int] = {}
        today = timezone.localdate()
        parsed: list[PersonRow] = []
        errors: list[RowError] = []
        for row in rows:
            reader = RowReader(row, self.columns)
            full_name = " ".join(reader.text("full_name", max_length=200).split())
            gender = reader.choice("gender", Gender)
            birth_date = reader.date("birth_date")
            personnel_code = reader.text("personnel_code", max_length=40)
            unit_code = reader.text("unit_code")
            position = reader.text("position", max_length=200)
            category = reader.choice("category", StaffCategory)
            starts_on = reader.date("starts_on")
            unit = units.get(unit_code)
            if unit_code and unit is None:
                reader.error("unit_code", _("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": unit_code})
            elif unit is not None and not can_manage_people_of(actor, unit=unit):
                reader.error("unit_code", _("Bạn không có quyền quản lý nhân sự của “%(name)s”.") % {"name": unit.name})
            elif unit is not None and starts_on is not None and not _unit_active(unit, on=starts_on, today=today):
                reader.error(
                    "starts_on",
                    _("Đơn vị “%(name)s” không hoạt động vào ngày %(day)s hoặc đã giải thể.")
                    % {"name": unit.name, "day": f"{starts_on:%d/%m/%Y}"},
                )
            if full_name and "birth_date" not in {e.column for e in reader.errors}:
                key = (fold(full_name), birth_date)
                if key in known_people:
                    reader.error("full_name", _("Trùng người đã có trong hệ thống (cùng họ tên và ngày sinh)."))
                elif key in first_row_of_person:
                    reader.error(
                        "full_name",
                        _("Trùng người ở dòng %(row)s (cùng họ tên và ngày sinh).") % {"row": first_row_of_person[key]},
                    )
                else:
                    first_row_of_person[key] = row.number
            if personnel_code in known_codes:
                reader.error(
                    "personnel_code", _("Mã cán bộ “%(code)s” đã có trong hệ thống.") % {"code": personnel_code}
                )
            elif personnel_code in first_row_of_code:
                reader.error(
                    "personnel_code",
                    _("Mã cán bộ trùng với dòng %(row)s.") % {"row": first_row_of_code[personnel_code]},
                )
            elif personnel_code:
                first_row_of_code[personnel_code] = row.number
            errors.extend(reader.errors)
            if not reader.errors and starts_on is not None:
                parsed.append(
                    PersonRow(
                        row.number,
                        full_name,
                        gender,
                        birth_date,
                        personnel_code,
                        unit_code,
                        position,
                        category,
                        starts_on,
                    )
                )
        return ParseResult(rows=parsed, errors=errors)

    def apply(self, *, actor: User, rows: Sequence[PersonRow]) -> int:
        units = {unit.code: unit for unit in Unit.objects.filter(code__in={row.unit_code for row in rows})}
        for row in rows:
            with row_failure(row.number):
                person_create(
                    actor=actor,
                    full_name=row.full_name,
                    gender=row.gender,
                    unit=units[row.unit_code],
                    category=row.category,
                    starts_on=row.starts_on,
                    position=row.position,
                    birth_date=row.birth_date,
                    personnel_code=row.personnel_code,
                )
        return len(rows)

    def _shows_personal(self, actor: User) -> bool:
        return has_permission(actor, PeoplePermission.PERSON_VIEW_PERSONAL)

    def export_columns(self, actor: User) -> Sequence[Column]:
        if self._shows_personal(actor):
            return self.columns
        return tuple(column for column in self.columns if column.key not in _PERSONAL_KEYS)

    def export_rows(self, *, actor: User) -> Iterable[Sequence[object]]:
        keys = [column.key for column in self.export_columns(actor)]
        for chunk in _chunks(person_list_visible_to(actor=actor).iterator(chunk_size=_CHUNK), _CHUNK):
            views = [view for view in person_views_from(chunk) if view.is_in_service]
            posts = {
                a.person_id: a
                for a in Assignment.objects.filter(person_id__in=[v.id for v in views], ends_on__isnull=True)
                .select_related("unit")
                .only("person_id", "starts_on", "unit__code")
            }
            for view in views:
                post = posts.get(view.id)
                if post is None:
                    continue
                values = {
                    "full_name": view.full_name,
                    "gender": view.gender_label or "",
                    "birth_date": format_date(view.birth_date),
                    "personnel_code": view.personnel_code or "",
                    "unit_code": post.unit.code,
                    "position": view.position,
                    "category": view.category_label,
                    "starts_on": post.starts_on,
                }
                yield [values[key] for key in keys]


def _unit_active(unit: Unit, *, on: dt.date, today: dt.date) -> bool:
    """The unit exists on the post's first day and has not closed (the rule ``person_create`` applies)."""
    return unit.is_valid_on(on) and (unit.valid_to is None or unit.valid_to >= today)


def _chunks(items: Iterable[Person], size: int) -> Iterator[list[Person]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


import_kind_register(PersonImport())
