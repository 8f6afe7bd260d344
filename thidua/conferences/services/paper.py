"""Paper and hybrid voting: numbered paper ballots, handing one to a present voter (who then cannot vote online),
the tellers' entry of each ballot from the box (ban kiểm phiếu), and spoiled or unused sheets.

Handing out and entering are separate steps on purpose, as at a real ballot box: the desk records *who* collected a
ballot, never its number; the tellers record *what* a numbered ballot says, never whose it was. Integrity holds by
count: no more ballots handed out than sheets usable (issued − spoiled − unused), no more ballots entered than
handed out, each number entered once, and publication requires issued = cast + spoiled + unused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from thidua.conferences.audit import conferences_event
from thidua.conferences.choices import BallotChannel, PaperSheetStatus, PollStatus
from thidua.conferences.errors import BallotInvalid, PollStateError, VoteNotAllowed
from thidua.conferences.models import Ballot, PaperSheet, Poll, PollParticipation, RollEntry
from thidua.conferences.services._common import check_run, invalid, poll_conference, poll_lock, require_poll_status
from thidua.conferences.services._count import FIGURE_FIELDS, ballot_figures_refresh
from thidua.conferences.services._roll import present_voter_keys
from thidua.conferences.services.ballots import ballot_store, choices_check, participation_record

if TYPE_CHECKING:
    from thidua.accounts.models import User

MAX_SHEETS_PER_ISSUE = 1000


def _usable_sheets(poll: Poll) -> int:
    return (
        PaperSheet.objects.filter(poll=poll)
        .exclude(status__in=(PaperSheetStatus.SPOILED, PaperSheetStatus.UNUSED))
        .count()
    )


def _paper_voters(poll: Poll) -> int:
    return PollParticipation.objects.filter(poll=poll, channel=BallotChannel.PAPER).count()


def paper_ballots_issue(*, actor: User | None, poll: Poll, count: int) -> list[int]:
    """Print ``count`` more numbered paper ballots (numbering continues); before or during voting."""
    conference = poll_conference(poll)
    check_run(actor, conference)
    if not 1 <= count <= MAX_SHEETS_PER_ISSUE:
        raise invalid("count", _("Số phiếu in mỗi lần phải từ 1 đến %(max)s.") % {"max": MAX_SHEETS_PER_ISSUE})
    with transaction.atomic():
        locked = poll_lock(poll)
        require_poll_status(locked, PollStatus.DRAFT, PollStatus.OPEN)
        last = PaperSheet.objects.filter(poll=locked).aggregate(last=Max("serial"))["last"] or 0
        serials = list(range(last + 1, last + count + 1))
        PaperSheet.objects.bulk_create([PaperSheet(poll=locked, serial=s) for s in serials])
        conferences_event(
            "conferences.paper_ballots_issued",
            actor=actor,
            target=locked,
            after={"from": serials[0], "to": serials[-1], "count": count},
        )
    return serials


def paper_ballot_hand_out(*, actor: User | None, poll: Poll, roll_entry: RollEntry) -> None:
    """The desk hands a paper ballot to a present voter of the roll: the voter is marked as having voted on paper
    and can no longer vote online (nor collect a second ballot). Which numbered sheet they got is not recorded."""
    conference = poll_conference(poll)
    check_run(actor, conference)
    with transaction.atomic():
        locked = poll_lock(poll)
        require_poll_status(locked, PollStatus.OPEN)
        if roll_entry.poll_id != locked.pk:
            raise VoteNotAllowed(_("Cử tri này không có tên trong danh sách của cuộc biểu quyết."))
        if roll_entry.voter_key not in present_voter_keys(locked, conference):
            raise VoteNotAllowed(_("Cử tri chưa được điểm danh có mặt: không phát phiếu (không bỏ phiếu thay)."))
        if _paper_voters(locked) >= _usable_sheets(locked):
            raise PollStateError(_("Đã hết phiếu giấy: hãy in thêm phiếu trước khi phát."))
        participation_record(locked, roll_entry, BallotChannel.PAPER)
        conferences_event(
            "conferences.paper_ballot_handed_out",
            actor=actor,
            target=locked,
            after={"voter": roll_entry.label, "channel": BallotChannel.PAPER},
        )


def _sheet_lock(poll: Poll, serial: int) -> PaperSheet:
    sheet = PaperSheet.objects.select_for_update(of=("self",)).filter(poll=poll, serial=serial).first()
    if sheet is None:
        raise invalid("serial", _("Không có phiếu số %(serial)s của cuộc biểu quyết này.") % {"serial": serial})
    if sheet.status != PaperSheetStatus.ISSUED:
        raise invalid(
            "serial",
            _("Phiếu số %(serial)s đã được ghi nhận (%(status)s).")
            % {"serial": serial, "status": sheet.get_status_display()},
        )
    return sheet


def paper_ballot_enter(
    *, actor: User | None, poll: Poll, serial: int, choices: Mapping[int, str], is_valid: bool = True
) -> None:
    """The tellers enter one paper ballot from the box, by its number: its marks, or ``is_valid=False`` for a ballot
    the count rules invalid (its marks are not stored). While voting is open or after the close, until publication.
    A vote for oneself cannot be checked on an anonymous paper ballot; everything else is checked as online."""
    conference = poll_conference(poll)
    check_run(actor, conference)
    with transaction.atomic():
        locked = poll_lock(poll)
        require_poll_status(locked, PollStatus.OPEN, PollStatus.CLOSED)
        sheet = _sheet_lock(locked, serial)
        if Ballot.objects.filter(poll=locked, channel=BallotChannel.PAPER).count() >= _paper_voters(locked):
            raise PollStateError(_("Số phiếu giấy nhập vào đã bằng số phiếu phát cho cử tri: không nhập thêm được."))
        if is_valid:
            try:
                choices_check(locked, choices)
            except BallotInvalid as error:
                raise BallotInvalid(
                    _("%(reason)s Nếu phiếu giấy ghi sai như vậy, hãy nhập là phiếu không hợp lệ.")
                    % {"reason": error.message}
                ) from error
        ballot_store(locked, choices, channel=BallotChannel.PAPER, is_valid=is_valid, digest=None)
        sheet.status = PaperSheetStatus.CAST
        sheet.save(update_fields=["status"])
        if locked.status == PollStatus.CLOSED:
            ballot_figures_refresh(locked)
            locked.save(update_fields=[*FIGURE_FIELDS, "updated_at"])
        conferences_event(
            "conferences.paper_ballot_entered",
            actor=actor,
            target=locked,
            after={"serial": serial, "is_valid": is_valid},
        )


def paper_sheet_mark(*, actor: User | None, poll: Poll, serial: int, status: str) -> None:
    """Record a numbered sheet as spoiled (hỏng, e.g. exchanged by a voter) or unused (not handed out, or not
    returned), so that the count reconciles. While voting is open, never below the number of ballots handed out."""
    conference = poll_conference(poll)
    check_run(actor, conference)
    if status not in (PaperSheetStatus.SPOILED, PaperSheetStatus.UNUSED):
        raise invalid("status", _("Chỉ ghi được phiếu hỏng hoặc phiếu không sử dụng."))
    with transaction.atomic():
        locked = poll_lock(poll)
        require_poll_status(locked, PollStatus.DRAFT, PollStatus.OPEN, PollStatus.CLOSED)
        sheet = _sheet_lock(locked, serial)
        # While voting, a sheet may be in a voter's hands; after the close, one never returned is recorded unused.
        if locked.status == PollStatus.OPEN and _usable_sheets(locked) - 1 < _paper_voters(locked):
            raise PollStateError(
                _("Số phiếu còn lại sẽ ít hơn số phiếu đã phát cho cử tri: phiếu này phải được thu về và nhập.")
            )
        sheet.status = status
        sheet.save(update_fields=["status"])
        if locked.status == PollStatus.CLOSED:
            ballot_figures_refresh(locked)
            locked.save(update_fields=[*FIGURE_FIELDS, "updated_at"])
        conferences_event(
            "conferences.paper_sheet_marked", actor=actor, target=locked, after={"serial": serial, "status": status}
        )
