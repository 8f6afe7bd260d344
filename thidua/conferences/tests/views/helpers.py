"""Shared helpers of the page tests: URLs, what "nothing changed" means, an HTMX header."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from thidua.conferences.models import (
    AgendaItem,
    Ballot,
    Conference,
    Delegate,
    PaperSheet,
    Poll,
    PollCandidate,
    PollParticipation,
    RollEntry,
)
from thidua.core.models import AuditEvent

HTMX = {"HTTP_HX_REQUEST": "true"}
LIST = reverse("conferences:conference_list")
CREATE = reverse("conferences:conference_create")


def conference_url(conference: Conference, action: str | None = None) -> str:
    if action is None:
        return reverse("conferences:conference", args=[conference.pk])
    return reverse("conferences:conference_action", args=[conference.pk, action])


def check_in_url(delegate: Delegate) -> str:
    return reverse("conferences:delegate_check_in", args=[delegate.conference_id, delegate.pk])


def poll_url(poll: Poll, action: str | None = None) -> str:
    if action is None:
        return reverse("conferences:poll", args=[poll.conference_id, poll.pk])
    return reverse("conferences:poll_action", args=[poll.conference_id, poll.pk, action])


def poll_create_url(conference: Conference) -> str:
    return reverse("conferences:poll_create", args=[conference.pk])


def state() -> tuple[Any, ...]:
    """Everything a refused request must leave as it was."""
    return (
        Conference.objects.count(),
        list(Conference.objects.order_by("pk").values_list("status", flat=True)),
        list(AgendaItem.objects.order_by("pk").values_list("title", flat=True)),
        list(Delegate.objects.order_by("pk").values_list("pk", "is_checked_in", "is_replaced")),
        list(Poll.objects.order_by("pk").values_list("pk", "status")),
        PollCandidate.objects.count(),
        RollEntry.objects.count(),
        PaperSheet.objects.count(),
        Ballot.objects.count(),
        PollParticipation.objects.count(),
        AuditEvent.objects.count(),
    )
