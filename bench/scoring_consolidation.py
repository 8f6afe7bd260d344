"""Benchmark of the consolidation of a bloc's scores (issue 5), run by `make bench` (never by the unit tests).

Generates one bloc with a fixed random seed: 40 units, 60 criteria (48 scored, 6 bonus, 6 penalty), each unit
checked by 5 other units (balanced cross-assignment) on every criterion, plus every unit's self marks: 12,000
checking marks and 2,400 self marks. Scorers are given a leniency of their own so that normalisation has work to do.
Then times ``consolidate`` with MEAN, MEDIAN and MEAN + normalisation (median of 10 runs after one warm-up) against
the 200 ms target each. Pure computation: no database.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from thidua.scoring.assignment import cross_assignments  # noqa: E402
from thidua.scoring.choices import AssignmentMethod, ConsolidationMethod, CriterionKind  # noqa: E402
from thidua.scoring.consolidation import CriterionRule, Mark, Rules, consolidate  # noqa: E402

TARGET_MS = 200
RUNS = 10
SEED = 20240505
UNITS = 40
SCORED, BONUS, PENALTY = 48, 6, 6
CHECKERS_PER_UNIT = 5


def generate() -> tuple[list[int], list[CriterionRule], list[Mark]]:
    rng = random.Random(SEED)  # noqa: S311 - a reproducible bloc, not a secret
    unit_ids = list(range(1, UNITS + 1))
    kinds = [CriterionKind.SCORED] * SCORED + [CriterionKind.BONUS] * BONUS + [CriterionKind.PENALTY] * PENALTY
    criteria = [
        CriterionRule(
            id=i,
            kind=kind,
            max_points=Decimal(rng.choice([2, 3, 5, 10]) if kind == CriterionKind.SCORED else 5),
        )
        for i, kind in enumerate(kinds, start=1)
    ]
    pairs = cross_assignments(unit_ids, per_unit=CHECKERS_PER_UNIT, method=AssignmentMethod.RANDOM, seed=SEED)
    leniency = {u: rng.uniform(-0.25, 0.25) for u in unit_ids}
    quality = {u: rng.uniform(0.4, 0.9) for u in unit_ids}

    def points(maximum: Decimal, share: float) -> Decimal:
        cents = round(min(max(share, 0.0), 1.0) * float(maximum) * 100)
        return Decimal(cents).scaleb(-2)

    marks: list[Mark] = []
    for criterion in criteria:
        for scorer, scored in pairs:
            share = quality[scored] + leniency[scorer] + rng.gauss(0, 0.05)
            marks.append(Mark(scored, criterion.id, f"u{scorer}", points(criterion.max_points, share)))
        for unit in unit_ids:
            share = quality[unit] + 0.15 + rng.gauss(0, 0.05)  # self-assessment is generous
            marks.append(Mark(unit, criterion.id, f"u{unit}", points(criterion.max_points, share), is_self=True))
    rng.shuffle(marks)
    return unit_ids, criteria, marks


def main() -> int:
    unit_ids, criteria, marks = generate()
    checking = sum(1 for m in marks if not m.is_self)
    print(
        f"Bloc: {len(unit_ids)} units, {len(criteria)} criteria ({SCORED} scored, {BONUS} bonus, {PENALTY} penalty), "
        f"{checking:,} checking marks + {len(marks) - checking:,} self marks (seed {SEED})",
        flush=True,
    )
    cases = {
        "mean": Rules(method=ConsolidationMethod.MEAN),
        "median": Rules(method=ConsolidationMethod.MEDIAN),
        "mean+normalised": Rules(method=ConsolidationMethod.MEAN, is_normalised=True),
    }
    failed = 0
    for name, rules in cases.items():
        timings = []
        for run in range(RUNS + 1):
            begin = time.perf_counter()
            result = consolidate(unit_ids=unit_ids, criteria=criteria, marks=marks, rules=rules)
            elapsed = (time.perf_counter() - begin) * 1000
            if run:  # the first run warms up
                timings.append(elapsed)
        assert len(result.units) == UNITS and result.units[0].rank == 1, result.units[:1]
        assert not any(c.is_missing for u in result.units for c in u.criteria)
        median = statistics.median(timings)
        ok = median <= TARGET_MS
        failed += not ok
        status = "PASS" if ok else "FAIL"
        print(
            f"consolidate {name:16} median {median:7.1f} ms  max {max(timings):7.1f} ms  "
            f"target {TARGET_MS} ms  {status}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
