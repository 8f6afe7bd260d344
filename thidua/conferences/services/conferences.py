"""Preparing and holding a conference: its creation with the agenda, the opening and closing of the sitting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.conferences.audit import conferences_event
from thidua.conferences.choices import ConferenceStatus, PollStatus, QuorumRule, VoteBasis
from thidua.conferences.errors import ConferenceStateError
from thidua.conferences.models import AgendaItem, Conference
from thidua.conferences.services._common import (
    check_manage,
    check_run,
    conference_lock,
    full_clean_or_refuse,
    invalid,
)
from thidua.emulation.services._common import check_year

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.emulation.models import Bloc
    from thidua.people.models import Person


@dataclass(frozen=True)
class AgendaItemInput:
    title: str
    presenter: str = ""


def _check_quorum(quorum_rule: str, quorum_share: Decimal | None) -> None:
    if quorum_rule not in QuorumRule.values:
        raise invalid("quorum_rule", _("Điều kiện số người dự không hợp lệ."))
    if quorum_rule == QuorumRule.PERCENTAGE and (quorum_share is None or not 0 < quorum_share <= 1):
        raise invalid("quorum_share", _("Tỷ lệ có mặt tối thiểu phải lớn hơn 0 và không quá 1 (ví dụ 0,5)."))


def _agenda_write(conference: Conference, items: Sequence[AgendaItemInput]) -> None:
    AgendaItem.objects.filter(conference=conference).delete()
    rows = []
    for order, item in enumerate(items, start=1):
        title = item.title.strip()
        if not title:
            raise invalid("agenda", _("Mục chương trình số %(order)s chưa có nội dung.") % {"order": order})
        rows.append(AgendaItem(conference=conference, order=order, title=title, presenter=item.presenter.strip()))
    AgendaItem.objects.bulk_create(rows)


def conference_create(
    *,
    actor: User | None,
    bloc: Bloc,
    year: int,
    title: str,
    held_on: dt.date,
    place: str = "",
    chair: Person | None = None,
    co_chair: Person | None = None,
    secretary: Person | None = None,
    vote_basis: str = VoteBasis.PER_UNIT,
    quorum_rule: str = QuorumRule.MORE_THAN_HALF,
    quorum_share: Decimal | None = None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    agenda: Sequence[AgendaItemInput] = (),
) -> Conference:
    """Hội nghị in preparation for a bloc's year, with its agenda. The bloc's secretariat or the province office."""
    check_manage(actor, bloc)
    check_year(year)
    _check_quorum(quorum_rule, quorum_share)
    if vote_basis not in VoteBasis.values:
        raise invalid("vote_basis", _("Cách tính phiếu không hợp lệ."))
    if not title.strip():
        raise invalid("title", _("Vui lòng nhập tên hội nghị."))
    with transaction.atomic():
        conference = Conference(
            bloc=bloc,
            year=year,
            title=title.strip(),
            held_on=held_on,
            place=place.strip(),
            chair=chair,
            co_chair=co_chair,
            secretary=secretary,
            vote_basis=vote_basis,
            quorum_rule=quorum_rule,
            quorum_share=quorum_share if quorum_rule == QuorumRule.PERCENTAGE else None,
            starts_at=starts_at,
            ends_at=ends_at,
            created_by=actor,
        )
        full_clean_or_refuse(conference)
        conference.save()
        _agenda_write(conference, agenda)
        conferences_event(
            "conferences.conference_created",
            actor=actor,
            target=conference,
            after={
                "bloc": bloc.pk,
                "year": year,
                "held_on": held_on.isoformat(),
                "vote_basis": vote_basis,
                "quorum_rule": quorum_rule,
                "agenda": [item.title for item in agenda],
            },
        )
    return conference


def conference_agenda_set(
    *, actor: User | None, conference: Conference, agenda: Sequence[AgendaItemInput]
) -> Conference:
    """Replace the agenda while the conference is in preparation (polls keep their place but lose the item link)."""
    check_run(actor, conference)
    with transaction.atomic():
        locked = conference_lock(conference)
        if locked.status != ConferenceStatus.DRAFT:
            raise ConferenceStateError(_("Hội nghị đã khai mạc: không sửa chương trình được nữa."))
        before = list(locked.agenda_items.values_list("title", flat=True))
        _agenda_write(locked, agenda)
        conferences_event(
            "conferences.agenda_set",
            actor=actor,
            target=locked,
            before={"agenda": before},
            after={"agenda": [item.title for item in agenda]},
        )
    return locked


def conference_start(*, actor: User | None, conference: Conference, now: dt.datetime | None = None) -> Conference:
    """Khai mạc: draft → in session. Polls open only while the conference is in session."""
    check_run(actor, conference)
    now = now or timezone.now()
    with transaction.atomic():
        locked = conference_lock(conference)
        if locked.status != ConferenceStatus.DRAFT:
            raise ConferenceStateError(_("Hội nghị đã khai mạc hoặc đã bế mạc."))
        locked.status = ConferenceStatus.IN_SESSION
        locked.started_at = now
        locked.save(update_fields=["status", "started_at", "updated_at"])
        conferences_event(
            "conferences.conference_started", actor=actor, target=locked, after={"started_at": now.isoformat()}
        )
    return locked


def conference_end(*, actor: User | None, conference: Conference, now: dt.datetime | None = None) -> Conference:
    """Bế mạc: in session → closed. Refused while a poll is still taking ballots."""
    check_run(actor, conference)
    now = now or timezone.now()
    with transaction.atomic():
        locked = conference_lock(conference)
        if locked.status != ConferenceStatus.IN_SESSION:
            raise ConferenceStateError(_("Hội nghị chưa khai mạc hoặc đã bế mạc."))
        if locked.polls.filter(status=PollStatus.OPEN).exists():
            raise ConferenceStateError(_("Còn cuộc biểu quyết đang bỏ phiếu: hãy kết thúc bỏ phiếu trước khi bế mạc."))
        locked.status = ConferenceStatus.CLOSED
        locked.ended_at = now
        locked.save(update_fields=["status", "ended_at", "updated_at"])
        conferences_event(
            "conferences.conference_ended", actor=actor, target=locked, after={"ended_at": now.isoformat()}
        )
    return locked
