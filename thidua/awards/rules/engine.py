"""Evaluation: a rule set's conditions over one prefetched context, or a batch of them. Pure: no queries, no clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from thidua.awards.rules.context import EvaluationContext, RegimeCode
from thidua.awards.rules.registry import RuleSetSpec, condition_get
from thidua.awards.rules.results import Verdict

# R28: the regime is chosen by the reference date (the review year's decision date). Transitional cases are a
# per-case override by the caller (UNVERIFIED in DOMAIN §3.1). The boundaries are the laws' effective dates.
REGIME_B_FROM = dt.date(2024, 1, 1)
REGIME_C_FROM = dt.date(2025, 7, 1)


def regime_for(reference_date: dt.date) -> RegimeCode:
    """R28 — before 01/01/2024: A; from 01/01/2024 to 30/06/2025: B; from 01/07/2025: C."""
    if reference_date < REGIME_B_FROM:
        return RegimeCode.A
    if reference_date < REGIME_C_FROM:
        return RegimeCode.B
    return RegimeCode.C


def evaluate(
    ctx: EvaluationContext, rule_set: RuleSetSpec, overrides: Mapping[str, Mapping[str, Any]] | None = None
) -> Verdict:
    """Run every condition of ``rule_set`` on ``ctx``. ``overrides`` maps a condition code to parameters set by the
    province (configurable rules), which win over the rule set's own parameters."""
    overrides = overrides or {}
    lines = tuple(
        condition_get(spec.code).evaluate(ctx, {**(spec.params or {}), **overrides.get(spec.code, {})}, spec.citation)
        for spec in rule_set.conditions
    )
    return Verdict.of(
        title_code=rule_set.title_code, year=ctx.year, regime=str(ctx.regime), rule_set=rule_set.key, lines=lines
    )


def evaluate_batch(
    contexts: Iterable[EvaluationContext],
    rule_sets: Sequence[RuleSetSpec],
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Verdict]:
    """Evaluate many contexts (e.g. a province's people for one title and year) against the rule set of each
    context's title and regime."""
    by_key = {(r.title_code, r.regime, r.subject): r for r in rule_sets}

    def rule_set_of(ctx: EvaluationContext) -> RuleSetSpec:
        # A form given to both kinds of subject (BK_TINH) has one rule set per subject kind.
        specific = by_key.get((ctx.title_code, str(ctx.regime), ctx.subject.kind))
        return specific or by_key[(ctx.title_code, str(ctx.regime), "")]

    return [evaluate(ctx, rule_set_of(ctx), overrides) for ctx in contexts]
