"""``poll_create`` and ``poll_candidates_set``: the rules are checked field by field, candidates are member units or
people, once each; an empty roll blocks opening; a delegate added after the opening is not on the roll."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua.conferences.choices import ChoiceValue, MajorityRule, PercentageBase, PollKind, PollOffice, VoteBasis
from thidua.conferences.errors import ConferenceInvalid, ConferenceStateError, VoteNotAllowed
from thidua.conferences.models import Poll, PollCandidate
from thidua.conferences.services import (
    BlockerCode,
    CandidateInput,
    ballot_cast,
    conference_end,
    delegate_add,
    delegate_check_in,
    poll_candidates_set,
    poll_create,
    poll_open,
    poll_open_blockers,
)
from thidua.conferences.tests.conftest import ConferenceWorld
from thidua.conferences.tests.factories import conference_build, delegate_build, poll_build
from thidua.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "kwargs", "field"),
    [
        pytest.param("unknown kind", {"kind": "ranked"}, "kind", id="kind"),
        pytest.param("K of zero", {"max_choices": 0}, "max_choices", id="k"),
        pytest.param("unknown rule", {"majority_rule": "unanimity"}, "majority_rule", id="rule"),
        pytest.param(
            "percentage without share", {"majority_rule": MajorityRule.PERCENTAGE}, "majority_share", id="share"
        ),
        pytest.param(
            "share of zero",
            {"majority_rule": MajorityRule.PERCENTAGE, "majority_share": Decimal("0")},
            "majority_share",
            id="share-zero",
        ),
        pytest.param("unknown base", {"percentage_base": "all"}, "percentage_base", id="base"),
        pytest.param("office outside an election", {"office": PollOffice.LEADER}, "office", id="office"),
        pytest.param("empty title", {"title": " "}, "title", id="title"),
    ],
)
def test_invalid_rules_are_refused_per_field(cw: ConferenceWorld, _case: str, kwargs: dict[str, object], field: str):
    # given
    values: dict[str, object] = {"title": "Bình xét Cờ thi đua", **kwargs}
    # when / then
    with pytest.raises(ConferenceInvalid) as refused:
        poll_create(actor=None, conference=cw.conference, **values)  # type: ignore[arg-type]
    assert field in refused.value.fields
    assert Poll.objects.count() == 1


def test_an_election_of_the_leader_at_80_percent_of_present(cw: ConferenceWorld):
    # when
    poll = poll_create(
        actor=None,
        conference=cw.conference,
        title="Bầu Khối trưởng năm sau",
        kind=PollKind.ELECTION,
        office=PollOffice.LEADER,
        majority_rule=MajorityRule.PERCENTAGE,
        majority_share=Decimal("0.800"),
        percentage_base=PercentageBase.PRESENT,
        agenda_item=cw.conference.agenda_items.get(order=3),
    )
    # then
    assert (poll.office, poll.majority_share, poll.is_secret) == (PollOffice.LEADER, Decimal("0.800"), True)


def test_agenda_item_of_another_conference_and_closed_conference_are_refused(cw: ConferenceWorld):
    # given
    other = conference_build(cw.world.bloc)
    # when / then
    with pytest.raises(ConferenceInvalid):
        poll_create(actor=None, conference=cw.conference, title="X", agenda_item=other.agenda_items.first())
    conference_end(actor=None, conference=other)
    with pytest.raises(ConferenceStateError):
        poll_create(actor=None, conference=other, title="X")


@pytest.mark.parametrize(
    ("_case", "candidates_of"),
    [
        pytest.param("neither unit nor person", lambda cw: [CandidateInput(label="Ai")], id="neither"),
        pytest.param(
            "both unit and person",
            lambda cw: [CandidateInput(unit=cw.world.a, person=PersonFactory(unit=cw.world.a))],
            id="both",
        ),
        pytest.param("twice the same unit", lambda cw: [CandidateInput(unit=cw.world.a)] * 2, id="duplicate"),
        pytest.param("a unit outside the bloc", lambda cw: [CandidateInput(unit=cw.world.q1)], id="outside"),
    ],
)
def test_invalid_candidates_are_refused_and_the_list_kept(cw: ConferenceWorld, _case: str, candidates_of):
    # given
    before = list(PollCandidate.objects.filter(poll=cw.poll).values_list("label", flat=True))
    # when / then
    with pytest.raises(ConferenceInvalid):
        poll_candidates_set(actor=None, poll=cw.poll, candidates=candidates_of(cw))
    assert list(PollCandidate.objects.filter(poll=cw.poll).values_list("label", flat=True)) == before


def test_people_may_be_candidates_with_their_name_as_label(cw: ConferenceWorld):
    # given
    person = PersonFactory(full_name="Phạm Hồng Quảng", unit=cw.world.b)
    # when
    created = poll_candidates_set(
        actor=None, poll=cw.poll, candidates=[CandidateInput(person=person), CandidateInput(unit=cw.c, label="Sở CT")]
    )
    # then
    assert [(c.order, c.label) for c in created] == [(1, "Phạm Hồng Quảng"), (2, "Sở CT")]


def test_an_empty_roll_blocks_opening(cw: ConferenceWorld):
    # given one vote per delegate and no delegate
    conference = conference_build(cw.world.bloc, vote_basis=VoteBasis.PER_DELEGATE)
    poll = poll_build(conference, [cw.world.a])
    # when / then
    assert [b.code for b in poll_open_blockers(poll=poll)] == [BlockerCode.ROLL_EMPTY]


def test_a_delegate_added_after_the_opening_is_not_on_the_roll(cw: ConferenceWorld):
    # given one vote per delegate
    conference = conference_build(cw.world.bloc, vote_basis=VoteBasis.PER_DELEGATE)
    delegate_build(conference, cw.world.a, user=cw.world.head_a)
    poll = poll_build(conference, [cw.world.a, cw.world.b])
    poll_open(actor=None, poll=poll)
    late = delegate_add(actor=None, conference=conference, unit=cw.world.b, user=cw.world.head_b)
    delegate_check_in(actor=None, delegate=late)
    # when / then
    with pytest.raises(VoteNotAllowed):
        ballot_cast(
            actor=cw.world.head_b, poll=poll, choices={poll.candidates.get(unit=cw.world.a).pk: ChoiceValue.CHOSEN}
        )
