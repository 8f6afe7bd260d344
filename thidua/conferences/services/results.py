"""Results flow on (issue 7, point 7): a published poll's elected candidates become nominations in the bloc's
proposal dossier (bình xét, suy tôn → hồ sơ đề nghị, awards) or next year's Khối trưởng / Khối phó (emulation).

``poll_result_apply`` runs once per poll, inside one transaction, through the owning apps' services (so their
permission checks, locks and audit records apply): ``dossier_create`` and ``nomination_add`` of awards,
``bloc_year_copy_from_previous`` and ``bloc_member_set_role`` of emulation. The vote figures travel with each
nomination (its achievement summary) and in the audit record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from thidua.awards.models import Dossier, DossierStatus, Nomination
from thidua.awards.rules.quotas import DECISION_AUTHORITY
from thidua.awards.services import dossier_create, nomination_add
from thidua.conferences.audit import conferences_event
from thidua.conferences.choices import CandidateOutcomeStatus, PollKind, PollOffice, PollStatus
from thidua.conferences.errors import PollStateError
from thidua.conferences.models import Conference, Poll, PollCandidate
from thidua.conferences.services._common import check_run, poll_conference, poll_lock, require_poll_status
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import BlocMembership
from thidua.emulation.services import bloc_member_set_role, bloc_year_copy_from_previous

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.awards.models import Title
    from thidua.organizations.models import Unit

_EDITABLE = (DossierStatus.DRAFT, DossierStatus.RETURNED)  # as Dossier.is_editable


@dataclass(frozen=True)
class ResultApplied:
    """What a poll's result led to: the dossier and the nominations added (honouring polls), or the seats whose role
    was set for next year (elections). ``skipped`` names elected units already in the dossier for that title."""

    poll: Poll
    dossier: Dossier | None = None
    nominations: tuple[Nomination, ...] = ()
    seats: tuple[BlocMembership, ...] = ()
    skipped: tuple[str, ...] = field(default_factory=tuple)


def _elected(poll: Poll) -> list[tuple[PollCandidate, dict[str, Any]]]:
    lines = {line["candidate_id"]: line for line in poll.result.get("candidates", [])}
    elected_ids = [cid for cid, line in lines.items() if line["status"] == CandidateOutcomeStatus.ELECTED]
    candidates = PollCandidate.objects.filter(pk__in=elected_ids).select_related("unit").order_by("order")
    return [(candidate, lines[candidate.pk]) for candidate in candidates]


def _figures(line: dict[str, Any], poll: Poll) -> str:
    return _("%(votes)s/%(base)s phiếu (%(percent)s%%)") % {
        "votes": line["votes"],
        "base": poll.result.get("base_count", 0),
        "percent": line["share_percent"] or "0",
    }


def awarding_body_for(title: Title, conference: Conference) -> str:
    """Who decides the title (R26), named with the province ("Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam")."""
    authority = DECISION_AUTHORITY.get(title.code, "")
    if not authority:
        return ""
    province = conference.bloc.province
    return f"{authority} {province.short_name or province.name}" if authority.endswith(" tỉnh") else authority


def _bloc_dossier(actor: User | None, conference: Conference, title: Title, now: dt.datetime) -> Dossier:
    """The bloc's editable dossier of the conference's year for the title's awarding body, or a new one."""
    awarding_body = awarding_body_for(title, conference)
    existing = (
        Dossier.objects.filter(bloc=conference.bloc, year=conference.year, status__in=_EDITABLE)
        .filter(awarding_body=awarding_body)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    return dossier_create(
        actor=actor,
        year=conference.year,
        reference_date=max(conference.held_on, dt.date(conference.year + 1, 1, 1)),
        awarding_body=awarding_body or conference.bloc.name,
        bloc=conference.bloc,
        now=now,
    )


def _apply_honouring(actor: User | None, poll: Poll, conference: Conference, now: dt.datetime) -> ResultApplied:
    title = poll.award_title
    assert title is not None  # noqa: S101  (checked by the caller)
    dossier = _bloc_dossier(actor, conference, title, now)
    already = set(
        Nomination.objects.filter(dossier=dossier, title=title, unit__isnull=False).values_list("unit_id", flat=True)
    )
    added: list[Nomination] = []
    skipped: list[str] = []
    held_on = formats.date_format(conference.held_on, "d/m/Y")
    for candidate, line in _elected(poll):
        unit: Unit | None = candidate.unit
        if unit is None:
            continue
        if unit.pk in already:
            skipped.append(candidate.label)
            continue
        summary = _(
            "Được %(bloc)s bình xét, suy tôn đề nghị tặng %(title)s tại %(conference)s ngày %(day)s "
            "(bỏ phiếu kín: %(figures)s)."
        ) % {
            "bloc": conference.bloc.name,
            "title": title.name,
            "conference": conference.title,
            "day": held_on,
            "figures": _figures(line, poll),
        }
        result = nomination_add(
            actor=actor,
            dossier=dossier,
            title=title,
            unit=unit,
            achievement_summary=summary,
            achievement_key=f"hoi-nghi-{conference.pk}-{unit.code}",
            now=now,
        )
        added.append(result.nomination)
    return ResultApplied(poll=poll, dossier=dossier, nominations=tuple(added), skipped=tuple(skipped))


def _apply_election(actor: User | None, poll: Poll, conference: Conference) -> ResultApplied:
    role = BlocRole.LEADER if poll.office == PollOffice.LEADER else BlocRole.DEPUTY
    year = conference.year + 1
    bloc = conference.bloc
    if not BlocMembership.objects.filter(bloc=bloc, year=year).exists():
        bloc_year_copy_from_previous(actor=actor, bloc=bloc, year=year)
    basis = _("Kết quả bầu tại %(conference)s ngày %(day)s") % {
        "conference": conference.title,
        "day": formats.date_format(conference.held_on, "d/m/Y"),
    }
    seats: list[BlocMembership] = []
    skipped: list[str] = []
    for candidate, _line in _elected(poll):
        seat = (
            BlocMembership.objects.filter(bloc=bloc, year=year, unit=candidate.unit).select_related("bloc").first()
            if candidate.unit is not None
            else None
        )
        if seat is None:
            skipped.append(candidate.label)
            continue
        seats.append(bloc_member_set_role(actor=actor, membership=seat, role=role, legal_basis=basis[:300]))
    return ResultApplied(poll=poll, seats=tuple(seats), skipped=tuple(skipped))


def poll_result_apply(*, actor: User | None, poll: Poll, now: dt.datetime | None = None) -> ResultApplied:
    """Carry a published poll's result on, once: the elected units of an honouring poll are nominated for its
    ``award_title`` in the bloc's dossier of the conference's year (created if none is in draft); an election sets
    next year's Khối trưởng or Khối phó (the year is copied from this one first if it has no seats yet).

    Refuses a poll that is not published, one already carried over, one that leads to nothing, and one with a tie
    still to break (run the run-off first). Runs as the actor through the awards and emulation services, so the
    actor needs their permissions too (the bloc's secretariat has them)."""
    conference = poll_conference(poll)
    check_run(actor, conference)
    now = now or timezone.now()
    with transaction.atomic():
        locked = poll_lock(poll)
        require_poll_status(locked, PollStatus.PUBLISHED)
        if locked.applied_at is not None:
            raise PollStateError(_("Kết quả cuộc biểu quyết này đã được chuyển."))
        if locked.result.get("runoff"):
            raise PollStateError(_("Còn trường hợp bằng phiếu: hãy bầu lại trước khi chuyển kết quả."))
        if locked.kind == PollKind.ELECTION and locked.office:
            applied = _apply_election(actor, locked, conference)
        elif locked.award_title_id is not None:
            applied = _apply_honouring(actor, locked, conference, now)
        else:
            raise PollStateError(
                _("Cuộc biểu quyết này không dẫn tới đề nghị khen thưởng hay bầu Khối trưởng, Khối phó.")
            )
        locked.applied_at = now
        locked.applied_dossier = applied.dossier
        locked.save(update_fields=["applied_at", "applied_dossier", "updated_at"])
        conferences_event(
            "conferences.result_applied",
            actor=actor,
            target=locked,
            after={
                "dossier_id": applied.dossier.pk if applied.dossier else None,
                "nominations": [n.unit.code for n in applied.nominations if n.unit],
                "seats": [{"unit": s.unit.code, "year": s.year, "role": s.role} for s in applied.seats],
                "skipped": list(applied.skipped),
            },
        )
    return ResultApplied(
        poll=locked,
        dossier=applied.dossier,
        nominations=applied.nominations,
        seats=applied.seats,
        skipped=applied.skipped,
    )
