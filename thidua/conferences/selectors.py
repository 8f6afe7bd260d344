"""Reads of conferences and polls. There is deliberately no selector, for anyone, that returns a voter together with
a ballot or a choice: the roll tells who voted, the result tells how many chose what (``voting/README.md``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef

from thidua.conferences.choices import PollStatus
from thidua.conferences.errors import PollStateError
from thidua.conferences.models import Conference, Delegate, Poll, PollParticipation, RollEntry
from thidua.conferences.permissions import can_run_conference
from thidua.core.exceptions import NotFound

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor


def _may_see(actor: Actor, conference: Conference) -> bool:
    if can_run_conference(actor, conference=conference):
        return True
    if actor is None or not actor.is_authenticated:
        return False
    return Delegate.objects.filter(conference=conference, user_id=actor.pk, is_replaced=False).exists()


def conference_access(*, actor: Actor, conference_id: int) -> Conference:
    """A conference for those who run it and for its delegates; NotFound otherwise, as for a missing one (S12)."""
    conference = Conference.objects.select_related("bloc__province").filter(pk=conference_id).first()
    if conference is None or not _may_see(actor, conference):
        raise NotFound()
    return conference


def poll_access(*, actor: Actor, poll_id: int) -> Poll:
    poll = Poll.objects.select_related("conference__bloc__province").filter(pk=poll_id).first()
    if poll is None or poll.conference is None or not _may_see(actor, poll.conference):
        raise NotFound()
    return poll


@dataclass(frozen=True)
class PollProgress:
    """For the projector: how many of the roll have voted. Two queries, whatever the size of the roll."""

    roll_size: int
    voted_count: int


def poll_progress(*, poll: Poll) -> PollProgress:
    return PollProgress(
        roll_size=RollEntry.objects.filter(poll=poll).count(),
        voted_count=PollParticipation.objects.filter(poll=poll).count(),
    )


@dataclass(frozen=True)
class RollLine:
    label: str
    has_voted: bool


def poll_roll_published(*, poll: Poll) -> list[RollLine]:
    """The roll with voted / not voted, once voting is over — never with choices, never during voting."""
    if poll.status not in (PollStatus.CLOSED, PollStatus.PUBLISHED):
        raise PollStateError()
    voted = PollParticipation.objects.filter(roll_entry=OuterRef("pk"))
    rows = RollEntry.objects.filter(poll=poll).annotate(has_voted=Exists(voted)).order_by("label", "id")
    return [RollLine(label=row.label, has_voted=row.has_voted) for row in rows]


def poll_result(*, poll: Poll) -> dict[str, Any]:
    """The published result as frozen at publication (the tally's JSON form)."""
    if poll.status != PollStatus.PUBLISHED:
        raise PollStateError()
    return dict(poll.result)
