"""The poll's state machine (S14): draft → open → closed → published, every other transition refused; the readiness
checklist; the roll frozen at opening; the snapshot at close; a published result that never changes; run-offs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from thidua.conferences.choices import ChoiceValue, ConferenceStatus, MajorityRule, PollStatus, QuorumRule
from thidua.conferences.errors import ConferenceStateError, PollNotReady, PollStateError
from thidua.conferences.models import Poll, RollEntry
from thidua.conferences.services import (
    BlockerCode,
    CandidateInput,
    ballot_cast,
    conference_end,
    delegate_add,
    delegate_check_in,
    delegate_substitute,
    paper_ballots_issue,
    poll_candidates_set,
    poll_close,
    poll_open,
    poll_open_blockers,
    poll_publish,
    poll_runoff_create,
)
from thidua.conferences.tests.conftest import ConferenceWorld
from thidua.conferences.tests.factories import conference_build, delegate_build, poll_build
from thidua.core.models import AuditEvent
from thidua.emulation.tests.factories import member_add
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
CHOSEN = ChoiceValue.CHOSEN


def advance(cw: ConferenceWorld, status: str) -> Poll:
    steps: list[Callable[[], object]] = [
        lambda: poll_open(actor=None, poll=cw.poll),
        lambda: poll_close(actor=None, poll=cw.poll),
        lambda: poll_publish(actor=None, poll=cw.poll),
    ]
    order = [PollStatus.DRAFT, PollStatus.OPEN, PollStatus.CLOSED, PollStatus.PUBLISHED]
    for step in steps[: order.index(PollStatus(status))]:
        step()
    return cw.refresh()


TRANSITIONS: dict[str, tuple[str, Callable[[ConferenceWorld], object]]] = {
    "open": (PollStatus.DRAFT, lambda cw: poll_open(actor=None, poll=cw.poll)),
    "close": (PollStatus.OPEN, lambda cw: poll_close(actor=None, poll=cw.poll)),
    "publish": (PollStatus.CLOSED, lambda cw: poll_publish(actor=None, poll=cw.poll)),
    "candidates": (PollStatus.DRAFT, lambda cw: poll_candidates_set(actor=None, poll=cw.poll, candidates=[])),
    "runoff": (PollStatus.PUBLISHED, lambda cw: poll_runoff_create(actor=None, poll=cw.poll)),
    "paper_issue": (PollStatus.DRAFT, lambda cw: paper_ballots_issue(actor=None, poll=cw.poll, count=1)),
}
BAD = [
    pytest.param(name, status, id=f"{name}-from-{status}")
    for name, (allowed, _call) in TRANSITIONS.items()
    for status in PollStatus
    if status != allowed and not (name == "paper_issue" and status == PollStatus.OPEN)
]


@pytest.mark.parametrize(("transition", "status"), BAD)
def test_every_bad_transition_raises_and_changes_nothing(cw: ConferenceWorld, transition: str, status: str):
    # given
    poll = advance(cw, status)
    snapshot = Poll.objects.filter(pk=poll.pk).values().get()
    events = AuditEvent.objects.count()
    # when / then
    with pytest.raises(PollStateError):
        TRANSITIONS[transition][1](cw)
    assert Poll.objects.filter(pk=poll.pk).values().get() == snapshot
    assert AuditEvent.objects.count() == events


def test_the_happy_path_keeps_scheduled_and_actual_times_apart(cw: ConferenceWorld):
    # when
    poll = advance(cw, PollStatus.PUBLISHED)
    # then
    assert poll.status == PollStatus.PUBLISHED
    assert poll.opened_at <= poll.closed_at <= poll.published_at
    assert poll.opens_at is None
    actions = list(AuditEvent.objects.filter(target_id=str(poll.pk)).values_list("action", flat=True))
    assert {"conferences.poll_opened", "conferences.poll_closed", "conferences.poll_published"} <= set(actions)


# --- Readiness checklist ---------------------------------------------------------------------------------------


def test_ready_poll_has_no_blockers(cw: ConferenceWorld):
    assert poll_open_blockers(poll=cw.poll) == []


def test_blockers_list_every_unmet_item_and_opening_is_refused(cw: ConferenceWorld):
    # given a conference not yet in session, a poll with no candidates, nobody present
    conference = conference_build(cw.world.bloc, start=False)
    delegate_build(conference, cw.world.a, user=cw.world.head_a, present=False)
    poll = poll_build(conference, [])
    # when
    blockers = poll_open_blockers(poll=poll)
    # then
    assert [b.code for b in blockers] == [
        BlockerCode.CONFERENCE_NOT_IN_SESSION,
        BlockerCode.NO_CANDIDATES,
        BlockerCode.QUORUM_NOT_MET,
    ]
    with pytest.raises(PollNotReady) as refused:
        poll_open(actor=None, poll=poll)
    assert refused.value.blockers == tuple(blockers)
    assert not RollEntry.objects.filter(poll=poll).exists()
    assert Poll.objects.get(pk=poll.pk).status == PollStatus.DRAFT


def test_fewer_candidates_than_k_blocks(cw: ConferenceWorld):
    # given
    poll = poll_build(cw.conference, [cw.world.a, cw.world.b], max_choices=3)
    # when / then
    assert [b.code for b in poll_open_blockers(poll=poll)] == [BlockerCode.TOO_FEW_CANDIDATES]


@pytest.mark.parametrize(
    ("_case", "present", "rule", "share", "ready"),
    [
        pytest.param("2 of 3 is more than half", 2, QuorumRule.MORE_THAN_HALF, None, True, id="half-2-of-3"),
        pytest.param("1 of 3 is not", 1, QuorumRule.MORE_THAN_HALF, None, False, id="half-1-of-3"),
        pytest.param("2 of 3 is two thirds", 2, QuorumRule.TWO_THIRDS, None, True, id="two-thirds-2-of-3"),
        pytest.param("2 of 3 is below 80%", 2, QuorumRule.PERCENTAGE, "0.800", False, id="percent-2-of-3"),
        pytest.param("3 of 3 is 100%", 3, QuorumRule.PERCENTAGE, "0.800", True, id="percent-3-of-3"),
    ],
)
def test_quorum_follows_the_conference_rule(
    cw: ConferenceWorld, _case: str, present: int, rule: str, share: str | None, ready: bool
):
    # given one vote per unit, three member units, ``present`` of them checked in
    from decimal import Decimal

    conference = conference_build(cw.world.bloc, quorum_rule=rule, quorum_share=Decimal(share) if share else None)
    for i, (unit, user) in enumerate([(cw.world.a, cw.world.head_a), (cw.world.b, cw.world.head_b), (cw.c, cw.head_c)]):
        delegate_build(conference, unit, user=user, present=i < present)
    poll = poll_build(conference, [cw.world.a, cw.world.b])
    # when
    codes = [b.code for b in poll_open_blockers(poll=poll)]
    # then
    assert (codes == []) is ready
    assert codes in ([], [BlockerCode.QUORUM_NOT_MET])


def test_a_unit_without_delegates_is_on_the_roll_as_absent(cw: ConferenceWorld):
    # given a fourth member unit that sent nobody
    d = UnitFactory(code="so-d", name="Đài Phát thanh Đông Hà", parent=cw.world.p)
    member_add(cw.world.bloc, d)
    # when
    poll = poll_open(actor=None, poll=cw.poll)
    # then
    roll = {e.unit_id: e.is_present_at_open for e in RollEntry.objects.filter(poll=poll)}
    assert roll == {cw.world.a.pk: True, cw.world.b.pk: True, cw.c.pk: True, d.pk: False}


# --- The roll is frozen -----------------------------------------------------------------------------------------


def test_the_roll_cannot_change_once_the_poll_is_open(cw: ConferenceWorld):
    # given
    poll_open(actor=None, poll=cw.poll)
    frozen = list(RollEntry.objects.filter(poll=cw.poll).values())
    # when delegates arrive, leave, are replaced, and a unit joins the bloc with a delegate
    late = UnitFactory(code="so-e", name="Sở Nội vụ Eakar", parent=cw.world.p)
    member_add(cw.world.bloc, late)
    delegate_add(actor=None, conference=cw.conference, unit=late, name="Trần Văn Muộn")
    delegate_check_in(actor=None, delegate=cw.db, is_present=False)
    delegate_substitute(actor=None, delegate=cw.dc, name="Lý Thị Thay", is_present=True)
    with pytest.raises(PollStateError):
        poll_candidates_set(actor=None, poll=cw.poll, candidates=[CandidateInput(unit=late)])
    # then
    assert list(RollEntry.objects.filter(poll=cw.poll).values()) == frozen


# --- Close and publish --------------------------------------------------------------------------------------------


def test_close_snapshots_the_roll_presence_and_ballots(cw: ConferenceWorld):
    # given two of three units vote, then C leaves before the close
    poll_open(actor=None, poll=cw.poll)
    ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={cw.candidate(cw.world.b).pk: CHOSEN})
    ballot_cast(actor=cw.world.head_b, poll=cw.poll, choices={})
    delegate_check_in(actor=None, delegate=cw.dc, is_present=False)
    # when
    poll = poll_close(actor=None, poll=cw.poll)
    # then
    poll.refresh_from_db()
    figures = (poll.entitled_count, poll.present_count, poll.voted_count, poll.ballots_cast, poll.ballots_valid)
    assert figures == (3, 2, 2, 2, 2)
    assert (poll.ballots_invalid, poll.online_cast, poll.paper_issued, poll.paper_cast) == (0, 2, 0, 0)


def test_publish_freezes_the_result_and_nothing_changes_it_afterwards(cw: ConferenceWorld):
    # given B gets 2 of 3 votes: more than half of the roll
    poll_open(actor=None, poll=cw.poll)
    b = cw.candidate(cw.world.b)
    ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={b.pk: CHOSEN})
    ballot_cast(actor=cw.head_c, poll=cw.poll, choices={b.pk: CHOSEN})
    poll_close(actor=None, poll=cw.poll)
    # when
    poll = poll_publish(actor=None, poll=cw.poll)
    # then
    frozen = Poll.objects.filter(pk=poll.pk).values().get()
    assert [c["status"] for c in frozen["result"]["candidates"]] == ["not_elected", "elected", "not_elected"]
    assert frozen["result"]["candidates"][1]["votes"] == 2
    for attempt in (
        lambda: ballot_cast(actor=cw.world.head_b, poll=cw.poll, choices={b.pk: CHOSEN}),
        lambda: poll_close(actor=None, poll=cw.poll),
        lambda: poll_publish(actor=None, poll=cw.poll),
        lambda: poll_open(actor=None, poll=cw.poll),
        lambda: paper_ballots_issue(actor=None, poll=cw.poll, count=5),
    ):
        with pytest.raises(PollStateError):
            attempt()
    assert Poll.objects.filter(pk=poll.pk).values().get() == frozen


def test_a_boundary_tie_is_published_as_such_and_gives_a_runoff(cw: ConferenceWorld):
    # given a simple-majority poll where A and B get one vote each
    poll = poll_build(cw.conference, [cw.world.a, cw.world.b, cw.c], majority_rule=MajorityRule.SIMPLE)
    poll_open(actor=None, poll=poll)
    ballot_cast(actor=cw.head_c, poll=poll, choices={cw.candidate(cw.world.a, poll).pk: CHOSEN})
    ballot_cast(actor=cw.world.head_a, poll=poll, choices={cw.candidate(cw.world.b, poll).pk: CHOSEN})
    poll_close(actor=None, poll=poll)
    published = poll_publish(actor=None, poll=poll)
    # when
    runoff = poll_runoff_create(actor=None, poll=published)
    # then
    assert published.result["runoff"]["seats"] == 1
    assert runoff.status == PollStatus.DRAFT
    assert (runoff.runoff_of, runoff.max_choices, runoff.majority_rule) == (published, 1, MajorityRule.SIMPLE)
    assert [c.unit for c in runoff.candidates.order_by("order")] == [cw.world.a, cw.world.b]


def test_a_result_without_a_tie_has_no_runoff(cw: ConferenceWorld):
    # given
    advance(cw, PollStatus.PUBLISHED)
    # when / then
    with pytest.raises(PollStateError):
        poll_runoff_create(actor=None, poll=cw.poll)


def test_the_conference_cannot_end_while_a_poll_is_open(cw: ConferenceWorld):
    # given
    poll_open(actor=None, poll=cw.poll)
    # when / then
    with pytest.raises(ConferenceStateError):
        conference_end(actor=None, conference=cw.conference)
    poll_close(actor=None, poll=cw.poll)
    assert conference_end(actor=None, conference=cw.conference).status == ConferenceStatus.CLOSED
