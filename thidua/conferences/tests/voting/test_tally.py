"""Tests of ``thidua.conferences.voting.tally`` against its contract (voting/README.md). Pure: no database.

Table-driven examples computed by hand, then Hypothesis properties: marks never exceed K × valid ballots, the
result does not depend on ballot order, and a tie at the K-th seat is reported, never decided.
"""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.conferences.choices import CandidateOutcomeStatus, ChoiceValue, MajorityRule, PercentageBase, PollKind
from thidua.conferences.voting.tally import Mark, Runoff, TallyError, TallyInput, TallyResult, TallyRules, tally

CHOSEN, YES, NO, ABSTAIN = ChoiceValue.CHOSEN, ChoiceValue.YES, ChoiceValue.NO, ChoiceValue.ABSTAIN
ELECTED, NOT_ELECTED, TIE = (
    CandidateOutcomeStatus.ELECTED,
    CandidateOutcomeStatus.NOT_ELECTED,
    CandidateOutcomeStatus.TIE,
)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


def chose(*candidate_ids: int) -> tuple[Mark, ...]:
    return tuple(Mark(candidate_id=c, value=CHOSEN) for c in candidate_ids)


def said(**marks: str) -> tuple[Mark, ...]:
    """said(c1="yes", c2="no") → marks on candidates 1 and 2."""
    return tuple(Mark(candidate_id=int(key[1:]), value=value) for key, value in marks.items())


def run(
    ballots: list[tuple[Mark, ...]],
    *,
    candidates: tuple[int, ...] = (1, 2, 3),
    kind: str = PollKind.CHOOSE,
    k: int = 1,
    rule: str = MajorityRule.MORE_THAN_HALF,
    base: str = PercentageBase.ROLL,
    share: str | None = None,
    roll: int = 7,
    present: int = 7,
) -> TallyResult:
    return tally(
        TallyInput(
            candidate_ids=candidates,
            ballots=tuple(ballots),
            roll_size=roll,
            present_count=present,
            rules=TallyRules(
                kind=kind,
                max_choices=k,
                majority_rule=rule,
                percentage_base=base,
                majority_share=Decimal(share) if share is not None else None,
            ),
        )
    )


def statuses(result: TallyResult) -> dict[int, str]:
    return {c.candidate_id: c.status for c in result.candidates}


# --- Examples computed by hand --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "ballots", "options", "expected"),
    [
        pytest.param(
            "demo: 7 units choose 3 for Bằng khen, more than half of the roll (4 of 7)",
            [chose(1, 2, 3)] * 5 + [chose(1, 2, 4)] + [chose(4, 5)],
            {"candidates": (1, 2, 3, 4, 5), "k": 3},
            {1: ELECTED, 2: ELECTED, 3: ELECTED, 4: NOT_ELECTED, 5: NOT_ELECTED},
            id="bang-khen-3-of-7",
        ),
        pytest.param(
            "exactly half of the roll is not more than half",
            [chose(1)] * 3 + [chose(2)] * 3,
            {"roll": 6, "present": 6},
            {1: NOT_ELECTED, 2: NOT_ELECTED, 3: NOT_ELECTED},
            id="half-is-not-more-than-half",
        ),
        pytest.param(
            "base = valid ballots: 4 of 6 valid is more than half, though not of a roll of 10",
            [chose(1)] * 4 + [chose(2)] * 2,
            {"roll": 10, "present": 8, "base": PercentageBase.VALID},
            {1: ELECTED, 2: NOT_ELECTED, 3: NOT_ELECTED},
            id="base-valid",
        ),
        pytest.param(
            "base = present: 4 of 8 present is not more than half",
            [chose(1)] * 4 + [chose(2)] * 2,
            {"roll": 10, "present": 8, "base": PercentageBase.PRESENT},
            {1: NOT_ELECTED, 2: NOT_ELECTED, 3: NOT_ELECTED},
            id="base-present",
        ),
        pytest.param(
            "two thirds: 4 of 6 qualifies (4 × 3 ≥ 2 × 6), 3 of 6 does not",
            [chose(1, 2)] * 3 + [chose(1)] + [(), ()],
            {"roll": 6, "present": 6, "k": 2, "rule": MajorityRule.TWO_THIRDS},
            {1: ELECTED, 2: NOT_ELECTED, 3: NOT_ELECTED},
            id="two-thirds",
        ),
        pytest.param(
            "R12 council 80%: 16 of 20 members (ceil(0.8 × 20) = 16) passes, 15 does not",
            [said(c1=YES, c2=YES)] * 15 + [said(c1=YES, c2=NO)] + [said(c1=NO, c2=ABSTAIN)] * 4,
            {
                "candidates": (1, 2),
                "kind": PollKind.YES_NO_ABSTAIN,
                "k": 2,
                "rule": MajorityRule.PERCENTAGE,
                "share": "0.80",
                "roll": 20,
                "present": 20,
            },
            {1: ELECTED, 2: NOT_ELECTED},
            id="council-80-percent",
        ),
        pytest.param(
            "R12 council 90% of 11 members: ceil(9.9) = 10 needed, 9 fails",
            [said(c1=YES)] * 9 + [said(c1=NO)] * 2,
            {
                "candidates": (1,),
                "kind": PollKind.YES_NO_ABSTAIN,
                "rule": MajorityRule.PERCENTAGE,
                "share": "0.90",
                "roll": 11,
                "present": 11,
            },
            {1: NOT_ELECTED},
            id="council-90-percent",
        ),
        pytest.param(
            "simple majority, yes/no: more yes than no, abstentions aside",
            [said(c1=YES, c2=NO)] * 2 + [said(c1=NO, c2=NO)] + [said(c1=ABSTAIN, c2=YES)] * 2,
            {"candidates": (1, 2), "kind": PollKind.YES_NO_ABSTAIN, "k": 2, "rule": MajorityRule.SIMPLE},
            {1: ELECTED, 2: NOT_ELECTED},
            id="simple-yes-no",
        ),
        pytest.param(
            "simple majority, choose 1: the plurality wins",
            [chose(1)] * 3 + [chose(2)] * 2 + [chose(3)] * 2,
            {"rule": MajorityRule.SIMPLE},
            {1: ELECTED, 2: NOT_ELECTED, 3: NOT_ELECTED},
            id="simple-plurality",
        ),
        pytest.param(
            "a tie inside the K seats elects both",
            [chose(1, 2)] * 5 + [chose(3)] * 2,
            {"k": 2},
            {1: ELECTED, 2: ELECTED, 3: NOT_ELECTED},
            id="tie-within-seats",
        ),
        pytest.param(
            "election of the Khối trưởng: 4 of 7 for unit 2",
            [chose(2)] * 4 + [chose(1)] * 2 + [()],
            {"kind": PollKind.ELECTION},
            {1: NOT_ELECTED, 2: ELECTED, 3: NOT_ELECTED},
            id="leader-election",
        ),
    ],
)
def test_examples(_case: str, ballots: list[tuple[Mark, ...]], options: dict[str, object], expected: dict[int, str]):
    # when
    result = run(ballots, **options)  # type: ignore[arg-type]
    # then
    assert statuses(result) == expected


def test_tie_at_the_boundary_is_reported_for_a_runoff():
    # given 7 ballots for K = 1: units 1 and 2 each 3 votes, under the simple rule
    ballots = [chose(1)] * 3 + [chose(2)] * 3 + [chose(3)]
    # when
    result = run(ballots, rule=MajorityRule.SIMPLE)
    # then
    assert statuses(result) == {1: TIE, 2: TIE, 3: NOT_ELECTED}
    assert result.runoff == Runoff(candidate_ids=(1, 2), seats=1)
    assert result.elected_ids == ()


def test_tie_for_the_last_seat_elects_those_above_it():
    # given K = 2: unit 1 leads, units 2 and 3 tie for the second seat
    ballots = [chose(1, 2)] * 3 + [chose(1, 3)] * 3 + [chose(1)]
    # when
    result = run(ballots, k=2, rule=MajorityRule.SIMPLE)
    # then
    assert statuses(result) == {1: ELECTED, 2: TIE, 3: TIE}
    assert result.runoff == Runoff(candidate_ids=(2, 3), seats=1)


def test_shares_ranks_and_json():
    # given
    result = run([chose(1)] * 2 + [chose(2)], roll=3, present=3)
    # when
    first = result.for_candidate(1)
    # then
    assert (first.votes, first.share, first.share_percent, first.rank) == (2, Fraction(2, 3), "66.67", 1)
    assert result.as_json()["candidates"][0] == {
        "candidate_id": 1,
        "votes": 2,
        "against": 0,
        "abstain": 0,
        "share": "2/3",
        "share_percent": "66.67",
        "rank": 1,
        "qualifies": True,
        "status": ELECTED,
    }
    assert result.for_candidate(3).rank == 3


def test_zero_base_elects_nobody_and_has_no_share():
    # when
    result = run([], roll=0, present=0)
    # then
    assert result.elected_ids == ()
    assert result.for_candidate(1).share is None
    assert result.for_candidate(1).share_percent == ""


@pytest.mark.parametrize(
    ("_case", "ballots", "options"),
    [
        pytest.param("more than K", [chose(1, 2)], {"k": 1}, id="over-k"),
        pytest.param("unknown candidate", [chose(9)], {}, id="unknown"),
        pytest.param("two marks on one candidate", [chose(1, 1)], {"k": 2}, id="duplicate-mark"),
        pytest.param("yes in a choose poll", [said(c1=YES)], {}, id="wrong-value"),
        pytest.param("chosen in a yes/no poll", [chose(1)], {"kind": PollKind.YES_NO_ABSTAIN}, id="wrong-value-yna"),
        pytest.param("K below 1", [], {"k": 0}, id="k-zero"),
        pytest.param("percentage without share", [], {"rule": MajorityRule.PERCENTAGE}, id="no-share"),
        pytest.param("share above 1", [], {"rule": MajorityRule.PERCENTAGE, "share": "1.5"}, id="share-over-one"),
        pytest.param("unknown kind", [], {"kind": "ranked"}, id="unknown-kind"),
        pytest.param("unknown rule", [], {"rule": "unanimity"}, id="unknown-rule"),
        pytest.param("unknown base", [], {"base": "population"}, id="unknown-base"),
        pytest.param("duplicate candidate", [], {"candidates": (1, 1)}, id="duplicate-candidate"),
        pytest.param("negative roll", [], {"roll": -1}, id="negative-roll"),
    ],
)
def test_refuses_inputs_that_break_the_contract(
    _case: str, ballots: list[tuple[Mark, ...]], options: dict[str, object]
):
    with pytest.raises(TallyError):
        run(ballots, **options)  # type: ignore[arg-type]


# --- Properties ------------------------------------------------------------------------------------------------

RULES = st.sampled_from(list(MajorityRule))
BASES = st.sampled_from(list(PercentageBase))


@st.composite
def polls(draw: st.DrawFn) -> TallyInput:
    """Any valid poll: 1–6 candidates, K ≤ candidates, 0–40 valid ballots within K, any rule and base."""
    kind = draw(st.sampled_from(list(PollKind)))
    candidates = tuple(range(1, draw(st.integers(1, 6)) + 1))
    k = draw(st.integers(1, len(candidates)))
    ballots = []
    for _ in range(draw(st.integers(0, 40))):
        marked = draw(st.lists(st.sampled_from(candidates), unique=True, max_size=len(candidates)))
        if kind == PollKind.YES_NO_ABSTAIN:
            values = [draw(st.sampled_from([YES, NO, ABSTAIN])) for _ in marked]
            yes_seen = 0
            marks = []
            for candidate, value in zip(marked, values, strict=True):
                if value == YES:
                    yes_seen += 1
                    if yes_seen > k:
                        value = ABSTAIN
                marks.append(Mark(candidate_id=candidate, value=value))
            ballots.append(tuple(marks))
        else:
            ballots.append(chose(*marked[:k]))
    roll = draw(st.integers(len(ballots), len(ballots) + 20))
    present = draw(st.integers(len(ballots), roll))
    rule = draw(RULES)
    share = draw(st.sampled_from([Decimal("0.5"), Decimal("0.8"), Decimal("0.9"), Decimal("1")]))
    return TallyInput(
        candidate_ids=candidates,
        ballots=tuple(ballots),
        roll_size=roll,
        present_count=present,
        rules=TallyRules(
            kind=kind,
            max_choices=k,
            majority_rule=rule,
            percentage_base=draw(BASES),
            majority_share=share if rule == MajorityRule.PERCENTAGE else None,
        ),
    )


@PROPERTY_SETTINGS
@given(data=polls())
def test_votes_never_exceed_k_times_valid_ballots(data: TallyInput):
    # when
    result = tally(data)
    # then
    assert sum(c.votes for c in result.candidates) <= data.rules.max_choices * result.valid_count
    assert all(c.votes + c.against + c.abstain <= result.valid_count for c in result.candidates)


@PROPERTY_SETTINGS
@given(data=polls(), seed=st.integers(0, 2**32 - 1))
def test_result_does_not_depend_on_ballot_order(data: TallyInput, seed: int):
    # given the same ballots in another order, each with its marks reordered
    shuffled = [tuple(random.Random(seed + i).sample(b, len(b))) for i, b in enumerate(data.ballots)]
    random.Random(seed).shuffle(shuffled)
    # when / then
    assert tally(TallyInput(**{**data.__dict__, "ballots": tuple(shuffled)})) == tally(data)


@PROPERTY_SETTINGS
@given(data=polls())
def test_at_most_k_elected_and_a_boundary_tie_is_never_decided(data: TallyInput):
    # when
    result = tally(data)
    # then
    elected = [c for c in result.candidates if c.status == ELECTED]
    tied = [c for c in result.candidates if c.status == TIE]
    assert len(elected) <= data.rules.max_choices
    assert all(c.qualifies for c in elected + tied)
    if tied:
        assert result.runoff is not None
        assert len({c.votes for c in tied}) == 1
        assert len(elected) + len(tied) > data.rules.max_choices
        assert result.runoff.seats == data.rules.max_choices - len(elected)
        assert all(e.votes > tied[0].votes for e in elected)
    else:
        assert result.runoff is None
    # every qualifying candidate left out has fewer votes than every elected one
    left_out = [c for c in result.candidates if c.qualifies and c.status == NOT_ELECTED]
    assert all(o.votes < e.votes for o in left_out for e in elected)


@PROPERTY_SETTINGS
@given(data=polls())
def test_one_more_ballot_for_a_tied_candidate_breaks_the_tie_in_its_favour(data: TallyInput):
    """A reported tie is a real one: a single extra ballot for one of the tied decides it (K = 1, simple rule)."""
    simple = TallyInput(
        **{
            **data.__dict__,
            "rules": TallyRules(
                kind=PollKind.CHOOSE,
                max_choices=1,
                majority_rule=MajorityRule.SIMPLE,
                percentage_base=PercentageBase.VALID,
            ),
            "ballots": tuple(chose(*[m.candidate_id for m in b if m.value in (CHOSEN, YES)][:1]) for b in data.ballots),
        }
    )
    result = tally(simple)
    if result.runoff is None:
        return
    favourite = result.runoff.candidate_ids[0]
    # when
    again = tally(TallyInput(**{**simple.__dict__, "ballots": (*simple.ballots, chose(favourite))}))
    # then
    assert again.elected_ids == (favourite,)
    assert again.runoff is None
