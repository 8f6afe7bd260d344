"""``ballot_cast``: who may vote, once, within K, not for oneself unless allowed, only while the poll is open."""

from __future__ import annotations

import pytest

from thidua.accounts.tests.factories import UserFactory
from thidua.conferences.choices import BallotChannel, ChoiceValue, PollKind, PollStatus, VoteBasis
from thidua.conferences.errors import AlreadyVoted, BallotInvalid, PollStateError, VoteNotAllowed
from thidua.conferences.models import Ballot, BallotChoice, NamedVote, PollParticipation
from thidua.conferences.services import (
    ballot_cast,
    delegate_check_in,
    delegate_substitute,
    poll_close,
    poll_open,
    receipt_check,
)
from thidua.conferences.tests.conftest import ConferenceWorld
from thidua.conferences.tests.factories import conference_build, delegate_build, poll_build
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db
CHOSEN = ChoiceValue.CHOSEN


def nothing_written(cw: ConferenceWorld) -> bool:
    return not Ballot.objects.filter(poll=cw.poll).exists() and not PollParticipation.objects.exists()


def test_writes_participation_and_an_anonymous_ballot_and_returns_a_receipt(cw: ConferenceWorld):
    # given
    poll_open(actor=None, poll=cw.poll)
    b = cw.candidate(cw.world.b)
    # when
    receipt = ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={b.pk: CHOSEN})
    # then
    ballot = Ballot.objects.get(poll=cw.poll)
    assert (ballot.channel, ballot.is_valid) == (BallotChannel.ONLINE, True)
    assert list(BallotChoice.objects.filter(ballot=ballot).values_list("candidate_id", "value")) == [(b.pk, CHOSEN)]
    participation = PollParticipation.objects.get(poll=cw.poll)
    assert participation.roll_entry.unit == cw.world.a
    assert receipt_check(poll=cw.poll, token=receipt.token)
    assert not NamedVote.objects.exists()


def test_a_second_vote_of_the_same_unit_is_refused_with_a_clear_message(cw: ConferenceWorld):
    # given unit A has voted through its head, and a second delegate of A is present
    second_a = delegate_build(cw.conference, cw.world.a, user=cw.world.officer_a)
    poll_open(actor=None, poll=cw.poll)
    ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={cw.candidate(cw.world.b).pk: CHOSEN})
    # when / then: the same delegate again, and the other delegate of the same unit
    for actor in (cw.world.head_a, second_a.user):
        with pytest.raises(AlreadyVoted) as refused:
            ballot_cast(actor=actor, poll=cw.poll, choices={cw.candidate(cw.c).pk: CHOSEN})
        assert "chỉ được bỏ phiếu một lần" in refused.value.message
    assert Ballot.objects.filter(poll=cw.poll).count() == 1


def test_each_unit_votes_for_itself_only_so_others_still_vote(cw: ConferenceWorld):
    # given
    poll_open(actor=None, poll=cw.poll)
    # when
    ballot_cast(actor=cw.world.head_b, poll=cw.poll, choices={cw.candidate(cw.world.a).pk: CHOSEN})
    ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={cw.candidate(cw.world.b).pk: CHOSEN})
    # then
    voted = set(PollParticipation.objects.values_list("roll_entry__unit_id", flat=True))
    assert voted == {cw.world.a.pk, cw.world.b.pk}


@pytest.mark.parametrize(
    ("_case", "choices_of"),
    [
        pytest.param(
            "more than K = 1",
            lambda cw: {cw.candidate(cw.world.b).pk: CHOSEN, cw.candidate(cw.c).pk: CHOSEN},
            id="over-k",
        ),
        pytest.param("own unit, self-vote not allowed", lambda cw: {cw.candidate(cw.world.a).pk: CHOSEN}, id="self"),
        pytest.param("a candidate of another poll", lambda cw: {10**6: CHOSEN}, id="unknown-candidate"),
        pytest.param(
            "yes in a choose poll", lambda cw: {cw.candidate(cw.world.b).pk: ChoiceValue.YES}, id="wrong-value"
        ),
    ],
)
def test_invalid_ballots_are_refused_and_nothing_is_written(cw: ConferenceWorld, _case: str, choices_of):
    # given
    poll_open(actor=None, poll=cw.poll)
    # when / then
    with pytest.raises(BallotInvalid):
        ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices=choices_of(cw))
    assert nothing_written(cw)


def test_self_vote_is_accepted_when_the_poll_allows_it(cw: ConferenceWorld):
    # given
    poll = poll_build(cw.conference, [cw.world.a, cw.world.b], allows_self_vote=True, title="Bầu Khối trưởng")
    poll_open(actor=None, poll=poll)
    # when
    ballot_cast(actor=cw.world.head_a, poll=poll, choices={cw.candidate(cw.world.a, poll).pk: CHOSEN})
    # then
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_a_blank_ballot_is_valid(cw: ConferenceWorld):
    # given
    poll_open(actor=None, poll=cw.poll)
    # when
    ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={})
    # then
    assert Ballot.objects.get(poll=cw.poll).is_valid
    assert not BallotChoice.objects.exists()


def test_yes_no_abstain_allows_at_most_k_yes(cw: ConferenceWorld):
    # given
    poll = poll_build(cw.conference, [cw.world.a, cw.world.b, cw.c], kind=PollKind.YES_NO_ABSTAIN, max_choices=1)
    poll_open(actor=None, poll=poll)
    b, c = cw.candidate(cw.world.b, poll), cw.candidate(cw.c, poll)
    # when / then
    with pytest.raises(BallotInvalid):
        ballot_cast(actor=cw.world.head_a, poll=poll, choices={b.pk: ChoiceValue.YES, c.pk: ChoiceValue.YES})
    ballot_cast(actor=cw.world.head_a, poll=poll, choices={b.pk: ChoiceValue.YES, c.pk: ChoiceValue.NO})
    assert BallotChoice.objects.filter(ballot__poll=poll).count() == 2


@pytest.mark.parametrize("status", [PollStatus.DRAFT, PollStatus.CLOSED])
def test_a_poll_that_is_not_open_takes_no_ballot(cw: ConferenceWorld, status: str):
    # given
    if status == PollStatus.CLOSED:
        poll_open(actor=None, poll=cw.poll)
        poll_close(actor=None, poll=cw.poll)
    # when / then
    with pytest.raises(PollStateError):
        ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={cw.candidate(cw.world.b).pk: CHOSEN})
    assert nothing_written(cw)


def test_only_present_voting_delegates_on_the_roll_vote(cw: ConferenceWorld):
    # given a guest, an absent delegate, and accounts with no seat at all (even the province office)
    guest_user = UserFactory(unit=cw.world.q1)
    delegate_build(cw.conference, None, user=guest_user, name="Khách mời", has_vote=False)
    delegate_check_in(actor=None, delegate=cw.dc, is_present=False)
    poll_open(actor=None, poll=cw.poll)
    b = cw.candidate(cw.world.b).pk
    # when / then
    for actor in (guest_user, cw.head_c, cw.world.province_office, cw.world.secretariat, cw.world.plain):
        with pytest.raises(VoteNotAllowed):
            ballot_cast(actor=actor, poll=cw.poll, choices={b: CHOSEN})
    assert nothing_written(cw)


def test_per_delegate_basis_a_substitute_votes_on_the_seat_once(cw: ConferenceWorld):
    # given a conference with one vote per delegate, two delegates of A
    conference = conference_build(cw.world.bloc, vote_basis=VoteBasis.PER_DELEGATE)
    first = delegate_build(conference, cw.world.a, user=cw.world.head_a)
    delegate_build(conference, cw.world.a, user=cw.world.officer_a)
    delegate_build(conference, cw.world.b, user=cw.world.head_b)
    poll = poll_build(conference, [cw.world.a, cw.world.b], allows_self_vote=True)
    poll_open(actor=None, poll=poll)
    b = cw.candidate(cw.world.b, poll).pk
    # when the first delegate votes, then is replaced by someone of A who tries again
    ballot_cast(actor=cw.world.head_a, poll=poll, choices={b: CHOSEN})
    substitute = delegate_substitute(actor=None, delegate=first, user=cw.world.plain, is_present=True)
    with pytest.raises(AlreadyVoted):
        ballot_cast(actor=substitute.user, poll=poll, choices={b: CHOSEN})
    # then the other delegate of A still has their own vote
    ballot_cast(actor=cw.world.officer_a, poll=poll, choices={b: CHOSEN})
    assert Ballot.objects.filter(poll=poll).count() == 2


def test_per_delegate_basis_a_substitute_votes_for_the_replaced_seat(cw: ConferenceWorld):
    # given the head of A is replaced after the roll was frozen
    conference = conference_build(cw.world.bloc, vote_basis=VoteBasis.PER_DELEGATE)
    first = delegate_build(conference, cw.world.a, user=cw.world.head_a)
    delegate_build(conference, cw.world.b, user=cw.world.head_b)
    poll = poll_build(conference, [cw.world.a, cw.world.b], allows_self_vote=True)
    poll_open(actor=None, poll=poll)
    substitute = delegate_substitute(actor=None, delegate=first, user=cw.world.officer_a, is_present=True)
    # when
    ballot_cast(actor=substitute.user, poll=poll, choices={cw.candidate(cw.world.b, poll).pk: CHOSEN})
    # then the vote is on the original seat; the replaced delegate can no longer vote
    assert PollParticipation.objects.get(poll=poll).roll_entry.delegate == first
    with pytest.raises(VoteNotAllowed):
        ballot_cast(actor=cw.world.head_a, poll=poll, choices={})


def test_an_open_named_poll_also_records_who_chose_what(cw: ConferenceWorld):
    # given
    poll = poll_build(cw.conference, [cw.world.a, cw.world.b, cw.c], is_secret=False, title="Biểu quyết công khai")
    poll_open(actor=None, poll=poll)
    # when
    ballot_cast(actor=cw.world.head_a, poll=poll, choices={cw.candidate(cw.c, poll).pk: CHOSEN})
    # then
    named = NamedVote.objects.get(poll=poll)
    assert (named.roll_entry.unit, named.candidate.unit, named.value) == (cw.world.a, cw.c, CHOSEN)


def test_the_audit_records_the_vote_but_never_a_choice_or_the_receipt(cw: ConferenceWorld):
    # given
    poll_open(actor=None, poll=cw.poll)
    candidate = cw.candidate(cw.world.b)
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    # when
    receipt = ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={candidate.pk: CHOSEN})
    # then
    event = AuditEvent.objects.exclude(pk__in=before).get()
    assert event.action == "conferences.ballot_cast"
    assert event.after == {"channel": BallotChannel.ONLINE}
    assert event.target_id == str(cw.poll.pk)
    ballot = Ballot.objects.get(poll=cw.poll)
    dumped = str([event.before, event.after, event.target_id, event.target_repr])
    for secret in (str(ballot.pk), ballot.receipt_digest, receipt.token, candidate.label):
        assert secret not in dumped


def test_receipt_check_says_nothing_for_a_wrong_or_foreign_token(cw: ConferenceWorld):
    # given
    poll_open(actor=None, poll=cw.poll)
    other = poll_build(cw.conference, [cw.world.a, cw.world.b], title="Cuộc khác")
    receipt = ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={})
    # when / then
    assert receipt_check(poll=cw.poll, token=receipt.token.lower().replace("-", ""))
    assert not receipt_check(poll=other, token=receipt.token)
    assert not receipt_check(poll=cw.poll, token="AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    assert not receipt_check(poll=cw.poll, token="  ")
