"""Consolidation of a bloc's scores into final scores, totals and a ranking: a pure function (issue 5).

The contract (also stated in this app's README.md):

- **Input** is everything that decides the result, passed in explicitly: the criteria (kind and maximum), every
  mark (one scorer's points for one unit on one criterion; self-assessment marks flagged ``is_self``), the bloc's
  rules (method, normalisation, tie-breaks) and any overrides (an accepted appeal or a recorded correction).
  Marks are unique per (unit, criterion, scorer) and overrides per (unit, criterion), as the database guarantees.
  Nothing is read from the database or the clock: the same input always gives the same output, whatever order
  the marks come in.
- **Self-assessment never counts.** A unit's own marks are shown beside the final score but excluded from it.
- **Final score per criterion** by the configured method over the counted (checking) marks: ``checker`` — the
  checker's score (with several checkers, e.g. a panel, their mean); ``mean``; ``median`` (the mean of the two
  middle marks when their number is even). A criterion nobody checked scores 0 and is flagged ``is_missing``.
  An override replaces the computed value and is flagged ``is_override``; the computed value stays visible.
- **Normalisation** (optional) applies to scored criteria only, never to bonus or penalty points (they are facts,
  not judgements). Each checking scorer's marks are turned into shares of the maximum, standardised with that
  scorer's own mean and standard deviation (z-scores), and rescaled to the mean and standard deviation of all
  checking marks, then back to points and clamped to [0, maximum]. It is an increasing transformation per scorer,
  so it keeps each scorer's order; a scorer whose marks are all equal says nothing about order, and each of their
  marks becomes the overall mean. Raw marks are always kept beside the adjusted ones.
- **Totals**: scored points + bonus points − penalty points. Every value is rounded half-up to 0.01 point, the
  adjusted marks before they are combined, so that a reader can recompute each final from the marks shown.
- **Ranking**: by total, highest first; ties broken by the configured tie-breaks in order (more bonus, fewer
  penalties, higher scored points); units still equal share a rank (1, 2, 2, 4) and are listed by id.
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from thidua.scoring.choices import ConsolidationMethod, CriterionKind, TieBreak

CENT = Decimal("0.01")
ZERO = Decimal("0")
_CONTEXT = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)


@dataclass(frozen=True)
class CriterionRule:
    id: int
    kind: str
    max_points: Decimal


class Mark(NamedTuple):
    """One scorer's points for one unit on one criterion. ``scorer`` is an opaque, stable key (e.g. "a12").
    A named tuple, not a dataclass: a bloc has tens of thousands of marks, and tuples are much cheaper to build."""

    unit_id: int
    criterion_id: int
    scorer: str
    points: Decimal
    is_self: bool = False


@dataclass(frozen=True)
class Override:
    unit_id: int
    criterion_id: int
    points: Decimal


@dataclass(frozen=True)
class Rules:
    method: str = ConsolidationMethod.MEAN
    is_normalised: bool = False
    tie_breaks: tuple[str, ...] = (TieBreak.BONUS_DESC, TieBreak.PENALTY_ASC)


@dataclass(frozen=True)
class Contribution:
    scorer: str
    raw: Decimal
    adjusted: Decimal
    is_counted: bool


@dataclass(frozen=True)
class CriterionOutcome:
    unit_id: int
    criterion_id: int
    kind: str
    final: Decimal
    computed: Decimal
    self_points: Decimal | None
    is_override: bool
    is_missing: bool
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class UnitOutcome:
    unit_id: int
    rank: int
    scored: Decimal
    bonus: Decimal
    penalty: Decimal
    total: Decimal
    self_total: Decimal
    criteria: tuple[CriterionOutcome, ...]


@dataclass(frozen=True)
class Consolidation:
    units: tuple[UnitOutcome, ...]

    def for_unit(self, unit_id: int) -> UnitOutcome:
        for unit in self.units:
            if unit.unit_id == unit_id:
                return unit
        raise KeyError(unit_id)


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=decimal.ROUND_HALF_UP)


def _mean(values: Sequence[Decimal]) -> Decimal:
    return _CONTEXT.divide(sum(values, ZERO), Decimal(len(values)))


def _median(values: Sequence[Decimal]) -> Decimal:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return _CONTEXT.divide(ordered[middle - 1] + ordered[middle], Decimal(2))


def _std(values: Sequence[Decimal], mean: Decimal) -> Decimal:
    variance = _CONTEXT.divide(sum(((v - mean) ** 2 for v in values), ZERO), Decimal(len(values)))
    return variance.sqrt(_CONTEXT)


def _clamp(value: Decimal, maximum: Decimal) -> Decimal:
    return min(max(value, ZERO), maximum)


def normalised_marks(marks: Sequence[Mark], criteria: dict[int, CriterionRule]) -> dict[Mark, Decimal]:
    """The adjusted points of each checking mark on a scored criterion (see the module's contract)."""
    share: dict[Mark, Decimal] = {}
    for mark in marks:
        maximum = criteria[mark.criterion_id].max_points
        share[mark] = _CONTEXT.divide(mark.points, maximum) if maximum > 0 else ZERO
    if not share:
        return {}
    everything = list(share.values())
    overall_mean = _mean(everything)
    overall_std = _std(everything, overall_mean)
    by_scorer: dict[str, list[Mark]] = defaultdict(list)
    for mark in share:
        by_scorer[mark.scorer].append(mark)
    adjusted: dict[Mark, Decimal] = {}
    for scorer_marks in by_scorer.values():
        values = [share[m] for m in scorer_marks]
        mean = _mean(values)
        # All shares equal: z = 0 exactly. Rounding in the mean can leave a tiny non-zero deviation (e.g. shares of
        # 0.02/3), which would turn every z into ±1 and move the scorer by a whole standard deviation.
        std = _std(values, mean) if len(set(values)) > 1 else ZERO
        for mark in scorer_marks:
            z = _CONTEXT.divide(share[mark] - mean, std) if std > 0 else ZERO
            maximum = criteria[mark.criterion_id].max_points
            adjusted[mark] = _round(_clamp((overall_mean + z * overall_std) * maximum, maximum))
    return adjusted


def _combine(method: str, values: Sequence[Decimal]) -> Decimal:
    if method == ConsolidationMethod.MEDIAN:
        return _median(values)
    return _mean(values)


def _rank_key(unit: UnitOutcome, tie_breaks: Sequence[str]) -> tuple[Decimal, ...]:
    key = [-unit.total]
    for tie_break in tie_breaks:
        if tie_break == TieBreak.BONUS_DESC:
            key.append(-unit.bonus)
        elif tie_break == TieBreak.PENALTY_ASC:
            key.append(unit.penalty)
        elif tie_break == TieBreak.SCORED_DESC:
            key.append(-unit.scored)
        else:
            raise ValueError(f"Unknown tie-break {tie_break!r}")
    return tuple(key)


def consolidate(
    *,
    unit_ids: Iterable[int],
    criteria: Sequence[CriterionRule],
    marks: Iterable[Mark],
    rules: Rules,
    overrides: Iterable[Override] = (),
) -> Consolidation:
    """Final scores, totals and ranks of ``unit_ids`` from the marks (see the module's contract)."""
    by_id = {criterion.id: criterion for criterion in criteria}
    # Sorting makes the result independent of the order the marks arrive in.
    all_marks = sorted(
        (m for m in marks if m.criterion_id in by_id),
        key=lambda m: (m.unit_id, m.criterion_id, m.is_self, m.scorer, m.points),
    )
    counted = [m for m in all_marks if not m.is_self]
    adjusted: dict[Mark, Decimal] = {}
    if rules.is_normalised:
        scored = [m for m in counted if by_id[m.criterion_id].kind == CriterionKind.SCORED]
        adjusted = normalised_marks(scored, by_id)
    cells: dict[tuple[int, int], list[Mark]] = defaultdict(list)
    for mark in all_marks:
        cells[(mark.unit_id, mark.criterion_id)].append(mark)
    override_points = {(o.unit_id, o.criterion_id): o.points for o in overrides}

    outcomes: list[UnitOutcome] = []
    for unit_id in sorted(set(unit_ids)):
        sums: dict[str, Decimal] = {CriterionKind.SCORED: ZERO, CriterionKind.BONUS: ZERO, CriterionKind.PENALTY: ZERO}
        self_sums = dict(sums)
        criterion_outcomes = []
        for criterion in criteria:
            cell = cells.get((unit_id, criterion.id), [])
            contributions = tuple(
                Contribution(
                    scorer=m.scorer,
                    raw=m.points,
                    adjusted=adjusted.get(m, m.points),
                    is_counted=not m.is_self,
                )
                for m in cell
            )
            checking = [c.adjusted for c in contributions if c.is_counted]
            own = [m.points for m in cell if m.is_self]
            self_points = _round(_mean(own)) if own else None
            computed = _round(_combine(rules.method, checking)) if checking else ZERO
            override = override_points.get((unit_id, criterion.id))
            final = _round(override) if override is not None else computed
            sums[criterion.kind] += final
            if self_points is not None:
                self_sums[criterion.kind] += self_points
            criterion_outcomes.append(
                CriterionOutcome(
                    unit_id=unit_id,
                    criterion_id=criterion.id,
                    kind=criterion.kind,
                    final=final,
                    computed=computed,
                    self_points=self_points,
                    is_override=override is not None,
                    is_missing=not checking and override is None,
                    contributions=contributions,
                )
            )
        outcomes.append(
            UnitOutcome(
                unit_id=unit_id,
                rank=0,
                scored=sums[CriterionKind.SCORED],
                bonus=sums[CriterionKind.BONUS],
                penalty=sums[CriterionKind.PENALTY],
                total=sums[CriterionKind.SCORED] + sums[CriterionKind.BONUS] - sums[CriterionKind.PENALTY],
                self_total=self_sums[CriterionKind.SCORED]
                + self_sums[CriterionKind.BONUS]
                - self_sums[CriterionKind.PENALTY],
                criteria=tuple(criterion_outcomes),
            )
        )

    outcomes.sort(key=lambda u: (_rank_key(u, rules.tie_breaks), u.unit_id))
    ranked: list[UnitOutcome] = []
    previous_key: tuple[Decimal, ...] | None = None
    rank = 0
    for position, unit in enumerate(outcomes, start=1):
        key = _rank_key(unit, rules.tie_breaks)
        if key != previous_key:
            rank, previous_key = position, key
        ranked.append(replace(unit, rank=rank))
    return Consolidation(units=tuple(ranked))
