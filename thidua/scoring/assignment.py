"""Balanced automatic assignment of cross-scorers (chấm chéo): a pure function (issue 5).

Every unit scores ``per_unit`` other units and is scored by ``per_unit`` other units, and no unit ever scores
itself. ``round_robin`` lists the units by id and lets each score the next ``per_unit`` units in the circle;
``random`` does the same over a shuffled circle (seeded, so the draw can be reproduced and audited).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from thidua.scoring.choices import AssignmentMethod


def cross_assignments(unit_ids: Sequence[int], *, per_unit: int, method: str, seed: int = 0) -> list[tuple[int, int]]:
    """Pairs ``(scorer_unit_id, scored_unit_id)``. Raises ValueError when ``per_unit`` is not in 1..len-1."""
    circle = sorted(set(unit_ids))
    if not 1 <= per_unit < len(circle):
        raise ValueError("per_unit must be at least 1 and less than the number of units")
    if method == AssignmentMethod.RANDOM:
        random.Random(seed).shuffle(circle)  # noqa: S311 - a reproducible draw, not a secret
    elif method != AssignmentMethod.ROUND_ROBIN:
        raise ValueError(f"Unknown assignment method {method!r}")
    size = len(circle)
    return [(circle[i], circle[(i + step) % size]) for i in range(size) for step in range(1, per_unit + 1)]
