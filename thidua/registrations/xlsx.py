"""Registrations (đăng ký thi đua) to and from XLSX.

One row names one person of the unit and the individual title they aim for; the rows of the same unit and year form
one registration, whose collective titles are those written on its rows (several codes separated by “;”). A row
without a person carries only collective titles. An import drafts the registration, or replaces the content of a
draft or returned one, through the registrations services; a submitted registration is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scoping import has_permission
from thidua.awards.choices import TitleSubject
from thidua.awards.models import Title
from thidua.awards.selectors import title_list_in_force
from thidua.core.imports.base import ImportKind, ParseResult, RowError, RowReader, row_failure
from thidua.core.imports.registry import import_kind_register
from thidua.core.spreadsheets import Column, SheetRow
from thidua.emulation.models import BlocMembership
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.registrations.models import Registration
from thidua.registrations.permissions import (
    RegistrationsPermission,
    can_edit_registration_of,
    can_use_registrations,
)
from thidua.registrations.selectors import person_ids_working_in, registration_list_visible_to
from thidua.registrations.services import EntryInput, registration_create, registration_update

if TYPE_CHECKING:
    from thidua.accounts.models import User

_MIN_YEAR, _MAX_YEAR = 2000, 2100
_SEPARATOR = ";"


@dataclass(frozen=True)
class RegistrationRow:
    number: int
    unit_code: str
    year: int
    collective_codes: tuple[str, ...]
    personnel_code: str
    individual_code: str


@dataclass
class _Group:
    """The rows of one unit and year: one registration."""

    first_row: int
    unit: Unit
    year: int
    collective_codes: list[str] = field(default_factory=list)
    entries: list[tuple[str, str]] = field(default_factory=list)


class _Titles:
    """The catalogue's titles in force on 31 December of each year, by code and subject (one query per year)."""

    def __init__(self) -> None:
        self._by_year: dict[int, dict[str, set[str]]] = {}

    def in_force(self, year: int, subject: str) -> set[str]:
        if year not in self._by_year:
            on = dt.date(year, 12, 31)
            self._by_year[year] = {
                kind: set(title_list_in_force(on=on, subject=kind).values_list("code", flat=True))
                for kind in (TitleSubject.COLLECTIVE, TitleSubject.INDIVIDUAL)
            }
        return self._by_year[year][subject]


def _split(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code.strip().upper() for code in text.split(_SEPARATOR) if code.strip()))


class RegistrationImport(ImportKind[RegistrationRow]):
    code = "registrations"
    title = gettext_lazy("Đăng ký thi đua")
    sheet_title = gettext_lazy("Đăng ký thi đua")
    file_stem = "dang-ky-thi-dua"
    columns = (
        Column("unit_code", gettext_lazy("Mã đơn vị"), required=True, width=18),
        Column("year", gettext_lazy("Năm"), required=True, width=8),
        Column(
            "collective_titles",
            gettext_lazy("Danh hiệu tập thể"),
            width=24,
            help_text=gettext_lazy("Mã danh hiệu tập thể, ví dụ TTLDXS; nhiều mã cách nhau bằng dấu “;”."),
        ),
        Column(
            "personnel_code",
            gettext_lazy("Mã cán bộ"),
            width=16,
            help_text=gettext_lazy("Mã cán bộ của người đăng ký; để trống nếu dòng chỉ ghi danh hiệu tập thể."),
        ),
        Column(
            "individual_title",
            gettext_lazy("Danh hiệu cá nhân"),
            width=20,
            help_text=gettext_lazy("Mã danh hiệu cá nhân, ví dụ LDTT; bắt buộc khi có mã cán bộ."),
        ),
    )
    instructions = (
        gettext_lazy(
            "Mỗi dòng ghi một cá nhân và danh hiệu cá nhân đăng ký; các dòng cùng đơn vị và năm là một bản đăng ký."
        ),
        gettext_lazy("Bản đăng ký đã gửi không thể nhập lại; bản nháp hoặc bị trả lại được thay bằng nội dung mới."),
        gettext_lazy("Khi tải lên, hệ thống kiểm tra từng dòng và chưa ghi gì cho đến khi bạn xác nhận."),
    )
    example_rows = (
        ("so-van-hoa", 2025, "TTLDXS", "CB0001", "CSTDCS"),
        ("so-van-hoa", 2025, "TTLDXS", "CB0002", "LDTT"),
    )

    def can_import(self, actor: User) -> bool:
        return has_permission(actor, RegistrationsPermission.REGISTRATION_EDIT)

    def can_export(self, actor: User) -> bool:
        return can_use_registrations(actor)

    def parse(self, *, actor: User, rows: Sequence[SheetRow]) -> ParseResult[RegistrationRow]:
        units = {u.code: u for u in Unit.objects.filter(code__in={r.values.get("unit_code", "") for r in rows})}
        people = {
            p.personnel_code: p
            for p in Person.objects.filter(personnel_code__in={r.values.get("personnel_code", "") for r in rows} - {""})
        }
        titles = _Titles()
        seated = set(BlocMembership.objects.filter(unit__in=units.values()).values_list("unit_id", "year"))
        existing = {(r.unit_id, r.year): r for r in Registration.objects.filter(unit__in=units.values()).only("status")}
        working: dict[tuple[int, int], set[int]] = {}
        manageable: dict[int, bool] = {}
        row_of_person: dict[tuple[int, int, int], int] = {}
        parsed: list[RegistrationRow] = []
        errors: list[RowError] = []
        for row in rows:
            reader = RowReader(row, self.columns)
            unit_code = reader.text("unit_code")
            unit = units.get(unit_code)
            year = reader.integer("year", minimum=_MIN_YEAR, maximum=_MAX_YEAR)
            collective = _split(reader.text("collective_titles"))
            personnel_code = reader.text("personnel_code")
            individual = reader.text("individual_title").strip().upper()
            if unit_code and unit is None:
                reader.error("unit_code", _("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": unit_code})
            elif unit is not None:
                if unit.pk not in manageable:
                    manageable[unit.pk] = can_edit_registration_of(actor, unit=unit)
                if not manageable[unit.pk]:
                    reader.error("unit_code", _("Bạn không được đăng ký thi đua cho “%(unit)s”.") % {"unit": unit.name})
            if unit is not None and year is not None and not reader.errors:
                key = (unit.pk, year)
                registration = existing.get(key)
                if key not in seated:
                    reader.error(
                        "unit_code",
                        _("“%(unit)s” không thuộc khối thi đua nào trong năm %(year)s.")
                        % {"unit": unit.name, "year": year},
                    )
                elif registration is not None and not registration.is_editable:
                    reader.error(
                        "",
                        _("Bản đăng ký năm %(year)s của “%(unit)s” đã được gửi.") % {"year": year, "unit": unit.name},
                    )
                unknown = [c for c in collective if c not in titles.in_force(year, TitleSubject.COLLECTIVE)]
                if unknown:
                    reader.error(
                        "collective_titles",
                        _("Không có danh hiệu tập thể “%(codes)s” trong danh mục áp dụng cho năm %(year)s.")
                        % {"codes": "; ".join(unknown), "year": year},
                    )
                if personnel_code:
                    self._check_person(
                        reader, unit, year, people.get(personnel_code), personnel_code, working, row_of_person
                    )
                    if not individual:
                        reader.error("individual_title", _("Chưa ghi danh hiệu cá nhân."))
                    elif individual not in titles.in_force(year, TitleSubject.INDIVIDUAL):
                        reader.error(
                            "individual_title",
                            _("Không có danh hiệu cá nhân “%(code)s” trong danh mục áp dụng cho năm %(year)s.")
                            % {"code": individual, "year": year},
                        )
                elif individual:
                    reader.error("personnel_code", _("Chưa ghi mã cán bộ của người đăng ký danh hiệu cá nhân."))
            errors.extend(reader.errors)
            if not reader.errors and year is not None:
                parsed.append(RegistrationRow(row.number, unit_code, year, collective, personnel_code, individual))
        return ParseResult(rows=parsed, errors=errors)

    def _check_person(
        self,
        reader: RowReader,
        unit: Unit,
        year: int,
        person: Person | None,
        personnel_code: str,
        working: dict[tuple[int, int], set[int]],
        row_of_person: dict[tuple[int, int, int], int],
    ) -> None:
        if person is None:
            reader.error("personnel_code", _("Không tìm thấy cán bộ có mã “%(code)s”.") % {"code": personnel_code})
            return
        if (unit.pk, year) not in working:
            working[(unit.pk, year)] = person_ids_working_in(unit=unit, year=year)
        if person.pk not in working[(unit.pk, year)]:
            reader.error(
                "personnel_code",
                _("“%(person)s” không công tác tại “%(unit)s” trong năm %(year)s.")
                % {"person": person.full_name, "unit": unit.name, "year": year},
            )
            return
        key = (unit.pk, year, person.pk)
        if key in row_of_person:
            reader.error("personnel_code", _("Cá nhân này đã được ghi ở dòng %(row)s.") % {"row": row_of_person[key]})
        else:
            row_of_person[key] = reader.number

    def apply(self, *, actor: User, rows: Sequence[RegistrationRow]) -> int:
        units = {u.code: u for u in Unit.objects.filter(code__in={row.unit_code for row in rows})}
        people = {
            p.personnel_code: p for p in Person.objects.filter(personnel_code__in={row.personnel_code for row in rows})
        }
        titles = {t.code: t for t in Title.objects.all()}
        groups: dict[tuple[str, int], _Group] = {}
        for row in rows:
            group = groups.setdefault(
                (row.unit_code, row.year), _Group(first_row=row.number, unit=units[row.unit_code], year=row.year)
            )
            group.collective_codes.extend(c for c in row.collective_codes if c not in group.collective_codes)
            if row.personnel_code:
                group.entries.append((row.personnel_code, row.individual_code))
        for group in groups.values():
            collective = [titles[code] for code in group.collective_codes]
            entries = [EntryInput(person=people[p], title=titles[t]) for p, t in group.entries]
            with row_failure(group.first_row):
                current = Registration.objects.filter(unit=group.unit, year=group.year).first()
                if current is None:
                    registration_create(
                        actor=actor, unit=group.unit, year=group.year, collective_titles=collective, entries=entries
                    )
                else:
                    registration_update(
                        actor=actor, registration=current, collective_titles=collective, entries=entries
                    )
        return len(rows)

    def export_rows(self, *, actor: User) -> Iterable[Sequence[object]]:
        registrations = registration_list_visible_to(actor=actor).prefetch_related(
            "collective_titles", "entries__person", "entries__title"
        )
        for registration in registrations.order_by("unit__code", "year", "pk"):
            collective = f"{_SEPARATOR} ".join(sorted(t.code for t in registration.collective_titles.all()))
            entries = sorted(registration.entries.all(), key=lambda e: (e.person.full_name, e.pk))
            if not entries:
                yield (registration.unit.code, registration.year, collective, "", "")
            for entry in entries:
                yield (
                    registration.unit.code,
                    registration.year,
                    collective,
                    entry.person.personnel_code,
                    entry.title.code,
                )


import_kind_register(RegistrationImport())
