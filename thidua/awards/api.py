"""REST operations of the awards app (STYLE S17): import history (ratings, awards received, discipline), read the
facts the eligibility rules use, and evaluate eligibility with one line per condition and its citation.

Imports are all rows or none: per-row errors come in ``fields`` keyed ``rows.<index>.<field>``; 409 when rows
contradict what is recorded. Ids stay within 32 bits; strings are bounded and free of control characters.
"""

import datetime as dt
from enum import StrEnum
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field, StringConstraints

from thidua.accounts.api import api_actor
from thidua.awards.errors import FactConflict
from thidua.awards.models import AwardRecordKind, DisciplineLevelChoice, RatingLevel
from thidua.awards.rules.context import SubjectFacts
from thidua.awards.rules.results import Verdict
from thidua.awards.selectors import eligibility_evaluate_for, subject_facts_get
from thidua.awards.services import (
    AwardRecordRow,
    DisciplineRow,
    ImportResult,
    TaskRatingRow,
    award_record_import,
    discipline_record_import,
    task_rating_import,
)
from thidua.awards.services.imports import MAX_ROWS
from thidua.core.api.errors import ERROR_RESPONSES, MAX_ID, WRITE_RESPONSES, ErrorOut

router = Router(tags=["Khen thưởng"])

_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
_VISIBLE = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Text300 = Annotated[str, StringConstraints(max_length=300, pattern=_NO_CONTROL)]
Note = Annotated[str, StringConstraints(max_length=1000, pattern=_NO_CONTROL)]
DecisionNumber = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=_VISIBLE)]
TitleCode = Annotated[str, StringConstraints(min_length=1, max_length=30, pattern=r"^[A-Za-z0-9_]+$")]
MAX_BATCH_SUBJECTS = 500


class SubjectKind(StrEnum):
    PERSON = "person"
    UNIT = "unit"


def _ids(kind: SubjectKind, subject_id: int) -> dict[str, int | None]:
    return {
        "person_id": subject_id if kind == SubjectKind.PERSON else None,
        "unit_id": subject_id if kind == SubjectKind.UNIT else None,
    }


class ImportOut(Schema):
    created: int
    skipped: int = Field(description="Dòng trùng hoàn toàn với dữ liệu đã có, không nhập lại")


class TaskRatingRowIn(Schema):
    subject_kind: SubjectKind = Field(description="person: cá nhân; unit: tập thể")
    subject_id: Id
    year: Year
    rating: RatingLevel
    source: Text300 = ""
    note: Note = ""


class TaskRatingImportIn(Schema):
    rows: list[TaskRatingRowIn] = Field(min_length=1, max_length=MAX_ROWS)


class AwardRecordRowIn(Schema):
    subject_kind: SubjectKind = Field(description="person: cá nhân; unit: tập thể")
    subject_id: Id
    title_code: TitleCode = Field(description="Mã trong danh mục danh hiệu, hình thức (LDTT, CSTDCS, BK_TINH…)")
    year: Year = Field(description="Năm đạt thành tích")
    decision_number: DecisionNumber
    decided_on: dt.date
    decided_by_body: Text300 = ""
    kind: AwardRecordKind = AwardRecordKind.MERIT
    note: Note = ""


class AwardRecordImportIn(Schema):
    rows: list[AwardRecordRowIn] = Field(min_length=1, max_length=MAX_ROWS)


class DisciplineRowIn(Schema):
    person_id: Id
    level: DisciplineLevelChoice
    decided_on: dt.date
    ends_on: dt.date | None = None
    decision_number: DecisionNumber
    note: Note = ""


class DisciplineImportIn(Schema):
    rows: list[DisciplineRowIn] = Field(min_length=1, max_length=MAX_ROWS)


class FactsQuery(Schema):
    subject_kind: SubjectKind = Field(description="person: cá nhân; unit: tập thể")
    subject_id: Id
    year: Year = Field(description="Năm đạt thành tích được xét")
    reference_date: dt.date | None = Field(None, description="Ngày xét (mặc định: hôm nay)")


class RatingOut(Schema):
    year: int
    rating: str


class AwardOut(Schema):
    id: int | None
    title_code: str
    year: int
    decided_on: dt.date
    decision_number: str
    kind: str
    is_revoked: bool


class InitiativeOut(Schema):
    id: int
    level: str
    recognised_on: dt.date
    is_science_work: bool
    title: str


class DisciplineOut(Schema):
    level: str
    decided_on: dt.date
    ends_on: dt.date | None


class PendingCaseOut(Schema):
    kind: str
    opened_on: dt.date
    closed_on: dt.date | None


class TitlesOfYearOut(Schema):
    year: int
    title_codes: list[str]


class MemberOut(Schema):
    person_id: int
    ratings: list[RatingOut]
    titles: list[TitlesOfYearOut]
    disciplines: list[DisciplineOut]
    is_female: bool


class SubjectFactsOut(Schema):
    kind: str
    id: int
    name: str
    ratings: list[RatingOut]
    awards: list[AwardOut]
    initiatives: list[InitiativeOut]
    disciplines: list[DisciplineOut]
    pending_cases: list[PendingCaseOut]
    members: list[MemberOut]
    is_female: bool
    leads_bloc_in: list[int]


class EvaluateIn(Schema):
    title_code: TitleCode
    year: Year
    reference_date: dt.date = Field(
        description="Ngày xét: chọn chế độ pháp lý (trước 01/01/2024: A; đến 30/06/2025: B)"
    )
    subject_kind: SubjectKind = Field(description="person: cá nhân; unit: tập thể")
    subject_id: Id


class EvaluateBatchIn(Schema):
    title_code: TitleCode
    year: Year
    reference_date: dt.date
    subject_kind: SubjectKind = Field(description="person: cá nhân; unit: tập thể")
    subject_ids: list[Id] = Field(min_length=1, max_length=MAX_BATCH_SUBJECTS)


class CitationOut(Schema):
    document: str
    article: str
    clause: str
    text: str


class VerdictLineOut(Schema):
    code: str
    label: str
    status: str = Field(description="met | not_met | needs_confirmation")
    facts: str
    citation: CitationOut


class VerdictOut(Schema):
    subject_id: int
    status: str = Field(description="eligible | not_eligible | needs_confirmation")
    title_code: str
    year: int
    regime: str
    rule_set: str
    lines: list[VerdictLineOut]


class VerdictsOut(Schema):
    items: list[VerdictOut]


def _import_out(result: ImportResult) -> ImportOut:
    return ImportOut(created=result.created, skipped=result.skipped)


def _facts_out(facts: SubjectFacts) -> SubjectFactsOut:
    def ratings(mapping: object) -> list[RatingOut]:
        return [RatingOut(year=y, rating=r) for y, r in sorted(dict(mapping).items())]  # type: ignore[call-overload]

    def disciplines(items: tuple[object, ...]) -> list[DisciplineOut]:
        return [DisciplineOut.model_validate(d, from_attributes=True) for d in items]

    return SubjectFactsOut(
        kind=facts.kind,
        id=facts.id,
        name=facts.name,
        ratings=ratings(facts.ratings),
        awards=[AwardOut.model_validate(a, from_attributes=True) for a in facts.awards],
        initiatives=[InitiativeOut.model_validate(i, from_attributes=True) for i in facts.initiatives],
        disciplines=disciplines(facts.disciplines),
        pending_cases=[PendingCaseOut.model_validate(c, from_attributes=True) for c in facts.pending_cases],
        members=[
            MemberOut(
                person_id=m.person_id,
                ratings=ratings(m.ratings),
                titles=[
                    TitlesOfYearOut(year=y, title_codes=sorted(codes))
                    for y, codes in sorted(m.title_codes_by_year.items())
                ],
                disciplines=disciplines(m.disciplines),
                is_female=m.is_female,
            )
            for m in facts.members
        ],
        is_female=facts.is_female,
        leads_bloc_in=sorted(facts.leads_bloc_in),
    )


def _verdicts_out(subject_ids: list[int], verdicts: list[Verdict]) -> VerdictsOut:
    items = []
    for subject_id, verdict in zip(subject_ids, verdicts, strict=True):
        v = verdict
        items.append(
            VerdictOut(
                subject_id=subject_id,
                status=str(v.status),
                title_code=v.title_code,
                year=v.year,
                regime=v.regime,
                rule_set=v.rule_set,
                lines=[
                    VerdictLineOut(
                        code=line.code,
                        label=line.label,
                        status=str(line.status),
                        facts=line.facts,
                        citation=CitationOut(
                            document=line.citation.document,
                            article=line.citation.article,
                            clause=line.citation.clause,
                            text=str(line.citation),
                        ),
                    )
                    for line in v.lines
                ],
            )
        )
    return VerdictsOut(items=items)


def _evaluate(
    request: HttpRequest,
    *,
    title_code: str,
    year: int,
    reference_date: dt.date,
    person_ids: list[int],
    unit_ids: list[int],
) -> VerdictsOut:
    from thidua.awards.rules.catalogue import NoRuleSet

    person_ids, unit_ids = list(dict.fromkeys(person_ids)), list(dict.fromkeys(unit_ids))
    try:
        verdicts = eligibility_evaluate_for(
            actor=api_actor(request),
            title_code=title_code,
            year=year,
            reference_date=reference_date,
            person_ids=person_ids,
            unit_ids=unit_ids,
        )
    except NoRuleSet as error:
        # The request is well formed; the rules in force have no rule set for it (unknown title, or no automatic
        # check under that regime): a conflict with the state of the rules, as the rules page shows it.
        raise FactConflict(str(error), fields={"title_code": [str(error)]}) from error
    return _verdicts_out(person_ids or unit_ids, list(verdicts))


@router.post(
    "/awards/task-ratings/import",
    response={200: ImportOut, **WRITE_RESPONSES},
    operation_id="task_rating_import",
    summary="Nhập lịch sử xếp loại hoàn thành nhiệm vụ của cá nhân, tập thể (tất cả hoặc không dòng nào)",
)
def task_rating_import_op(request: HttpRequest, payload: TaskRatingImportIn) -> ImportOut:
    rows = [
        TaskRatingRow(**_ids(r.subject_kind, r.subject_id), year=r.year, rating=r.rating, source=r.source, note=r.note)
        for r in payload.rows
    ]
    return _import_out(task_rating_import(actor=api_actor(request), rows=rows))


@router.post(
    "/awards/award-records/import",
    response={200: ImportOut, **WRITE_RESPONSES},
    operation_id="award_record_import",
    summary="Nhập lịch sử danh hiệu, hình thức khen thưởng đã nhận (tất cả hoặc không dòng nào)",
)
def award_record_import_op(request: HttpRequest, payload: AwardRecordImportIn) -> ImportOut:
    rows = [
        AwardRecordRow(
            **_ids(r.subject_kind, r.subject_id),
            title_code=r.title_code,
            year=r.year,
            decision_number=r.decision_number,
            decided_on=r.decided_on,
            decided_by_body=r.decided_by_body,
            kind=r.kind,
            note=r.note,
        )
        for r in payload.rows
    ]
    return _import_out(award_record_import(actor=api_actor(request), rows=rows))


@router.post(
    "/awards/discipline-records/import",
    response={200: ImportOut, **WRITE_RESPONSES},
    operation_id="discipline_record_import",
    summary="Nhập lịch sử kỷ luật (tất cả hoặc không dòng nào)",
)
def discipline_record_import_op(request: HttpRequest, payload: DisciplineImportIn) -> ImportOut:
    rows = [DisciplineRow(**row.model_dump()) for row in payload.rows]
    return _import_out(discipline_record_import(actor=api_actor(request), rows=rows))


@router.get(
    "/awards/subject-facts",
    response={200: SubjectFactsOut, **ERROR_RESPONSES},
    operation_id="subject_facts_get",
    summary="Dữ liệu mà các quy tắc xét khen thưởng sử dụng, của một cá nhân hoặc một tập thể",
)
def subject_facts_get_op(request: HttpRequest, query: Query[FactsQuery]) -> SubjectFactsOut:
    facts = subject_facts_get(
        actor=api_actor(request),
        year=query.year,
        reference_date=query.reference_date or timezone.localdate(),
        **_ids(query.subject_kind, query.subject_id),
    )
    return _facts_out(facts)


@router.post(
    "/awards/eligibility/evaluate",
    response={200: VerdictOut, **ERROR_RESPONSES, 409: ErrorOut},  # 409: no rule set for the title
    operation_id="eligibility_evaluate",
    summary="Xét điều kiện khen thưởng cho một cá nhân hoặc tập thể, kèm căn cứ pháp lý của từng điều kiện",
)
def eligibility_evaluate_op(request: HttpRequest, payload: EvaluateIn) -> VerdictOut:
    result = _evaluate(
        request,
        title_code=payload.title_code,
        year=payload.year,
        reference_date=payload.reference_date,
        person_ids=[payload.subject_id] if payload.subject_kind == SubjectKind.PERSON else [],
        unit_ids=[payload.subject_id] if payload.subject_kind == SubjectKind.UNIT else [],
    )
    return result.items[0]


@router.post(
    "/awards/eligibility/evaluate-batch",
    response={200: VerdictsOut, **ERROR_RESPONSES, 409: ErrorOut},  # 409: no rule set for the title
    operation_id="eligibility_evaluate_batch",
    summary="Xét điều kiện khen thưởng cho nhiều cá nhân hoặc tập thể (tối đa 500)",
)
def eligibility_evaluate_batch_op(request: HttpRequest, payload: EvaluateBatchIn) -> VerdictsOut:
    return _evaluate(
        request,
        title_code=payload.title_code,
        year=payload.year,
        reference_date=payload.reference_date,
        person_ids=payload.subject_ids if payload.subject_kind == SubjectKind.PERSON else [],
        unit_ids=payload.subject_ids if payload.subject_kind == SubjectKind.UNIT else [],
    )
