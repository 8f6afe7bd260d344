"""Counting a poll: the ballot figures of the count record, the tally's inputs, and the storage reseal at close."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from thidua.conferences.choices import BallotChannel, PaperSheetStatus
from thidua.conferences.models import Ballot, BallotChoice, PaperSheet, Poll, PollCandidate, PollParticipation
from thidua.conferences.voting.tally import Mark, TallyInput, TallyRules


def ballot_figures_refresh(poll: Poll) -> None:
    """Set the poll's ballot and paper figures from the tables (caller holds the poll lock and saves)."""
    by_kind: dict[tuple[str, bool], int] = {
        (row["channel"], row["is_valid"]): row["n"]
        for row in Ballot.objects.filter(poll=poll).values("channel", "is_valid").annotate(n=Count("id"))
    }
    sheets = {
        row["status"]: row["n"] for row in PaperSheet.objects.filter(poll=poll).values("status").annotate(n=Count("id"))
    }
    poll.ballots_cast = sum(by_kind.values())
    poll.ballots_valid = sum(n for (_channel, valid), n in by_kind.items() if valid)
    poll.ballots_invalid = poll.ballots_cast - poll.ballots_valid
    poll.online_cast = sum(n for (channel, _valid), n in by_kind.items() if channel == BallotChannel.ONLINE)
    poll.paper_cast = sum(n for (channel, _valid), n in by_kind.items() if channel == BallotChannel.PAPER)
    poll.paper_issued = sum(sheets.values())
    poll.paper_spoiled = sheets.get(PaperSheetStatus.SPOILED, 0)
    poll.paper_unused = sheets.get(PaperSheetStatus.UNUSED, 0)
    poll.voted_count = PollParticipation.objects.filter(poll=poll).count()


FIGURE_FIELDS = [
    "voted_count",
    "ballots_cast",
    "ballots_valid",
    "ballots_invalid",
    "online_cast",
    "paper_issued",
    "paper_cast",
    "paper_spoiled",
    "paper_unused",
]


def tally_input(poll: Poll) -> TallyInput:
    """The tally's inputs from the valid ballots (two queries); ``entitled_count``/``present_count`` from the close."""
    candidate_ids = tuple(PollCandidate.objects.filter(poll=poll).order_by("order").values_list("pk", flat=True))
    marks: dict[object, list[Mark]] = {
        ballot_id: [] for ballot_id in Ballot.objects.filter(poll=poll, is_valid=True).values_list("id", flat=True)
    }
    grouped: defaultdict[object, list[Mark]] = defaultdict(list, marks)
    for ballot_id, candidate_id, value in BallotChoice.objects.filter(
        ballot__poll=poll, ballot__is_valid=True
    ).values_list("ballot_id", "candidate_id", "value"):
        grouped[ballot_id].append(Mark(candidate_id=candidate_id, value=value))
    return TallyInput(
        candidate_ids=candidate_ids,
        ballots=tuple(tuple(ballot) for ballot in grouped.values()),
        roll_size=poll.entitled_count or 0,
        present_count=poll.present_count or 0,
        rules=TallyRules(
            kind=poll.kind,
            max_choices=poll.max_choices,
            majority_rule=poll.majority_rule,
            percentage_base=poll.percentage_base,
            majority_share=poll.majority_share,
        ),
    )


def ballots_reseal(poll: Poll) -> None:
    """Rewrite the poll's ballots and choices in UUID order (caller holds the poll lock, after the last online ballot).

    While a poll is open, the storage engine itself keeps traces of insertion order that no column shows: the
    physical position of rows (PostgreSQL ``ctid``, SQLite ``rowid``) and, on PostgreSQL, the id of the transaction
    that wrote each row (``xmin``), shared by a ballot and the participation written with it. Re-inserting every
    ballot in UUID order inside the closing transaction replaces both with values unrelated to casting order
    (old row versions remain only until PostgreSQL's VACUUM). See ``voting/README.md``.
    """
    ballots = list(Ballot.objects.filter(poll=poll).order_by("id"))
    choices = list(BallotChoice.objects.filter(ballot__poll=poll).order_by("ballot_id", "candidate_id"))
    BallotChoice.objects.filter(ballot__poll=poll).delete()
    Ballot.objects.filter(poll=poll).delete()
    Ballot.objects.bulk_create(
        [
            Ballot(id=b.id, poll_id=b.poll_id, receipt_digest=b.receipt_digest, channel=b.channel, is_valid=b.is_valid)
            for b in ballots
        ]
    )
    BallotChoice.objects.bulk_create(
        [BallotChoice(ballot_id=c.ballot_id, candidate_id=c.candidate_id, value=c.value) for c in choices]
    )
