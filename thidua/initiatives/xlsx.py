"""Initiatives (sáng kiến) to and from XLSX, each with its authors and, optionally, a first recognition.

One row records one initiative of one unit: its authors by personnel code (mã cán bộ) with their shares, in the same
order, separated by ";". The rules of ``initiative_create`` and ``initiative_recognise`` are checked for every row at
preview, against the database and the other rows of the file; the confirmation writes every row through those
services, all or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.imports.base import ImportKind, ParseResult, RowError, RowReader, format_date, row_failure
from thidua.core.imports.registry import import_kind_register
from thidua.core.spreadsheets import Column, SheetRow
from thidua.core.text import fold
from thidua.initiatives.choices import InitiativeField, RecognitionLevel
from thidua.initiatives.models import InitiativeAuthor, InitiativeRecognition
from thidua.initiatives.permissions import (
    can_manage_initiatives,
    can_recognise_at,
    can_view_initiatives,
    initiative_manage_unit_scope,
)
from thidua.initiatives.selectors import initiative_list_visible_to
from thidua.initiatives.services import AuthorInput, InitiativeInput, initiative_create, initiative_recognise
from thidua.organizations.models import Unit
from thidua.people.models import Assignment, Person

if TYPE_CHECKING:
    from thidua.accounts.models import User

_SEPARATOR = ";"
_YES = frozenset({"co", "x", "1"})
_NO = frozenset({"khong", "0", ""})
_RECOGNITION_KEYS = ("level", "recognising_body", "decision_number", "decision_date")
_CHUNK = 500


@dataclass(frozen=True)
class InitiativeRow:
    number: int
    unit_code: str
    title: str
    field: str
    applied_on: dt.date
    benefit: str
    is_novel: bool
    is_applied: bool
    is_not_excluded: bool
    authors: tuple[tuple[str, Decimal], ...]
    level: str
    recognising_body: str
    decision_number: str
    decision_date: dt.date | None


class _Lookups:
    """Units, people and posts named by the file, read in a few queries."""

    def __init__(self, actor: User, rows: Sequence[SheetRow]) -> None:
        unit_codes = {row.values.get("unit_code", "") for row in rows}
        self.units = {unit.code: unit for unit in Unit.objects.filter(code__in=unit_codes)}
        self.manageable = set(
            initiative_manage_unit_scope(actor)
            .filter(pk__in=[u.pk for u in self.units.values()])
            .values_list("pk", flat=True)
        )
        person_codes = {code for row in rows for code in _split(row.values.get("authors", ""))}
        self.people = {p.personnel_code: p for p in Person.objects.filter(personnel_code__in=person_codes)}
        self.posts: dict[tuple[int, int], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
        for person_id, unit_id, starts_on, ends_on in Assignment.objects.filter(
            person__in=self.people.values(), unit__in=self.units.values()
        ).values_list("person_id", "unit_id", "starts_on", "ends_on"):
            self.posts[(person_id, unit_id)].append((starts_on, ends_on))

    def works_in(self, person: Person, unit: Unit, day: dt.date) -> bool:
        return any(
            starts_on <= day and (ends_on is None or ends_on >= day)
            for starts_on, ends_on in self.posts[(person.pk, unit.pk)]
        )


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(_SEPARATOR) if part.strip()]


def _yes_no_text(value: bool) -> str:
    return _("Có") if value else _("Không")


def _share_text(share: Decimal) -> str:
    return format(share.normalize(), "f")


class InitiativeImport(ImportKind[InitiativeRow]):
    code = "initiatives"
    title = gettext_lazy("Sáng kiến")
    sheet_title = gettext_lazy("Sáng kiến")
    file_stem = "sang-kien"
    columns = (
        Column(
            "unit_code",
            gettext_lazy("Mã đơn vị"),
            required=True,
            width=18,
            help_text=gettext_lazy("Mã của đơn vị áp dụng sáng kiến, ví dụ so-y-te."),
        ),
        Column("title", gettext_lazy("Tên sáng kiến"), required=True, width=45),
        Column(
            "field",
            gettext_lazy("Lĩnh vực"),
            required=True,
            width=30,
            help_text=gettext_lazy(
                "Giải pháp kỹ thuật, Giải pháp quản lý, Giải pháp tác nghiệp hoặc Giải pháp ứng dụng tiến bộ kỹ thuật."
            ),
        ),
        Column("applied_on", gettext_lazy("Ngày áp dụng"), required=True, is_date=True, width=14),
        Column("benefit", gettext_lazy("Lợi ích"), width=40),
        Column("is_novel", gettext_lazy("Có tính mới"), width=12, help_text=gettext_lazy("Có hoặc Không.")),
        Column("is_applied", gettext_lazy("Đã áp dụng"), width=12, help_text=gettext_lazy("Có hoặc Không.")),
        Column(
            "is_not_excluded",
            gettext_lazy("Không thuộc đối tượng loại trừ"),
            width=16,
            help_text=gettext_lazy("Có hoặc Không."),
        ),
        Column(
            "authors",
            gettext_lazy("Tác giả"),
            required=True,
            width=24,
            help_text=gettext_lazy(
                "Mã cán bộ của các tác giả, cách nhau bởi dấu chấm phẩy (;); mỗi tác giả công tác tại đơn vị vào "
                "ngày áp dụng."
            ),
        ),
        Column(
            "shares",
            gettext_lazy("Tỷ lệ đóng góp"),
            required=True,
            width=16,
            help_text=gettext_lazy(
                "Tỷ lệ đóng góp (phần trăm) của từng tác giả, cùng thứ tự, cách nhau bởi dấu chấm phẩy; tổng không quá 100."
            ),
        ),
        Column(
            "level",
            gettext_lazy("Cấp công nhận"),
            width=14,
            help_text=gettext_lazy("Để trống nếu chưa được công nhận; hoặc Cấp cơ sở, Cấp tỉnh, Toàn quốc."),
        ),
        Column(
            "recognising_body",
            gettext_lazy("Cơ quan công nhận"),
            width=25,
            help_text=gettext_lazy("Bắt buộc khi có cấp công nhận."),
        ),
        Column(
            "decision_number",
            gettext_lazy("Số quyết định"),
            width=16,
            help_text=gettext_lazy("Bắt buộc khi có cấp công nhận."),
        ),
        Column(
            "decision_date",
            gettext_lazy("Ngày quyết định"),
            is_date=True,
            width=14,
            help_text=gettext_lazy("Bắt buộc khi có cấp công nhận; không trước ngày áp dụng."),
        ),
    )
    instructions = (
        gettext_lazy("Mỗi dòng của trang “Sáng kiến” ghi một sáng kiến của một đơn vị. Giữ nguyên dòng tiêu đề."),
        gettext_lazy("Chỉ công nhận được sáng kiến đủ cả ba điều kiện: có tính mới, đã áp dụng, không bị loại trừ."),
        gettext_lazy("Khi tải lên, hệ thống kiểm tra từng dòng và chưa ghi gì cho đến khi bạn xác nhận."),
    )
    example_rows = (
        (
            "so-y-te",
            "Cải tiến quy trình tiếp nhận hồ sơ",
            "Giải pháp quản lý",
            "01/03/2024",
            "Rút ngắn thời gian tiếp nhận hồ sơ",
            "Có",
            "Có",
            "Có",
            "QN-001;QN-002",
            "60;40",
            "",
            "",
            "",
            "",
        ),
    )

    def can_import(self, actor: User) -> bool:
        return can_manage_initiatives(actor)

    def can_export(self, actor: User) -> bool:
        return can_view_initiatives(actor)

    def parse(self, *, actor: User, rows: Sequence[SheetRow]) -> ParseResult[InitiativeRow]:
        found = _Lookups(actor, rows)
        row_of_title: dict[tuple[str, str], int] = {}
        parsed: list[InitiativeRow] = []
        errors: list[RowError] = []
        for row in rows:
            reader = RowReader(row, self.columns)
            unit = self._unit(reader, found)
            title = reader.text("title", max_length=300)
            field = reader.choice("field", InitiativeField)
            applied_on = reader.date("applied_on")
            benefit = reader.text("benefit", max_length=5000)
            is_novel, is_applied, is_not_excluded = (
                self._yes_no(reader, key) for key in ("is_novel", "is_applied", "is_not_excluded")
            )
            authors = self._authors(reader, found, unit, applied_on)
            level = reader.choice("level", RecognitionLevel)
            body = reader.text("recognising_body", max_length=300)
            decision_number = reader.text("decision_number", max_length=60)
            decision_date = reader.date("decision_date")
            if level:
                self._check_recognition(
                    reader,
                    actor=actor,
                    unit=unit,
                    level=level,
                    body=body,
                    decision_number=decision_number,
                    decision_date=decision_date,
                    applied_on=applied_on,
                    conditions=is_novel and is_applied and is_not_excluded,
                )
            elif any(reader.raw(key) for key in _RECOGNITION_KEYS[1:]):
                reader.error("level", _("Chưa ghi “Cấp công nhận” cho quyết định công nhận."))
            if title and unit is not None:
                key = (unit.code, fold(title))
                if key in row_of_title:
                    reader.error("title", _("Trùng sáng kiến ở dòng %(row)s.") % {"row": row_of_title[key]})
                else:
                    row_of_title[key] = reader.number
            errors.extend(reader.errors)
            if not reader.errors and unit is not None and applied_on is not None:
                parsed.append(
                    InitiativeRow(
                        number=row.number,
                        unit_code=unit.code,
                        title=title,
                        field=field,
                        applied_on=applied_on,
                        benefit=benefit,
                        is_novel=is_novel,
                        is_applied=is_applied,
                        is_not_excluded=is_not_excluded,
                        authors=authors,
                        level=level,
                        recognising_body=body,
                        decision_number=decision_number,
                        decision_date=decision_date,
                    )
                )
        return ParseResult(rows=parsed, errors=errors)

    def _unit(self, reader: RowReader, found: _Lookups) -> Unit | None:
        code = reader.text("unit_code")
        if not code:
            return None
        unit = found.units.get(code)
        if unit is None:
            reader.error("unit_code", _("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": code})
            return None
        if unit.pk not in found.manageable:
            reader.error("unit_code", _("Bạn không có quyền quản lý sáng kiến của “%(unit)s”.") % {"unit": unit.name})
            return None
        return unit

    def _yes_no(self, reader: RowReader, key: str) -> bool:
        value = fold(reader.text(key))
        if value in _YES:
            return True
        if value not in _NO:
            reader.error(key, _("“%(value)s” không hợp lệ: ghi Có hoặc Không.") % {"value": reader.raw(key)})
        return False

    def _authors(
        self, reader: RowReader, found: _Lookups, unit: Unit | None, applied_on: dt.date | None
    ) -> tuple[tuple[str, Decimal], ...]:
        codes = _split(reader.text("authors"))
        share_texts = _split(reader.text("shares"))
        if not codes:
            return ()
        if len(set(codes)) != len(codes):
            reader.error("authors", _("Một tác giả được ghi hai lần."))
        unknown = [code for code in codes if code not in found.people]
        if unknown:
            reader.error(
                "authors",
                _("Không tìm thấy cán bộ có mã: %(codes)s.") % {"codes": ", ".join(f"“{c}”" for c in unknown)},
            )
        elif unit is not None and applied_on is not None:
            outside = [
                found.people[c].full_name for c in codes if not found.works_in(found.people[c], unit, applied_on)
            ]
            if outside:
                reader.error(
                    "authors",
                    _("Không công tác tại “%(unit)s” vào ngày áp dụng: %(people)s.")
                    % {"unit": unit.name, "people": ", ".join(outside)},
                )
        shares = self._shares(reader, share_texts, len(codes))
        return tuple(zip(codes, shares, strict=True)) if len(shares) == len(codes) else ()

    def _shares(self, reader: RowReader, texts: list[str], count: int) -> list[Decimal]:
        if not texts:
            return []
        if len(texts) != count:
            reader.error(
                "shares",
                _("Có %(shares)s tỷ lệ đóng góp cho %(authors)s tác giả.") % {"shares": len(texts), "authors": count},
            )
            return []
        shares: list[Decimal] = []
        for text in texts:
            try:
                share = Decimal(text.replace(",", ".").rstrip("%").strip())
            except InvalidOperation:
                share = Decimal(-1)
            if not share.is_finite() or not 0 < share <= 100 or share != share.quantize(Decimal("0.01")):
                reader.error(
                    "shares", _("“%(value)s” không hợp lệ: cần một số lớn hơn 0, tối đa 100.") % {"value": text}
                )
                return []
            shares.append(share)
        if sum(shares) > 100:
            reader.error("shares", _("Tổng tỷ lệ đóng góp lớn hơn 100."))
            return []
        return shares

    def _check_recognition(
        self,
        reader: RowReader,
        *,
        actor: User,
        unit: Unit | None,
        level: str,
        body: str,
        decision_number: str,
        decision_date: dt.date | None,
        applied_on: dt.date | None,
        conditions: bool,
    ) -> None:
        for key, value in (("recognising_body", body), ("decision_number", decision_number)):
            if not value:
                reader.error(key, _("Bắt buộc khi có cấp công nhận."))
        if decision_date is None and not reader.raw("decision_date"):
            reader.error("decision_date", _("Bắt buộc khi có cấp công nhận."))
        if unit is not None and not can_recognise_at(actor, unit=unit, level=level):
            reader.error(
                "level",
                _("Bạn không có quyền ghi nhận công nhận %(level)s.")
                % {"level": str(RecognitionLevel(level).label).lower()},
            )
        if not conditions:
            reader.error("level", _("Sáng kiến chưa đủ ba điều kiện để được công nhận."))
        if decision_date is not None and applied_on is not None and decision_date < applied_on:
            reader.error("decision_date", _("Ngày quyết định công nhận trước ngày áp dụng."))

    def apply(self, *, actor: User, rows: Sequence[InitiativeRow]) -> int:
        units = {unit.code: unit for unit in Unit.objects.filter(code__in={row.unit_code for row in rows})}
        codes = {code for row in rows for code, _share in row.authors}
        people = {p.personnel_code: p for p in Person.objects.filter(personnel_code__in=codes)}
        for row in rows:
            with row_failure(row.number):
                initiative = initiative_create(
                    actor=actor,
                    unit=units[row.unit_code],
                    data=InitiativeInput(
                        title=row.title,
                        field=row.field,
                        applied_on=row.applied_on,
                        benefit=row.benefit,
                        is_novel=row.is_novel,
                        is_applied=row.is_applied,
                        is_not_excluded=row.is_not_excluded,
                    ),
                    authors=[AuthorInput(person=people[code], share=share) for code, share in row.authors],
                )
                if row.level and row.decision_date is not None:
                    initiative_recognise(
                        actor=actor,
                        initiative=initiative,
                        level=row.level,
                        recognising_body=row.recognising_body,
                        decision_number=row.decision_number,
                        decision_date=row.decision_date,
                        recognised_on=row.decision_date,
                    )
        return len(rows)

    def export_rows(self, *, actor: User) -> Iterable[Sequence[object]]:
        fields = dict(InitiativeField.choices)
        levels = dict(RecognitionLevel.choices)
        initiatives = initiative_list_visible_to(actor=actor).prefetch_related(
            Prefetch("authors", queryset=InitiativeAuthor.objects.select_related("person").order_by("-share", "id")),
            Prefetch("recognitions", queryset=InitiativeRecognition.objects.order_by("recognised_on", "id")),
        )
        for initiative in initiatives.iterator(chunk_size=_CHUNK):
            authors = list(initiative.authors.all())
            current = next((r for r in initiative.recognitions.all() if r.level == initiative.current_level), None)
            yield (
                initiative.unit.code,
                initiative.title,
                str(fields.get(initiative.field, initiative.field)),
                initiative.applied_on,
                initiative.benefit,
                _yes_no_text(initiative.is_novel),
                _yes_no_text(initiative.is_applied),
                _yes_no_text(initiative.is_not_excluded),
                _SEPARATOR.join(a.person.personnel_code for a in authors),
                _SEPARATOR.join(_share_text(a.share) for a in authors),
                str(levels[current.level]) if current is not None else "",
                current.recognising_body if current is not None else "",
                current.decision_number if current is not None else "",
                format_date(current.decision_date if current is not None else None),
            )


import_kind_register(InitiativeImport())
