from thidua.conferences.services.ballots import CastReceipt, ballot_cast, receipt_check
from thidua.conferences.services.conferences import (
    AgendaItemInput,
    conference_agenda_set,
    conference_create,
    conference_end,
    conference_start,
)
from thidua.conferences.services.delegates import delegate_add, delegate_check_in, delegate_substitute
from thidua.conferences.services.paper import (
    paper_ballot_enter,
    paper_ballot_hand_out,
    paper_ballots_issue,
    paper_sheet_mark,
)
from thidua.conferences.services.polls import (
    Blocker,
    BlockerCode,
    CandidateInput,
    poll_candidates_set,
    poll_close,
    poll_create,
    poll_open,
    poll_open_blockers,
    poll_publish,
    poll_runoff_create,
)
from thidua.conferences.services.records import record_confirm
from thidua.conferences.services.results import ResultApplied, poll_result_apply

__all__ = [
    "AgendaItemInput",
    "Blocker",
    "BlockerCode",
    "CandidateInput",
    "CastReceipt",
    "ResultApplied",
    "ballot_cast",
    "conference_agenda_set",
    "conference_create",
    "conference_end",
    "conference_start",
    "delegate_add",
    "delegate_check_in",
    "delegate_substitute",
    "paper_ballot_enter",
    "paper_ballot_hand_out",
    "paper_ballots_issue",
    "paper_sheet_mark",
    "poll_candidates_set",
    "poll_close",
    "poll_create",
    "poll_open",
    "poll_open_blockers",
    "poll_publish",
    "poll_result_apply",
    "poll_runoff_create",
    "receipt_check",
    "record_confirm",
]
