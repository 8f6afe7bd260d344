from thidua.conferences.models.ballots import Ballot, BallotChoice, NamedVote, PollParticipation
from thidua.conferences.models.conferences import AgendaItem, Conference, Delegate
from thidua.conferences.models.polls import PaperSheet, Poll, PollCandidate, RollEntry
from thidua.conferences.models.records import RecordConfirmation

__all__ = [
    "AgendaItem",
    "Ballot",
    "BallotChoice",
    "Conference",
    "Delegate",
    "NamedVote",
    "PaperSheet",
    "Poll",
    "PollCandidate",
    "PollParticipation",
    "RecordConfirmation",
    "RollEntry",
]
