"""Shared steps of the conferences services: permission re-checks, locks and state guards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.db.models import Model, Q
from django.utils.translation import gettext as _

from thidua.conferences.choices import ConferenceStatus
from thidua.conferences.errors import ConferenceInvalid, ConferenceNotAllowed, ConferenceStateError, PollStateError
from thidua.conferences.models import Conference, Poll
from thidua.conferences.permissions import can_manage_conferences_of, can_run_conference
from thidua.emulation.models import BlocMembership

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit


def check_manage(actor: User | None, bloc: Bloc) -> None:
    """``actor=None`` is the system (the demo loader); anyone else must be the bloc's secretariat or province office."""
    if actor is not None and not can_manage_conferences_of(actor, bloc=bloc):
        raise ConferenceNotAllowed()


def check_run(actor: User | None, conference: Conference) -> None:
    """The secretariat, the province office, or the conference's chair or co-chair (``actor=None``: the system)."""
    if actor is not None and not can_run_conference(actor, conference=conference):
        raise ConferenceNotAllowed()


def conference_lock(conference: Conference) -> Conference:
    return Conference.objects.select_for_update(of=("self",)).select_related("bloc__province").get(pk=conference.pk)


def poll_lock(poll: Poll) -> Poll:
    """Lock the poll row: every transition, roll freeze, ballot and paper entry of a poll is serialised on it."""
    return Poll.objects.select_for_update(of=("self",)).select_related("conference__bloc__province").get(pk=poll.pk)


def poll_share_lock(poll: Poll) -> Poll:
    """Hold the poll row in share mode for an online vote: votes run side by side, while every transition (close,
    publish) and paper entry, which take ``poll_lock``, waits for the votes in flight and they for it. So no ballot
    is written after the close. PostgreSQL ``FOR SHARE``; elsewhere (SQLite locks the whole database for a write
    anyway) the exclusive lock. Double votes are stopped by the participation's unique constraint, not by this lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {Poll._meta.db_table} WHERE id = %s FOR SHARE", [poll.pk])  # noqa: S608
        return Poll.objects.select_related("conference__bloc__province").get(pk=poll.pk)
    return poll_lock(poll)


def require_poll_status(poll: Poll, *allowed: str) -> None:
    if poll.status not in allowed:
        raise PollStateError(
            _("Cuộc biểu quyết “%(title)s” đang ở trạng thái “%(status)s”: không thực hiện được thao tác này.")
            % {"title": poll.title, "status": poll.get_status_display()}
        )


def require_conference_open(conference: Conference) -> None:
    """Preparation and the sitting may change a conference; a closed one is a record."""
    if conference.status == ConferenceStatus.CLOSED:
        raise ConferenceStateError(_("Hội nghị đã bế mạc: không thay đổi được nữa."))


def poll_conference(poll: Poll) -> Conference:
    """The poll's conference. Polls without a conference (the provincial council's) need a roll provider first."""
    if poll.conference is None:
        raise PollStateError(_("Cuộc biểu quyết chưa gắn với hội nghị nào: chưa có danh sách cử tri."))
    return poll.conference


def member_units_filter(conference: Conference) -> Q:
    """Seats of the conference's bloc in its year that are held on the day of the sitting."""
    return (
        Q(bloc_id=conference.bloc_id, year=conference.year)
        & (Q(joined_on__isnull=True) | Q(joined_on__lte=conference.held_on))
        & (Q(left_on__isnull=True) | Q(left_on__gte=conference.held_on))
    )


def is_member_unit(conference: Conference, unit: Unit) -> bool:
    return BlocMembership.objects.filter(member_units_filter(conference), unit=unit).exists()


def invalid(field: str, message: str) -> ConferenceInvalid:
    return ConferenceInvalid(message, fields={field: [message]})


def full_clean_or_refuse(instance: Model, *, constraints: bool = True) -> None:
    """``full_clean()``, with a refusal the views and the API know how to show (never a bare ValidationError).

    ``constraints=False`` leaves uniqueness to the database, where a race cannot slip past a pre-check."""
    try:
        instance.full_clean(validate_unique=constraints, validate_constraints=constraints)
    except DjangoValidationError as error:
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        raise ConferenceInvalid(fields=fields) from error
