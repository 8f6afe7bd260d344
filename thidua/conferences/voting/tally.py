"""The tally of a poll: a pure function from immutable inputs to per-candidate results (contract: README.md).

No database, no clock, no randomness: the services read the valid ballots' marks and the poll's rules, call
:func:`tally`, and store what it returns when the result is published.

Counting, per candidate: ``votes`` is the number of valid ballots that chose it (``chosen``) or said ``yes``;
``against`` and ``abstain`` count ``no`` and ``abstain`` (yes/no/abstain polls only). The majority rule decides who
*qualifies*; at most K qualifying candidates are elected, by votes. When candidates with equal votes straddle the
K-th seat, none of them is elected: they are reported as a tie with the seats left, for a run-off poll.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from thidua.conferences.choices import CandidateOutcomeStatus, ChoiceValue, MajorityRule, PercentageBase, PollKind

_CHOOSE_KINDS = frozenset({PollKind.CHOOSE, PollKind.ELECTION})
_FOR = frozenset({ChoiceValue.CHOSEN, ChoiceValue.YES})


class TallyError(ValueError):
    """The inputs break the contract (a mark on an unknown candidate, more than K marks…): a bug upstream, since
    the services validate every ballot before it is stored. The tally never silently drops a mark."""


@dataclass(frozen=True)
class Mark:
    candidate_id: int
    value: str


@dataclass(frozen=True)
class TallyRules:
    kind: str
    max_choices: int
    majority_rule: str
    percentage_base: str
    # Required for ``MajorityRule.PERCENTAGE``: e.g. Decimal("0.80") for the council's 80% (DOMAIN R12).
    majority_share: Decimal | None = None


@dataclass(frozen=True)
class TallyInput:
    """``ballots`` are the valid ballots only, each a tuple of marks; a blank valid ballot is an empty tuple."""

    candidate_ids: tuple[int, ...]
    ballots: tuple[tuple[Mark, ...], ...]
    roll_size: int
    present_count: int
    rules: TallyRules

    @property
    def valid_count(self) -> int:
        return len(self.ballots)


@dataclass(frozen=True)
class CandidateTally:
    candidate_id: int
    votes: int
    against: int
    abstain: int
    # votes / base, exact; None when the base is zero.
    share: Fraction | None
    rank: int
    qualifies: bool
    status: str

    @property
    def share_percent(self) -> str:
        """The share as a percentage rounded half-up to two decimals, as printed in the count record."""
        if self.share is None:
            return ""
        value = Decimal(self.share.numerator * 100) / Decimal(self.share.denominator)
        return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Runoff:
    """Candidates tied at the boundary, and how many seats are left for them."""

    candidate_ids: tuple[int, ...]
    seats: int


@dataclass(frozen=True)
class TallyResult:
    valid_count: int
    base_count: int
    candidates: tuple[CandidateTally, ...] = field(default_factory=tuple)
    runoff: Runoff | None = None

    @property
    def elected_ids(self) -> tuple[int, ...]:
        return tuple(c.candidate_id for c in self.candidates if c.status == CandidateOutcomeStatus.ELECTED)

    def for_candidate(self, candidate_id: int) -> CandidateTally:
        return next(c for c in self.candidates if c.candidate_id == candidate_id)

    def as_json(self) -> dict[str, Any]:
        """The stored (published) form: plain JSON, shares as exact fractions and rounded percentages."""
        return {
            "valid_count": self.valid_count,
            "base_count": self.base_count,
            "candidates": [
                {
                    "candidate_id": c.candidate_id,
                    "votes": c.votes,
                    "against": c.against,
                    "abstain": c.abstain,
                    "share": "" if c.share is None else f"{c.share.numerator}/{c.share.denominator}",
                    "share_percent": c.share_percent,
                    "rank": c.rank,
                    "qualifies": c.qualifies,
                    "status": c.status,
                }
                for c in self.candidates
            ],
            "runoff": None
            if self.runoff is None
            else {"candidate_ids": list(self.runoff.candidate_ids), "seats": self.runoff.seats},
        }


def _check_rules(rules: TallyRules) -> None:
    if rules.kind not in PollKind.values:
        raise TallyError(f"Unknown poll kind {rules.kind!r}")
    if rules.max_choices < 1:
        raise TallyError("K must be at least 1")
    if rules.majority_rule not in MajorityRule.values:
        raise TallyError(f"Unknown majority rule {rules.majority_rule!r}")
    if rules.percentage_base not in PercentageBase.values:
        raise TallyError(f"Unknown percentage base {rules.percentage_base!r}")
    if rules.majority_rule == MajorityRule.PERCENTAGE and (
        rules.majority_share is None or not 0 < rules.majority_share <= 1
    ):
        raise TallyError("A percentage rule needs a share in (0, 1]")


def _check_ballot(ballot: Sequence[Mark], candidates: frozenset[int], rules: TallyRules) -> None:
    allowed = (
        {ChoiceValue.CHOSEN} if rules.kind in _CHOOSE_KINDS else {ChoiceValue.YES, ChoiceValue.NO, ChoiceValue.ABSTAIN}
    )
    seen: set[int] = set()
    for mark in ballot:
        if mark.candidate_id not in candidates:
            raise TallyError(f"Mark on unknown candidate {mark.candidate_id}")
        if mark.candidate_id in seen:
            raise TallyError(f"Two marks on candidate {mark.candidate_id} in one ballot")
        if mark.value not in allowed:
            raise TallyError(f"Mark {mark.value!r} not allowed in a {rules.kind} poll")
        seen.add(mark.candidate_id)
    if sum(1 for m in ballot if m.value in _FOR) > rules.max_choices:
        raise TallyError("A ballot marks more than K candidates")


def _base_count(data: TallyInput) -> int:
    return {
        PercentageBase.ROLL: data.roll_size,
        PercentageBase.PRESENT: data.present_count,
        PercentageBase.VALID: data.valid_count,
    }[PercentageBase(data.rules.percentage_base)]


def _qualifies(votes: int, against: int, base: int, rules: TallyRules) -> bool:
    rule = rules.majority_rule
    if rule == MajorityRule.SIMPLE:
        return votes > against if rules.kind == PollKind.YES_NO_ABSTAIN else votes > 0
    if base <= 0:
        return False
    if rule == MajorityRule.MORE_THAN_HALF:
        return 2 * votes > base
    if rule == MajorityRule.TWO_THIRDS:
        return 3 * votes >= 2 * base
    # PERCENTAGE (DOMAIN R12: yes ≥ ceil(p × n) ⇔ yes ≥ p × n for an integer yes).
    share = Fraction(rules.majority_share)  # type: ignore[arg-type]
    return votes >= share * base


def _ranks(votes: Iterable[int]) -> dict[int, int]:
    """Competition ranking of vote counts: 10, 8, 8, 5 → 1, 2, 2, 4."""
    ordered = sorted(votes, reverse=True)
    ranks: dict[int, int] = {}
    for position, value in enumerate(ordered, start=1):
        ranks.setdefault(value, position)
    return ranks


def tally(data: TallyInput) -> TallyResult:
    """Count ``data`` and decide who is elected, under the contract in the module docstring."""
    rules = data.rules
    _check_rules(rules)
    if len(set(data.candidate_ids)) != len(data.candidate_ids):
        raise TallyError("Duplicate candidate")
    if data.roll_size < 0 or data.present_count < 0:
        raise TallyError("Counts cannot be negative")
    candidates = frozenset(data.candidate_ids)
    votes = dict.fromkeys(data.candidate_ids, 0)
    against = dict.fromkeys(data.candidate_ids, 0)
    abstain = dict.fromkeys(data.candidate_ids, 0)
    for ballot in data.ballots:
        _check_ballot(ballot, candidates, rules)
        for mark in ballot:
            if mark.value in _FOR:
                votes[mark.candidate_id] += 1
            elif mark.value == ChoiceValue.NO:
                against[mark.candidate_id] += 1
            else:
                abstain[mark.candidate_id] += 1

    base = _base_count(data)
    qualifying = {c for c in data.candidate_ids if _qualifies(votes[c], against[c], base, rules)}
    elected, tied, seats_left = _seat(qualifying, votes, rules.max_choices)
    ranks = _ranks(votes.values())

    outcomes = []
    for c in data.candidate_ids:
        if c in elected:
            status = CandidateOutcomeStatus.ELECTED
        elif c in tied:
            status = CandidateOutcomeStatus.TIE
        else:
            status = CandidateOutcomeStatus.NOT_ELECTED
        outcomes.append(
            CandidateTally(
                candidate_id=c,
                votes=votes[c],
                against=against[c],
                abstain=abstain[c],
                share=Fraction(votes[c], base) if base > 0 else None,
                rank=ranks[votes[c]],
                qualifies=c in qualifying,
                status=str(status),
            )
        )
    runoff = Runoff(candidate_ids=tuple(c for c in data.candidate_ids if c in tied), seats=seats_left) if tied else None
    return TallyResult(valid_count=data.valid_count, base_count=base, candidates=tuple(outcomes), runoff=runoff)


def _seat(qualifying: set[int], votes: dict[int, int], seats: int) -> tuple[set[int], set[int], int]:
    """(elected, tied at the boundary, seats left for the tied). Ties inside the K seats elect everyone tied."""
    if len(qualifying) <= seats:
        return set(qualifying), set(), 0
    ordered = sorted(qualifying, key=lambda c: votes[c], reverse=True)
    boundary = votes[ordered[seats - 1]]
    above = {c for c in qualifying if votes[c] > boundary}
    at = {c for c in qualifying if votes[c] == boundary}
    if len(above) + len(at) <= seats:
        return above | at, set(), 0
    return above, at, seats - len(above)
