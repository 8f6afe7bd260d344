"""Score sheets: a unit's self-assessment (with evidence) and the checkers' sheets.

- The self-assessment is filled in by the unit's officer or head before the deadline and sent by the head; it is
  then read-only for the unit until returned with a reason.
- A checking sheet is filled in once the unit's self-assessment has been sent, by the assigned scorer.
- Saving carries the sheet's ``version`` as the user last saw it: if someone saved in between, nothing is written
  and the user is told (optimistic locking), keeping what they entered on screen.
- Points are bounded by 0 and each criterion's maximum; every invalid cell is reported at once, by field.
- Nothing on a sheet changes once the round is consolidated: later changes are appeals and corrections.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.files import validate_attachment
from thidua.scoring.audit import scoring_event
from thidua.scoring.choices import AssignmentStatus, RoundStatus, SheetKind, SheetStatus
from thidua.scoring.errors import (
    ScoreSheetConflict,
    ScoreSheetNotEditable,
    ScoringInvalid,
    ScoringNotAllowed,
    ScoringStateError,
)
from thidua.scoring.models import Criterion, Evidence, Score, ScoreSheet, ScoringRound, SheetEvent
from thidua.scoring.permissions import can_fill_sheet, can_manage_scoring, is_active_checker_of
from thidua.scoring.services._common import points_in_bounds, require_status, required_reason, round_lock

if TYPE_CHECKING:
    from thidua.accounts.models import User


@dataclass(frozen=True)
class ScoreInput:
    """One cell of a sheet: ``points=None`` leaves the criterion unscored for now."""

    criterion_id: int
    points: Decimal | str | None
    comment: str = ""


def points_field(criterion_id: int) -> str:
    """The name of a criterion's points field, in forms and in error ``fields``."""
    return f"points_{criterion_id}"


def _may_edit(actor: User | None, sheet: ScoreSheet, *, submit: bool = False) -> bool:
    return actor is None or can_fill_sheet(actor, sheet=sheet, submit=submit)


def _lock_sheet(sheet: ScoreSheet) -> ScoreSheet:
    return (
        ScoreSheet.objects.select_for_update(of=("self",))
        .select_related("scoring_round__bloc__province", "unit", "assignment__scorer_unit", "criteria_set")
        .get(pk=sheet.pk)
    )


def _check_open(locked_round: ScoringRound, sheet: ScoreSheet, today: dt.date) -> None:
    require_status(locked_round, RoundStatus.SCORING)
    if not sheet.is_editable:
        raise ScoreSheetNotEditable()
    if sheet.kind == SheetKind.SELF:
        due = locked_round.self_assessment_due_on
        if due is not None and today > due and sheet.status != SheetStatus.RETURNED:
            raise ScoringStateError(
                _("Đã quá hạn tự chấm (%(due)s): chỉ sửa được khi bảng điểm bị trả lại.") % {"due": f"{due:%d/%m/%Y}"}
            )
        return
    if sheet.assignment is None or sheet.assignment.status != AssignmentStatus.ACTIVE:
        raise ScoringStateError(_("Phân công chấm này đã được thay: bảng điểm không còn được tính."))
    self_sheet = ScoreSheet.objects.filter(scoring_round=locked_round, unit=sheet.unit, kind=SheetKind.SELF).first()
    if self_sheet is None or self_sheet.status != SheetStatus.SUBMITTED:
        raise ScoringStateError(_("Đơn vị chưa gửi bảng tự chấm: chưa chấm kiểm tra được."))


def score_sheet_save(
    *,
    actor: User | None,
    sheet: ScoreSheet,
    version: int,
    scores: Sequence[ScoreInput],
    now: dt.datetime | None = None,
) -> ScoreSheet:
    """Save the cells given (others are kept). Refused as a whole when a cell is invalid (every invalid cell named)
    or when the sheet was saved by someone else since ``version``."""
    if not _may_edit(actor, sheet):
        raise ScoringNotAllowed()
    now = now or timezone.now()
    criteria = {c.pk: c for c in Criterion.objects.filter(group__criteria_set_id=sheet.criteria_set_id)}
    errors: dict[str, list[str]] = {}
    cleaned: list[tuple[Criterion, Decimal | None, str]] = []
    seen: set[int] = set()
    for cell in scores:
        criterion = criteria.get(cell.criterion_id)
        field = points_field(cell.criterion_id)
        if cell.criterion_id in seen:
            errors[field] = [_("Tiêu chí được nhập hai lần.")]
            continue
        seen.add(cell.criterion_id)
        if criterion is None:
            errors[field] = [_("Tiêu chí không thuộc bộ tiêu chí của bảng điểm.")]
            continue
        if cell.points is None or str(cell.points).strip() == "":
            cleaned.append((criterion, None, cell.comment.strip()))
            continue
        try:
            points = points_in_bounds(cell.points, maximum=criterion.max_points, field=field)
        except ScoringInvalid as error:
            errors.update(error.fields)
            continue
        cleaned.append((criterion, points, cell.comment.strip()[:4000]))
    if errors:
        raise ScoringInvalid(fields=errors)
    with transaction.atomic():
        locked_round = round_lock(sheet.scoring_round)
        locked = _lock_sheet(sheet)
        _check_open(locked_round, locked, timezone.localdate(now))
        if locked.version != version:
            raise ScoreSheetConflict()
        existing = {s.criterion_id: s for s in Score.objects.filter(sheet=locked)}
        changed: dict[str, str | None] = {}
        to_create: list[Score] = []
        to_update: list[Score] = []
        to_delete: list[int] = []
        for criterion, new_points, comment in cleaned:
            score = existing.get(criterion.pk)
            if new_points is None:
                if score is not None:
                    to_delete.append(score.pk)
                    changed[criterion.code] = None
            elif score is None:
                to_create.append(Score(sheet=locked, criterion=criterion, points=new_points, comment=comment))
                changed[criterion.code] = str(new_points)
            elif score.points != new_points or score.comment != comment:
                score.points, score.comment = new_points, comment
                to_update.append(score)
                changed[criterion.code] = str(new_points)
        Score.objects.filter(pk__in=to_delete).delete()
        Score.objects.bulk_create(to_create)
        Score.objects.bulk_update(to_update, ["points", "comment", "updated_at"])
        if changed:
            # Only a save that changes something moves the version: an empty save never makes others' stale.
            locked.version += 1
            locked.save(update_fields=["version", "updated_at"])
            scoring_event("scoring.sheet_saved", actor=actor, target=locked, after={"scores": changed})
    return locked


def score_sheet_submit(*, actor: User | None, sheet: ScoreSheet, now: dt.datetime | None = None) -> ScoreSheet:
    """Send a complete sheet: every criterion must have points. Only the unit head (for the self-assessment and for
    a unit's checking sheets), the assigned panel member, or the secretariat when it checks."""
    if not _may_edit(actor, sheet, submit=True):
        raise ScoringNotAllowed()
    now = now or timezone.now()
    with transaction.atomic():
        locked_round = round_lock(sheet.scoring_round)
        locked = _lock_sheet(sheet)
        _check_open(locked_round, locked, timezone.localdate(now))
        scored = set(Score.objects.filter(sheet=locked).values_list("criterion_id", flat=True))
        missing = list(
            Criterion.objects.filter(group__criteria_set_id=locked.criteria_set_id)
            .exclude(pk__in=scored)
            .order_by("group__position", "position")
        )
        if missing:
            raise ScoringInvalid(
                _("Còn %(count)s tiêu chí chưa chấm (ví dụ %(code)s).")
                % {"count": len(missing), "code": missing[0].code},
                fields={points_field(c.pk): [_("Chưa chấm tiêu chí này.")] for c in missing},
            )
        old_status = locked.status
        locked.status = SheetStatus.SUBMITTED
        locked.submitted_at = now
        locked.submitted_by = actor
        locked.version += 1
        locked.save(update_fields=["status", "submitted_at", "submitted_by", "version", "updated_at"])
        SheetEvent.objects.create(sheet=locked, action="submitted", actor=actor, at=now)
        scoring_event(
            "scoring.sheet_submitted",
            actor=actor,
            target=locked,
            before={"status": old_status},
            after={"status": locked.status},
        )
    return locked


def score_sheet_return(
    *, actor: User | None, sheet: ScoreSheet, reason: str, now: dt.datetime | None = None
) -> ScoreSheet:
    """Return a sent sheet to its authors with a mandatory reason. The secretariat returns any sheet; an assigned
    checker returns the self-assessment of the unit it checks. Returning a self-assessment also returns the checking
    sheets already sent for that unit, so that the checkers look again at the corrected one."""
    now = now or timezone.now()
    scoring_round = sheet.scoring_round
    is_manager = actor is None or can_manage_scoring(actor, bloc=scoring_round.bloc)
    if not is_manager and not (
        sheet.kind == SheetKind.SELF and is_active_checker_of(actor, scoring_round=scoring_round, unit_id=sheet.unit_id)
    ):
        raise ScoringNotAllowed()
    reason = required_reason(reason)
    with transaction.atomic():
        locked_round = round_lock(scoring_round)
        require_status(locked_round, RoundStatus.SCORING)
        locked = _lock_sheet(sheet)
        if locked.status != SheetStatus.SUBMITTED:
            raise ScoringStateError(_("Chỉ trả lại được bảng điểm đã gửi."))
        to_return = [locked]
        if locked.kind == SheetKind.SELF:
            to_return += list(
                ScoreSheet.objects.select_for_update().filter(
                    scoring_round=locked_round, unit=locked.unit, kind=SheetKind.CHECK, status=SheetStatus.SUBMITTED
                )
            )
        for item in to_return:
            item.status = SheetStatus.RETURNED
            item.return_reason = reason
            item.version += 1
            item.save(update_fields=["status", "return_reason", "version", "updated_at"])
            SheetEvent.objects.create(sheet=item, action="returned", actor=actor, reason=reason, at=now)
        scoring_event(
            "scoring.sheet_returned",
            actor=actor,
            target=locked,
            before={"status": SheetStatus.SUBMITTED},
            after={"status": SheetStatus.RETURNED, "reason": reason, "sheets": len(to_return)},
        )
    return locked


def evidence_add(
    *, actor: User | None, sheet: ScoreSheet, criterion: Criterion, upload: UploadedFile, now: dt.datetime | None = None
) -> Evidence:
    """Attach an evidence file to a criterion of an editable self-assessment (PDF, DOCX, XLSX, JPEG, PNG)."""
    if sheet.kind != SheetKind.SELF or not _may_edit(actor, sheet):
        raise ScoringNotAllowed()
    try:
        validate_attachment(upload)
    except ValidationError as error:
        raise ScoringInvalid(error.messages[0], fields={"file": list(error.messages)}) from error
    now = now or timezone.now()
    with transaction.atomic():
        locked_round = round_lock(sheet.scoring_round)
        locked = _lock_sheet(sheet)
        _check_open(locked_round, locked, timezone.localdate(now))
        if criterion.group.criteria_set_id != locked.criteria_set_id:
            message = _("Tiêu chí không thuộc bộ tiêu chí của bảng điểm.")
            raise ScoringInvalid(message, fields={"criterion": [message]})
        name = (upload.name or "minh-chung")[-200:]
        evidence = Evidence(sheet=locked, criterion=criterion, name=name, uploaded_by=actor)
        evidence.file.save(name, upload, save=False)
        evidence.save()
        scoring_event(
            "scoring.evidence_added", actor=actor, target=locked, after={"criterion": criterion.code, "file": name}
        )
    return evidence


def evidence_remove(*, actor: User | None, evidence: Evidence, now: dt.datetime | None = None) -> None:
    sheet = evidence.sheet
    if not _may_edit(actor, sheet):
        raise ScoringNotAllowed()
    now = now or timezone.now()
    with transaction.atomic():
        locked_round = round_lock(sheet.scoring_round)
        locked = _lock_sheet(sheet)
        _check_open(locked_round, locked, timezone.localdate(now))
        scoring_event("scoring.evidence_removed", actor=actor, target=locked, before={"file": evidence.name})
        evidence.delete()
        transaction.on_commit(lambda: evidence.file.delete(save=False))
