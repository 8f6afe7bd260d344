"""Concurrent voting on PostgreSQL with real connections (issue 7): 200 delegates vote at once and 50 of them submit
a second time. Exactly 200 ballots and 200 participations are written, none lost, and each duplicate is refused
with ``AlreadyVoted``. Runs in the normal suite whenever the database is PostgreSQL; SQLite has no row locks and
serialises writers itself, so the test would prove nothing there."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from thidua.accounts.models import User
from thidua.accounts.tests.factories import UserFactory
from thidua.conferences.choices import ChoiceValue, VoteBasis
from thidua.conferences.errors import AlreadyVoted, PollStateError
from thidua.conferences.models import Ballot, BallotChoice, PollParticipation
from thidua.conferences.services import ballot_cast, poll_close, poll_open, receipt_check
from thidua.conferences.tests.factories import conference_build, delegate_build, poll_build
from thidua.conftest import World

VOTERS = 200
DUPLICATES = 50
WORKERS = 16

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real connections"),
    pytest.mark.django_db(transaction=True),
]


def _cast(user: User, poll_id: int, candidate_id: int) -> str:
    """One submission on its own connection (the worker thread's), closed afterwards."""
    from thidua.conferences.models import Poll

    try:
        poll = Poll.objects.get(pk=poll_id)
        receipt = ballot_cast(actor=user, poll=poll, choices={candidate_id: ChoiceValue.CHOSEN})
    except AlreadyVoted:
        return "duplicate"
    except PollStateError:
        return "closed"
    finally:
        connections.close_all()
    return receipt.token


def test_200_concurrent_voters_and_50_duplicates(world: World, record_property: Callable[[str, object], None]):
    # given one vote per delegate, 200 present delegates of unit A
    conference = conference_build(world.bloc, vote_basis=VoteBasis.PER_DELEGATE)
    users = [UserFactory(username=f"daibieu{i:03d}", unit=world.a) for i in range(VOTERS)]
    for user in users:
        delegate_build(conference, world.a, user=user, name=user.full_name)
    poll = poll_build(conference, [world.a, world.b], allows_self_vote=True)
    poll_open(actor=None, poll=poll)
    candidate_id = poll.candidates.get(unit=world.b).pk
    # fresh user objects per submission: no state shared between threads
    submissions = [User.objects.select_related("unit").get(pk=u.pk) for u in users]
    submissions += [User.objects.select_related("unit").get(pk=u.pk) for u in random.sample(users, DUPLICATES)]
    random.shuffle(submissions)

    # when
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        outcomes = list(pool.map(lambda user: _cast(user, poll.pk, candidate_id), submissions))
    elapsed = time.monotonic() - started
    record_property("cast_seconds", round(elapsed, 2))

    # then
    tokens = [o for o in outcomes if o != "duplicate"]
    assert (len(tokens), outcomes.count("duplicate")) == (VOTERS, DUPLICATES)
    assert Ballot.objects.filter(poll=poll).count() == VOTERS
    assert BallotChoice.objects.filter(ballot__poll=poll).count() == VOTERS
    assert PollParticipation.objects.filter(poll=poll).count() == VOTERS
    assert len(set(tokens)) == VOTERS
    assert all(receipt_check(poll=poll, token=t) for t in random.sample(tokens, 20))
    assert elapsed < 30


def _close(poll_id: int) -> str:
    from thidua.conferences.models import Poll

    try:
        time.sleep(0.05)
        poll_close(actor=None, poll=Poll.objects.get(pk=poll_id))
    finally:
        connections.close_all()
    return "closer"


def test_votes_in_flight_when_the_poll_closes_are_counted_or_refused_never_lost(world: World):
    # given 60 present delegates voting while the poll is closed in the middle of it
    conference = conference_build(world.bloc, vote_basis=VoteBasis.PER_DELEGATE)
    users = [UserFactory(username=f"bieuquyet{i:03d}", unit=world.a) for i in range(60)]
    for user in users:
        delegate_build(conference, world.a, user=user, name=user.full_name)
    poll = poll_build(conference, [world.a, world.b], allows_self_vote=True)
    poll_open(actor=None, poll=poll)
    candidate_id = poll.candidates.get(unit=world.b).pk
    submissions = [User.objects.select_related("unit").get(pk=u.pk) for u in users]

    # when
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        closer = pool.submit(_close, poll.pk)
        outcomes = list(pool.map(lambda user: _cast(user, poll.pk, candidate_id), submissions))
        assert closer.result() == "closer"

    # then every accepted vote is in the snapshot taken at the close, and nothing was written after it
    poll.refresh_from_db()
    accepted = len(outcomes) - outcomes.count("closed")
    assert poll.status == "closed"
    assert Ballot.objects.filter(poll=poll).count() == accepted == poll.ballots_cast == poll.voted_count
    assert PollParticipation.objects.filter(poll=poll).count() == accepted
