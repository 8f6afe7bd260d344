"""Reads of scoring, scoped to what the actor may see (S12). Pages and API operations use only these.

Visibility (issue 5):
- the bloc's secretariat and its province office see everything of the bloc's rounds;
- a unit's officer and head see the unit's own self-assessment, the checking sheets their unit fills, and the
  self-assessment (with evidence) of each unit they are assigned to check once it has been sent;
- from the appeal window on, a unit sees the final scores of its own criteria and the marks behind them, with
  the checkers shown as "Người chấm 1, 2…"; after publication every member unit of the bloc that year sees the
  ranking and its detail, checkers named only when the round reveals scorers.
Every list runs a constant number of queries, whatever the size of the bloc.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.scoping import bloc_scope, unit_scope
from thidua.core.exceptions import NotFound
from thidua.emulation.models import BlocMembership
from thidua.scoring.choices import AssignmentStatus, RoundStatus, SheetKind, SheetStatus
from thidua.scoring.models import (
    Appeal,
    Correction,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    CriterionResult,
    Evidence,
    Score,
    ScoreSheet,
    ScoringAssignment,
    ScoringRound,
    UnitResult,
)
from thidua.scoring.permissions import (
    ScoringPermission,
    can_check_for,
    can_manage_scoring,
    can_view_scores_of,
    is_active_checker_of,
)

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.organizations.models import Unit


# --- rounds and criteria sets ------------------------------------------------------------------------------------


def _viewer_unit_ids(actor: Actor) -> QuerySet[Any]:
    return unit_scope(actor, ScoringPermission.SCORING_VIEW).values("pk")


def scoring_round_list_visible_to(*, actor: Actor, year: int | None = None) -> QuerySet[ScoringRound]:
    """Rounds of blocs the actor manages, and of blocs where a unit the actor reads was a member that year."""
    member_rounds = BlocMembership.objects.filter(unit__in=_viewer_unit_ids(actor)).values("bloc_id", "year")
    condition = Q(bloc__in=bloc_scope(actor, ScoringPermission.SCORING_MANAGE))
    pairs = list(member_rounds)
    for pair in pairs:
        condition |= Q(bloc_id=pair["bloc_id"], year=pair["year"])
    if actor is not None and actor.is_authenticated:
        condition |= Q(assignments__scorer_user_id=actor.pk)
    rounds = ScoringRound.objects.filter(condition).distinct().select_related("bloc", "criteria_set")
    if year is not None:
        rounds = rounds.filter(year=year)
    return rounds.order_by("-year", "bloc__name", "pk")


def _is_member_viewer(actor: Actor, scoring_round: ScoringRound) -> bool:
    members = BlocMembership.objects.filter(bloc_id=scoring_round.bloc_id, year=scoring_round.year).select_related(
        "unit"
    )
    return any(can_view_scores_of(actor, unit=m.unit) for m in members)


def viewer_units(*, actor: Actor, scoring_round: ScoringRound) -> list[Unit]:
    """The member units of the round whose own scores the actor reads (usually the actor's unit)."""
    members = BlocMembership.objects.filter(bloc_id=scoring_round.bloc_id, year=scoring_round.year).select_related(
        "unit"
    )
    return [m.unit for m in members if can_view_scores_of(actor, unit=m.unit)]


def scoring_round_access(*, actor: Actor, round_id: int, manage: bool = False) -> ScoringRound:
    """One round the actor may see (``manage``: may manage); NotFound otherwise."""
    scoring_round = (
        ScoringRound.objects.select_related("bloc__province", "criteria_set", "published_by")
        .filter(pk=round_id)
        .first()
    )
    if scoring_round is None:
        raise NotFound()
    if can_manage_scoring(actor, bloc=scoring_round.bloc):
        return scoring_round
    if manage:
        raise NotFound()
    if _is_member_viewer(actor, scoring_round):
        return scoring_round
    if (
        actor is not None
        and actor.is_authenticated
        and scoring_round.assignments.filter(scorer_user_id=actor.pk, status=AssignmentStatus.ACTIVE).exists()
    ):
        return scoring_round
    raise NotFound()


def criteria_set_list_for(*, actor: Actor, bloc_id: int | None = None) -> QuerySet[CriteriaSet]:
    """Criteria sets of blocs the actor manages."""
    sets = CriteriaSet.objects.filter(bloc__in=bloc_scope(actor, ScoringPermission.SCORING_MANAGE)).select_related(
        "bloc"
    )
    if bloc_id is not None:
        sets = sets.filter(bloc_id=bloc_id)
    return sets.order_by("-year", "bloc__name", "-version")


def criteria_set_access(*, actor: Actor, set_id: int) -> CriteriaSet:
    """A criteria set: managers always; member units of the bloc-year once it is approved (they score against it)."""
    criteria_set = CriteriaSet.objects.select_related("bloc__province", "approved_by").filter(pk=set_id).first()
    if criteria_set is None:
        raise NotFound()
    if can_manage_scoring(actor, bloc=criteria_set.bloc):
        return criteria_set
    if criteria_set.status != "draft":
        members = BlocMembership.objects.filter(bloc_id=criteria_set.bloc_id, year=criteria_set.year).select_related(
            "unit"
        )
        if any(can_view_scores_of(actor, unit=m.unit) for m in members):
            return criteria_set
    raise NotFound()


def criteria_set_groups(*, criteria_set_id: int) -> list[CriterionGroup]:
    """The set's groups with their criteria in order (two queries)."""
    return list(
        CriterionGroup.objects.filter(criteria_set_id=criteria_set_id)
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("position", "id")))
        .order_by("position", "id")
    )


def criteria_list(*, criteria_set_id: int) -> list[Criterion]:
    return list(
        Criterion.objects.filter(group__criteria_set_id=criteria_set_id)
        .select_related("group")
        .order_by("group__position", "group_id", "position", "id")
    )


# --- progress of a round (the secretariat's board) -----------------------------------------------------------------


@dataclass
class UnitProgress:
    unit: Unit
    self_sheet: ScoreSheet | None
    checks: list[ScoreSheet] = field(default_factory=list)

    @property
    def checks_sent(self) -> int:
        return sum(1 for s in self.checks if s.status == SheetStatus.SUBMITTED)

    @property
    def is_checked(self) -> bool:
        return (
            self.self_sheet is not None
            and self.self_sheet.status == SheetStatus.SUBMITTED
            and bool(self.checks)
            and self.checks_sent == len(self.checks)
        )


def round_progress(*, scoring_round: ScoringRound) -> list[UnitProgress]:
    """Per member unit: its self-assessment and its counted checking sheets (two queries). Managers only."""
    members = (
        BlocMembership.objects.filter(bloc_id=scoring_round.bloc_id, year=scoring_round.year)
        .select_related("unit")
        .order_by("unit__name")
    )
    progress = {m.unit_id: UnitProgress(unit=m.unit, self_sheet=None) for m in members}
    sheets = ScoreSheet.objects.filter(scoring_round=scoring_round).select_related(
        "assignment__scorer_unit", "assignment__scorer_user"
    )
    for sheet in sheets:
        row = progress.get(sheet.unit_id)
        if row is None:
            continue
        if sheet.kind == SheetKind.SELF:
            row.self_sheet = sheet
        elif sheet.assignment is not None and sheet.assignment.status == AssignmentStatus.ACTIVE:
            row.checks.append(sheet)
    return list(progress.values())


def assignment_list(*, scoring_round: ScoringRound) -> list[ScoringAssignment]:
    return list(
        ScoringAssignment.objects.filter(scoring_round=scoring_round)
        .select_related("scored_unit", "scorer_unit", "scorer_user", "replaced_by__scorer_unit")
        .order_by("scored_unit__name", "status", "id")
    )


def sheets_to_fill(*, actor: Actor, scoring_round: ScoringRound) -> list[ScoreSheet]:
    """The sheets the actor fills in this round: the own unit's self-assessment and its assigned checks."""
    if actor is None or not actor.is_authenticated:
        return []
    editable_units = unit_scope(actor, ScoringPermission.SHEET_EDIT).values("pk")
    sheets = (
        ScoreSheet.objects.filter(scoring_round=scoring_round)
        .filter(
            Q(kind=SheetKind.SELF, unit__in=editable_units)
            | Q(
                kind=SheetKind.CHECK,
                assignment__status=AssignmentStatus.ACTIVE,
                assignment__scorer_unit__in=editable_units,
            )
            | Q(kind=SheetKind.CHECK, assignment__status=AssignmentStatus.ACTIVE, assignment__scorer_user_id=actor.pk)
        )
        .select_related("unit", "assignment__scorer_unit")
        .order_by("kind", "unit__name")
    )
    return list(sheets)


# --- one sheet ---------------------------------------------------------------------------------------------------


def score_sheet_access(*, actor: Actor, sheet_id: int) -> ScoreSheet:
    """One sheet the actor may read; NotFound otherwise (a unit never reads another unit's draft)."""
    sheet = (
        ScoreSheet.objects.select_related(
            "scoring_round__bloc__province",
            "scoring_round__criteria_set",
            "unit",
            "criteria_set",
            "assignment__scorer_unit",
            "assignment__scorer_user",
            "submitted_by",
        )
        .filter(pk=sheet_id)
        .first()
    )
    if sheet is None:
        raise NotFound()
    scoring_round = sheet.scoring_round
    if can_manage_scoring(actor, bloc=scoring_round.bloc):
        return sheet
    if sheet.kind == SheetKind.SELF:
        if can_view_scores_of(actor, unit=sheet.unit):
            return sheet
        if sheet.status == SheetStatus.SUBMITTED and is_active_checker_of(
            actor, scoring_round=scoring_round, unit_id=sheet.unit_id
        ):
            return sheet
        raise NotFound()
    if sheet.assignment is not None and can_check_for(actor, assignment=sheet.assignment, bloc=scoring_round.bloc):
        return sheet
    raise NotFound()


@dataclass(frozen=True)
class SheetRow:
    criterion: Criterion
    score: Score | None
    evidence: tuple[Evidence, ...]
    self_score: Score | None
    self_evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class SheetGroup:
    group: CriterionGroup
    rows: tuple[SheetRow, ...]


def sheet_rows(*, sheet: ScoreSheet) -> list[SheetGroup]:
    """The sheet's table, by group: each criterion with its points and evidence; for a checking sheet, the unit's
    self-assessed points and evidence beside it (five queries)."""
    groups = criteria_set_groups(criteria_set_id=sheet.criteria_set_id)
    own = {s.criterion_id: s for s in Score.objects.filter(sheet=sheet)}
    own_evidence: dict[int, list[Evidence]] = defaultdict(list)
    self_scores: dict[int, Score] = {}
    self_evidence: dict[int, list[Evidence]] = defaultdict(list)
    if sheet.kind == SheetKind.SELF:
        for item in Evidence.objects.filter(sheet=sheet).order_by("id"):
            own_evidence[item.criterion_id].append(item)
    else:
        self_sheet = ScoreSheet.objects.filter(
            scoring_round_id=sheet.scoring_round_id, unit_id=sheet.unit_id, kind=SheetKind.SELF
        ).first()
        if self_sheet is not None and self_sheet.status == SheetStatus.SUBMITTED:
            self_scores = {s.criterion_id: s for s in Score.objects.filter(sheet=self_sheet)}
            for item in Evidence.objects.filter(sheet=self_sheet).order_by("id"):
                self_evidence[item.criterion_id].append(item)
    return [
        SheetGroup(
            group=group,
            rows=tuple(
                SheetRow(
                    criterion=c,
                    score=own.get(c.pk),
                    evidence=tuple(own_evidence.get(c.pk, ())),
                    self_score=self_scores.get(c.pk),
                    self_evidence=tuple(self_evidence.get(c.pk, ())),
                )
                for c in group.criteria.all()
            ),
        )
        for group in groups
    ]


def evidence_access(*, actor: Actor, evidence_id: int) -> Evidence:
    """An evidence file, readable by whoever may read its sheet."""
    evidence = Evidence.objects.select_related("sheet").filter(pk=evidence_id).first()
    if evidence is None:
        raise NotFound()
    score_sheet_access(actor=actor, sheet_id=evidence.sheet_id)
    return evidence


# --- results, ranking, appeals -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkView:
    label: str
    raw: Decimal
    adjusted: Decimal
    is_counted: bool


@dataclass(frozen=True)
class CriterionLine:
    criterion: Criterion
    result: CriterionResult
    marks: tuple[MarkView, ...]


@dataclass(frozen=True)
class RankingRow:
    result: UnitResult
    lines: tuple[CriterionLine, ...]


@dataclass(frozen=True)
class Ranking:
    scoring_round: ScoringRound
    rows: tuple[RankingRow, ...]
    corrections: tuple[Correction, ...]
    shows_scorers: bool
    criteria: tuple[Criterion, ...] = ()


def can_see_ranking(*, actor: Actor, scoring_round: ScoringRound) -> bool:
    if can_manage_scoring(actor, bloc=scoring_round.bloc):
        return True
    return scoring_round.status == RoundStatus.PUBLISHED and _is_member_viewer(actor, scoring_round)


def _scorer_labels(scoring_round: ScoringRound, *, named: bool) -> dict[str, str]:
    """Labels of the scorer keys of the stored contributions: named, or "Người chấm n" numbered per checked unit in
    an order keyed with the site's secret, so that neither the number nor the order reveals who checked."""
    labels = {"self": str(_("Tự chấm"))}
    assignments = ScoringAssignment.objects.filter(scoring_round=scoring_round).select_related(
        "scorer_unit", "scorer_user"
    )
    by_unit: dict[int, list[ScoringAssignment]] = defaultdict(list)
    for assignment in assignments:
        by_unit[assignment.scored_unit_id].append(assignment)
    for unit_assignments in by_unit.values():
        unit_assignments.sort(key=lambda a: _blind(scoring_round.pk, a.pk))
        for position, assignment in enumerate(unit_assignments, start=1):
            key = f"a{assignment.pk}"
            labels[key] = assignment.scorer_label if named else str(_("Người chấm %(n)s") % {"n": position})
    return labels


def _blind(round_id: int, assignment_id: int) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"scoring:{round_id}:{assignment_id}".encode(), hashlib.sha256
    ).hexdigest()


def _lines(
    scoring_round: ScoringRound,
    unit_ids: list[int] | None,
    labels: dict[str, str],
    criteria_in_order: tuple[Criterion, ...] | None = None,
) -> dict[int, list[CriterionLine]]:
    if criteria_in_order is None:
        criteria_in_order = tuple(criteria_list(criteria_set_id=scoring_round.criteria_set_id))
    criteria = {c.pk: c for c in criteria_in_order}
    order = {pk: i for i, pk in enumerate(criteria)}
    results = CriterionResult.objects.filter(scoring_round=scoring_round)
    if unit_ids is not None:
        results = results.filter(unit_id__in=unit_ids)
    lines: dict[int, list[CriterionLine]] = defaultdict(list)
    for result in sorted(results, key=lambda r: (r.unit_id, order.get(r.criterion_id, 0))):
        criterion = criteria.get(result.criterion_id)
        if criterion is None:
            continue
        marks = tuple(
            MarkView(
                label=labels.get(item["scorer"], "—"),
                raw=Decimal(item["raw"]),
                adjusted=Decimal(item["adjusted"]),
                is_counted=bool(item["counted"]),
            )
            for item in result.contributions
        )
        lines[result.unit_id].append(CriterionLine(criterion=criterion, result=result, marks=marks))
    return lines


def ranking_get(*, actor: Actor, scoring_round: ScoringRound, with_lines: bool = True) -> Ranking:
    """The stored ranking and, ``with_lines``, every number's detail (a constant number of queries whatever the
    bloc's size); NotFound when the actor may not see it yet. Pages load the detail per unit on demand
    (``ranking_row_get``); exports and the API take it whole."""
    if not can_see_ranking(actor=actor, scoring_round=scoring_round):
        raise NotFound()
    named = _shows_scorers(actor, scoring_round)
    criteria = tuple(criteria_list(criteria_set_id=scoring_round.criteria_set_id))
    lines = _lines(scoring_round, None, _scorer_labels(scoring_round, named=named), criteria) if with_lines else {}
    results = (
        UnitResult.objects.filter(scoring_round=scoring_round).select_related("unit").order_by("rank", "unit__name")
    )
    corrections = tuple(
        Correction.objects.filter(scoring_round=scoring_round)
        .select_related("unit", "criterion", "decided_by")
        .order_by("decided_at", "id")
    )
    return Ranking(
        scoring_round=scoring_round,
        rows=tuple(RankingRow(result=r, lines=tuple(lines.get(r.unit_id, ()))) for r in results),
        corrections=corrections,
        shows_scorers=named,
        criteria=criteria,
    )


def ranking_row_get(*, actor: Actor, scoring_round: ScoringRound, unit_id: int) -> RankingRow:
    """One unit's row of the ranking with the detail of every criterion; NotFound when not visible or absent."""
    if not can_see_ranking(actor=actor, scoring_round=scoring_round):
        raise NotFound()
    result = UnitResult.objects.filter(scoring_round=scoring_round, unit_id=unit_id).select_related("unit").first()
    if result is None:
        raise NotFound()
    labels = _scorer_labels(scoring_round, named=_shows_scorers(actor, scoring_round))
    lines = _lines(
        scoring_round, [unit_id], labels, tuple(criteria_list(criteria_set_id=scoring_round.criteria_set_id))
    )
    return RankingRow(result=result, lines=tuple(lines.get(unit_id, ())))


def _shows_scorers(actor: Actor, scoring_round: ScoringRound) -> bool:
    return can_manage_scoring(actor, bloc=scoring_round.bloc) or (
        scoring_round.status == RoundStatus.PUBLISHED and scoring_round.reveals_scorers
    )


@dataclass(frozen=True)
class UnitDetail:
    unit: Unit
    result: UnitResult | None
    lines: tuple[CriterionLine, ...]
    appeals: tuple[Appeal, ...]


def unit_detail_get(*, actor: Actor, scoring_round: ScoringRound, unit: Unit) -> UnitDetail:
    """A unit's own final scores and the (anonymous) marks behind them, from the appeal window on."""
    is_manager = can_manage_scoring(actor, bloc=scoring_round.bloc)
    if not is_manager and not can_view_scores_of(actor, unit=unit):
        raise NotFound()
    if not is_manager and scoring_round.status not in (RoundStatus.APPEAL, RoundStatus.PUBLISHED):
        raise NotFound()
    labels = _scorer_labels(scoring_round, named=_shows_scorers(actor, scoring_round))
    lines = _lines(scoring_round, [unit.pk], labels)
    return UnitDetail(
        unit=unit,
        result=UnitResult.objects.filter(scoring_round=scoring_round, unit=unit).first(),
        lines=tuple(lines.get(unit.pk, ())),
        appeals=tuple(
            Appeal.objects.filter(scoring_round=scoring_round, unit=unit).select_related("criterion", "answered_by")
        ),
    )


def appeal_list(*, actor: Actor, scoring_round: ScoringRound) -> list[Appeal]:
    """Every appeal of the round (managers) or the actor's units' own appeals."""
    appeals = Appeal.objects.filter(scoring_round=scoring_round).select_related(
        "unit", "criterion", "filed_by", "answered_by"
    )
    if not can_manage_scoring(actor, bloc=scoring_round.bloc):
        appeals = appeals.filter(unit__in=_viewer_unit_ids(actor))
    return list(appeals.order_by("status", "filed_at", "id"))


def appeal_access(*, actor: Actor, appeal_id: int) -> Appeal:
    appeal = (
        Appeal.objects.select_related("scoring_round__bloc__province", "unit", "criterion").filter(pk=appeal_id).first()
    )
    if appeal is None:
        raise NotFound()
    if can_manage_scoring(actor, bloc=appeal.scoring_round.bloc) or can_view_scores_of(actor, unit=appeal.unit):
        return appeal
    raise NotFound()
