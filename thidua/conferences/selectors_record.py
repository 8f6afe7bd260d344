"""The conference's record, read from the sitting: the minutes (biên bản hội nghị) and each poll's vote-count record
(biên bản kiểm phiếu). Numbers only — who attended, who voted, how many chose what — never who chose what.

Each record has a content digest (SHA-256 of its canonical JSON): a confirmation stores the digest it confirmed, so a
record that changed afterwards shows as "changed since confirmation". A constant number of queries whatever the size
of the conference (asserted in the tests).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from thidua.conferences.choices import (
    CandidateOutcomeStatus,
    MajorityRule,
    PollKind,
    PollStatus,
    QuorumRule,
    RecordDocument,
    RecordSignatory,
)
from thidua.conferences.models import Conference, Delegate, Poll, PollCandidate, RecordConfirmation
from thidua.conferences.services._common import member_units_filter
from thidua.emulation.models import BlocMembership
from thidua.people.models import Person


@dataclass(frozen=True)
class AttendanceLine:
    unit: str
    present: tuple[str, ...]
    absent: tuple[str, ...]

    @property
    def is_present(self) -> bool:
        return bool(self.present)


@dataclass(frozen=True)
class ResultLine:
    label: str
    votes: int
    against: int
    abstain: int
    share_percent: str
    status: str
    status_label: str

    @property
    def is_elected(self) -> bool:
        return self.status == CandidateOutcomeStatus.ELECTED


@dataclass(frozen=True)
class PollRecord:
    poll_id: int
    title: str
    kind: str
    kind_label: str
    rules: str
    is_secret: bool
    status_label: str
    is_published: bool
    entitled: int | None
    present: int | None
    voted: int | None
    ballots_cast: int | None
    ballots_valid: int | None
    ballots_invalid: int | None
    online_cast: int | None
    paper_issued: int | None
    paper_cast: int | None
    paper_spoiled: int | None
    paper_unused: int | None
    base_count: int | None
    results: tuple[ResultLine, ...]
    outcome: str
    opened_at: str
    closed_at: str


@dataclass(frozen=True)
class MinutesContent:
    title: str
    bloc: str
    year: int
    held_on: str
    place: str
    chair: str
    co_chair: str
    secretary: str
    vote_basis: str
    quorum_rule: str
    member_count: int
    present_count: int
    attendance: tuple[AttendanceLine, ...]
    guests: tuple[str, ...]
    agenda: tuple[str, ...]
    polls: tuple[PollRecord, ...]
    started_at: str
    ended_at: str
    is_closed: bool


@dataclass(frozen=True)
class ConfirmationLine:
    signatory: str
    signatory_label: str
    signer_name: str
    confirmed_at: dt.datetime
    is_current: bool


@dataclass(frozen=True)
class Record:
    """A record with its digest and its confirmations (chair, secretary)."""

    content: MinutesContent | PollRecord
    digest: str
    confirmations: tuple[ConfirmationLine, ...]

    @property
    def is_confirmed(self) -> bool:
        """Both the chair and the secretary confirmed this very content."""
        current = {c.signatory for c in self.confirmations if c.is_current}
        return current >= {RecordSignatory.CHAIR, RecordSignatory.SECRETARY}


def content_digest(content: MinutesContent | PollRecord) -> str:
    payload = json.dumps(asdict(content), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _when(value: dt.datetime | None) -> str:
    return formats.date_format(value, "H:i d/m/Y") if value else ""


def _rules(poll: Poll) -> str:
    parts = []
    if poll.kind != PollKind.YES_NO_ABSTAIN:
        parts.append(_("chọn tối đa %(k)s") % {"k": poll.max_choices})
    parts.append(poll.get_majority_rule_display())
    if poll.majority_rule == MajorityRule.PERCENTAGE and poll.majority_share is not None:
        parts.append(f"{(poll.majority_share * 100).normalize():f}%")
    if poll.majority_rule != MajorityRule.SIMPLE:
        parts.append(_("trên %(base)s") % {"base": poll.get_percentage_base_display().lower()})
    parts.append(_("bỏ phiếu kín") if poll.is_secret else _("biểu quyết công khai"))
    return "; ".join(str(p) for p in parts)


def _outcome(poll: Poll, elected: list[str], conference: Conference) -> str:
    if poll.status != PollStatus.PUBLISHED:
        return ""
    if poll.result.get("runoff"):
        return _("Có trường hợp bằng phiếu: phải bầu lại.")
    if not elected:
        return _("Không có ứng cử viên nào đạt yêu cầu.")
    names = ", ".join(elected)
    if poll.kind == PollKind.ELECTION and poll.office:
        return _("%(office)s năm %(year)s: %(names)s.") % {
            "office": poll.get_office_display(),
            "year": conference.year + 1,
            "names": names,
        }
    if poll.award_title is not None:
        return _("Đề nghị tặng %(title)s: %(names)s.") % {"title": poll.award_title.name, "names": names}
    return _("Trúng cử: %(names)s.") % {"names": names}


def _poll_record(poll: Poll, candidates: list[PollCandidate], conference: Conference) -> PollRecord:
    labels = {c.pk: c.label for c in candidates}
    status_labels = dict(CandidateOutcomeStatus.choices)
    lines = tuple(
        ResultLine(
            label=labels.get(line["candidate_id"], "?"),
            votes=line["votes"],
            against=line["against"],
            abstain=line["abstain"],
            share_percent=line["share_percent"],
            status=line["status"],
            status_label=str(status_labels.get(line["status"], line["status"])),
        )
        for line in poll.result.get("candidates", [])
    )
    elected = [line.label for line in lines if line.is_elected]
    return PollRecord(
        poll_id=poll.pk,
        title=poll.title,
        kind=poll.kind,
        kind_label=str(poll.get_kind_display()),
        rules=_rules(poll),
        is_secret=poll.is_secret,
        status_label=str(poll.get_status_display()),
        is_published=poll.status == PollStatus.PUBLISHED,
        entitled=poll.entitled_count,
        present=poll.present_count,
        voted=poll.voted_count,
        ballots_cast=poll.ballots_cast,
        ballots_valid=poll.ballots_valid,
        ballots_invalid=poll.ballots_invalid,
        online_cast=poll.online_cast,
        paper_issued=poll.paper_issued,
        paper_cast=poll.paper_cast,
        paper_spoiled=poll.paper_spoiled,
        paper_unused=poll.paper_unused,
        base_count=poll.result.get("base_count"),
        results=lines,
        outcome=_outcome(poll, elected, conference),
        opened_at=_when(poll.opened_at),
        closed_at=_when(poll.closed_at),
    )


def _confirmations(rows: list[RecordConfirmation], digest: str) -> tuple[ConfirmationLine, ...]:
    labels = dict(RecordSignatory.choices)
    return tuple(
        ConfirmationLine(
            signatory=row.signatory,
            signatory_label=str(labels[row.signatory]),
            signer_name=row.signer_name,
            confirmed_at=row.confirmed_at,
            is_current=row.content_digest == digest,
        )
        for row in sorted(rows, key=lambda r: r.signatory)
    )


def _counted_polls(conference: Conference) -> tuple[list[Poll], dict[int, list[PollCandidate]]]:
    polls = list(
        Poll.objects.filter(conference=conference, status__in=(PollStatus.CLOSED, PollStatus.PUBLISHED))
        .select_related("award_title")
        .order_by("id")
    )
    candidates: dict[int, list[PollCandidate]] = defaultdict(list)
    for candidate in PollCandidate.objects.filter(poll__in=polls).order_by("poll_id", "order"):
        candidates[candidate.poll_id].append(candidate)
    return polls, candidates


def conference_minutes(*, conference: Conference) -> Record:
    """The minutes of the sitting: attendance by member unit, guests, quorum, agenda, and each counted poll."""
    seats = list(
        BlocMembership.objects.filter(member_units_filter(conference)).select_related("unit").order_by("unit__name")
    )
    delegates = list(Delegate.objects.filter(conference=conference, is_replaced=False).order_by("name", "id"))
    by_unit: dict[int | None, list[Delegate]] = defaultdict(list)
    for delegate in delegates:
        by_unit[delegate.unit_id].append(delegate)

    def named(delegate: Delegate) -> str:
        return f"{delegate.name}, {delegate.position}" if delegate.position else delegate.name

    attendance = tuple(
        AttendanceLine(
            unit=seat.unit.name,
            present=tuple(named(d) for d in by_unit[seat.unit_id] if d.has_vote and d.is_checked_in),
            absent=tuple(named(d) for d in by_unit[seat.unit_id] if d.has_vote and not d.is_checked_in),
        )
        for seat in seats
    )
    member_ids = {seat.unit_id for seat in seats}
    guests = tuple(named(d) for d in delegates if (not d.has_vote or d.unit_id not in member_ids) and d.is_checked_in)
    chair_ids = [pk for pk in (conference.chair_id, conference.co_chair_id, conference.secretary_id) if pk]
    people = dict(Person.objects.filter(pk__in=chair_ids).values_list("pk", "full_name")) if chair_ids else {}
    polls, candidates = _counted_polls(conference)
    quorum = conference.get_quorum_rule_display()
    if conference.quorum_rule == QuorumRule.PERCENTAGE and conference.quorum_share is not None:
        quorum = f"{quorum} ({(conference.quorum_share * 100).normalize():f}%)"
    content = MinutesContent(
        title=conference.title,
        bloc=conference.bloc.name,
        year=conference.year,
        held_on=formats.date_format(conference.held_on, "d/m/Y"),
        place=conference.place,
        chair=people.get(conference.chair_id or 0, ""),
        co_chair=people.get(conference.co_chair_id or 0, ""),
        secretary=people.get(conference.secretary_id or 0, ""),
        vote_basis=str(conference.get_vote_basis_display()),
        quorum_rule=str(quorum),
        member_count=len(seats),
        present_count=sum(1 for line in attendance if line.is_present),
        attendance=attendance,
        guests=guests,
        agenda=tuple(item.title for item in conference.agenda_items.order_by("order")),
        polls=tuple(_poll_record(poll, candidates[poll.pk], conference) for poll in polls),
        started_at=_when(conference.started_at),
        ended_at=_when(conference.ended_at),
        is_closed=conference.status == "closed",
    )
    digest = content_digest(content)
    rows = list(RecordConfirmation.objects.filter(conference=conference, document=RecordDocument.MINUTES))
    return Record(content=content, digest=digest, confirmations=_confirmations(rows, digest))


def poll_count_record(*, poll: Poll) -> Record:
    """The vote-count record of one closed or published poll."""
    conference = poll.conference
    assert conference is not None  # noqa: S101  (conference polls only; selectors check access first)
    candidates = list(PollCandidate.objects.filter(poll=poll).order_by("order"))
    content = _poll_record(poll, candidates, conference)
    digest = content_digest(content)
    rows = list(RecordConfirmation.objects.filter(poll=poll, document=RecordDocument.COUNT))
    return Record(content=content, digest=digest, confirmations=_confirmations(rows, digest))
