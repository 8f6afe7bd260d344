"""Authorization matrix of the poll services (S26): the secretariat, the province office and the conference's chair
run a poll; a member unit's head, a plain user and another province's office cannot, and nothing happens then."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from thidua.accounts.models import User
from thidua.conferences.choices import PollStatus
from thidua.conferences.errors import ConferenceNotAllowed
from thidua.conferences.models import PaperSheet, Poll
from thidua.conferences.permissions import can_run_conference, is_chair_of
from thidua.conferences.selectors import conference_access, poll_access
from thidua.conferences.services import paper_ballots_issue, poll_close, poll_create, poll_open, poll_publish
from thidua.conferences.tests.conftest import ConferenceWorld
from thidua.conferences.tests.factories import conference_build, delegate_build
from thidua.core.exceptions import NotFound
from thidua.core.models import AuditEvent
from thidua.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

ALLOWED = ["secretariat", "province_office"]
DENIED = ["head_a", "head_b", "plain", "q_office"]

OPERATIONS: dict[str, tuple[str, Callable[[User, ConferenceWorld], object]]] = {
    "poll_create": (
        PollStatus.DRAFT,
        lambda actor, cw: poll_create(actor=actor, conference=cw.conference, title="Bầu"),
    ),
    "poll_open": (PollStatus.DRAFT, lambda actor, cw: poll_open(actor=actor, poll=cw.poll)),
    "poll_close": (PollStatus.OPEN, lambda actor, cw: poll_close(actor=actor, poll=cw.poll)),
    "poll_publish": (PollStatus.CLOSED, lambda actor, cw: poll_publish(actor=actor, poll=cw.poll)),
    "paper_issue": (PollStatus.DRAFT, lambda actor, cw: paper_ballots_issue(actor=actor, poll=cw.poll, count=2)),
}


def to_status(cw: ConferenceWorld, status: str) -> None:
    if status in (PollStatus.OPEN, PollStatus.CLOSED):
        poll_open(actor=None, poll=cw.poll)
    if status == PollStatus.CLOSED:
        poll_close(actor=None, poll=cw.poll)


@pytest.mark.parametrize("operation", list(OPERATIONS))
@pytest.mark.parametrize("actor_name", DENIED)
def test_denied_actors_change_nothing(cw: ConferenceWorld, operation: str, actor_name: str):
    # given
    status, call = OPERATIONS[operation]
    to_status(cw, status)
    polls = list(Poll.objects.values())
    events = AuditEvent.objects.count()
    # when / then
    with pytest.raises(ConferenceNotAllowed):
        call(getattr(cw.world, actor_name), cw)
    assert list(Poll.objects.values()) == polls
    assert not PaperSheet.objects.exists()
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("operation", list(OPERATIONS))
@pytest.mark.parametrize("actor_name", ALLOWED)
def test_allowed_actors_act_and_are_audited(cw: ConferenceWorld, operation: str, actor_name: str):
    # given
    status, call = OPERATIONS[operation]
    to_status(cw, status)
    actor = getattr(cw.world, actor_name)
    # when
    call(actor, cw)
    # then
    assert AuditEvent.objects.filter(actor=actor, action__startswith="conferences.").exists()


def test_the_chair_runs_the_conference_through_their_delegate_seat(world):  # type: ignore[no-untyped-def]
    # given the head of A is the chair, seated as a delegate with person and account
    chair = PersonFactory(full_name="Nguyễn Thanh Hồng", unit=world.a)
    conference = conference_build(world.bloc, chair=chair)
    assert not can_run_conference(world.head_a, conference=conference)
    delegate_build(conference, world.a, user=world.head_a, person=chair)
    # when / then
    assert is_chair_of(world.head_a, conference=conference)
    assert poll_create(actor=world.head_a, conference=conference, title="Bầu Khối trưởng").conference == conference
    assert not is_chair_of(None, conference=conference)
    assert not is_chair_of(world.head_a, conference=conference_build(world.bloc))


def test_access_selectors_look_like_not_found_to_outsiders(cw: ConferenceWorld):
    # delegates and those who run it see the conference and its polls
    for actor in (cw.world.head_b, cw.world.secretariat):
        assert conference_access(actor=actor, conference_id=cw.conference.pk) == cw.conference
        assert poll_access(actor=actor, poll_id=cw.poll.pk) == cw.poll
    # anyone else gets the same NotFound as for a missing id
    for actor in (cw.world.plain, cw.world.q_office, None):
        with pytest.raises(NotFound):
            conference_access(actor=actor, conference_id=cw.conference.pk)
        with pytest.raises(NotFound):
            poll_access(actor=actor, poll_id=cw.poll.pk)
    with pytest.raises(NotFound):
        conference_access(actor=cw.world.secretariat, conference_id=10**6)
