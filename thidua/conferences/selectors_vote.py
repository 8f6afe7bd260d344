"""Reads for the delegates' voting pages and the hall's projector (issue 7).

Like ``selectors.py``, nothing here returns a voter together with a ballot or a choice: a voter's page learns only
whether *their own* seat (or unit) has voted, from the participation table; the projector learns how many of the roll
have voted, and, once a poll is published, the frozen totals (``voting/README.md``, S2 and S7).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from thidua.conferences.choices import CandidateOutcomeStatus, PollKind, PollStatus, VoteBasis
from thidua.conferences.models import (
    AgendaItem,
    Conference,
    Delegate,
    Poll,
    PollCandidate,
    PollParticipation,
    RollEntry,
)
from thidua.conferences.services._roll import delegate_key, roll_entry_for, unit_key

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor


# --- One voter and one poll ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoterStatus:
    """Where the actor stands in a poll, for the ballot page. Advisory only: ``ballot_cast`` re-checks everything.

    ``can_vote`` is true when the ballot should be offered; otherwise ``reason`` says why in Vietnamese (empty when
    the actor has already voted, which ``has_voted`` tells)."""

    can_vote: bool
    has_voted: bool
    reason: str
    seat_label: str
    self_unit_id: int | None
    self_person_id: int | None


def poll_voter_status(*, actor: Actor, poll: Poll) -> VoterStatus:
    """The actor's active seat at the poll's conference, the roll entry it votes on, and whether that entry (the
    seat, or the whole unit when the conference votes per unit) has voted. A constant handful of queries."""
    conference = poll.conference
    if conference is None or actor is None or not actor.is_authenticated:
        return VoterStatus(False, False, _("Bạn không có phiếu trong cuộc biểu quyết này."), "", None, None)
    delegate = (
        Delegate.objects.filter(conference=conference, user_id=actor.pk, is_replaced=False)
        .select_related("unit")
        .first()
    )
    if delegate is None or not delegate.has_vote:
        return VoterStatus(
            False,
            False,
            _("Bạn không phải đại biểu có quyền biểu quyết tại hội nghị này nên không có phiếu."),
            delegate.name if delegate else "",
            None,
            None,
        )
    seat_label = f"{delegate.name} — {delegate.unit.name}" if delegate.unit else delegate.name
    seat = VoterStatus(False, False, "", seat_label, delegate.unit_id, delegate.person_id)
    entry = roll_entry_for(poll, conference, delegate) if poll.status != PollStatus.DRAFT else None
    if entry is not None and PollParticipation.objects.filter(poll=poll, roll_entry=entry).exists():
        return replace(seat, has_voted=True)
    if poll.status != PollStatus.OPEN:
        return replace(seat, reason=_poll_not_open_reason(poll))
    if not delegate.is_checked_in:
        return replace(seat, reason=_("Bạn chưa được điểm danh có mặt tại hội nghị nên chưa bỏ phiếu được."))
    if entry is None:
        return replace(
            seat, reason=_("Bạn (hoặc đơn vị bạn) không có tên trong danh sách cử tri của cuộc biểu quyết này.")
        )
    return replace(seat, can_vote=True)


def _poll_not_open_reason(poll: Poll) -> str:
    if poll.status == PollStatus.DRAFT:
        return _("Cuộc biểu quyết chưa bắt đầu.")
    return _("Cuộc biểu quyết đã kết thúc bỏ phiếu.")


def poll_candidates_list(*, poll: Poll) -> list[PollCandidate]:
    """The ballot's list, in ballot order."""
    return list(PollCandidate.objects.filter(poll=poll).order_by("order", "pk"))


# --- The delegate's landing page -------------------------------------------------------------------------------------


class MyPollState:
    VOTED = "voted"
    NOT_VOTED = "not_voted"
    NOT_ON_ROLL = "not_on_roll"


@dataclass(frozen=True)
class MyPollLine:
    poll: Poll
    state: str

    @property
    def has_voted(self) -> bool:
        return self.state == MyPollState.VOTED


@dataclass(frozen=True)
class MySeat:
    delegate: Delegate
    conference: Conference
    polls: tuple[MyPollLine, ...]


def _seat_keys(delegate: Delegate, basis: str, substitute_for: Mapping[int, int | None]) -> list[str]:
    """The voter keys ``delegate`` votes on, best first: their unit's, or their own seat and the seats they took."""
    if basis == VoteBasis.PER_UNIT:
        return [unit_key(delegate.unit_id)] if delegate.unit_id is not None else []
    chain = [delegate.pk]
    current = substitute_for.get(delegate.pk)
    while current is not None and current not in chain:
        chain.append(current)
        current = substitute_for.get(current)
    return [delegate_key(pk) for pk in chain]


def my_seats_with_open_polls(*, actor: Actor) -> list[MySeat]:
    """The actor's active delegate seats (one per conference), each with the conference's open polls and whether the
    seat — or its unit, when the conference votes per unit — has voted. Four queries, whatever the numbers."""
    if actor is None or not actor.is_authenticated:
        return []
    seats = list(
        Delegate.objects.filter(user_id=actor.pk, is_replaced=False)
        .select_related("conference", "unit")
        .order_by("-conference__held_on", "-conference_id")
    )
    if not seats:
        return []
    conference_ids = [seat.conference_id for seat in seats]
    polls = list(Poll.objects.filter(conference_id__in=conference_ids, status=PollStatus.OPEN).order_by("pk"))
    per_delegate = [s.conference_id for s in seats if s.conference.vote_basis == VoteBasis.PER_DELEGATE]
    substitute_for: dict[int, int | None] = (
        dict(Delegate.objects.filter(conference_id__in=per_delegate).values_list("pk", "substitute_for_id"))
        if per_delegate and polls
        else {}
    )
    keys = {s.pk: _seat_keys(s, s.conference.vote_basis, substitute_for) if s.has_vote else [] for s in seats}
    all_keys = {k for ks in keys.values() for k in ks}
    voted: dict[tuple[int, str], bool] = {}
    if polls and all_keys:
        rows = (
            RollEntry.objects.filter(poll__in=polls, voter_key__in=all_keys)
            .annotate(has_voted=Exists(PollParticipation.objects.filter(roll_entry=OuterRef("pk"))))
            .values_list("poll_id", "voter_key", "has_voted")
        )
        voted = {(poll_id, key): has_voted for poll_id, key, has_voted in rows}
    result = []
    for seat in seats:
        lines = []
        for poll in (p for p in polls if p.conference_id == seat.conference_id):
            found = [voted[(poll.pk, k)] for k in keys[seat.pk] if (poll.pk, k) in voted]
            state = MyPollState.NOT_ON_ROLL
            if found:
                state = MyPollState.VOTED if found[0] else MyPollState.NOT_VOTED
            lines.append(MyPollLine(poll=poll, state=state))
        result.append(MySeat(delegate=seat, conference=seat.conference, polls=tuple(lines)))
    return result


# --- The projector ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressLine:
    """An open or closed poll on the projector: how many of the roll have voted (never who chose what)."""

    poll: Poll
    roll_size: int
    voted_count: int

    @property
    def percent(self) -> int:
        return round(self.voted_count * 100 / self.roll_size) if self.roll_size else 0


@dataclass(frozen=True)
class ResultBar:
    label: str
    votes: int
    against: int
    abstain: int
    share_percent: str
    status: str
    status_label: str
    # Bar widths as whole percents of the base (0-100), for pure HTML/CSS bars.
    votes_width: int
    against_width: int
    abstain_width: int

    @property
    def is_elected(self) -> bool:
        return self.status == CandidateOutcomeStatus.ELECTED

    @property
    def is_tie(self) -> bool:
        return self.status == CandidateOutcomeStatus.TIE


@dataclass(frozen=True)
class PublishedResult:
    poll: Poll
    valid_count: int
    base_count: int
    is_yes_no: bool
    bars: tuple[ResultBar, ...]
    runoff_seats: int | None


@dataclass(frozen=True)
class ProjectorPanel:
    conference: Conference
    agenda: tuple[AgendaItem, ...]
    current_item_id: int | None
    open_polls: tuple[ProgressLine, ...]
    closed_polls: tuple[ProgressLine, ...]
    result: PublishedResult | None


def _count_of(model: type[RollEntry] | type[PollParticipation]) -> Coalesce:
    counted = model.objects.filter(poll=OuterRef("pk")).order_by().values("poll").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _width(count: int, base: int) -> int:
    return max(0, min(100, round(count * 100 / base))) if base else 0


def _result_of(poll: Poll, labels: Mapping[int, str]) -> PublishedResult:
    data: Mapping[str, Any] = poll.result or {}
    base = int(data.get("base_count") or 0)
    is_yes_no = poll.kind == PollKind.YES_NO_ABSTAIN
    rows: Sequence[Mapping[str, Any]] = sorted(
        data.get("candidates", []), key=lambda c: (c.get("rank", 0), labels.get(c["candidate_id"], ""))
    )
    bars = []
    for row in rows:
        status = str(row.get("status", ""))
        try:
            status_label = str(CandidateOutcomeStatus(status).label)
        except ValueError:
            status_label = status
        votes, against, abstain = int(row.get("votes", 0)), int(row.get("against", 0)), int(row.get("abstain", 0))
        bars.append(
            ResultBar(
                label=labels.get(row["candidate_id"], "—"),
                votes=votes,
                against=against,
                abstain=abstain,
                share_percent=str(row.get("share_percent", "")),
                status=status,
                status_label=status_label,
                votes_width=_width(votes, base),
                against_width=_width(against, base),
                abstain_width=_width(abstain, base),
            )
        )
    runoff = data.get("runoff")
    return PublishedResult(
        poll=poll,
        valid_count=int(data.get("valid_count") or 0),
        base_count=base,
        is_yes_no=is_yes_no,
        bars=tuple(bars),
        runoff_seats=int(runoff["seats"]) if runoff else None,
    )


def projector_panel_get(*, conference: Conference) -> ProjectorPanel:
    """What the hall's screen shows: the agenda with its current item, each open poll's "voted / roll", the polls
    being counted, and the latest published result. At most three queries, whatever the number of delegates,
    ballots and polls (the counts are subqueries; the result is the frozen JSON)."""
    agenda = tuple(AgendaItem.objects.filter(conference=conference).order_by("order"))
    polls = list(
        Poll.objects.filter(conference=conference)
        .exclude(status=PollStatus.DRAFT)
        .annotate(roll_size=_count_of(RollEntry), voted_now=_count_of(PollParticipation))
        .order_by("pk")
    )
    open_polls = tuple(
        ProgressLine(poll=p, roll_size=p.roll_size, voted_count=p.voted_now)
        for p in polls
        if p.status == PollStatus.OPEN
    )
    closed_polls = tuple(
        ProgressLine(poll=p, roll_size=p.roll_size, voted_count=p.voted_now)
        for p in polls
        if p.status == PollStatus.CLOSED
    )
    published = [p for p in polls if p.status == PollStatus.PUBLISHED]
    latest = max(published, key=lambda p: (p.published_at is not None, p.published_at, p.pk), default=None)
    result = None
    if latest is not None:
        labels = dict(PollCandidate.objects.filter(poll=latest).values_list("pk", "label"))
        result = _result_of(latest, labels)
    # The current item: the one an open poll is held under, else the last poll's, else none.
    focus = [line.poll for line in open_polls] or polls[::-1]
    current_item_id = next((p.agenda_item_id for p in focus if p.agenda_item_id is not None), None)
    return ProjectorPanel(
        conference=conference,
        agenda=agenda,
        current_item_id=current_item_id,
        open_polls=open_polls,
        closed_polls=closed_polls,
        result=result,
    )


__all__ = [
    "MyPollLine",
    "MyPollState",
    "MySeat",
    "ProgressLine",
    "ProjectorPanel",
    "PublishedResult",
    "ResultBar",
    "VoterStatus",
    "my_seats_with_open_polls",
    "poll_candidates_list",
    "poll_voter_status",
    "projector_panel_get",
]
