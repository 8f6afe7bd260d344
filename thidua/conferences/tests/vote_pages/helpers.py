"""Shared steps of the vote page tests: opening a poll, counting what a refusal must leave untouched."""

from __future__ import annotations

from django.urls import reverse

from thidua.conferences.models import Ballot, BallotChoice, NamedVote, Poll, PollParticipation
from thidua.conferences.services import poll_open
from thidua.core.models import AuditEvent


def opened(poll: Poll) -> Poll:
    return poll_open(actor=None, poll=poll)


def vote_url(poll: Poll) -> str:
    return reverse("conferences:vote", kwargs={"poll_id": poll.pk})


def receipt_url(poll: Poll) -> str:
    return reverse("conferences:receipt_check", kwargs={"poll_id": poll.pk})


def written() -> tuple[int, int, int, int, int]:
    """Everything a ballot could write: ballots, marks, participations, named votes, audit events."""
    return (
        Ballot.objects.count(),
        BallotChoice.objects.count(),
        PollParticipation.objects.count(),
        NamedVote.objects.count(),
        AuditEvent.objects.count(),
    )
