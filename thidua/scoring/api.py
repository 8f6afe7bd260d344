"""REST operations of scoring (issue 5; STYLE S17): rounds, criteria sets, score sheets, the ranking and appeals.

Every read goes through the selectors, so the API shows exactly what the pages show: a unit never reads another
unit's draft nor who gave which checking score before publication. Ids stay within 32 bits and every text is bounded;
an unknown or unreadable id answers 404, and input the schema allows but the records refuse (points above the
maximum, a stale version, a step the round's state does not allow) answers 409 with ``fields``.
"""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, StringConstraints

from thidua.accounts.api import api_actor
from thidua.accounts.models import User
from thidua.core.api.errors import ERROR_RESPONSES, MAX_ID, WRITE_RESPONSES
from thidua.core.api.pagination import MAX_PAGE_SIZE, BoundedPageNumberPagination
from thidua.core.exceptions import NotFound
from thidua.emulation.services._common import MAX_YEAR, MIN_YEAR
from thidua.organizations.models import Unit
from thidua.scoring.choices import (
    AppealStatus,
    CheckingMode,
    ConsolidationMethod,
    CriteriaSetStatus,
    CriterionKind,
    RoundStatus,
    SheetKind,
    SheetStatus,
)
from thidua.scoring.errors import ScoringInvalid
from thidua.scoring.models import Appeal, Criterion, ScoreSheet, ScoringRound
from thidua.scoring.permissions import can_manage_scoring, can_view_scores_of
from thidua.scoring.selectors import (
    CriterionLine,
    appeal_access,
    can_see_ranking,
    criteria_set_access,
    criteria_set_groups,
    ranking_get,
    score_sheet_access,
    scoring_round_access,
    scoring_round_list_visible_to,
    sheet_rows,
    sheets_to_fill,
)
from thidua.scoring.services import (
    ScoreInput,
    appeal_answer,
    appeal_file,
    points_field,
    score_sheet_save,
    score_sheet_submit,
)
from thidua.scoring.services._common import MAX_REASON_LENGTH

router = Router(tags=["Chấm điểm"])

MAX_CELLS = 500
MAX_COMMENT_LENGTH = 4000

_NO_CONTROL_MULTILINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
_VISIBLE_MULTILINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Comment = Annotated[str, StringConstraints(max_length=MAX_COMMENT_LENGTH, pattern=_NO_CONTROL_MULTILINE)]
Reason = Annotated[str, StringConstraints(min_length=1, max_length=MAX_REASON_LENGTH, pattern=_VISIBLE_MULTILINE)]
# Points as a JSON number or as text ("8,5" is accepted as in the forms); the service checks bounds and decimals.
PointsText = Annotated[str, StringConstraints(max_length=20)]
Points = PointsText | float | None


class RoundPath(Schema):
    round_id: int = Field(..., ge=1, le=MAX_ID)


class SetPath(Schema):
    set_id: int = Field(..., ge=1, le=MAX_ID)


class SheetPath(Schema):
    sheet_id: int = Field(..., ge=1, le=MAX_ID)


class AppealPath(Schema):
    appeal_id: int = Field(..., ge=1, le=MAX_ID)


class RoundFilters(Schema):
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR, description="Năm thi đua")


class ScoringRoundOut(Schema):
    id: int
    bloc_id: int
    bloc_name: str
    year: int
    status: RoundStatus
    criteria_set_id: int
    checking_mode: CheckingMode
    method: ConsolidationMethod
    is_normalised: bool
    reveals_scorers: bool
    self_assessment_due_on: dt.date | None
    checking_due_on: dt.date | None
    appeal_due_on: dt.date | None
    published_at: dt.datetime | None


class SheetBriefOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    kind: SheetKind
    status: SheetStatus
    version: int


class ScoringRoundDetailOut(ScoringRoundOut):
    my_sheets: list[SheetBriefOut] = Field(description="Bảng điểm người gọi điền trong đợt: tự chấm và chấm kiểm tra")
    ranking_visible: bool = Field(description="Người gọi xem được bảng xếp hạng (ranking_get) chưa")


class CriterionOut(Schema):
    id: int
    code: str
    name: str
    kind: CriterionKind
    max_points: Decimal
    guidance: str
    required_evidence: str


class CriterionGroupOut(Schema):
    id: int
    code: str
    name: str
    criteria: list[CriterionOut]


class CriteriaSetOut(Schema):
    id: int
    bloc_id: int
    year: int
    version: int
    title: str
    status: CriteriaSetStatus
    approval_reference: str
    groups: list[CriterionGroupOut]


class SheetRowOut(Schema):
    criterion_id: int
    code: str
    name: str
    kind: CriterionKind
    max_points: Decimal
    points: Decimal | None
    comment: str
    evidence_count: int
    self_points: Decimal | None = Field(description="Điểm tự chấm của đơn vị (chỉ với bảng chấm kiểm tra)")
    self_comment: str


class SheetGroupOut(Schema):
    group_id: int
    code: str
    name: str
    rows: list[SheetRowOut]


class ScoreSheetOut(Schema):
    id: int
    round_id: int
    unit_id: int
    unit_name: str
    kind: SheetKind
    status: SheetStatus
    version: int = Field(description="Gửi lại khi lưu (khoá lạc quan): lưu đè lên bản người khác vừa lưu bị từ chối")
    criteria_set_id: int
    scorer_label: str = Field(description="Người chấm (bảng chấm kiểm tra); rỗng với bảng tự chấm")
    return_reason: str
    submitted_at: dt.datetime | None
    groups: list[SheetGroupOut]


class ScoreCellIn(Schema):
    criterion_id: Id
    points: Points = Field(None, description="Số hoặc chuỗi số (dấu phẩy hay dấu chấm); null để bỏ trống")
    comment: Comment = ""


class ScoreSheetSaveIn(Schema):
    version: int = Field(..., ge=0, le=MAX_ID, description="Phiên bản bảng điểm khi đọc (score_sheet_get)")
    scores: list[ScoreCellIn] = Field(default_factory=list, max_length=MAX_CELLS)


class MarkOut(Schema):
    label: str
    raw: Decimal
    adjusted: Decimal
    is_counted: bool


class CriterionResultOut(Schema):
    criterion_id: int
    code: str
    kind: CriterionKind
    final_points: Decimal
    computed_points: Decimal
    self_points: Decimal | None
    is_override: bool
    is_missing: bool
    marks: list[MarkOut]


class RankingRowOut(Schema):
    unit_id: int
    unit_name: str
    rank: int
    scored_points: Decimal
    bonus_points: Decimal
    penalty_points: Decimal
    total: Decimal
    self_total: Decimal
    criteria: list[CriterionResultOut]


class CorrectionOut(Schema):
    unit_id: int
    unit_name: str
    criterion_id: int
    criterion_code: str
    old_points: Decimal
    new_points: Decimal
    reason: str
    decided_at: dt.datetime


class RankingOut(Schema):
    round_id: int
    status: RoundStatus
    shows_scorers: bool = Field(description="Người chấm được nêu tên; nếu không, ghi “Người chấm 1, 2…”")
    rows: list[RankingRowOut]
    corrections: list[CorrectionOut]


class AppealFileIn(Schema):
    unit_id: Id
    criterion_id: Id
    text: Reason


class AppealAnswerIn(Schema):
    is_accepted: bool
    answer: Reason
    points: Points = Field(None, description="Điểm sau xem xét, bắt buộc khi chấp nhận")


class AppealOut(Schema):
    id: int
    round_id: int
    unit_id: int
    unit_name: str
    criterion_id: int
    criterion_code: str
    text: str
    has_evidence: bool
    status: AppealStatus
    answer: str
    points: Decimal | None
    filed_at: dt.datetime
    answered_at: dt.datetime | None


def _round_fields(scoring_round: ScoringRound) -> dict[str, Any]:
    fields = {name: getattr(scoring_round, name) for name in ScoringRoundOut.model_fields if name != "bloc_name"}
    return {**fields, "bloc_name": scoring_round.bloc.name}


def _sheet_out(sheet: ScoreSheet) -> ScoreSheetOut:
    groups = sheet_rows(sheet=sheet)
    assignment = sheet.assignment
    return ScoreSheetOut(
        id=sheet.pk,
        round_id=sheet.scoring_round_id,
        unit_id=sheet.unit_id,
        unit_name=sheet.unit.name,
        kind=SheetKind(sheet.kind),
        status=SheetStatus(sheet.status),
        version=sheet.version,
        criteria_set_id=sheet.criteria_set_id,
        scorer_label=assignment.scorer_label if assignment is not None else "",
        return_reason=sheet.return_reason,
        submitted_at=sheet.submitted_at,
        groups=[
            SheetGroupOut(
                group_id=g.group.pk,
                code=g.group.code,
                name=g.group.name,
                rows=[
                    SheetRowOut(
                        criterion_id=r.criterion.pk,
                        code=r.criterion.code,
                        name=r.criterion.name,
                        kind=CriterionKind(r.criterion.kind),
                        max_points=r.criterion.max_points,
                        points=r.score.points if r.score is not None else None,
                        comment=r.score.comment if r.score is not None else "",
                        evidence_count=len(r.evidence),
                        self_points=r.self_score.points if r.self_score is not None else None,
                        self_comment=r.self_score.comment if r.self_score is not None else "",
                    )
                    for r in g.rows
                ],
            )
            for g in groups
        ],
    )


def _line_out(line: CriterionLine) -> CriterionResultOut:
    result = line.result
    return CriterionResultOut(
        criterion_id=line.criterion.pk,
        code=line.criterion.code,
        kind=CriterionKind(line.criterion.kind),
        final_points=result.final_points,
        computed_points=result.computed_points,
        self_points=result.self_points,
        is_override=result.is_override,
        is_missing=result.is_missing,
        marks=[MarkOut(label=m.label, raw=m.raw, adjusted=m.adjusted, is_counted=m.is_counted) for m in line.marks],
    )


def _appeal_out(appeal: Appeal) -> AppealOut:
    return AppealOut(
        id=appeal.pk,
        round_id=appeal.scoring_round_id,
        unit_id=appeal.unit_id,
        unit_name=appeal.unit.name,
        criterion_id=appeal.criterion_id,
        criterion_code=appeal.criterion.code,
        text=appeal.text,
        has_evidence=bool(appeal.evidence),
        status=AppealStatus(appeal.status),
        answer=appeal.answer,
        points=appeal.points,
        filed_at=appeal.filed_at,
        answered_at=appeal.answered_at,
    )


def _reload_sheet(actor: User, sheet_id: int) -> ScoreSheetOut:
    return _sheet_out(score_sheet_access(actor=actor, sheet_id=sheet_id))


def _cells(payload: ScoreSheetSaveIn) -> list[ScoreInput]:
    """The cells to save; a criterion given twice is refused by field, like any other invalid cell."""
    seen: set[int] = set()
    repeated: dict[str, list[str]] = {}
    for cell in payload.scores:
        if cell.criterion_id in seen:
            repeated[points_field(cell.criterion_id)] = [_("Tiêu chí được gửi hơn một lần.")]
        seen.add(cell.criterion_id)
    if repeated:
        raise ScoringInvalid(fields=repeated)
    return [
        ScoreInput(
            criterion_id=cell.criterion_id,
            points=None if cell.points is None else str(cell.points),
            comment=cell.comment,
        )
        for cell in payload.scores
    ]


# --- rounds and criteria sets -------------------------------------------------------------------------------------


@router.get(
    "/scoring/rounds",
    response={200: list[ScoringRoundOut], **ERROR_RESPONSES},
    operation_id="scoring_round_list",
    summary="Danh sách đợt chấm điểm người gọi xem được",
)
@paginate(BoundedPageNumberPagination, page_size=50, max_page_size=MAX_PAGE_SIZE)
def scoring_round_list(request: HttpRequest, filters: Query[RoundFilters]) -> QuerySet[ScoringRound]:
    rounds = scoring_round_list_visible_to(actor=api_actor(request), year=filters.year)
    return rounds.annotate(bloc_name=F("bloc__name"))


@router.get(
    "/scoring/rounds/{round_id}",
    response={200: ScoringRoundDetailOut, **ERROR_RESPONSES},
    operation_id="scoring_round_get",
    summary="Một đợt chấm điểm: quy định, thời hạn và các bảng điểm người gọi điền",
)
def scoring_round_get(request: HttpRequest, path: Path[RoundPath]) -> ScoringRoundDetailOut:
    actor = api_actor(request)
    scoring_round = scoring_round_access(actor=actor, round_id=path.round_id)
    return ScoringRoundDetailOut(
        **_round_fields(scoring_round),
        my_sheets=[
            SheetBriefOut(
                id=s.pk,
                unit_id=s.unit_id,
                unit_name=s.unit.name,
                kind=SheetKind(s.kind),
                status=SheetStatus(s.status),
                version=s.version,
            )
            for s in sheets_to_fill(actor=actor, scoring_round=scoring_round)
        ],
        ranking_visible=can_see_ranking(actor=actor, scoring_round=scoring_round),
    )


@router.get(
    "/scoring/criteria-sets/{set_id}",
    response={200: CriteriaSetOut, **ERROR_RESPONSES},
    operation_id="criteria_set_get",
    summary="Một bộ tiêu chí chấm điểm: các nhóm và tiêu chí",
)
def criteria_set_get(request: HttpRequest, path: Path[SetPath]) -> CriteriaSetOut:
    criteria_set = criteria_set_access(actor=api_actor(request), set_id=path.set_id)
    return CriteriaSetOut(
        id=criteria_set.pk,
        bloc_id=criteria_set.bloc_id,
        year=criteria_set.year,
        version=criteria_set.version,
        title=criteria_set.title,
        status=CriteriaSetStatus(criteria_set.status),
        approval_reference=criteria_set.approval_reference,
        groups=[
            CriterionGroupOut(
                id=g.pk,
                code=g.code,
                name=g.name,
                criteria=[
                    CriterionOut(
                        id=c.pk,
                        code=c.code,
                        name=c.name,
                        kind=CriterionKind(c.kind),
                        max_points=c.max_points,
                        guidance=c.guidance,
                        required_evidence=c.required_evidence,
                    )
                    for c in g.criteria.all()
                ],
            )
            for g in criteria_set_groups(criteria_set_id=criteria_set.pk)
        ],
    )


# --- score sheets -------------------------------------------------------------------------------------------------


@router.get(
    "/scoring/sheets/{sheet_id}",
    response={200: ScoreSheetOut, **ERROR_RESPONSES},
    operation_id="score_sheet_get",
    summary="Một bảng điểm: điểm và giải trình từng tiêu chí (bảng chấm kiểm tra kèm điểm tự chấm)",
)
def score_sheet_get(request: HttpRequest, path: Path[SheetPath]) -> ScoreSheetOut:
    return _reload_sheet(api_actor(request), path.sheet_id)


@router.put(
    "/scoring/sheets/{sheet_id}",
    response={200: ScoreSheetOut, **WRITE_RESPONSES},
    operation_id="score_sheet_save",
    summary="Lưu điểm các tiêu chí gửi lên (các tiêu chí khác giữ nguyên)",
    description=(
        "Gửi kèm `version` đọc được từ score_sheet_get. Nếu bảng điểm đã được lưu sau phiên bản đó, không ghi gì "
        "và trả về 409 `scoring_conflict`. Điểm ngoài khoảng 0 đến điểm tối đa, quá hai chữ số thập phân hoặc tiêu "
        "chí không thuộc bảng điểm: 409 `scoring_invalid`, `fields` nêu từng ô (`points_<criterion_id>`)."
    ),
)
def score_sheet_save_op(request: HttpRequest, path: Path[SheetPath], payload: ScoreSheetSaveIn) -> ScoreSheetOut:
    actor = api_actor(request)
    sheet = score_sheet_access(actor=actor, sheet_id=path.sheet_id)
    score_sheet_save(actor=actor, sheet=sheet, version=payload.version, scores=_cells(payload))
    return _reload_sheet(actor, sheet.pk)


@router.post(
    "/scoring/sheets/{sheet_id}/submit",
    response={200: ScoreSheetOut, **WRITE_RESPONSES},
    operation_id="score_sheet_submit",
    summary="Gửi bảng điểm đã chấm đủ mọi tiêu chí (thủ trưởng đơn vị)",
)
def score_sheet_submit_op(request: HttpRequest, path: Path[SheetPath]) -> ScoreSheetOut:
    actor = api_actor(request)
    sheet = score_sheet_access(actor=actor, sheet_id=path.sheet_id)
    score_sheet_submit(actor=actor, sheet=sheet)
    return _reload_sheet(actor, sheet.pk)


# --- ranking and appeals ------------------------------------------------------------------------------------------


@router.get(
    "/scoring/rounds/{round_id}/ranking",
    response={200: RankingOut, **ERROR_RESPONSES},
    operation_id="ranking_get",
    summary="Bảng xếp hạng của khối, với điểm từng tiêu chí và các điểm chấm phía sau",
    description=(
        "Thư ký khối và Ban Thi đua - Khen thưởng tỉnh xem từ khi tổng hợp; các đơn vị thành viên xem sau khi công "
        "bố. Người chấm được nêu tên hay ghi “Người chấm 1, 2…” đúng như trên trang xếp hạng."
    ),
)
def ranking_get_op(request: HttpRequest, path: Path[RoundPath]) -> RankingOut:
    actor = api_actor(request)
    scoring_round = scoring_round_access(actor=actor, round_id=path.round_id)
    ranking = ranking_get(actor=actor, scoring_round=scoring_round)
    return RankingOut(
        round_id=scoring_round.pk,
        status=RoundStatus(scoring_round.status),
        shows_scorers=ranking.shows_scorers,
        rows=[
            RankingRowOut(
                unit_id=row.result.unit_id,
                unit_name=row.result.unit.name,
                rank=row.result.rank,
                scored_points=row.result.scored_points,
                bonus_points=row.result.bonus_points,
                penalty_points=row.result.penalty_points,
                total=row.result.total,
                self_total=row.result.self_total,
                criteria=[_line_out(line) for line in row.lines],
            )
            for row in ranking.rows
        ],
        corrections=[
            CorrectionOut(
                unit_id=c.unit_id,
                unit_name=c.unit.name,
                criterion_id=c.criterion_id,
                criterion_code=c.criterion.code,
                old_points=c.old_points,
                new_points=c.new_points,
                reason=c.reason,
                decided_at=c.decided_at,
            )
            for c in ranking.corrections
        ],
    )


@router.post(
    "/scoring/rounds/{round_id}/appeals",
    response={201: AppealOut, **WRITE_RESPONSES},
    operation_id="appeal_file",
    summary="Đơn vị khiếu nại điểm cuối cùng của một tiêu chí",
    description=(
        "Nhận JSON, không nhận tệp: API không tải lên minh chứng kèm khiếu nại; hãy đính kèm minh chứng trên trang "
        "khiếu nại. Chỉ trong thời hạn khiếu nại, mỗi tiêu chí một lần."
    ),
)
def appeal_file_op(request: HttpRequest, path: Path[RoundPath], payload: AppealFileIn) -> Status[AppealOut]:
    actor = api_actor(request)
    scoring_round = scoring_round_access(actor=actor, round_id=path.round_id)
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None or not (can_manage_scoring(actor, bloc=scoring_round.bloc) or can_view_scores_of(actor, unit=unit)):
        raise NotFound()
    criterion = Criterion.objects.select_related("group").filter(pk=payload.criterion_id).first()
    if criterion is None:
        raise NotFound()
    appeal = appeal_file(actor=actor, scoring_round=scoring_round, unit=unit, criterion=criterion, text=payload.text)
    return Status(201, _appeal_out(appeal_access(actor=actor, appeal_id=appeal.pk)))


@router.post(
    "/scoring/appeals/{appeal_id}/answer",
    response={200: AppealOut, **WRITE_RESPONSES},
    operation_id="appeal_answer",
    summary="Thư ký khối trả lời khiếu nại: chấp nhận (kèm điểm sau xem xét) hoặc không, luôn có lý do",
)
def appeal_answer_op(request: HttpRequest, path: Path[AppealPath], payload: AppealAnswerIn) -> AppealOut:
    actor = api_actor(request)
    appeal = appeal_access(actor=actor, appeal_id=path.appeal_id)
    appeal_answer(
        actor=actor,
        appeal=appeal,
        is_accepted=payload.is_accepted,
        answer=payload.answer,
        points=None if payload.points is None else str(payload.points),
    )
    return _appeal_out(appeal_access(actor=actor, appeal_id=appeal.pk))
