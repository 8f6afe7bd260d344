"""The poll's life (STYLE S14): creation and candidates in draft, the readiness checklist, opening (the roll is
frozen), closing (the snapshot), publication (the result is frozen), and a run-off poll after a tie.

draft ──open (checklist passes)──▶ open ──close──▶ closed ──publish (ballots reconciled)──▶ published

Every transition locks the poll row and raises ``PollStateError`` from any other state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.choices import TitleSubject
from thidua.conferences.audit import conferences_event
from thidua.conferences.choices import (
    ConferenceStatus,
    MajorityRule,
    PercentageBase,
    PollKind,
    PollOffice,
    PollStatus,
    QuorumRule,
)
from thidua.conferences.errors import BallotsNotReconciled, ConferenceInvalid, PollNotReady, PollStateError
from thidua.conferences.models import AgendaItem, Conference, Poll, PollCandidate, RollEntry
from thidua.conferences.services._common import (
    check_run,
    conference_lock,
    full_clean_or_refuse,
    invalid,
    is_member_unit,
    poll_conference,
    poll_lock,
    require_conference_open,
    require_poll_status,
)
from thidua.conferences.services._count import FIGURE_FIELDS, ballot_figures_refresh, ballots_reseal, tally_input
from thidua.conferences.services._roll import RollDraft, present_voter_keys, roll_compute
from thidua.conferences.voting.tally import tally

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.awards.models import Title
    from thidua.organizations.models import Unit
    from thidua.people.models import Person


@dataclass(frozen=True)
class CandidateInput:
    """A member unit or a person on the ballot; ``label`` defaults to their name."""

    unit: Unit | None = None
    person: Person | None = None
    label: str = ""


class BlockerCode(StrEnum):
    CONFERENCE_NOT_IN_SESSION = "conference_not_in_session"
    NO_CANDIDATES = "no_candidates"
    TOO_FEW_CANDIDATES = "too_few_candidates"
    ROLL_EMPTY = "roll_empty"
    QUORUM_NOT_MET = "quorum_not_met"


@dataclass(frozen=True)
class Blocker:
    """One unmet item of the readiness checklist (Helios ``issues_before_freeze``)."""

    code: BlockerCode
    message: str


def _check_rules(
    *, kind: str, max_choices: int, majority_rule: str, majority_share: Decimal | None, base: str, office: str
) -> None:
    errors: dict[str, list[str]] = {}
    if kind not in PollKind.values:
        errors["kind"] = [_("Hình thức biểu quyết không hợp lệ.")]
    if not 1 <= max_choices <= 100:
        errors["max_choices"] = [_("Số được chọn tối đa phải từ 1 đến 100.")]
    if majority_rule not in MajorityRule.values:
        errors["majority_rule"] = [_("Điều kiện trúng cử không hợp lệ.")]
    if majority_rule == MajorityRule.PERCENTAGE and (majority_share is None or not 0 < majority_share <= 1):
        errors["majority_share"] = [_("Tỷ lệ tối thiểu phải lớn hơn 0 và không quá 1 (ví dụ 0,80).")]
    if base not in PercentageBase.values:
        errors["percentage_base"] = [_("Cơ sở tính tỷ lệ không hợp lệ.")]
    if office not in PollOffice.values or (office and kind != PollKind.ELECTION):
        errors["office"] = [_("Chỉ cuộc bầu Khối trưởng, Khối phó mới có chức danh bầu.")]
    if errors:
        raise ConferenceInvalid(fields=errors)


def poll_create(
    *,
    actor: User | None,
    conference: Conference,
    title: str,
    kind: str = PollKind.CHOOSE,
    max_choices: int = 1,
    is_secret: bool = True,
    allows_self_vote: bool = False,
    majority_rule: str = MajorityRule.MORE_THAN_HALF,
    majority_share: Decimal | None = None,
    percentage_base: str = PercentageBase.ROLL,
    office: str = PollOffice.NONE,
    agenda_item: AgendaItem | None = None,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    award_title: Title | None = None,
) -> Poll:
    """A poll in draft at ``conference``. Secret by default; its rules are fixed once it opens. ``award_title``: what
    an honouring poll proposes for the elected units (carried to the bloc's dossier by ``poll_result_apply``)."""
    check_run(actor, conference)
    _check_rules(
        kind=kind,
        max_choices=max_choices,
        majority_rule=majority_rule,
        majority_share=majority_share,
        base=percentage_base,
        office=office,
    )
    if not title.strip():
        raise invalid("title", _("Vui lòng nhập nội dung biểu quyết."))
    if award_title is not None and kind == PollKind.ELECTION:
        raise invalid(
            "award_title", _("Cuộc bầu Khối trưởng, Khối phó không đề nghị danh hiệu, hình thức khen thưởng.")
        )
    if award_title is not None and award_title.subject == TitleSubject.INDIVIDUAL:
        raise invalid("award_title", _("Khối bình xét, suy tôn các đơn vị: hãy chọn danh hiệu, hình thức cho tập thể."))
    if agenda_item is not None and agenda_item.conference_id != conference.pk:
        raise invalid("agenda_item", _("Mục chương trình phải thuộc hội nghị này."))
    with transaction.atomic():
        locked = conference_lock(conference)
        require_conference_open(locked)
        poll = Poll(
            conference=locked,
            agenda_item=agenda_item,
            title=title.strip(),
            kind=kind,
            office=office,
            max_choices=max_choices,
            is_secret=is_secret,
            allows_self_vote=allows_self_vote,
            majority_rule=majority_rule,
            majority_share=majority_share if majority_rule == MajorityRule.PERCENTAGE else None,
            percentage_base=percentage_base,
            opens_at=opens_at,
            closes_at=closes_at,
            award_title=award_title,
            created_by=actor,
        )
        full_clean_or_refuse(poll)
        poll.save()
        conferences_event("conferences.poll_created", actor=actor, target=poll, after=_rules_summary(poll))
    return poll


def _rules_summary(poll: Poll) -> dict[str, object]:
    return {
        "kind": poll.kind,
        "office": poll.office,
        "max_choices": poll.max_choices,
        "is_secret": poll.is_secret,
        "allows_self_vote": poll.allows_self_vote,
        "majority_rule": poll.majority_rule,
        "majority_share": str(poll.majority_share or ""),
        "percentage_base": poll.percentage_base,
        "award_title": poll.award_title.code if poll.award_title else "",
    }


def poll_candidates_set(*, actor: User | None, poll: Poll, candidates: Sequence[CandidateInput]) -> list[PollCandidate]:
    """Replace the ballot's list, in the given order, while the poll is in draft. Units must be members of the bloc
    in the conference's year; each unit or person appears once."""
    conference = poll_conference(poll)
    check_run(actor, conference)
    with transaction.atomic():
        locked = poll_lock(poll)
        require_poll_status(locked, PollStatus.DRAFT)
        rows: list[PollCandidate] = []
        seen: set[tuple[str, int]] = set()
        for order, item in enumerate(candidates, start=1):
            if (item.unit is None) == (item.person is None):
                raise invalid("candidates", _("Mỗi dòng trên phiếu phải là một đơn vị hoặc một cá nhân."))
            key = ("unit", item.unit.pk) if item.unit is not None else ("person", item.person.pk)  # type: ignore[union-attr]
            if key in seen:
                raise invalid("candidates", _("Một đơn vị hoặc cá nhân chỉ được ghi một lần trên phiếu."))
            seen.add(key)
            if item.unit is not None and not is_member_unit(conference, item.unit):
                raise invalid(
                    "candidates",
                    _("%(unit)s không phải đơn vị thành viên của khối trong năm %(year)s.")
                    % {"unit": item.unit.name, "year": conference.year},
                )
            label = item.label.strip() or (item.unit.name if item.unit is not None else str(item.person))
            rows.append(PollCandidate(poll=locked, unit=item.unit, person=item.person, label=label, order=order))
        before = list(locked.candidates.values_list("label", flat=True))
        locked.candidates.all().delete()
        created = PollCandidate.objects.bulk_create(rows)
        conferences_event(
            "conferences.poll_candidates_set",
            actor=actor,
            target=locked,
            before={"candidates": before},
            after={"candidates": [c.label for c in rows]},
        )
    return created


def _quorum_met(conference: Conference, *, present: int, entitled: int) -> bool:
    """Called with a non-empty roll (an empty one is its own blocker)."""
    if conference.quorum_rule == QuorumRule.TWO_THIRDS:
        return 3 * present >= 2 * entitled
    if conference.quorum_rule == QuorumRule.PERCENTAGE:
        return present >= Fraction(conference.quorum_share or 0) * entitled
    return 2 * present > entitled


def _blockers(poll: Poll, conference: Conference, roll: Sequence[RollDraft]) -> list[Blocker]:
    blockers: list[Blocker] = []
    if conference.status != ConferenceStatus.IN_SESSION:
        blockers.append(Blocker(BlockerCode.CONFERENCE_NOT_IN_SESSION, _("Hội nghị chưa khai mạc hoặc đã bế mạc.")))
    candidate_count = poll.candidates.count()
    if candidate_count == 0:
        blockers.append(Blocker(BlockerCode.NO_CANDIDATES, _("Chưa có danh sách trên phiếu.")))
    elif candidate_count < poll.max_choices:
        blockers.append(
            Blocker(
                BlockerCode.TOO_FEW_CANDIDATES,
                _("Phiếu có %(count)s tên, ít hơn số được chọn tối đa (%(k)s).")
                % {"count": candidate_count, "k": poll.max_choices},
            )
        )
    if not roll:
        blockers.append(Blocker(BlockerCode.ROLL_EMPTY, _("Danh sách cử tri trống.")))
    else:
        present = sum(1 for entry in roll if entry.is_present)
        if not _quorum_met(conference, present=present, entitled=len(roll)):
            blockers.append(
                Blocker(
                    BlockerCode.QUORUM_NOT_MET,
                    _("Chưa đủ số cử tri có mặt: %(present)s/%(entitled)s (%(rule)s).")
                    % {"present": present, "entitled": len(roll), "rule": conference.get_quorum_rule_display()},
                )
            )
    return blockers


def poll_open_blockers(*, poll: Poll) -> list[Blocker]:
    """The readiness checklist (read-only): conference in session, candidates set and at least K, a non-empty roll,
    the quorum present (DOMAIN R14; the conference's quorum rule, by default more than half). Empty when ready."""
    conference = poll_conference(poll)
    return _blockers(poll, conference, roll_compute(conference))


def poll_open(*, actor: User | None, poll: Poll, now: dt.datetime | None = None) -> Poll:
    """Start voting: check the readiness list, freeze the voter roll, draft → open."""
    conference = poll_conference(poll)
    check_run(actor, conference)
    now = now or timezone.now()
    with transaction.atomic():
        locked = poll_lock(poll)
        require_poll_status(locked, PollStatus.DRAFT)
        conference = Conference.objects.get(pk=conference.pk)
        roll = roll_compute(conference)
        blockers = _blockers(locked, conference, roll)
        if blockers:
            raise PollNotReady(blockers)
        RollEntry.objects.bulk_create(
            [
                RollEntry(
                    poll=locked,
                    voter_key=entry.voter_key,
                    unit_id=entry.unit_id,
                    delegate_id=entry.delegate_id,
                    label=entry.label[:300],
                    is_present_at_open=entry.is_present,
                )
                for entry in roll
            ]
        )
        locked.status = PollStatus.OPEN
        locked.opened_at = now
        locked.save(update_fields=["status", "opened_at", "updated_at"])
        conferences_event(
            "conferences.poll_opened",
            actor=actor,
            target=locked,
            after={"roll": len(roll), "present": sum(1 for e in roll if e.is_present), **_rules_summary(locked)},
        )
    return locked


def poll_close(*, actor: User | None, poll: Poll, now: dt.datetime | None = None) -> Poll:
    """Stop voting: open → closed. Snapshots the entitled voters, those present, those who voted and the ballot
    figures, and reseals the ballots' storage (``ballots_reseal``). Paper ballots may still be entered by the
    tellers until publication; the figures follow."""
    conference = poll_conference(poll)
    check_run(actor, conference)
    now = now or timezone.now()
    with transaction.atomic():
        locked = poll_lock(poll)
        require_poll_status(locked, PollStatus.OPEN)
        locked.entitled_count = RollEntry.objects.filter(poll=locked).count()
        locked.present_count = len(present_voter_keys(locked, conference))
        ballot_figures_refresh(locked)
        ballots_reseal(locked)
        locked.status = PollStatus.CLOSED
        locked.closed_at = now
        locked.save(
            update_fields=["status", "closed_at", "entitled_count", "present_count", *FIGURE_FIELDS, "updated_at"]
        )
        conferences_event("conferences.poll_closed", actor=actor, target=locked, after=_figures(locked))
    return locked


def _figures(poll: Poll) -> dict[str, object]:
    return {
        "entitled_count": poll.entitled_count,
        "present_count": poll.present_count,
        **{name: getattr(poll, name) for name in FIGURE_FIELDS},
    }


def poll_publish(*, actor: User | None, poll: Poll, now: dt.datetime | None = None) -> Poll:
    """Publish the result: closed → published, once the paper ballots reconcile (issued = cast + spoiled + unused).
    The tally is stored in ``result`` and never changes afterwards."""
    conference = poll_conference(poll)
    check_run(actor, conference)
    now = now or timezone.now()
    with transaction.atomic():
        locked = poll_lock(poll)
        require_poll_status(locked, PollStatus.CLOSED)
        ballot_figures_refresh(locked)
        if not locked.is_reconciled:
            raise BallotsNotReconciled(
                _(
                    "Số phiếu giấy chưa khớp: phát hành %(issued)s, thu vào %(cast)s, hỏng %(spoiled)s, không sử dụng "
                    "%(unused)s. Ban kiểm phiếu cần ghi nhận hết các phiếu còn lại trước khi công bố."
                )
                % {
                    "issued": locked.paper_issued,
                    "cast": locked.paper_cast,
                    "spoiled": locked.paper_spoiled,
                    "unused": locked.paper_unused,
                }
            )
        result = tally(tally_input(locked))
        locked.result = result.as_json()
        locked.status = PollStatus.PUBLISHED
        locked.published_at = now
        locked.save(update_fields=["status", "published_at", "result", *FIGURE_FIELDS, "updated_at"])
        conferences_event(
            "conferences.poll_published",
            actor=actor,
            target=locked,
            after={**_figures(locked), "elected": list(result.elected_ids), "runoff": locked.result["runoff"]},
        )
    return locked


def poll_runoff_create(*, actor: User | None, poll: Poll) -> Poll:
    """A run-off (bầu lại) for the candidates tied at the boundary of a published poll, for the seats left: a new
    draft poll with the same rules, K = the seats left."""
    conference = poll_conference(poll)
    check_run(actor, conference)
    with transaction.atomic():
        locked = poll_lock(poll)
        require_poll_status(locked, PollStatus.PUBLISHED)
        runoff = locked.result.get("runoff")
        if not runoff:
            raise PollStateError(_("Kết quả không có trường hợp bằng phiếu cần bầu lại."))
        conference = conference_lock(conference)
        require_conference_open(conference)
        tied = list(PollCandidate.objects.filter(pk__in=runoff["candidate_ids"]).order_by("order"))
        new = Poll(
            conference=conference,
            agenda_item=locked.agenda_item,
            title=_("Bầu lại: %(title)s") % {"title": locked.title},
            kind=locked.kind,
            office=locked.office,
            max_choices=runoff["seats"],
            is_secret=locked.is_secret,
            allows_self_vote=locked.allows_self_vote,
            majority_rule=locked.majority_rule,
            majority_share=locked.majority_share,
            percentage_base=locked.percentage_base,
            runoff_of=locked,
            created_by=actor,
        )
        new.save()
        PollCandidate.objects.bulk_create(
            [
                PollCandidate(poll=new, unit_id=c.unit_id, person_id=c.person_id, label=c.label, order=order)
                for order, c in enumerate(tied, start=1)
            ]
        )
        conferences_event(
            "conferences.runoff_created",
            actor=actor,
            target=new,
            after={"runoff_of": locked.pk, "seats": runoff["seats"], "candidates": [c.label for c in tied]},
        )
    return new
