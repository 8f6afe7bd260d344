"""Consolidation, appeals, publication and corrections.

The stored results (UnitResult, CriterionResult) are always the output of the pure ``consolidate`` over the round's
counted sheets, accepted appeals and corrections; they are rewritten whenever one of those changes. After
publication nothing changes except through a recorded correction, whose reason is shown with the ranking.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.files import validate_attachment
from thidua.core.text import fold
from thidua.emulation.models import BlocMembership
from thidua.scoring.audit import scoring_event
from thidua.scoring.choices import AppealStatus, AssignmentStatus, RoundStatus, SheetKind, SheetStatus
from thidua.scoring.consolidation import Consolidation, CriterionRule, Mark, Override, Rules, consolidate
from thidua.scoring.errors import ScoringInvalid, ScoringNotAllowed, ScoringStateError
from thidua.scoring.models import (
    Appeal,
    Correction,
    Criterion,
    CriterionResult,
    Score,
    ScoreSheet,
    ScoringRound,
    UnitResult,
)
from thidua.scoring.permissions import can_edit_sheet_of
from thidua.scoring.services._common import check_manage, points_in_bounds, require_status, required_reason, round_lock

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit

# What the secretariat types to confirm publication (compared without diacritics or case).
PUBLISH_CONFIRMATION = "CÔNG BỐ"


def scorer_key(sheet: ScoreSheet) -> str:
    """The opaque key of a sheet's scorer in the consolidation: "self" or "a<assignment id>"."""
    return "self" if sheet.kind == SheetKind.SELF else f"a{sheet.assignment_id}"


def consolidation_run(scoring_round: ScoringRound) -> Consolidation:
    """Read the round's counted inputs (four queries) and consolidate them. Pure apart from the reads."""
    criteria = list(
        Criterion.objects.filter(group__criteria_set_id=scoring_round.criteria_set_id).order_by(
            "group__position", "position", "id"
        )
    )
    rules = [CriterionRule(id=c.pk, kind=c.kind, max_points=c.max_points) for c in criteria]
    rows = Score.objects.filter(sheet__scoring_round=scoring_round).values_list(
        "sheet__unit_id", "criterion_id", "sheet__kind", "sheet__assignment_id", "sheet__assignment__status", "points"
    )
    # Counted: every self-assessment (shown, never counted in finals) and the sheets of active assignments only.
    marks = [
        Mark(
            unit_id=unit_id,
            criterion_id=criterion_id,
            scorer="self" if kind == SheetKind.SELF else f"a{assignment_id}",
            points=points,
            is_self=kind == SheetKind.SELF,
        )
        for unit_id, criterion_id, kind, assignment_id, status, points in rows
        if kind == SheetKind.SELF or status == AssignmentStatus.ACTIVE
    ]
    overrides: dict[tuple[int, int], Decimal] = {}
    for unit_id, criterion_id, points in Appeal.objects.filter(
        scoring_round=scoring_round, status=AppealStatus.ACCEPTED
    ).values_list("unit_id", "criterion_id", "points"):
        if points is not None:
            overrides[(unit_id, criterion_id)] = points
    for unit_id, criterion_id, points in (
        Correction.objects.filter(scoring_round=scoring_round)
        .order_by("decided_at", "id")
        .values_list("unit_id", "criterion_id", "new_points")
    ):
        overrides[(unit_id, criterion_id)] = points
    unit_ids = BlocMembership.objects.filter(bloc_id=scoring_round.bloc_id, year=scoring_round.year).values_list(
        "unit_id", flat=True
    )
    return consolidate(
        unit_ids=list(unit_ids),
        criteria=rules,
        marks=marks,
        rules=Rules(
            method=scoring_round.method,
            is_normalised=scoring_round.is_normalised,
            tie_breaks=tuple(scoring_round.tie_breaks),
        ),
        overrides=[Override(unit_id=u, criterion_id=c, points=p) for (u, c), p in overrides.items()],
    )


def _store(scoring_round: ScoringRound, result: Consolidation) -> None:
    UnitResult.objects.filter(scoring_round=scoring_round).delete()
    CriterionResult.objects.filter(scoring_round=scoring_round).delete()
    UnitResult.objects.bulk_create(
        [
            UnitResult(
                scoring_round=scoring_round,
                unit_id=u.unit_id,
                rank=u.rank,
                scored_points=u.scored,
                bonus_points=u.bonus,
                penalty_points=u.penalty,
                total=u.total,
                self_total=u.self_total,
            )
            for u in result.units
        ]
    )
    CriterionResult.objects.bulk_create(
        [
            CriterionResult(
                scoring_round=scoring_round,
                unit_id=c.unit_id,
                criterion_id=c.criterion_id,
                final_points=c.final,
                computed_points=c.computed,
                self_points=c.self_points,
                is_override=c.is_override,
                is_missing=c.is_missing,
                contributions=[
                    {"scorer": k.scorer, "raw": str(k.raw), "adjusted": str(k.adjusted), "counted": k.is_counted}
                    for k in c.contributions
                ],
            )
            for u in result.units
            for c in u.criteria
        ],
        batch_size=2000,
    )


def results_refresh(scoring_round: ScoringRound) -> Consolidation:
    """Recompute and store the round's results. Caller holds the round lock."""
    result = consolidation_run(scoring_round)
    _store(scoring_round, result)
    return result


def scoring_round_consolidate(
    *, actor: User | None, scoring_round: ScoringRound, now: dt.datetime | None = None
) -> ScoringRound:
    """Consolidate once every self-assessment and every counted checking sheet has been sent."""
    check_manage(actor, scoring_round.bloc)
    now = now or timezone.now()
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.SCORING)
        pending = (
            ScoreSheet.objects.filter(scoring_round=locked)
            .exclude(status=SheetStatus.SUBMITTED)
            .exclude(kind=SheetKind.CHECK, assignment__status=AssignmentStatus.REPLACED)
            .count()
        )
        if pending:
            raise ScoringStateError(_("Còn %(count)s bảng điểm chưa gửi: chưa tổng hợp được.") % {"count": pending})
        result = results_refresh(locked)
        locked.status = RoundStatus.CONSOLIDATED
        locked.consolidated_at = now
        locked.save(update_fields=["status", "consolidated_at", "updated_at"])
        scoring_event(
            "scoring.round_consolidated",
            actor=actor,
            target=locked,
            before={"status": RoundStatus.SCORING},
            after={"status": locked.status, "ranking": [[u.unit_id, u.rank, str(u.total)] for u in result.units]},
        )
    return locked


def appeal_window_open(
    *, actor: User | None, scoring_round: ScoringRound, due_on: dt.date, now: dt.datetime | None = None
) -> ScoringRound:
    """Let units see their detail and appeal until ``due_on`` (inclusive)."""
    check_manage(actor, scoring_round.bloc)
    now = now or timezone.now()
    if due_on < timezone.localdate(now):
        message = _("Hạn khiếu nại không được trước hôm nay.")
        raise ScoringInvalid(message, fields={"due_on": [message]})
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.CONSOLIDATED, RoundStatus.APPEAL)
        locked.status = RoundStatus.APPEAL
        locked.appeal_due_on = due_on
        locked.save(update_fields=["status", "appeal_due_on", "updated_at"])
        scoring_event("scoring.appeal_window_opened", actor=actor, target=locked, after={"due_on": due_on.isoformat()})
    return locked


def appeal_file(
    *,
    actor: User,
    scoring_round: ScoringRound,
    unit: Unit,
    criterion: Criterion,
    text: str,
    evidence: UploadedFile | None = None,
    now: dt.datetime | None = None,
) -> Appeal:
    """A unit appeals its final score on one criterion, with its reasons and optional evidence, before the
    deadline. One appeal per criterion."""
    if not can_edit_sheet_of(actor, unit=unit):
        raise ScoringNotAllowed()
    text = required_reason(text, "text")
    if evidence is not None:
        try:
            validate_attachment(evidence)
        except ValidationError as error:
            raise ScoringInvalid(error.messages[0], fields={"evidence": list(error.messages)}) from error
    now = now or timezone.now()
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.APPEAL)
        if locked.appeal_due_on is not None and timezone.localdate(now) > locked.appeal_due_on:
            raise ScoringStateError(_("Đã hết hạn khiếu nại (%(due)s).") % {"due": f"{locked.appeal_due_on:%d/%m/%Y}"})
        if not BlocMembership.objects.filter(bloc_id=locked.bloc_id, year=locked.year, unit=unit).exists():
            raise ScoringNotAllowed()
        if criterion.group.criteria_set_id != locked.criteria_set_id:
            message = _("Tiêu chí không thuộc bộ tiêu chí đang dùng.")
            raise ScoringInvalid(message, fields={"criterion": [message]})
        if Appeal.objects.filter(scoring_round=locked, unit=unit, criterion=criterion).exists():
            raise ScoringStateError(_("Đơn vị đã khiếu nại tiêu chí này."))
        appeal = Appeal(scoring_round=locked, unit=unit, criterion=criterion, text=text, filed_by=actor, filed_at=now)
        if evidence is not None:
            appeal.evidence.save((evidence.name or "minh-chung")[-200:], evidence, save=False)
        appeal.save()
        scoring_event(
            "scoring.appeal_filed", actor=actor, target=appeal, after={"criterion": criterion.code, "text": text}
        )
    return appeal


def appeal_answer(
    *,
    actor: User | None,
    appeal: Appeal,
    is_accepted: bool,
    answer: str,
    points: Decimal | str | None = None,
    now: dt.datetime | None = None,
) -> Appeal:
    """Answer an appeal, always with a reason; accepting it sets the criterion's final points, and the ranking is
    recomputed at once."""
    scoring_round = appeal.scoring_round
    check_manage(actor, scoring_round.bloc)
    answer = required_reason(answer, "answer")
    accepted_points = None
    if is_accepted:
        accepted_points = points_in_bounds(points, maximum=appeal.criterion.max_points, field="points")
    now = now or timezone.now()
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.APPEAL)
        current = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if current.status != AppealStatus.OPEN:
            raise ScoringStateError(_("Khiếu nại này đã được trả lời."))
        current.status = AppealStatus.ACCEPTED if is_accepted else AppealStatus.REJECTED
        current.answer = answer
        current.points = accepted_points
        current.answered_by = actor
        current.answered_at = now
        current.save(update_fields=["status", "answer", "points", "answered_by", "answered_at", "updated_at"])
        if is_accepted:
            results_refresh(locked)
        scoring_event(
            "scoring.appeal_answered",
            actor=actor,
            target=current,
            before={"status": AppealStatus.OPEN},
            after={"status": current.status, "answer": answer, "points": str(accepted_points or "")},
        )
    return current


def scoring_round_publish(
    *, actor: User | None, scoring_round: ScoringRound, confirmation: str, now: dt.datetime | None = None
) -> ScoringRound:
    """Publish the ranking: final. Asks for the typed confirmation "CÔNG BỐ"; every appeal must be answered."""
    check_manage(actor, scoring_round.bloc)
    if fold(confirmation or "").strip() != fold(PUBLISH_CONFIRMATION):
        message = _("Hãy gõ đúng “%(phrase)s” để xác nhận công bố.") % {"phrase": PUBLISH_CONFIRMATION}
        raise ScoringInvalid(message, fields={"confirmation": [message]})
    now = now or timezone.now()
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.CONSOLIDATED, RoundStatus.APPEAL)
        open_appeals = Appeal.objects.filter(scoring_round=locked, status=AppealStatus.OPEN).count()
        if open_appeals:
            raise ScoringStateError(
                _("Còn %(count)s khiếu nại chưa trả lời: chưa công bố được.") % {"count": open_appeals}
            )
        old_status = locked.status
        results_refresh(locked)
        locked.status = RoundStatus.PUBLISHED
        locked.published_at = now
        locked.published_by = actor
        locked.save(update_fields=["status", "published_at", "published_by", "updated_at"])
        scoring_event(
            "scoring.round_published",
            actor=actor,
            target=locked,
            before={"status": old_status},
            after={"status": locked.status},
        )
    return locked


def score_correct(
    *,
    actor: User | None,
    scoring_round: ScoringRound,
    unit: Unit,
    criterion: Criterion,
    points: Decimal | str,
    reason: str,
    now: dt.datetime | None = None,
) -> Correction:
    """Correct one final score of a published ranking, with a reason that the ranking page shows."""
    check_manage(actor, scoring_round.bloc)
    if actor is None:
        raise ScoringNotAllowed()
    reason = required_reason(reason)
    new_points = points_in_bounds(points, maximum=criterion.max_points, field="points")
    now = now or timezone.now()
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.PUBLISHED)
        current = CriterionResult.objects.filter(scoring_round=locked, unit=unit, criterion=criterion).first()
        if current is None:
            message = _("Đơn vị hoặc tiêu chí không có trong kết quả đã công bố.")
            raise ScoringInvalid(message, fields={"criterion": [message]})
        if current.final_points == new_points:
            message = _("Điểm mới trùng điểm hiện tại.")
            raise ScoringInvalid(message, fields={"points": [message]})
        correction = Correction.objects.create(
            scoring_round=locked,
            unit=unit,
            criterion=criterion,
            old_points=current.final_points,
            new_points=new_points,
            reason=reason,
            decided_by=actor,
            decided_at=now,
        )
        results_refresh(locked)
        scoring_event(
            "scoring.score_corrected",
            actor=actor,
            target=correction,
            before={"points": str(current.final_points)},
            after={"points": str(new_points), "reason": reason, "criterion": criterion.code, "unit": unit.pk},
        )
    return correction
