"""Bloc memberships (thành viên khối thi đua theo năm) to and from XLSX.

One row seats one unit in one bloc for one year, with its role. The rules of ``bloc_member_add`` are checked for
every row at preview, against the database and the other rows of the file: one bloc per unit and year, one Khối
trưởng per bloc and year, units of the bloc's own province, active in that year; a confirmed year takes only dated
(mid-year) seats.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scoping import bloc_scope, has_permission
from thidua.core.imports.base import ImportKind, ParseResult, RowError, RowReader, format_date, row_failure
from thidua.core.imports.registry import import_kind_register
from thidua.core.spreadsheets import Column, SheetRow
from thidua.core.text import fold
from thidua.emulation.choices import BlocRole, BlocYearStatus
from thidua.emulation.models import Bloc, BlocMembership, BlocYear
from thidua.emulation.permissions import EmulationPermission, bloc_scope_for_view
from thidua.emulation.services import bloc_member_add
from thidua.organizations.models import Unit

if TYPE_CHECKING:
    import datetime as dt

    from thidua.accounts.models import User

_MIN_YEAR, _MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class MembershipRow:
    number: int
    bloc_id: int
    year: int
    unit_code: str
    role: str
    joined_on: dt.date | None


class _Blocs:
    """The blocs the actor organises, found by id or by name without regard to case or diacritics."""

    def __init__(self, actor: User) -> None:
        self.by_id = {
            bloc.pk: bloc for bloc in bloc_scope(actor, EmulationPermission.BLOC_MANAGE).select_related("province")
        }
        self.by_name: dict[str, list[Bloc]] = {}
        for bloc in self.by_id.values():
            self.by_name.setdefault(fold(bloc.name), []).append(bloc)

    def find(self, reader: RowReader, text: str) -> Bloc | None:
        found = self.by_id.get(int(text)) if text.isdigit() else None
        candidates = [found] if found is not None else self.by_name.get(fold(text), [])
        if len(candidates) > 1:
            reader.error("bloc", _("Có nhiều khối tên “%(name)s”: hãy ghi mã số của khối.") % {"name": text})
            return None
        if not candidates:
            reader.error("bloc", _("Không tìm thấy khối “%(name)s” trong các khối bạn quản lý.") % {"name": text})
            return None
        return candidates[0]


class BlocMembershipImport(ImportKind[MembershipRow]):
    code = "bloc-memberships"
    title = gettext_lazy("Thành viên khối thi đua")
    sheet_title = gettext_lazy("Thành viên khối")
    file_stem = "thanh-vien-khoi"
    columns = (
        Column(
            "bloc",
            gettext_lazy("Tên khối"),
            required=True,
            width=45,
            help_text=gettext_lazy("Tên khối, cụm thi đua như trong hệ thống (hoặc mã số của khối)."),
        ),
        Column("year", gettext_lazy("Năm"), required=True, width=8),
        Column("unit_code", gettext_lazy("Mã đơn vị"), required=True, width=18),
        Column(
            "role",
            gettext_lazy("Vai trò"),
            required=True,
            width=14,
            help_text=gettext_lazy("Khối trưởng, Khối phó hoặc Thành viên; mỗi khối mỗi năm một Khối trưởng."),
        ),
        Column(
            "joined_on",
            gettext_lazy("Tham gia từ ngày"),
            is_date=True,
            width=16,
            help_text=gettext_lazy("Để trống nếu tham gia từ đầu năm; bắt buộc khi năm đó đã được xác nhận."),
        ),
    )
    instructions = (
        gettext_lazy(
            "Mỗi dòng của trang “Thành viên khối” xếp một đơn vị vào một khối trong một năm. Giữ nguyên dòng tiêu đề."
        ),
        gettext_lazy("Mỗi đơn vị chỉ thuộc một khối trong một năm."),
        gettext_lazy("Khi tải lên, hệ thống kiểm tra từng dòng và chưa ghi gì cho đến khi bạn xác nhận."),
    )
    example_rows = (
        ("Khối thi đua các cơ quan tham mưu III", 2020, "so-thong-tin-truyen-thong", "Khối trưởng", ""),
        ("Khối thi đua các cơ quan tham mưu III", 2020, "bao-quang-nam", "Thành viên", "01/07/2020"),
    )

    def can_import(self, actor: User) -> bool:
        return has_permission(actor, EmulationPermission.BLOC_MANAGE)

    def can_export(self, actor: User) -> bool:
        return has_permission(actor, EmulationPermission.BLOC_VIEW)

    def parse(self, *, actor: User, rows: Sequence[SheetRow]) -> ParseResult[MembershipRow]:
        blocs = _Blocs(actor)
        units = {u.code: u for u in Unit.objects.filter(code__in={r.values.get("unit_code", "") for r in rows})}
        seated = {
            (unit_id, year): name
            for unit_id, year, name in BlocMembership.objects.filter(unit__in=units.values()).values_list(
                "unit_id", "year", "bloc__name"
            )
        }
        leaders = set(
            BlocMembership.objects.filter(bloc_id__in=blocs.by_id, role=BlocRole.LEADER).values_list("bloc_id", "year")
        )
        confirmed = set(
            BlocYear.objects.filter(bloc_id__in=blocs.by_id, status=BlocYearStatus.CONFIRMED).values_list(
                "bloc_id", "year"
            )
        )
        row_of_seat: dict[tuple[int, int], int] = {}
        row_of_leader: dict[tuple[int, int], int] = {}
        parsed: list[MembershipRow] = []
        errors: list[RowError] = []
        for row in rows:
            reader = RowReader(row, self.columns)
            bloc_text = reader.text("bloc")
            bloc = blocs.find(reader, bloc_text) if bloc_text else None
            year = reader.integer("year", minimum=_MIN_YEAR, maximum=_MAX_YEAR)
            unit_code = reader.text("unit_code")
            unit = units.get(unit_code)
            if unit_code and unit is None:
                reader.error("unit_code", _("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": unit_code})
            role = reader.choice("role", BlocRole)
            joined_on = reader.date("joined_on")
            if bloc is not None and unit is not None and year is not None:
                self._check_seat(reader, bloc, unit, year, joined_on, seated, row_of_seat)
                if role == BlocRole.LEADER:
                    self._check_leader(reader, bloc, year, leaders, row_of_leader)
                if joined_on is None and (bloc.pk, year) in confirmed:
                    reader.error(
                        "joined_on",
                        _("Năm %(year)s của khối đã được xác nhận: phải ghi ngày tham gia.") % {"year": year},
                    )
            errors.extend(reader.errors)
            if not reader.errors and bloc is not None and year is not None:
                parsed.append(MembershipRow(row.number, bloc.pk, year, unit_code, role, joined_on))
        return ParseResult(rows=parsed, errors=errors)

    def _check_seat(
        self,
        reader: RowReader,
        bloc: Bloc,
        unit: Unit,
        year: int,
        joined_on: dt.date | None,
        seated: dict[tuple[int, int], str],
        row_of_seat: dict[tuple[int, int], int],
    ) -> None:
        key = (unit.pk, year)
        if unit.pk == bloc.province_id or not unit.path.startswith(bloc.province.path):
            reader.error("unit_code", _("“%(unit)s” không thuộc tỉnh của khối.") % {"unit": unit.name})
        elif key in seated:
            reader.error(
                "unit_code",
                _("“%(unit)s” đã là thành viên của “%(bloc)s” trong năm %(year)s.")
                % {"unit": unit.name, "bloc": seated[key], "year": year},
            )
        elif key in row_of_seat:
            reader.error(
                "unit_code",
                _("Đơn vị đã được xếp vào khối năm %(year)s ở dòng %(row)s.") % {"year": year, "row": row_of_seat[key]},
            )
        else:
            row_of_seat[key] = reader.number
        if not _active_in(unit, year):
            reader.error(
                "unit_code", _("“%(unit)s” không hoạt động trong năm %(year)s.") % {"unit": unit.name, "year": year}
            )
        if joined_on is not None and (joined_on.year != year or not unit.is_valid_on(joined_on)):
            reader.error(
                "joined_on",
                _("Ngày tham gia phải nằm trong năm %(year)s, khi đơn vị còn hoạt động.") % {"year": year},
            )

    def _check_leader(
        self,
        reader: RowReader,
        bloc: Bloc,
        year: int,
        leaders: set[tuple[int, int]],
        row_of_leader: dict[tuple[int, int], int],
    ) -> None:
        key = (bloc.pk, year)
        if key in leaders:
            reader.error("role", _("Khối đã có Khối trưởng năm %(year)s.") % {"year": year})
        elif key in row_of_leader:
            reader.error(
                "role", _("Khối trưởng năm %(year)s đã ghi ở dòng %(row)s.") % {"year": year, "row": row_of_leader[key]}
            )
        else:
            row_of_leader[key] = reader.number

    def apply(self, *, actor: User, rows: Sequence[MembershipRow]) -> int:
        blocs = Bloc.objects.select_related("province").in_bulk({row.bloc_id for row in rows})
        units = {unit.code: unit for unit in Unit.objects.filter(code__in={row.unit_code for row in rows})}
        for row in rows:
            with row_failure(row.number):
                bloc_member_add(
                    actor=actor,
                    bloc=blocs[row.bloc_id],
                    unit=units[row.unit_code],
                    year=row.year,
                    role=row.role,
                    joined_on=row.joined_on,
                )
        return len(rows)

    def export_rows(self, *, actor: User) -> Iterable[Sequence[object]]:
        labels = dict(BlocRole.choices)
        role_order = Case(
            When(role=BlocRole.LEADER, then=Value(0)),
            When(role=BlocRole.DEPUTY, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        memberships = (
            BlocMembership.objects.filter(bloc__in=bloc_scope_for_view(actor))
            .select_related("bloc", "unit")
            .order_by("bloc__province__path", "bloc__name", "year", role_order, "unit__name")
        )
        for seat in memberships.iterator(chunk_size=500):
            yield (
                seat.bloc.name,
                seat.year,
                seat.unit.code,
                str(labels.get(seat.role, seat.role)),
                format_date(seat.joined_on),
            )


def _active_in(unit: Unit, year: int) -> bool:
    return not (
        (unit.valid_from is not None and unit.valid_from.year > year)
        or (unit.valid_to is not None and unit.valid_to.year < year)
    )


import_kind_register(BlocMembershipImport())
