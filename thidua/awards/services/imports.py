"""Batch imports of history (ratings, awards received, discipline): all rows or none, with per-row errors.

Field errors are keyed ``rows.<index>.<field>`` (0-based, as in the JSON list). A subject that does not exist and one
out of the actor's reach get the same message (STYLE S12). Rows that contradict what is recorded (the same subject and
year rated differently, the same award decision again) refuse the whole batch with 409; rows identical to a recorded
rating are skipped. Queries: a constant number for the checks, then one insert per row with its audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards import audit
from thidua.awards.errors import FactNotEditable, ImportConflict, ImportInvalid, ImportNotFound
from thidua.awards.models import AwardRecord, DisciplineRecord, RatingLevel, TaskRating, Title
from thidua.awards.permissions import (
    AwardsPermission,
    can_record_facts,
    can_record_facts_of_unit,
    people_within_reach,
)
from thidua.awards.services._common import year_error
from thidua.awards.services.award_records import AwardRecordInput, award_record_errors, award_record_summary
from thidua.awards.services.discipline import DisciplineInput, discipline_errors, discipline_summary
from thidua.awards.services.ratings import task_rating_summary
from thidua.organizations.models import Unit
from thidua.people.models import Person

if TYPE_CHECKING:
    from thidua.accounts.models import User

MAX_ROWS = 500


@dataclass(frozen=True)
class TaskRatingRow:
    year: int
    rating: str
    person_id: int | None = None
    unit_id: int | None = None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class AwardRecordRow:
    title_code: str
    year: int
    decision_number: str
    decided_on: dt.date
    person_id: int | None = None
    unit_id: int | None = None
    decided_by_body: str = ""
    kind: str = "merit"
    note: str = ""


@dataclass(frozen=True)
class DisciplineRow:
    person_id: int
    level: str
    decided_on: dt.date
    decision_number: str
    ends_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int


class _Errors:
    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, index: int, name: str, message: str | None) -> None:
        if message:
            self.fields.setdefault(f"rows.{index}.{name}", []).append(message)

    def merge(self, index: int, errors: dict[str, list[str]]) -> None:
        for name, messages in errors.items():
            for message in messages:
                self.add(index, name, message)


def _check_batch(actor: User | None, count: int) -> None:
    if actor is not None and not can_record_facts(actor):
        raise FactNotEditable()
    if count == 0 or count > MAX_ROWS:
        raise ImportInvalid(fields={"rows": [_("Cần từ 1 đến %(max)s dòng.") % {"max": MAX_ROWS}]})


def _subjects(
    actor: User | None,
    rows: Sequence[tuple[int | None, int | None, int]],
    errors: _Errors,
) -> tuple[dict[int, Person], dict[int, Unit]]:
    """Load the rows' people and units (two queries) and check each is one subject within the actor's reach."""
    people = Person.objects.in_bulk({p for p, _u, _y in rows if p is not None})
    units = Unit.objects.in_bulk({u for _p, u, _y in rows if u is not None})
    reach: set[tuple[int, int]] = set()
    if actor is not None:
        pairs = [(p, y) for p, _u, y in rows if p is not None and p in people]
        reach = people_within_reach(actor, AwardsPermission.FACTS_RECORD, person_years=pairs)
    hidden = _("Không tìm thấy hoặc bạn không có quyền ghi nhận cho đối tượng này.")
    missing = _Errors()
    for index, (person_id, unit_id, year) in enumerate(rows):
        if (person_id is None) == (unit_id is None):
            errors.add(index, "person_id", _("Chọn một cá nhân hoặc một tập thể (chỉ một)."))
        elif person_id is not None:
            if person_id not in people or (actor is not None and (person_id, year) not in reach):
                missing.add(index, "person_id", hidden)
        elif unit_id is not None:
            unit = units.get(unit_id)
            if unit is None or (actor is not None and not can_record_facts_of_unit(actor, unit=unit)):
                missing.add(index, "unit_id", hidden)
    if missing.fields:
        raise ImportNotFound(fields=missing.fields)
    return people, units


def task_rating_import(
    *, actor: User | None, rows: Sequence[TaskRatingRow], now: dt.datetime | None = None
) -> ImportResult:
    """Import ratings of people and collectives. Refuses with FactNotEditable (no recording role at all),
    ImportInvalid (422, per-row fields) and ImportConflict (409: a subject and year already rated differently)."""
    _check_batch(actor, len(rows))
    errors = _Errors()
    people, units = _subjects(actor, [(r.person_id, r.unit_id, r.year) for r in rows], errors)
    for index, row in enumerate(rows):
        errors.add(index, "year", year_error(row.year, now=now))
        if row.rating not in RatingLevel.values:
            errors.add(index, "rating", _("Mức xếp loại không hợp lệ."))
    seen: dict[tuple[int | None, int | None, int], int] = {}
    for index, row in enumerate(rows):
        key = (row.person_id, row.unit_id, row.year)
        if key in seen:
            errors.add(index, "year", _("Trùng với dòng %(row)s.") % {"row": seen[key]})
        seen.setdefault(key, index)
    if errors.fields:
        raise ImportInvalid(fields=errors.fields)
    with transaction.atomic():
        existing = {
            (r.person_id, r.unit_id, r.year): r
            for r in TaskRating.objects.select_for_update().filter(
                person_id__in=list(people), year__in={r.year for r in rows}
            )
        } | {
            (r.person_id, r.unit_id, r.year): r
            for r in TaskRating.objects.select_for_update().filter(
                unit_id__in=list(units), year__in={r.year for r in rows}
            )
        }
        conflicts = _Errors()
        for index, row in enumerate(rows):
            found = existing.get((row.person_id, row.unit_id, row.year))
            if found is not None and found.rating != row.rating:
                conflicts.add(
                    index,
                    "rating",
                    _("Đã ghi nhận mức “%(rating)s” cho năm này.") % {"rating": found.get_rating_display()},
                )
        if conflicts.fields:
            raise ImportConflict(fields=conflicts.fields)
        created = 0
        for row in rows:
            if (row.person_id, row.unit_id, row.year) in existing:
                continue
            record = TaskRating.objects.create(
                person_id=row.person_id,
                unit_id=row.unit_id,
                year=row.year,
                rating=row.rating,
                source=row.source.strip(),
                note=row.note.strip(),
            )
            audit.task_rating_set_event(rating=record, before=None, after=task_rating_summary(record), actor=actor)
            created += 1
        audit.facts_imported_event(kind="task_rating", count=created, actor=actor)
    return ImportResult(created=created, skipped=len(rows) - created)


def award_record_import(
    *, actor: User | None, rows: Sequence[AwardRecordRow], now: dt.datetime | None = None
) -> ImportResult:
    """Import titles and awards already received. Refuses with FactNotEditable, ImportInvalid (per-row fields) and
    ImportConflict (the same decision already records the same title, year and subject)."""
    _check_batch(actor, len(rows))
    errors = _Errors()
    _subjects(actor, [(r.person_id, r.unit_id, r.year) for r in rows], errors)
    titles = {t.code: t for t in Title.objects.filter(code__in={r.title_code for r in rows})}
    unknown = _Errors()
    for index, row in enumerate(rows):
        if row.title_code not in titles:
            unknown.add(index, "title_code", _("Không có danh hiệu, hình thức này trong danh mục."))
    if unknown.fields:
        raise ImportNotFound(fields=unknown.fields)
    inputs: list[AwardRecordInput | None] = []
    for index, row in enumerate(rows):
        title = titles[row.title_code]
        data = AwardRecordInput(
            title=title,
            year=row.year,
            decision_number=row.decision_number.strip(),
            decided_on=row.decided_on,
            decided_by_body=row.decided_by_body.strip(),
            kind=row.kind,
            note=row.note.strip(),
        )
        row_errors = award_record_errors(data, is_person=row.person_id is not None, now=now)
        errors.merge(index, {("title_code" if k == "title" else k): v for k, v in row_errors.items()})
        inputs.append(data)
    keys = [(r.person_id, r.unit_id, r.title_code, r.year, r.decision_number.strip()) for r in rows]
    seen: dict[tuple[int | None, int | None, str, int, str], int] = {}
    for index, key in enumerate(keys):
        if key in seen:
            errors.add(index, "decision_number", _("Trùng với dòng %(row)s.") % {"row": seen[key]})
        seen.setdefault(key, index)
    if errors.fields:
        raise ImportInvalid(fields=errors.fields)
    with transaction.atomic():
        recorded = set(
            AwardRecord.objects.filter(
                decision_number__in={k[4] for k in keys}, title__code__in=set(titles), year__in={k[3] for k in keys}
            ).values_list("person_id", "unit_id", "title__code", "year", "decision_number")
        )
        conflicts = _Errors()
        for index, key in enumerate(keys):
            if key in recorded:
                conflicts.add(index, "decision_number", _("Quyết định này đã được ghi nhận cho đối tượng này."))
        if conflicts.fields:
            raise ImportConflict(fields=conflicts.fields)
        for row, item in zip(rows, inputs, strict=True):
            assert item is not None  # noqa: S101 - rows without a title were refused above
            record = AwardRecord.objects.create(
                person_id=row.person_id,
                unit_id=row.unit_id,
                title=item.title,
                year=item.year,
                decision_number=item.decision_number,
                decided_on=item.decided_on,
                decided_by_body=item.decided_by_body,
                kind=item.kind,
                source=item.source,
                note=item.note,
            )
            audit.fact_created_event(
                action="awards.award_record_created", fact=record, after=award_record_summary(record), actor=actor
            )
        audit.facts_imported_event(kind="award_record", count=len(rows), actor=actor)
    return ImportResult(created=len(rows), skipped=0)


def discipline_record_import(
    *, actor: User | None, rows: Sequence[DisciplineRow], now: dt.datetime | None = None
) -> ImportResult:
    """Import discipline of people. Refuses with FactNotEditable, ImportInvalid (per-row fields) and ImportConflict
    (the same decision already recorded for the person)."""
    _check_batch(actor, len(rows))
    errors = _Errors()
    _subjects(actor, [(r.person_id, None, r.decided_on.year) for r in rows], errors)
    for index, row in enumerate(rows):
        data = DisciplineInput(
            level=row.level,
            decided_on=row.decided_on,
            decision_number=row.decision_number,
            ends_on=row.ends_on,
            note=row.note,
        )
        errors.merge(index, discipline_errors(data, now=now))
    keys = [(r.person_id, r.decision_number.strip(), r.decided_on) for r in rows]
    seen: dict[tuple[int, str, dt.date], int] = {}
    for index, key in enumerate(keys):
        if key in seen:
            errors.add(index, "decision_number", _("Trùng với dòng %(row)s.") % {"row": seen[key]})
        seen.setdefault(key, index)
    if errors.fields:
        raise ImportInvalid(fields=errors.fields)
    with transaction.atomic():
        recorded = set(
            DisciplineRecord.objects.filter(person_id__in={k[0] for k in keys}).values_list(
                "person_id", "decision_number", "decided_on"
            )
        )
        conflicts = _Errors()
        for index, key in enumerate(keys):
            if key in recorded:
                conflicts.add(index, "decision_number", _("Quyết định kỷ luật này đã được ghi nhận."))
        if conflicts.fields:
            raise ImportConflict(fields=conflicts.fields)
        for row in rows:
            record = DisciplineRecord.objects.create(
                person_id=row.person_id,
                level=row.level,
                decided_on=row.decided_on,
                ends_on=row.ends_on,
                decision_number=row.decision_number.strip(),
                note=row.note.strip(),
            )
            audit.fact_created_event(
                action="awards.discipline_record_created", fact=record, after=discipline_summary(record), actor=actor
            )
        audit.facts_imported_event(kind="discipline_record", count=len(rows), actor=actor)
    return ImportResult(created=len(rows), skipped=0)
