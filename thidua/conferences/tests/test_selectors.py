"""Selectors: the projector's progress (constant queries), the roll published with voted / not voted after the
close only, and the frozen result."""

from __future__ import annotations

import pytest

from thidua.conferences.choices import ChoiceValue, PollStatus
from thidua.conferences.errors import PollStateError
from thidua.conferences.selectors import RollLine, poll_progress, poll_result, poll_roll_published
from thidua.conferences.services import ballot_cast, poll_close, poll_open, poll_publish
from thidua.conferences.tests.conftest import ConferenceWorld

pytestmark = pytest.mark.django_db


def test_progress_costs_two_queries(cw: ConferenceWorld, django_assert_num_queries):  # type: ignore[no-untyped-def]
    # given
    poll_open(actor=None, poll=cw.poll)
    ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={})
    # when / then
    with django_assert_num_queries(2):
        progress = poll_progress(poll=cw.poll)
    assert (progress.roll_size, progress.voted_count) == (3, 1)


def test_the_roll_is_published_with_voted_or_not_after_the_close_only(cw: ConferenceWorld):
    # given
    poll_open(actor=None, poll=cw.poll)
    ballot_cast(actor=cw.world.head_b, poll=cw.poll, choices={cw.candidate(cw.c).pk: ChoiceValue.CHOSEN})
    with pytest.raises(PollStateError):
        poll_roll_published(poll=cw.poll)
    poll = poll_close(actor=None, poll=cw.poll)
    # when
    roll = poll_roll_published(poll=poll)
    # then
    assert roll == [
        RollLine(label=cw.c.name, has_voted=False),
        RollLine(label=cw.world.a.name, has_voted=False),
        RollLine(label=cw.world.b.name, has_voted=True),
    ]


def test_result_is_readable_once_published(cw: ConferenceWorld):
    # given
    poll_open(actor=None, poll=cw.poll)
    poll_close(actor=None, poll=cw.poll)
    with pytest.raises(PollStateError):
        poll_result(poll=cw.poll)
    # when
    poll = poll_publish(actor=None, poll=cw.poll)
    # then
    assert poll.status == PollStatus.PUBLISHED
    assert poll_result(poll=poll)["valid_count"] == 0
