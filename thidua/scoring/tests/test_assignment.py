"""Tests of ``thidua.scoring.assignment.cross_assignments``: balanced cross-scoring, never of oneself. Pure."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.scoring.assignment import cross_assignments
from thidua.scoring.choices import AssignmentMethod

METHODS = [AssignmentMethod.ROUND_ROBIN, AssignmentMethod.RANDOM]


def assert_balanced(unit_ids: Sequence[int], pairs: list[tuple[int, int]], per_unit: int) -> None:
    units = set(unit_ids)
    assert all(scorer != scored for scorer, scored in pairs), "a unit scores itself"
    assert len(set(pairs)) == len(pairs), "duplicate pair"
    assert {u for pair in pairs for u in pair} <= units
    scores = Counter(scorer for scorer, _ in pairs)
    scored = Counter(target for _, target in pairs)
    assert scores == dict.fromkeys(units, per_unit), "each unit scores exactly per_unit others"
    assert scored == dict.fromkeys(units, per_unit), "each unit is scored exactly per_unit times"
    for unit in units:
        assert len({target for scorer, target in pairs if scorer == unit}) == per_unit  # distinct others
    assert len(pairs) == len(units) * per_unit


@pytest.mark.parametrize("method", METHODS, ids=str)
@pytest.mark.parametrize("n", range(2, 41), ids=lambda n: f"n{n}")
def test_balanced_for_every_size(method: str, n: int) -> None:
    # Ids that are neither contiguous nor sorted, to show that only the set of ids matters.
    unit_ids = [7 * i + 100 for i in range(n)]
    random.Random(n).shuffle(unit_ids)
    for per_unit in range(1, min(5, n - 1) + 1):
        pairs = cross_assignments(unit_ids, per_unit=per_unit, method=method, seed=n)
        assert_balanced(unit_ids, pairs, per_unit)


def test_round_robin_scores_the_next_units_in_the_circle() -> None:
    assert cross_assignments([3, 1, 2], per_unit=1, method=AssignmentMethod.ROUND_ROBIN) == [(1, 2), (2, 3), (3, 1)]
    assert cross_assignments([1, 2, 3, 4], per_unit=2, method=AssignmentMethod.ROUND_ROBIN) == [
        (1, 2),
        (1, 3),
        (2, 3),
        (2, 4),
        (3, 4),
        (3, 1),
        (4, 1),
        (4, 2),
    ]


def test_every_pair_when_per_unit_is_n_minus_1() -> None:
    units = list(range(1, 7))
    for method in METHODS:
        pairs = cross_assignments(units, per_unit=5, method=method, seed=3)
        assert set(pairs) == {(a, b) for a in units for b in units if a != b}


def test_random_is_reproducible_with_the_same_seed() -> None:
    units = list(range(1, 21))
    first = cross_assignments(units, per_unit=3, method=AssignmentMethod.RANDOM, seed=42)
    again = cross_assignments(list(reversed(units)), per_unit=3, method=AssignmentMethod.RANDOM, seed=42)
    assert first == again


def test_random_differs_between_seeds() -> None:
    units = list(range(1, 11))
    draws = {tuple(cross_assignments(units, per_unit=2, method=AssignmentMethod.RANDOM, seed=s)) for s in range(10)}
    assert len(draws) > 1
    round_robin = tuple(cross_assignments(units, per_unit=2, method=AssignmentMethod.ROUND_ROBIN))
    assert draws != {round_robin}


def test_duplicate_ids_count_once() -> None:
    pairs = cross_assignments([1, 2, 2, 3], per_unit=2, method=AssignmentMethod.ROUND_ROBIN)
    assert_balanced([1, 2, 3], pairs, 2)


@pytest.mark.parametrize("method", METHODS, ids=str)
@pytest.mark.parametrize(
    ("unit_ids", "per_unit"),
    [
        pytest.param([1, 2, 3], 0, id="zero"),
        pytest.param([1, 2, 3], -1, id="negative"),
        pytest.param([1, 2, 3], 3, id="equal-to-n"),
        pytest.param([1, 2, 3], 4, id="more-than-n"),
        pytest.param([1], 1, id="single-unit"),
        pytest.param([], 1, id="no-unit"),
        pytest.param([5, 5], 1, id="one-distinct-unit"),
    ],
)
def test_invalid_per_unit(method: str, unit_ids: list[int], per_unit: int) -> None:
    with pytest.raises(ValueError, match="per_unit"):
        cross_assignments(unit_ids, per_unit=per_unit, method=method)


@pytest.mark.parametrize("method", ["alphabetical", "", "ROUND_ROBIN"])
def test_unknown_method(method: str) -> None:
    with pytest.raises(ValueError, match="Unknown assignment method"):
        cross_assignments([1, 2, 3], per_unit=1, method=method)


@settings(max_examples=150, deadline=None)
@given(
    unit_ids=st.lists(st.integers(-1000, 1000), min_size=2, max_size=40, unique=True),
    method=st.sampled_from(METHODS),
    seed=st.integers(0, 2**32 - 1),
    data=st.data(),
)
def test_property_balanced_and_reproducible(unit_ids: list[int], method: str, seed: int, data: st.DataObject) -> None:
    per_unit = data.draw(st.integers(1, len(unit_ids) - 1), label="per_unit")
    pairs = cross_assignments(unit_ids, per_unit=per_unit, method=method, seed=seed)
    assert_balanced(unit_ids, pairs, per_unit)
    shuffled = data.draw(st.permutations(unit_ids), label="shuffled")
    assert cross_assignments(shuffled, per_unit=per_unit, method=method, seed=seed) == pairs
