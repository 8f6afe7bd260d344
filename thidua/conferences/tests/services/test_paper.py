"""Paper and hybrid voting: numbered sheets, hand-out to present voters, the tellers' entry, reconciliation, and
each voter at most once across paper and online."""

from __future__ import annotations

import pytest

from thidua.conferences.choices import BallotChannel, ChoiceValue, PaperSheetStatus, PollStatus
from thidua.conferences.errors import (
    AlreadyVoted,
    BallotInvalid,
    BallotsNotReconciled,
    ConferenceInvalid,
    PollStateError,
    VoteNotAllowed,
)
from thidua.conferences.models import Ballot, PaperSheet, PollParticipation, RollEntry
from thidua.conferences.services import (
    ballot_cast,
    delegate_check_in,
    paper_ballot_enter,
    paper_ballot_hand_out,
    paper_ballots_issue,
    paper_sheet_mark,
    poll_close,
    poll_open,
    poll_publish,
)
from thidua.conferences.tests.conftest import ConferenceWorld

pytestmark = pytest.mark.django_db
CHOSEN = ChoiceValue.CHOSEN


def entry(cw: ConferenceWorld, unit) -> RollEntry:  # type: ignore[no-untyped-def]
    return RollEntry.objects.get(poll=cw.poll, unit=unit)


def test_sheets_are_numbered_and_numbering_continues(cw: ConferenceWorld):
    # when
    first = paper_ballots_issue(actor=None, poll=cw.poll, count=3)
    poll_open(actor=None, poll=cw.poll)
    second = paper_ballots_issue(actor=None, poll=cw.poll, count=2)
    # then
    assert (first, second) == ([1, 2, 3], [4, 5])
    assert set(PaperSheet.objects.values_list("status", flat=True)) == {PaperSheetStatus.ISSUED}


def test_issue_count_is_bounded(cw: ConferenceWorld):
    with pytest.raises(ConferenceInvalid):
        paper_ballots_issue(actor=None, poll=cw.poll, count=0)


def test_hybrid_poll_counts_each_voter_once_across_paper_and_online(cw: ConferenceWorld):
    # given 3 sheets; A takes a paper ballot, B votes online
    paper_ballots_issue(actor=None, poll=cw.poll, count=3)
    poll_open(actor=None, poll=cw.poll)
    b, c = cw.candidate(cw.world.b).pk, cw.candidate(cw.c).pk
    paper_ballot_hand_out(actor=None, poll=cw.poll, roll_entry=entry(cw, cw.world.a))
    ballot_cast(actor=cw.world.head_b, poll=cw.poll, choices={c: CHOSEN})
    # when A also tries online, and B tries to collect a paper ballot
    with pytest.raises(AlreadyVoted):
        ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={b: CHOSEN})
    with pytest.raises(AlreadyVoted):
        paper_ballot_hand_out(actor=None, poll=cw.poll, roll_entry=entry(cw, cw.world.b))
    # then the tellers enter A's ballot from the box by its number
    paper_ballot_enter(actor=None, poll=cw.poll, serial=2, choices={c: CHOSEN})
    channels = sorted(PollParticipation.objects.values_list("channel", flat=True))
    assert channels == [BallotChannel.ONLINE, BallotChannel.PAPER]
    assert sorted(Ballot.objects.values_list("channel", flat=True)) == [BallotChannel.ONLINE, BallotChannel.PAPER]
    assert Ballot.objects.get(channel=BallotChannel.PAPER).receipt_digest is None
    assert PaperSheet.objects.get(serial=2).status == PaperSheetStatus.CAST


def test_more_ballots_than_voters_handed_one_are_refused(cw: ConferenceWorld):
    # given one voter collected a ballot and it was entered
    paper_ballots_issue(actor=None, poll=cw.poll, count=3)
    poll_open(actor=None, poll=cw.poll)
    paper_ballot_hand_out(actor=None, poll=cw.poll, roll_entry=entry(cw, cw.world.a))
    paper_ballot_enter(actor=None, poll=cw.poll, serial=1, choices={})
    # when / then: a second ballot in the box, and the same number twice
    with pytest.raises(PollStateError):
        paper_ballot_enter(actor=None, poll=cw.poll, serial=2, choices={})
    paper_ballot_hand_out(actor=None, poll=cw.poll, roll_entry=entry(cw, cw.world.b))
    with pytest.raises(ConferenceInvalid):
        paper_ballot_enter(actor=None, poll=cw.poll, serial=1, choices={})
    with pytest.raises(ConferenceInvalid):
        paper_ballot_enter(actor=None, poll=cw.poll, serial=99, choices={})
    assert Ballot.objects.count() == 1


def test_no_more_ballots_handed_out_than_usable_sheets(cw: ConferenceWorld):
    # given one sheet, spoiled
    paper_ballots_issue(actor=None, poll=cw.poll, count=1)
    poll_open(actor=None, poll=cw.poll)
    paper_sheet_mark(actor=None, poll=cw.poll, serial=1, status=PaperSheetStatus.SPOILED)
    # when / then
    with pytest.raises(PollStateError):
        paper_ballot_hand_out(actor=None, poll=cw.poll, roll_entry=entry(cw, cw.world.a))
    assert not PollParticipation.objects.exists()


def test_an_absent_voter_gets_no_paper_ballot(cw: ConferenceWorld):
    # given
    paper_ballots_issue(actor=None, poll=cw.poll, count=3)
    poll_open(actor=None, poll=cw.poll)
    delegate_check_in(actor=None, delegate=cw.da, is_present=False)
    # when / then
    with pytest.raises(VoteNotAllowed):
        paper_ballot_hand_out(actor=None, poll=cw.poll, roll_entry=entry(cw, cw.world.a))


def test_a_paper_ballot_over_k_must_be_entered_as_invalid(cw: ConferenceWorld):
    # given
    paper_ballots_issue(actor=None, poll=cw.poll, count=2)
    poll_open(actor=None, poll=cw.poll)
    paper_ballot_hand_out(actor=None, poll=cw.poll, roll_entry=entry(cw, cw.world.a))
    two = {cw.candidate(cw.world.b).pk: CHOSEN, cw.candidate(cw.c).pk: CHOSEN}
    # when / then
    with pytest.raises(BallotInvalid) as refused:
        paper_ballot_enter(actor=None, poll=cw.poll, serial=1, choices=two)
    assert "không hợp lệ" in refused.value.message
    paper_ballot_enter(actor=None, poll=cw.poll, serial=1, choices=two, is_valid=False)
    invalid = Ballot.objects.get()
    assert not invalid.is_valid
    assert not invalid.choices.exists()


def test_publication_requires_reconciliation_then_counts_paper_and_online(cw: ConferenceWorld):
    # given 4 sheets: A and C vote on paper (both for B), B online for C; one sheet spoiled, one left over
    paper_ballots_issue(actor=None, poll=cw.poll, count=4)
    poll_open(actor=None, poll=cw.poll)
    b, c = cw.candidate(cw.world.b).pk, cw.candidate(cw.c).pk
    for unit in (cw.world.a, cw.c):
        paper_ballot_hand_out(actor=None, poll=cw.poll, roll_entry=entry(cw, unit))
    paper_sheet_mark(actor=None, poll=cw.poll, serial=4, status=PaperSheetStatus.SPOILED)
    paper_sheet_mark(actor=None, poll=cw.poll, serial=3, status=PaperSheetStatus.UNUSED)
    with pytest.raises(PollStateError):  # a third mark would leave fewer sheets than ballots handed out
        paper_sheet_mark(actor=None, poll=cw.poll, serial=2, status=PaperSheetStatus.UNUSED)
    ballot_cast(actor=cw.world.head_b, poll=cw.poll, choices={c: CHOSEN})
    poll_close(actor=None, poll=cw.poll)
    # the tellers count after the close, one ballot at a time
    paper_ballot_enter(actor=None, poll=cw.poll, serial=1, choices={b: CHOSEN})
    # when publishing with sheet 2 not yet entered
    with pytest.raises(BallotsNotReconciled):
        poll_publish(actor=None, poll=cw.poll)
    paper_ballot_enter(actor=None, poll=cw.poll, serial=2, choices={b: CHOSEN})
    poll = poll_publish(actor=None, poll=cw.poll)
    # then
    figures = (poll.paper_issued, poll.paper_cast, poll.paper_spoiled, poll.paper_unused, poll.online_cast)
    assert figures == (4, 2, 1, 1, 1)
    assert (poll.ballots_cast, poll.ballots_valid, poll.voted_count) == (3, 3, 3)
    assert poll.status == PollStatus.PUBLISHED
    votes = {row["candidate_id"]: row["votes"] for row in poll.result["candidates"]}
    assert (votes[b], votes[c]) == (2, 1)


def test_only_issued_sheets_can_be_marked(cw: ConferenceWorld):
    # given
    paper_ballots_issue(actor=None, poll=cw.poll, count=1)
    paper_sheet_mark(actor=None, poll=cw.poll, serial=1, status=PaperSheetStatus.UNUSED)
    # when / then
    with pytest.raises(ConferenceInvalid):
        paper_sheet_mark(actor=None, poll=cw.poll, serial=1, status=PaperSheetStatus.SPOILED)
    with pytest.raises(ConferenceInvalid):
        paper_sheet_mark(actor=None, poll=cw.poll, serial=1, status=PaperSheetStatus.CAST)


def test_a_ballot_never_returned_is_recorded_unused_after_the_close(cw: ConferenceWorld):
    # given A collected the only sheet and left with it
    paper_ballots_issue(actor=None, poll=cw.poll, count=1)
    poll_open(actor=None, poll=cw.poll)
    paper_ballot_hand_out(actor=None, poll=cw.poll, roll_entry=entry(cw, cw.world.a))
    poll_close(actor=None, poll=cw.poll)
    # when
    paper_sheet_mark(actor=None, poll=cw.poll, serial=1, status=PaperSheetStatus.UNUSED)
    poll = poll_publish(actor=None, poll=cw.poll)
    # then
    assert (poll.voted_count, poll.paper_cast, poll.paper_unused, poll.ballots_valid) == (1, 0, 1, 0)
