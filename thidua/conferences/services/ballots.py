"""Casting a ballot online, and checking a receipt.

``ballot_cast`` writes the participation (who), the ballot and its choices (what) in one transaction under the poll
lock, and nothing that links them: the ballot has a random key, no voter and no time; the participation has no
ballot and no time. It returns the receipt token once; only its digest is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.conferences.audit import conferences_event
from thidua.conferences.choices import BallotChannel, ChoiceValue, PollKind, PollStatus
from thidua.conferences.errors import AlreadyVoted, BallotInvalid, VoteNotAllowed
from thidua.conferences.models import (
    Ballot,
    BallotChoice,
    Delegate,
    NamedVote,
    Poll,
    PollCandidate,
    PollParticipation,
    RollEntry,
)
from thidua.conferences.services._common import poll_conference, poll_share_lock, require_poll_status
from thidua.conferences.services._roll import roll_entry_for
from thidua.conferences.voting.receipts import receipt_digest, receipt_token_new

if TYPE_CHECKING:
    from thidua.accounts.models import User

_FOR = frozenset({ChoiceValue.CHOSEN, ChoiceValue.YES})


@dataclass(frozen=True)
class CastReceipt:
    """What the voter gets back: the receipt token, shown once. Nothing else (no ballot id) leaves the service."""

    token: str


def choices_check(
    poll: Poll,
    choices: Mapping[int, str],
    *,
    self_unit_id: int | None = None,
    self_person_id: int | None = None,
) -> dict[int, PollCandidate]:
    """Validate a ballot's marks (candidate id → value) against the poll: known candidates, values allowed by the
    kind, at most K chosen (or K "yes"), and no vote for oneself unless the poll allows it. Returns the candidates."""
    candidates = {c.pk: c for c in PollCandidate.objects.filter(poll=poll)}
    unknown = [pk for pk in choices if pk not in candidates]
    if unknown:
        raise BallotInvalid(_("Phiếu có lựa chọn không thuộc danh sách của cuộc biểu quyết này."))
    allowed = (
        {ChoiceValue.YES, ChoiceValue.NO, ChoiceValue.ABSTAIN}
        if poll.kind == PollKind.YES_NO_ABSTAIN
        else {ChoiceValue.CHOSEN}
    )
    if any(value not in allowed for value in choices.values()):
        raise BallotInvalid(_("Lựa chọn không phù hợp với hình thức biểu quyết."))
    marked_for = [pk for pk, value in choices.items() if value in _FOR]
    if len(marked_for) > poll.max_choices:
        raise BallotInvalid(
            _("Chỉ được chọn tối đa %(k)s; phiếu đang chọn %(count)s.")
            % {"k": poll.max_choices, "count": len(marked_for)}
        )
    if not poll.allows_self_vote:
        for pk in marked_for:
            candidate = candidates[pk]
            is_self = (self_unit_id is not None and candidate.unit_id == self_unit_id) or (
                self_person_id is not None and candidate.person_id == self_person_id
            )
            if is_self:
                raise BallotInvalid(
                    _("Cuộc biểu quyết này không cho phép bỏ phiếu cho chính mình hoặc đơn vị mình (%(name)s).")
                    % {"name": candidate.label}
                )
    return candidates


def _voter_resolve(actor: User, poll: Poll) -> tuple[Delegate, RollEntry]:
    """The actor's active voting delegate seat at the poll's conference, present, and the roll entry it votes on."""
    conference = poll_conference(poll)
    delegate = (
        Delegate.objects.filter(conference=conference, user_id=actor.pk, is_replaced=False, has_vote=True)
        .select_related("unit")
        .first()
    )
    if delegate is None:
        raise VoteNotAllowed()
    if not delegate.is_checked_in:
        raise VoteNotAllowed(_("Bạn chưa được điểm danh có mặt tại hội nghị nên chưa bỏ phiếu được."))
    entry = roll_entry_for(poll, conference, delegate)
    if entry is None:
        raise VoteNotAllowed(_("Bạn (hoặc đơn vị bạn) không có tên trong danh sách cử tri của cuộc biểu quyết này."))
    return delegate, entry


def participation_record(poll: Poll, entry: RollEntry, channel: str) -> PollParticipation:
    """Mark ``entry`` as having voted; the database's unique constraint refuses a second time (caller holds the lock
    and the transaction). The pre-check gives the clear message; the constraint is the guarantee."""
    if PollParticipation.objects.filter(poll=poll, roll_entry=entry).exists():
        raise AlreadyVoted()
    try:
        with transaction.atomic():
            return PollParticipation.objects.create(poll=poll, roll_entry=entry, channel=channel)
    except IntegrityError as error:
        raise AlreadyVoted() from error


def ballot_store(poll: Poll, choices: Mapping[int, str], *, channel: str, is_valid: bool, digest: str | None) -> None:
    """Write one anonymous ballot and its marks. Returns nothing on purpose: no caller ever holds a ballot's id."""
    ballot = Ballot.objects.create(poll=poll, receipt_digest=digest, channel=channel, is_valid=is_valid)
    if is_valid:
        BallotChoice.objects.bulk_create(
            [BallotChoice(ballot=ballot, candidate_id=pk, value=value) for pk, value in sorted(choices.items())]
        )


def ballot_cast(*, actor: User, poll: Poll, choices: Mapping[int, str]) -> CastReceipt:
    """Bỏ phiếu trực tuyến: the actor votes for their own seat (one vote per delegate) or their unit (one vote per
    unit), once. ``choices`` maps candidate ids to ``ChoiceValue``; an empty mapping is a blank, valid ballot.

    Refusals: ``PollStateError`` unless the poll is open; ``VoteNotAllowed`` for anyone who is not a present,
    voting delegate on the roll; ``AlreadyVoted`` for a second vote of the same voter (online or paper);
    ``BallotInvalid`` for an unknown candidate, more than K marks, or a vote for oneself where not allowed.
    """
    token = receipt_token_new()
    with transaction.atomic():
        locked = poll_share_lock(poll)
        require_poll_status(locked, PollStatus.OPEN)
        delegate, entry = _voter_resolve(actor, locked)
        if PollParticipation.objects.filter(poll=locked, roll_entry=entry).exists():
            raise AlreadyVoted()
        choices_check(locked, choices, self_unit_id=delegate.unit_id, self_person_id=delegate.person_id)
        participation_record(locked, entry, BallotChannel.ONLINE)
        ballot_store(locked, choices, channel=BallotChannel.ONLINE, is_valid=True, digest=receipt_digest(token))
        if not locked.is_secret:
            NamedVote.objects.bulk_create(
                [
                    NamedVote(poll=locked, roll_entry=entry, candidate_id=pk, value=value)
                    for pk, value in sorted(choices.items())
                ]
            )
        conferences_event(
            "conferences.ballot_cast", actor=actor, target=locked, after={"channel": BallotChannel.ONLINE}
        )
    return CastReceipt(token=token)


def receipt_check(*, poll: Poll, token: str) -> bool:
    """Was a ballot with this receipt counted in ``poll``? Answers yes or no and nothing else: not the choices, not
    the voter. Only the holder of the token can ask meaningfully."""
    if not token or not token.strip():
        return False
    return Ballot.objects.filter(poll=poll, receipt_digest=receipt_digest(token)).exists()
