"""Award history (lịch sử khen thưởng: quyết định đã ban hành) to and from XLSX.

One row records one title or award form a person or a collective received by a decision already issued. A person is
named by personnel code (mã cán bộ), or by full name together with the code of a unit they work or worked in; a
collective by its unit code. The title is named by its catalogue code (LDTT, CSTDCS…) or its Vietnamese name.

The rules of ``award_record_create`` are checked for every row at preview (``award_record_errors``), with the actor's
reach (a subject outside it is an error of the row), against the awards already recorded and the other rows of the
file (the same subject, title, year and decision number twice). The confirmation writes every row through
``award_record_create``, all or nothing, then one ``awards.facts_imported`` event as the batch import of the API does.

A second kind imports task-completion ratings (xếp loại mức độ hoàn thành nhiệm vụ) of past years with the same subject
columns, through ``task_rating_set``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scoping import unit_scope
from thidua.awards import audit
from thidua.awards.choices import TitleSubject
from thidua.awards.models import (
    YEAR_MAX,
    YEAR_MIN,
    AwardRecord,
    AwardRecordKind,
    AwardRecordSource,
    RatingLevel,
    TaskRating,
    Title,
)
from thidua.awards.permissions import (
    AwardsPermission,
    can_record_facts,
    can_record_facts_of_unit,
    can_view_facts,
    people_within_reach,
)
from thidua.awards.services import AwardRecordInput, award_record_create, task_rating_set
from thidua.awards.services._common import year_error
from thidua.awards.services.award_records import award_record_errors
from thidua.core.imports.base import ImportKind, ParseResult, RowError, RowReader, format_date, row_failure
from thidua.core.imports.registry import import_kind_register
from thidua.core.spreadsheets import Column, SheetRow
from thidua.core.text import fold
from thidua.organizations.models import Unit
from thidua.people.models import Assignment, Person

if TYPE_CHECKING:
    from thidua.accounts.models import User

PERSON, COLLECTIVE = "person", "unit"
_SUBJECT_LABELS = {PERSON: gettext_lazy("Cá nhân"), COLLECTIVE: gettext_lazy("Tập thể")}
# The short Vietnamese names of the kinds of award, written in the file (the stored labels are also accepted).
_KIND_LABELS = {
    AwardRecordKind.MERIT: gettext_lazy("Công trạng"),
    AwardRecordKind.MOVEMENT: gettext_lazy("Phong trào"),
    AwardRecordKind.SPECIAL: gettext_lazy("Đột xuất"),
    AwardRecordKind.THEMATIC: gettext_lazy("Chuyên đề"),
}
# Which column an error of ``award_record_errors`` belongs to.
_ERROR_COLUMNS = {"title": "title", "year": "year", "decided_on": "decided_on", "decision_number": "decision_number"}

_Key = tuple[int | None, int | None, int, int, str]


_SUBJECT_COLUMNS = (
    Column(
        "subject",
        gettext_lazy("Loại đối tượng"),
        required=True,
        width=14,
        help_text=gettext_lazy("Cá nhân hoặc Tập thể."),
    ),
    Column(
        "personnel_code",
        gettext_lazy("Mã cán bộ"),
        width=14,
        help_text=gettext_lazy("Với cá nhân: mã cán bộ; nếu không có mã, ghi họ và tên cùng mã đơn vị công tác."),
    ),
    Column(
        "full_name",
        gettext_lazy("Họ và tên"),
        width=28,
        help_text=gettext_lazy("Với cá nhân không ghi mã cán bộ: họ và tên, cùng với mã đơn vị công tác."),
    ),
    Column(
        "unit_code",
        gettext_lazy("Mã đơn vị"),
        width=18,
        help_text=gettext_lazy("Với tập thể: mã của đơn vị. Với cá nhân ghi theo họ và tên: mã đơn vị công tác."),
    ),
)


@dataclass(frozen=True)
class AwardHistoryRow:
    number: int
    person_id: int | None
    unit_id: int | None
    title_id: int
    year: int
    decision_number: str
    decided_on: dt.date
    decided_by_body: str
    kind: str
    note: str

    @property
    def key(self) -> _Key:
        return (self.person_id, self.unit_id, self.title_id, self.year, self.decision_number)


def _subject_of(text: str) -> str:
    wanted = fold(text)
    for value, label in _SUBJECT_LABELS.items():
        if wanted == fold(str(label)):
            return value
    return ""


def _kind_of(text: str) -> str:
    wanted = fold(text)
    for value, label in AwardRecordKind.choices:
        if wanted in (fold(str(value)), fold(str(label)), fold(str(_KIND_LABELS[AwardRecordKind(value)]))):
            return str(value)
    return ""


class _Lookups:
    """The units and people named by the file, and the catalogue of titles, in a few queries."""

    def __init__(self, actor: User, rows: Sequence[SheetRow]) -> None:
        self.actor = actor
        unit_codes = {row.values.get("unit_code", "") for row in rows} - {""}
        self.units = {unit.code: unit for unit in Unit.objects.filter(code__in=unit_codes)}
        codes = {row.values.get("personnel_code", "") for row in rows} - {""}
        self.people_by_code = {p.personnel_code: p for p in Person.objects.filter(personnel_code__in=codes)}
        names = {fold(row.values.get("full_name", "")) for row in rows} - {""}
        self.people_by_name: dict[tuple[str, int], dict[int, Person]] = defaultdict(dict)
        if names and self.units:
            for post in Assignment.objects.filter(
                person__search_name__in=names, unit__in=self.units.values()
            ).select_related("person"):
                self.people_by_name[(post.person.search_name, post.unit_id)][post.person_id] = post.person
        titles = list(Title.objects.all())
        self.titles_by_code = {title.code.upper(): title for title in titles}
        self.titles_by_name: dict[str, list[Title]] = defaultdict(list)
        for title in titles:
            self.titles_by_name[fold(title.name)].append(title)
        self._recordable_units: dict[int, bool] = {}

    def title(self, text: str, subject: str) -> Title | None:
        found = self.titles_by_code.get(text.strip().upper())
        if found is not None:
            return found
        candidates = self.titles_by_name.get(fold(text), [])
        wanted = TitleSubject.INDIVIDUAL if subject == PERSON else TitleSubject.COLLECTIVE
        fitting = [t for t in candidates if t.subject in (wanted, TitleSubject.BOTH)]
        matches = fitting or candidates
        return matches[0] if matches else None

    def may_record_unit(self, unit: Unit) -> bool:
        if unit.pk not in self._recordable_units:
            self._recordable_units[unit.pk] = can_record_facts_of_unit(self.actor, unit=unit)
        return self._recordable_units[unit.pk]


def _read_person(reader: RowReader, found: _Lookups) -> tuple[Person | None, str]:
    code = reader.text("personnel_code", max_length=40)
    name = reader.text("full_name", max_length=200)
    if code:
        person = found.people_by_code.get(code)
        if person is None:
            reader.error("personnel_code", _("Không tìm thấy cán bộ có mã “%(code)s”.") % {"code": code})
        return person, name
    if not name:
        reader.error("personnel_code", _("Chưa ghi mã cán bộ, hoặc họ và tên cùng mã đơn vị, của cá nhân."))
        return None, name
    unit_code = reader.text("unit_code")
    if not unit_code:
        reader.error("unit_code", _("Chưa ghi mã đơn vị công tác của cá nhân ghi theo họ và tên."))
        return None, name
    unit = found.units.get(unit_code)
    if unit is None:
        reader.error("unit_code", _("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": unit_code})
        return None, name
    matches = found.people_by_name.get((fold(name), unit.pk), {})
    if not matches:
        reader.error(
            "full_name",
            _("Không tìm thấy cán bộ “%(name)s” công tác tại “%(unit)s”.") % {"name": name, "unit": unit.name},
        )
        return None, name
    if len(matches) > 1:
        reader.error(
            "full_name",
            _("Có %(count)s cán bộ tên “%(name)s” tại “%(unit)s”: hãy ghi mã cán bộ.")
            % {"count": len(matches), "name": name, "unit": unit.name},
        )
        return None, name
    return next(iter(matches.values())), ""


def _read_unit(reader: RowReader, found: _Lookups) -> Unit | None:
    if reader.raw("personnel_code") or reader.raw("full_name"):
        reader.error("personnel_code", _("Dòng khen thưởng tập thể không ghi mã cán bộ, họ và tên."))
    code = reader.text("unit_code")
    if not code:
        reader.error("unit_code", _("Chưa ghi mã đơn vị của tập thể."))
        return None
    unit = found.units.get(code)
    if unit is None:
        reader.error("unit_code", _("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": code})
        return None
    if not found.may_record_unit(unit):
        reader.error("unit_code", _("Bạn không có quyền ghi nhận khen thưởng cho “%(unit)s”.") % {"unit": unit.name})
        return None
    return unit


def _read_subject(reader: RowReader, found: _Lookups) -> tuple[str, Person | None, Unit | None, str]:
    """The subject of a row: its kind, the person or the unit, and the full name written beside a personnel code."""
    text = reader.text("subject")
    subject = _subject_of(text)
    if text and not subject:
        reader.error("subject", _("“%(value)s” không hợp lệ: ghi Cá nhân hoặc Tập thể.") % {"value": text})
    if subject == PERSON:
        person, name = _read_person(reader, found)
        return subject, person, None, name
    if subject == COLLECTIVE:
        return subject, None, _read_unit(reader, found), ""
    return subject, None, None, ""


def _person_in_reach(
    reader: RowReader, person: Person | None, name: str, year: int | None, reach: set[tuple[int, int]]
) -> bool:
    """Is the row's person (if any) within the actor's reach for ``year``, and is the name beside the code theirs?"""
    if person is None or year is None:
        return True
    if (person.pk, year) not in reach:
        # The same message for a person out of reach as for an unknown one (STYLE S12).
        column = "personnel_code" if reader.raw("personnel_code") else "full_name"
        reader.error(column, _("Không tìm thấy hoặc bạn không có quyền ghi nhận cho cán bộ này."))
        return False
    if name and fold(name) != person.search_name:
        reader.error(
            "full_name",
            _("Họ và tên không khớp với cán bộ có mã “%(code)s”: %(name)s.")
            % {"code": person.personnel_code, "name": person.full_name},
        )
    return True


class _SubjectCells:
    """The subject columns of exported facts, keeping to the people the actor sees in the fact's year."""

    def __init__(self, actor: User, facts: Sequence[AwardRecord | TaskRating]) -> None:
        pairs = [(fact.person_id, fact.year) for fact in facts if fact.person_id is not None]
        self._reach = people_within_reach(actor, AwardsPermission.FACTS_VIEW, person_years=pairs)
        self._current_unit = dict(
            Assignment.objects.filter(person_id__in={p for p, _y in pairs}, ends_on__isnull=True).values_list(
                "person_id", "unit__code"
            )
        )

    def of(self, fact: AwardRecord | TaskRating) -> tuple[str, str, str, str] | None:
        if fact.person is not None:
            if (fact.person.pk, fact.year) not in self._reach:
                return None
            code = fact.person.personnel_code
            unit_code = "" if code else self._current_unit.get(fact.person.pk, "")
            return (str(_SUBJECT_LABELS[PERSON]), code, fact.person.full_name, unit_code)
        if fact.unit is not None:
            return (str(_SUBJECT_LABELS[COLLECTIVE]), "", "", fact.unit.code)
        return None


def _facts_visible(actor: User, model: type[AwardRecord] | type[TaskRating]) -> QuerySet[Any]:
    """Facts of the units the actor sees and of the people who worked in them (narrowed by ``_SubjectCells``)."""
    scope = unit_scope(actor, AwardsPermission.FACTS_VIEW)
    return (
        model.objects.filter(Q(unit__in=scope) | Q(person__assignments__unit__in=scope))
        .select_related("unit", "person")
        .distinct()
    )


@dataclass
class _Pending:
    """A row read in the first pass, finished once the actor's reach over the people of the file is known."""

    reader: RowReader
    person: Person | None
    unit: Unit | None
    name: str
    title: Title | None
    year: int | None
    decided_on: dt.date | None
    decision_number: str
    decided_by_body: str
    kind: str
    note: str


class AwardHistoryImport(ImportKind[AwardHistoryRow]):
    code = "award-history"
    title = gettext_lazy("Lịch sử khen thưởng (quyết định đã ban hành)")
    sheet_title = gettext_lazy("Lịch sử khen thưởng")
    file_stem = "lich-su-khen-thuong"
    columns = (
        *_SUBJECT_COLUMNS,
        Column(
            "title",
            gettext_lazy("Mã danh hiệu"),
            required=True,
            width=16,
            help_text=gettext_lazy(
                "Mã danh hiệu, hình thức khen thưởng trong danh mục (ví dụ LDTT, CSTDCS, TTLDXS, BK_TINH), hoặc tên "
                "đầy đủ (ví dụ Lao động tiên tiến)."
            ),
        ),
        Column("year", gettext_lazy("Năm thành tích"), required=True, width=10),
        Column("decision_number", gettext_lazy("Số quyết định"), required=True, width=18),
        Column(
            "decided_on",
            gettext_lazy("Ngày quyết định"),
            required=True,
            is_date=True,
            width=14,
            help_text=gettext_lazy("Không trước năm thành tích, không sau hôm nay."),
        ),
        Column("decided_by_body", gettext_lazy("Cơ quan quyết định"), width=30),
        Column(
            "kind",
            gettext_lazy("Loại khen thưởng"),
            width=16,
            help_text=gettext_lazy("Công trạng, Phong trào, Đột xuất hoặc Chuyên đề; để trống là Công trạng."),
        ),
        Column("note", gettext_lazy("Ghi chú"), width=30),
    )
    instructions = (
        gettext_lazy(
            "Mỗi dòng ghi một danh hiệu thi đua hoặc hình thức khen thưởng mà một cá nhân hoặc một tập thể đã được "
            "tặng theo một quyết định đã ban hành. Giữ nguyên dòng tiêu đề."
        ),
        gettext_lazy(
            "Không ghi hai lần cùng một đối tượng, danh hiệu, năm thành tích và số quyết định; quyết định đã ghi nhận "
            "trong hệ thống không nhập lại được."
        ),
        gettext_lazy("Chỉ nhập được cho cá nhân, tập thể thuộc phạm vi bạn được ghi nhận."),
        gettext_lazy("Khi tải lên, hệ thống kiểm tra từng dòng và chưa ghi gì cho đến khi bạn xác nhận."),
    )
    example_rows = (
        ("Cá nhân", "CB0001", "Nguyễn Văn An", "", "LDTT", 2023, "125/QĐ-SVH", "20/12/2023", "Giám đốc Sở", "", ""),
        ("Tập thể", "", "", "so-van-hoa", "TTLDXS", 2023, "45/QĐ-UBND", "15/01/2024", "UBND tỉnh", "Công trạng", ""),
    )

    def can_import(self, actor: User) -> bool:
        return can_record_facts(actor)

    def can_export(self, actor: User) -> bool:
        return can_view_facts(actor)

    def parse(self, *, actor: User, rows: Sequence[SheetRow]) -> ParseResult[AwardHistoryRow]:
        found = _Lookups(actor, rows)
        pending = [self._read(row, found) for row in rows]
        pairs = [(p.person.pk, p.year) for p in pending if p.person is not None and p.year is not None]
        reach = people_within_reach(actor, AwardsPermission.FACTS_RECORD, person_years=pairs)
        keys: dict[_Key, int] = {}
        candidates: list[AwardHistoryRow] = []
        for item in pending:
            row = self._finish(item, reach, keys)
            if row is not None:
                candidates.append(row)
        recorded = self._recorded(candidates)
        by_number = {item.reader.number: item.reader for item in pending}
        for row in candidates:
            if row.key in recorded:
                by_number[row.number].error(
                    "decision_number",
                    _("Quyết định “%(number)s” đã được ghi nhận cho đối tượng này (cùng danh hiệu, năm %(year)s).")
                    % {"number": row.decision_number, "year": row.year},
                )
        errors: list[RowError] = [error for item in pending for error in item.reader.errors]
        failed = {error.row for error in errors}
        return ParseResult(rows=[row for row in candidates if row.number not in failed], errors=errors)

    def _read(self, row: SheetRow, found: _Lookups) -> _Pending:
        reader = RowReader(row, self.columns)
        subject, person, unit, name = _read_subject(reader, found)
        title_text = reader.text("title")
        title = found.title(title_text, subject) if title_text else None
        if title_text and title is None:
            reader.error("title", _("Mã danh hiệu “%(code)s” không có trong danh mục.") % {"code": title_text})
        year = reader.integer("year", minimum=YEAR_MIN, maximum=YEAR_MAX)
        decision_number = reader.text("decision_number", max_length=60)
        decided_on = reader.date("decided_on")
        decided_by_body = reader.text("decided_by_body", max_length=300)
        kind_text = reader.text("kind")
        kind = _kind_of(kind_text) if kind_text else str(AwardRecordKind.MERIT)
        if not kind:
            allowed = ", ".join(str(label) for label in _KIND_LABELS.values())
            reader.error(
                "kind",
                _("“%(value)s” không có trong danh sách: %(allowed)s.") % {"value": kind_text, "allowed": allowed},
            )
        note = reader.text("note", max_length=1000)
        return _Pending(
            reader, person, unit, name, title, year, decided_on, decision_number, decided_by_body, kind, note
        )

    def _finish(self, item: _Pending, reach: set[tuple[int, int]], keys: dict[_Key, int]) -> AwardHistoryRow | None:
        reader, person = item.reader, item.person
        if not _person_in_reach(reader, person, item.name, item.year, reach):
            return None
        if item.title is None or item.year is None or item.decided_on is None or not item.decision_number:
            return None
        if person is None and item.unit is None:
            return None
        data = AwardRecordInput(
            title=item.title,
            year=item.year,
            decision_number=item.decision_number,
            decided_on=item.decided_on,
            decided_by_body=item.decided_by_body,
            kind=item.kind or AwardRecordKind.MERIT,
            note=item.note,
        )
        for field, messages in award_record_errors(data, is_person=person is not None, now=None).items():
            for message in messages:
                reader.error(_ERROR_COLUMNS.get(field, ""), message)
        row = AwardHistoryRow(
            number=reader.number,
            person_id=person.pk if person is not None else None,
            unit_id=item.unit.pk if item.unit is not None else None,
            title_id=item.title.pk,
            year=item.year,
            decision_number=item.decision_number,
            decided_on=item.decided_on,
            decided_by_body=item.decided_by_body,
            kind=item.kind,
            note=item.note,
        )
        if row.key in keys:
            reader.error(
                "decision_number",
                _("Trùng với dòng %(row)s: cùng đối tượng, danh hiệu, năm thành tích và số quyết định.")
                % {"row": keys[row.key]},
            )
        else:
            keys[row.key] = reader.number
        return None if reader.errors else row

    def _recorded(self, rows: Sequence[AwardHistoryRow]) -> set[_Key]:
        if not rows:
            return set()
        found = AwardRecord.objects.filter(
            Q(person_id__in={r.person_id for r in rows if r.person_id is not None})
            | Q(unit_id__in={r.unit_id for r in rows if r.unit_id is not None}),
            decision_number__in={r.decision_number for r in rows},
            year__in={r.year for r in rows},
        ).values_list("person_id", "unit_id", "title_id", "year", "decision_number")
        return set(found)

    def apply(self, *, actor: User, rows: Sequence[AwardHistoryRow]) -> int:
        people = Person.objects.in_bulk({row.person_id for row in rows if row.person_id is not None})
        units = Unit.objects.in_bulk({row.unit_id for row in rows if row.unit_id is not None})
        titles = Title.objects.in_bulk({row.title_id for row in rows})
        for row in rows:
            data = AwardRecordInput(
                title=titles[row.title_id],
                year=row.year,
                decision_number=row.decision_number,
                decided_on=row.decided_on,
                decided_by_body=row.decided_by_body,
                kind=row.kind,
                source=AwardRecordSource.IMPORTED,
                note=row.note,
            )
            with row_failure(row.number):
                award_record_create(
                    actor=actor,
                    data=data,
                    person=people[row.person_id] if row.person_id is not None else None,
                    unit=units[row.unit_id] if row.unit_id is not None else None,
                )
        audit.facts_imported_event(kind="award_record", count=len(rows), actor=actor)
        return len(rows)

    def export_rows(self, *, actor: User) -> Iterable[Sequence[object]]:
        """The awards in force (not revoked) of the collectives and people the actor sees, re-importable as is."""
        records = list(
            _facts_visible(actor, AwardRecord)
            .filter(is_revoked=False)
            .select_related("title")
            .order_by("year", "decided_on", "pk")
        )
        cells = _SubjectCells(actor, records)
        for record in records:
            subject = cells.of(record)
            if subject is None:
                continue
            yield (
                *subject,
                record.title.code,
                record.year,
                record.decision_number,
                format_date(record.decided_on),
                record.decided_by_body,
                str(_KIND_LABELS[AwardRecordKind(record.kind)]),
                record.note,
            )


@dataclass(frozen=True)
class TaskRatingHistoryRow:
    number: int
    person_id: int | None
    unit_id: int | None
    year: int
    rating: str
    source: str
    note: str


class TaskRatingHistoryImport(ImportKind[TaskRatingHistoryRow]):
    """Ratings of past years (one per subject and year). A rating already recorded with the same level is skipped; a
    different level is an error of the row (a correction is made one by one, not by a file), as in the API import."""

    code = "task-rating-history"
    title = gettext_lazy("Xếp loại mức độ hoàn thành nhiệm vụ")
    sheet_title = gettext_lazy("Xếp loại hoàn thành nhiệm vụ")
    file_stem = "xep-loai-hoan-thanh-nhiem-vu"
    columns = (
        *_SUBJECT_COLUMNS,
        Column("year", gettext_lazy("Năm"), required=True, width=8),
        Column(
            "rating",
            gettext_lazy("Mức xếp loại"),
            required=True,
            width=30,
            help_text=gettext_lazy(
                "Hoàn thành xuất sắc nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành nhiệm vụ hoặc Không hoàn thành "
                "nhiệm vụ (hoặc viết tắt HTXSNV, HTTNV, HTNV, KHTNV)."
            ),
        ),
        Column(
            "source",
            gettext_lazy("Nguồn"),
            width=30,
            help_text=gettext_lazy("Văn bản đánh giá, xếp loại, ví dụ Biên bản đánh giá năm 2023."),
        ),
        Column("note", gettext_lazy("Ghi chú"), width=30),
    )
    instructions = (
        gettext_lazy(
            "Mỗi dòng ghi mức xếp loại của một cá nhân hoặc một tập thể trong một năm. Giữ nguyên dòng tiêu đề."
        ),
        gettext_lazy(
            "Mỗi đối tượng chỉ có một mức cho mỗi năm: mức đã ghi nhận giống hệt được bỏ qua, mức khác là lỗi."
        ),
        gettext_lazy("Chỉ nhập được cho cá nhân, tập thể thuộc phạm vi bạn được ghi nhận."),
        gettext_lazy("Khi tải lên, hệ thống kiểm tra từng dòng và chưa ghi gì cho đến khi bạn xác nhận."),
    )
    example_rows = (
        ("Cá nhân", "CB0001", "Nguyễn Văn An", "", 2023, "Hoàn thành xuất sắc nhiệm vụ", "Biên bản đánh giá 2023", ""),
        ("Tập thể", "", "", "so-van-hoa", 2023, "Hoàn thành tốt nhiệm vụ", "", ""),
    )

    def can_import(self, actor: User) -> bool:
        return can_record_facts(actor)

    def can_export(self, actor: User) -> bool:
        return can_view_facts(actor)

    def parse(self, *, actor: User, rows: Sequence[SheetRow]) -> ParseResult[TaskRatingHistoryRow]:
        found = _Lookups(actor, rows)
        read: list[tuple[RowReader, Person | None, Unit | None, str, int | None, str, str, str]] = []
        for sheet_row in rows:
            reader = RowReader(sheet_row, self.columns)
            _subject, person, unit, name = _read_subject(reader, found)
            year = reader.integer("year", minimum=YEAR_MIN, maximum=YEAR_MAX)
            rating = reader.choice("rating", RatingLevel)
            source = reader.text("source", max_length=300)
            note = reader.text("note", max_length=1000)
            read.append((reader, person, unit, name, year, rating, source, note))
        pairs = [(item[1].pk, item[4]) for item in read if item[1] is not None and item[4] is not None]
        reach = people_within_reach(actor, AwardsPermission.FACTS_RECORD, person_years=pairs)
        keys: dict[tuple[int | None, int | None, int], int] = {}
        candidates: list[TaskRatingHistoryRow] = []
        for reader, person, unit, name, year, rating, source, note in read:
            if not _person_in_reach(reader, person, name, year, reach) or year is None:
                continue
            if (message := year_error(year, now=None)) is not None:
                reader.error("year", message)
            if (person is None and unit is None) or not rating:
                continue
            row = TaskRatingHistoryRow(
                number=reader.number,
                person_id=person.pk if person is not None else None,
                unit_id=unit.pk if unit is not None else None,
                year=year,
                rating=rating,
                source=source,
                note=note,
            )
            key = (row.person_id, row.unit_id, row.year)
            if key in keys:
                reader.error("year", _("Trùng với dòng %(row)s: cùng đối tượng và năm.") % {"row": keys[key]})
            else:
                keys[key] = reader.number
            if not reader.errors:
                candidates.append(row)
        recorded = _ratings_recorded(candidates)
        by_number = {reader.number: reader for reader, *_rest in read}
        for row in candidates:
            found_rating = recorded.get((row.person_id, row.unit_id, row.year))
            if found_rating is not None and found_rating != row.rating:
                by_number[row.number].error(
                    "rating",
                    _("Năm %(year)s đã ghi nhận mức “%(rating)s”.")
                    % {"year": row.year, "rating": RatingLevel(found_rating).label},
                )
        errors: list[RowError] = [error for reader, *_rest in read for error in reader.errors]
        failed = {error.row for error in errors}
        return ParseResult(rows=[row for row in candidates if row.number not in failed], errors=errors)

    def apply(self, *, actor: User, rows: Sequence[TaskRatingHistoryRow]) -> int:
        recorded = _ratings_recorded(rows)
        new = [row for row in rows if (row.person_id, row.unit_id, row.year) not in recorded]
        people = Person.objects.in_bulk({row.person_id for row in new if row.person_id is not None})
        units = Unit.objects.in_bulk({row.unit_id for row in new if row.unit_id is not None})
        for row in new:
            with row_failure(row.number):
                task_rating_set(
                    actor=actor,
                    year=row.year,
                    rating=row.rating,
                    person=people[row.person_id] if row.person_id is not None else None,
                    unit=units[row.unit_id] if row.unit_id is not None else None,
                    source=row.source,
                    note=row.note,
                )
        audit.facts_imported_event(kind="task_rating", count=len(new), actor=actor)
        return len(new)

    def export_rows(self, *, actor: User) -> Iterable[Sequence[object]]:
        ratings = list(_facts_visible(actor, TaskRating).order_by("year", "pk"))
        cells = _SubjectCells(actor, ratings)
        for rating in ratings:
            subject = cells.of(rating)
            if subject is not None:
                yield (*subject, rating.year, str(rating.get_rating_display()), rating.source, rating.note)


def _ratings_recorded(rows: Sequence[TaskRatingHistoryRow]) -> dict[tuple[int | None, int | None, int], str]:
    if not rows:
        return {}
    found = TaskRating.objects.filter(
        Q(person_id__in={r.person_id for r in rows if r.person_id is not None})
        | Q(unit_id__in={r.unit_id for r in rows if r.unit_id is not None}),
        year__in={r.year for r in rows},
    ).values_list("person_id", "unit_id", "year", "rating")
    return {(person_id, unit_id, year): rating for person_id, unit_id, year, rating in found}


import_kind_register(AwardHistoryImport())
import_kind_register(TaskRatingHistoryImport())
