"""The scoring round of a bloc's year: its rules, opening, and switching to a new version of the criteria set.

preparing → (open) scoring → (consolidate) consolidated → (open appeals) appeal → (publish) published. The rules
(who checks, the method, normalisation, tie-breaks) are fixed once the round opens; deadlines may still move until
the round is consolidated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.emulation.models import BlocMembership
from thidua.emulation.services._common import check_year
from thidua.scoring.audit import scoring_event
from thidua.scoring.choices import (
    AssignmentStatus,
    CheckingMode,
    ConsolidationMethod,
    CriteriaSetStatus,
    RoundStatus,
    ScorerKind,
    SheetKind,
    SheetStatus,
    TieBreak,
)
from thidua.scoring.errors import ScoringInvalid, ScoringStateError
from thidua.scoring.models import CriteriaSet, Criterion, Score, ScoreSheet, ScoringAssignment, ScoringRound, SheetEvent
from thidua.scoring.services._common import check_manage, require_status, round_lock

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.emulation.models import Bloc


@dataclass(frozen=True)
class RoundRules:
    checking_mode: str = CheckingMode.CROSS
    method: str = ConsolidationMethod.MEAN
    is_normalised: bool = False
    tie_breaks: Sequence[str] = (TieBreak.BONUS_DESC, TieBreak.PENALTY_ASC)
    scorers_per_unit: int = 2
    reveals_scorers: bool = False
    self_assessment_due_on: dt.date | None = None
    checking_due_on: dt.date | None = None


def _check_rules(rules: RoundRules) -> None:
    errors: dict[str, list[str]] = {}
    if rules.checking_mode not in CheckingMode.values:
        errors["checking_mode"] = [_("Hình thức kiểm tra không hợp lệ.")]
    if rules.method not in ConsolidationMethod.values:
        errors["method"] = [_("Cách tính điểm không hợp lệ.")]
    if any(t not in TieBreak.values for t in rules.tie_breaks) or len(set(rules.tie_breaks)) != len(rules.tie_breaks):
        errors["tie_breaks"] = [_("Tiêu chí phân định khi bằng điểm không hợp lệ hoặc bị lặp.")]
    if not 1 <= rules.scorers_per_unit <= 20:
        errors["scorers_per_unit"] = [_("Số đơn vị chấm chéo mỗi đơn vị phải từ 1 đến 20.")]
    if rules.self_assessment_due_on and rules.checking_due_on and rules.checking_due_on < rules.self_assessment_due_on:
        errors["checking_due_on"] = [_("Hạn chấm kiểm tra không được trước hạn tự chấm.")]
    if errors:
        raise ScoringInvalid(fields=errors)


def _apply(scoring_round: ScoringRound, rules: RoundRules) -> None:
    scoring_round.checking_mode = rules.checking_mode
    scoring_round.method = rules.method
    scoring_round.is_normalised = rules.is_normalised
    scoring_round.tie_breaks = [str(t) for t in rules.tie_breaks]
    scoring_round.scorers_per_unit = rules.scorers_per_unit
    scoring_round.reveals_scorers = rules.reveals_scorers
    scoring_round.self_assessment_due_on = rules.self_assessment_due_on
    scoring_round.checking_due_on = rules.checking_due_on


def _rules_summary(scoring_round: ScoringRound) -> dict[str, object]:
    return {
        "checking_mode": scoring_round.checking_mode,
        "method": scoring_round.method,
        "is_normalised": scoring_round.is_normalised,
        "tie_breaks": list(scoring_round.tie_breaks),
        "scorers_per_unit": scoring_round.scorers_per_unit,
        "reveals_scorers": scoring_round.reveals_scorers,
        "self_assessment_due_on": str(scoring_round.self_assessment_due_on or ""),
        "checking_due_on": str(scoring_round.checking_due_on or ""),
    }


def scoring_round_create(
    *, actor: User | None, bloc: Bloc, year: int, criteria_set: CriteriaSet, rules: RoundRules
) -> ScoringRound:
    """The bloc-year's round, in preparation, with its rules and the criteria set it will use."""
    check_manage(actor, bloc)
    check_year(year)
    _check_rules(rules)
    if criteria_set.bloc_id != bloc.pk or criteria_set.year != year:
        message = _("Bộ tiêu chí phải là của khối và năm này.")
        raise ScoringInvalid(message, fields={"criteria_set": [message]})
    with transaction.atomic():
        if ScoringRound.objects.select_for_update().filter(bloc=bloc, year=year).exists():
            raise ScoringStateError(_("Khối đã có đợt chấm điểm cho năm %(year)s.") % {"year": year})
        scoring_round = ScoringRound(bloc=bloc, year=year, criteria_set=criteria_set)
        _apply(scoring_round, rules)
        scoring_round.save()
        scoring_event("scoring.round_created", actor=actor, target=scoring_round, after=_rules_summary(scoring_round))
    return scoring_round


def scoring_round_update(*, actor: User | None, scoring_round: ScoringRound, rules: RoundRules) -> ScoringRound:
    """Change the rules (only while preparing) or the deadlines (until the round is consolidated)."""
    check_manage(actor, scoring_round.bloc)
    _check_rules(rules)
    with transaction.atomic():
        locked = round_lock(scoring_round)
        before = _rules_summary(locked)
        if locked.status == RoundStatus.PREPARING:
            _apply(locked, rules)
        else:
            require_status(locked, RoundStatus.SCORING)
            fixed = {k: v for k, v in before.items() if not k.endswith("_due_on")}
            _apply(locked, rules)
            if {k: v for k, v in _rules_summary(locked).items() if not k.endswith("_due_on")} != fixed:
                raise ScoringStateError(_("Đã mở chấm điểm: chỉ còn đổi được các thời hạn, không đổi quy định chấm."))
        locked.save()
        scoring_event("scoring.round_updated", actor=actor, target=locked, before=before, after=_rules_summary(locked))
    return locked


def _member_unit_ids(scoring_round: ScoringRound) -> list[int]:
    return list(
        BlocMembership.objects.filter(bloc_id=scoring_round.bloc_id, year=scoring_round.year)
        .order_by("unit_id")
        .values_list("unit_id", flat=True)
    )


def sheets_for_assignments_create(scoring_round: ScoringRound, assignments: Sequence[ScoringAssignment]) -> None:
    """A checking sheet for each new active assignment (the round is open). Caller holds the round lock."""
    ScoreSheet.objects.bulk_create(
        [
            ScoreSheet(
                scoring_round=scoring_round,
                unit_id=a.scored_unit_id,
                kind=SheetKind.CHECK,
                assignment=a,
                criteria_set=scoring_round.criteria_set,
            )
            for a in assignments
        ]
    )


def scoring_round_open(
    *, actor: User | None, scoring_round: ScoringRound, now: dt.datetime | None = None
) -> ScoringRound:
    """Open scoring: lock the approved criteria set and create each member unit's self-assessment sheet and every
    checking sheet. Refused when the set is not approved or a unit has nobody assigned to check it."""
    check_manage(actor, scoring_round.bloc)
    now = now or timezone.now()
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.PREPARING)
        criteria_set = CriteriaSet.objects.select_for_update().get(pk=locked.criteria_set_id)
        if criteria_set.status == CriteriaSetStatus.DRAFT:
            raise ScoringStateError(_("Bộ tiêu chí chưa được khối thông qua."))
        unit_ids = _member_unit_ids(locked)
        if len(unit_ids) < 2:
            raise ScoringStateError(_("Khối cần ít nhất hai đơn vị thành viên trong năm để chấm điểm."))
        if locked.checking_mode == CheckingMode.SECRETARIAT:
            ScoringAssignment.objects.filter(scoring_round=locked).delete()
            ScoringAssignment.objects.bulk_create(
                [
                    ScoringAssignment(scoring_round=locked, scored_unit_id=u, scorer_kind=ScorerKind.SECRETARIAT)
                    for u in unit_ids
                ]
            )
        assignments = list(ScoringAssignment.objects.filter(scoring_round=locked, status=AssignmentStatus.ACTIVE))
        checked = {a.scored_unit_id for a in assignments}
        unchecked = [u for u in unit_ids if u not in checked]
        if unchecked:
            raise ScoringStateError(
                _("Còn %(count)s đơn vị chưa được phân công người chấm kiểm tra.") % {"count": len(unchecked)}
            )
        criteria_set.status = CriteriaSetStatus.LOCKED
        criteria_set.save(update_fields=["status", "updated_at"])
        ScoreSheet.objects.bulk_create(
            [
                ScoreSheet(scoring_round=locked, unit_id=u, kind=SheetKind.SELF, criteria_set=criteria_set)
                for u in unit_ids
            ]
        )
        sheets_for_assignments_create(locked, assignments)
        locked.status = RoundStatus.SCORING
        locked.opened_at = now
        locked.save(update_fields=["status", "opened_at", "updated_at"])
        scoring_event(
            "scoring.round_opened",
            actor=actor,
            target=locked,
            before={"status": RoundStatus.PREPARING},
            after={"status": locked.status, "units": len(unit_ids), "checkers": len(assignments)},
        )
    return locked


def scoring_round_switch_set(
    *, actor: User | None, scoring_round: ScoringRound, criteria_set: CriteriaSet, now: dt.datetime | None = None
) -> ScoringRound:
    """Move an open round to a newer approved version of its criteria set.

    Every sheet moves to the new version: points of criteria kept under the same code are carried over, the others
    are dropped, and sheets already sent go back to their authors (returned, with the version's reason) to review.
    """
    check_manage(actor, scoring_round.bloc)
    now = now or timezone.now()
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.SCORING)
        new_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
        old_set = locked.criteria_set
        if (
            new_set.bloc_id != locked.bloc_id
            or new_set.year != locked.year
            or new_set.version <= old_set.version
            or new_set.status != CriteriaSetStatus.APPROVED
        ):
            raise ScoringStateError(_("Chỉ áp dụng được một phiên bản mới hơn, đã thông qua, của bộ tiêu chí năm này."))
        reason = _("Áp dụng bộ tiêu chí phiên bản %(version)s: %(reason)s") % {
            "version": new_set.version,
            "reason": new_set.change_reason,
        }
        new_by_code = {c.code: c for c in Criterion.objects.filter(group__criteria_set=new_set)}
        sheets = list(ScoreSheet.objects.select_for_update().filter(scoring_round=locked))
        scores = list(Score.objects.filter(sheet__in=sheets).select_related("criterion"))
        kept = []
        for score in scores:
            target = new_by_code.get(score.criterion.code)
            if target is not None:
                kept.append(
                    Score(
                        sheet_id=score.sheet_id,
                        criterion=target,
                        points=min(score.points, target.max_points),
                        comment=score.comment,
                    )
                )
        Score.objects.filter(sheet__in=sheets).delete()
        Score.objects.bulk_create(kept)
        for sheet in sheets:
            sheet.criteria_set = new_set
            sheet.version += 1
            if sheet.status == SheetStatus.SUBMITTED:
                sheet.status = SheetStatus.RETURNED
                sheet.return_reason = reason
                SheetEvent.objects.create(sheet=sheet, action="returned", actor=actor, reason=reason, at=now)
        ScoreSheet.objects.bulk_update(sheets, ["criteria_set", "version", "status", "return_reason"])
        new_set.status = CriteriaSetStatus.LOCKED
        new_set.save(update_fields=["status", "updated_at"])
        locked.criteria_set = new_set
        locked.save(update_fields=["criteria_set", "updated_at"])
        scoring_event(
            "scoring.round_set_switched",
            actor=actor,
            target=locked,
            before={"version": old_set.version},
            after={"version": new_set.version, "reason": new_set.change_reason, "scores_kept": len(kept)},
        )
    return locked
