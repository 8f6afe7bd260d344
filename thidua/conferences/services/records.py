"""Confirming the conference's record: the chair (chủ trì) and the secretary (thư ký) confirm the minutes once the
conference has ended, and each poll's vote-count record once its result is published. A confirmation stores the
digest of the content it confirmed; confirming again after a change replaces it (the audit keeps both)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.conferences.audit import conferences_event
from thidua.conferences.choices import ConferenceStatus, PollStatus, RecordDocument, RecordSignatory
from thidua.conferences.errors import ConferenceInvalid, ConferenceNotAllowed, ConferenceStateError
from thidua.conferences.models import Conference, Poll, RecordConfirmation
from thidua.conferences.permissions import can_manage_conferences_of, is_chair_of
from thidua.conferences.selectors_record import conference_minutes, poll_count_record
from thidua.conferences.services._common import conference_lock, poll_lock, require_poll_status

if TYPE_CHECKING:
    from thidua.accounts.models import User


def _check_signatory(actor: User | None, conference: Conference, signatory: str) -> None:
    if signatory not in RecordSignatory.values:
        raise ConferenceInvalid(_("Tư cách xác nhận không hợp lệ."))
    if actor is None:
        return
    if signatory == RecordSignatory.CHAIR and not is_chair_of(actor, conference=conference):
        raise ConferenceNotAllowed(_("Chỉ người chủ trì hội nghị xác nhận biên bản với tư cách chủ trì."))
    if signatory == RecordSignatory.SECRETARY and not can_manage_conferences_of(actor, bloc=conference.bloc):
        raise ConferenceNotAllowed(_("Chỉ thư ký (bộ phận thường trực của khối) xác nhận biên bản với tư cách thư ký."))


def record_confirm(
    *,
    actor: User | None,
    conference: Conference,
    signatory: str,
    poll: Poll | None = None,
    signer_name: str = "",
    now: dt.datetime | None = None,
) -> RecordConfirmation:
    """Confirm the minutes (``poll=None``; the conference must have ended) or a poll's vote-count record (the poll
    must be published), as the chair (``is_chair_of``) or the secretary (the bloc's secretariat). ``signer_name`` is
    for the system only; a user signs with their own name."""
    _check_signatory(actor, conference, signatory)
    now = now or timezone.now()
    with transaction.atomic():
        locked = conference_lock(conference)
        if poll is None:
            if locked.status != ConferenceStatus.CLOSED:
                raise ConferenceStateError(_("Biên bản hội nghị được xác nhận sau khi bế mạc."))
            document = RecordDocument.MINUTES
            digest = conference_minutes(conference=locked).digest
        else:
            if poll.conference_id != locked.pk:
                raise ConferenceInvalid(_("Cuộc biểu quyết không thuộc hội nghị này."))
            locked_poll = poll_lock(poll)
            require_poll_status(locked_poll, PollStatus.PUBLISHED)
            document = RecordDocument.COUNT
            digest = poll_count_record(poll=locked_poll).digest
        name = (actor.full_name or actor.username) if actor is not None else signer_name.strip()
        if not name:
            raise ConferenceInvalid(_("Cần ghi tên người xác nhận."))
        confirmation, created = RecordConfirmation.objects.update_or_create(
            conference=locked,
            poll=poll,
            document=document,
            signatory=signatory,
            defaults={"signer_name": name[:200], "user": actor, "confirmed_at": now, "content_digest": digest},
        )
        conferences_event(
            "conferences.record_confirmed",
            actor=actor,
            target=poll or locked,
            after={"document": document, "signatory": signatory, "digest": digest, "again": not created},
        )
    return confirmation
