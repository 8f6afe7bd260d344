"""Proposal dossiers (hồ sơ đề nghị khen thưởng, issue 6; DOMAIN §5; Luật 06/2022 Điều 84).

Route: draft → submitted (unit head; bloc secretariat for a bloc dossier) → received → appraising → council →
decided (province office), with a return to the proposer, reason mandatory, from any step after submission; the
proposer corrects and resubmits.

- Each nomination is evaluated by the engine when added, on ``dossier_reevaluate`` and on (re)submission, and the
  verdict is stored as a snapshot (STYLE S13).
- R20: a nominee proposed for the same title and year in another open dossier, or twice in this one, is a warning.
- R21: an initiative already used by another nomination is refused; the engine is told which initiatives of the
  subject are used elsewhere, so it does not count them.
- R03A/R03: submission is refused when the CSTĐCS quota across the unit's dossiers of the year is exceeded.
- R23: submission is refused while a required document (file or placeholder) is missing.
- R24/R25: a submission after its deadline is recorded as late (on the dossier, in its history), never refused.
- R12: titles that need the council's ballot pass with ``quotas.council_vote_passes``.
- R13: the ballot is recorded only when the session had its quorum (80 % of the members by default, the province's
  ``council_quorum.share`` when configured).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import audit
from thidua.awards.choices import TitleSubject
from thidua.awards.errors import (
    DossierIncomplete,
    DossierInvalid,
    DossierNotAllowed,
    DossierQuotaExceeded,
    DossierWrongState,
    InitiativeAlreadyUsed,
)
from thidua.awards.models import (
    YEAR_MAX,
    YEAR_MIN,
    AppraisalResult,
    CouncilResult,
    Dossier,
    DossierAction,
    DossierDocument,
    DossierDocumentKind,
    DossierEvent,
    DossierStatus,
    Nomination,
    Title,
)
from thidua.awards.models.dossiers import DossierKind
from thidua.awards.permissions import can_draft_dossier_for, can_review_dossiers_of, can_submit_dossier_for
from thidua.awards.rules import deadlines, quotas
from thidua.awards.rules.catalogue import rule_set_for
from thidua.awards.rules.context import EvaluationContext, SubjectFacts
from thidua.awards.rules.engine import evaluate, regime_for
from thidua.awards.selectors import parameter_overrides_for, subject_facts_for_people, subject_facts_for_units
from thidua.awards.selectors_dossiers import dossier_quota_counts, quota_exceeded_message
from thidua.emulation.models import BlocMembership
from thidua.initiatives.models import Initiative
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit
from thidua.people.models import Assignment

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.emulation.models import Bloc
    from thidua.people.models import Person

MAX_REASON_LENGTH = 2000
NO_RULE_SET = "no_rule_set"
INDIVIDUAL = "individual"
COLLECTIVE = "collective"
# R23: an initiative or science-work certificate is required when these titles are proposed (Luật 06/2022 Điều 84.1.d).
TITLES_NEEDING_INITIATIVE_PROOF = frozenset({"CSTDCS", "CSTD_TINH", "CSTD_TQ"})
ALWAYS_REQUIRED = (
    DossierDocumentKind.PROPOSAL_LETTER,
    DossierDocumentKind.ACHIEVEMENT_REPORT,
    DossierDocumentKind.REVIEW_MINUTES,
)
OPEN_STATUSES = (
    DossierStatus.DRAFT,
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.APPRAISING,
    DossierStatus.COUNCIL,
    DossierStatus.RETURNED,
)
REVIEW_STATUSES = (DossierStatus.SUBMITTED, DossierStatus.RECEIVED, DossierStatus.APPRAISING, DossierStatus.COUNCIL)


@dataclass(frozen=True)
class NominationAdded:
    """The new nomination and the warnings to show at entry (R20: same achievement elsewhere, nominee twice)."""

    nomination: Nomination
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class AppraisalInput:
    """The province office's appraisal of one nominee: passed or not, with a note."""

    nomination_id: int
    is_passed: bool
    note: str = ""


def _invalid(field: str, message: str) -> DossierInvalid:
    return DossierInvalid(message, fields={field: [message]})


def _history(dossier: Dossier, action: str, actor: User | None, now: dt.datetime, reason: str = "") -> None:
    DossierEvent.objects.create(dossier=dossier, action=action, actor=actor, reason=reason, at=now)


def _lock(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("proposer_unit", "bloc", "province")
        .get(pk=dossier.pk)
    )


def _province_of(unit: Unit) -> Unit:
    root_id = int(unit.path.strip("/").split("/")[0])
    return unit if unit.pk == root_id else Unit.objects.get(pk=root_id)


def _clean_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise _invalid("reason", _("Hãy ghi lý do trả lại."))
    if len(reason) > MAX_REASON_LENGTH:
        raise _invalid("reason", _("Lý do quá dài."))
    return reason


def _check_draft(actor: User | None, dossier: Dossier) -> None:
    if actor is not None and not can_draft_dossier_for(actor, unit=dossier.proposer_unit, bloc=dossier.bloc):
        raise DossierNotAllowed()


def _check_review(actor: User | None, dossier: Dossier) -> None:
    if actor is not None and not can_review_dossiers_of(actor, province=dossier.province):
        raise DossierNotAllowed()


# --- evaluation (S13: stored snapshot) ---------------------------------------------------------------------------------


def _facts_summary(facts: SubjectFacts) -> dict[str, Any]:
    """The inputs of a verdict, for audit and appeal: ratings, counting awards, initiatives, members."""
    return {
        "kind": facts.kind,
        "id": facts.id,
        "name": facts.name,
        "ratings": {str(year): rating for year, rating in sorted(facts.ratings.items())},
        "awards": [
            {"title": a.title_code, "year": a.year, "decision": a.decision_number, "is_revoked": a.is_revoked}
            for a in facts.awards
        ],
        "initiatives": [
            {"id": i.id, "level": i.level, "recognised_on": i.recognised_on.isoformat(), "science": i.is_science_work}
            for i in facts.initiatives
        ],
        "used_initiative_ids": sorted(facts.used_initiative_ids),
        "members": len(facts.members),
    }


def _used_elsewhere(initiative_ids: set[int]) -> list[tuple[int, int]]:
    """(nomination id, initiative id) of every nomination using one of ``initiative_ids`` (R21; one query)."""
    if not initiative_ids:
        return []
    return list(
        Nomination.initiatives.through.objects.filter(initiative_id__in=initiative_ids).values_list(
            "nomination_id", "initiative_id"
        )
    )


def _evaluate(dossier: Dossier, nominations: Sequence[Nomination], now: dt.datetime) -> None:
    """Evaluate ``nominations`` of ``dossier`` with the engine (regime by the reference date, the province's
    overrides) and store each verdict snapshot. A constant number of queries plus one per distinct rule set."""
    if not nominations:
        return
    year, reference_date = dossier.year, dossier.reference_date
    regime = regime_for(reference_date)
    people = subject_facts_for_people(
        {n.person_id for n in nominations if n.person_id}, year=year, reference_date=reference_date
    )
    units = subject_facts_for_units(
        {n.unit_id for n in nominations if n.unit_id}, year=year, reference_date=reference_date
    )
    subjects = [people[n.person_id] if n.person_id else units[n.unit_id] for n in nominations]  # type: ignore[index]
    own = [{i.id for i in facts.initiatives if not i.is_science_work} for facts in subjects]
    uses = _used_elsewhere(set().union(*own))
    overrides: dict[str, dict[str, dict[str, Any]]] = {}
    for nomination, base, subject_initiatives in zip(nominations, subjects, own, strict=True):
        kind = INDIVIDUAL if nomination.person_id else COLLECTIVE
        used = {iid for nid, iid in uses if nid != nomination.pk and iid in subject_initiatives}
        facts = dataclasses.replace(base, used_initiative_ids=frozenset(used))
        snapshot: dict[str, Any] = {
            "title": nomination.title.code,
            "year": year,
            "reference_date": reference_date.isoformat(),
            "regime": str(regime),
            "facts": _facts_summary(facts),
            "evaluated_at": now.isoformat(),
        }
        try:
            rule_set = rule_set_for(nomination.title.code, regime, kind)
        except LookupError as error:
            snapshot.update(status=NO_RULE_SET, rule_set="", lines=[], message=str(error))
        else:
            if rule_set.key not in overrides:
                overrides[rule_set.key] = parameter_overrides_for(
                    dossier.province, reference_date, rule_set_key=rule_set.key
                )
            ctx = EvaluationContext(
                subject=facts, title_code=nomination.title.code, year=year, reference_date=reference_date, regime=regime
            )
            verdict = evaluate(ctx, rule_set, overrides[rule_set.key])
            snapshot.update(
                status=str(verdict.status),
                rule_set=verdict.rule_set,
                lines=[
                    {
                        "code": line.code,
                        "label": line.label,
                        "status": str(line.status),
                        "facts": line.facts,
                        "citation": str(line.citation),
                        "document": line.citation.document,
                        "article": line.citation.article,
                        "clause": line.citation.clause,
                    }
                    for line in verdict.lines
                ],
            )
        nomination.evaluation = snapshot
        nomination.verdict_status = snapshot["status"]
        nomination.evaluated_at = now
    Nomination.objects.bulk_update(nominations, ["evaluation", "verdict_status", "evaluated_at"])


def _all_nominations(dossier: Dossier) -> list[Nomination]:
    return list(Nomination.objects.filter(dossier=dossier).select_related("title"))


# --- drafting ----------------------------------------------------------------------------------------------------------


def dossier_create(
    *,
    actor: User | None,
    year: int,
    reference_date: dt.date,
    awarding_body: str,
    unit: Unit | None = None,
    bloc: Bloc | None = None,
    kind: str = DossierKind.YEAR_END,
    event_date: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Draft a dossier of ``unit`` (for its people and itself) or of ``bloc`` (for its member units), year-end by
    default; a thematic one needs its event date (R24). The unit's officer or head, or the bloc's secretariat;
    ``actor=None`` is the system."""
    if (unit is None) == (bloc is None):
        raise _invalid("proposer", _("Chọn một đơn vị hoặc một khối đề nghị (chỉ một)."))
    if actor is not None and not can_draft_dossier_for(actor, unit=unit, bloc=bloc):
        raise DossierNotAllowed()
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise _invalid("year", _("Năm phải trong khoảng %(low)s–%(high)s.") % {"low": YEAR_MIN, "high": YEAR_MAX})
    if reference_date.year < year:
        raise _invalid("reference_date", _("Ngày trình không thể trước năm thành tích."))
    if not awarding_body.strip():
        raise _invalid("awarding_body", _("Cần ghi cấp khen thưởng."))
    if unit is not None and unit.kind == UnitKind.PROVINCE:
        raise _invalid("proposer", _("Đơn vị đề nghị phải là một cơ quan, đơn vị thuộc tỉnh."))
    event_date = _clean_kind(kind, event_date)
    now = now or timezone.now()
    province = _province_of(unit) if unit is not None else bloc.province  # type: ignore[union-attr]
    with transaction.atomic():
        dossier = Dossier(
            proposer_unit=unit,
            bloc=bloc,
            province=province,
            year=year,
            awarding_body=awarding_body.strip()[:300],
            reference_date=reference_date,
            kind=kind,
            event_date=event_date,
            created_by=actor,
        )
        dossier.save()
        _history(dossier, DossierAction.CREATED, actor, now)
        audit.dossier_created_event(
            dossier=dossier,
            actor=actor,
            after={
                "unit_id": dossier.proposer_unit_id,
                "bloc_id": dossier.bloc_id,
                "year": year,
                "reference_date": reference_date.isoformat(),
                "awarding_body": dossier.awarding_body,
                "kind": kind,
                "event_date": event_date.isoformat() if event_date else None,
            },
        )
    return dossier


def dossier_update(
    *,
    actor: User | None,
    dossier: Dossier,
    reference_date: dt.date,
    awarding_body: str,
    kind: str | None = None,
    event_date: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Dossier:
    """Change the reference date (which selects the regime, R28), the awarding body and, when ``kind`` is given, the
    kind and event date (R24) of a draft or returned dossier, and re-evaluate every nominee."""
    _check_draft(actor, dossier)
    if reference_date.year < dossier.year:
        raise _invalid("reference_date", _("Ngày trình không thể trước năm thành tích."))
    if not awarding_body.strip():
        raise _invalid("awarding_body", _("Cần ghi cấp khen thưởng."))
    if kind is not None:
        event_date = _clean_kind(kind, event_date)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        if not locked.is_editable:
            raise DossierWrongState()
        before = _header(locked)
        locked.reference_date = reference_date
        locked.awarding_body = awarding_body.strip()[:300]
        if kind is not None:
            locked.kind, locked.event_date = kind, event_date
        locked.save(update_fields=["reference_date", "awarding_body", "kind", "event_date", "updated_at"])
        _evaluate(locked, _all_nominations(locked), now)
        _history(locked, DossierAction.UPDATED, actor, now)
        audit.dossier_updated_event(dossier=locked, actor=actor, before=before, after=_header(locked))
    return locked


def _header(dossier: Dossier) -> dict[str, Any]:
    return {
        "reference_date": dossier.reference_date.isoformat(),
        "awarding_body": dossier.awarding_body,
        "kind": dossier.kind,
        "event_date": dossier.event_date.isoformat() if dossier.event_date else None,
    }


def _clean_kind(kind: str, event_date: dt.date | None) -> dt.date | None:
    """The event date to store for ``kind``: required for a thematic dossier (R24: its deadline counts back from the
    event), dropped for the other kinds."""
    if kind not in DossierKind.values:
        raise _invalid("kind", _("Loại khen thưởng không hợp lệ."))
    if kind != DossierKind.THEMATIC:
        return None
    if event_date is None:
        raise _invalid("event_date", _("Hồ sơ sơ kết, tổng kết chuyên đề cần ngày tổ chức sơ kết, tổng kết, hội nghị."))
    return event_date


def _check_subject(dossier: Dossier, *, person: Person | None, unit: Unit | None, title: Title) -> None:
    """The nominee belongs to the proposer (a person working in the unit or below during the year, the unit or a
    unit below; a member unit of the bloc that year) and may receive the title."""
    if (person is None) == (unit is None):
        raise _invalid("subject", _("Chọn một cá nhân hoặc một tập thể (chỉ một)."))
    wanted = TitleSubject.INDIVIDUAL if person is not None else TitleSubject.COLLECTIVE
    if title.subject not in (wanted, TitleSubject.BOTH):
        raise _invalid("title", _("Danh hiệu, hình thức này không dành cho loại đối tượng đã chọn."))
    if not title.is_in_force_on(dossier.reference_date):
        raise _invalid("title", _("Danh hiệu, hình thức này không áp dụng vào ngày trình."))
    proposer = dossier.proposer_unit
    if proposer is None:
        if person is not None or unit is None:
            raise _invalid("subject", _("Hồ sơ của khối chỉ đề nghị cho các đơn vị thành viên."))
        if not BlocMembership.objects.filter(bloc=dossier.bloc, unit=unit, year=dossier.year).exists():
            raise _invalid("subject", _("Đơn vị không là thành viên của khối trong năm này."))
        return
    if unit is not None:
        if not unit.path.startswith(proposer.path):
            raise _invalid("subject", _("Tập thể không thuộc đơn vị đề nghị."))
        return
    first, last = dt.date(dossier.year, 1, 1), dt.date(dossier.year, 12, 31)
    works_there = (
        Assignment.objects.filter(person=person, unit__path__startswith=proposer.path, starts_on__lte=last)
        .exclude(ends_on__lt=first)
        .exists()
    )
    if not works_there:
        raise _invalid("subject", _("Cá nhân không công tác tại đơn vị đề nghị trong năm này."))


def _duplicate_warnings(
    dossier: Dossier, *, person: Person | None, unit: Unit | None, title: Title, achievement_key: str
) -> list[str]:
    """R20 (Luật 06/2022 Điều 5 khoản 2 điểm c): one achievement, one award."""
    warnings: list[str] = []
    by_subject = (
        Nomination.objects.filter(person=person) if person is not None else Nomination.objects.filter(unit=unit)
    )
    same = by_subject.filter(dossier__year=dossier.year)
    if same.filter(dossier=dossier).exists():
        warnings.append(_("Cá nhân, tập thể này đã có trong hồ sơ."))
    elsewhere = same.exclude(dossier=dossier).filter(dossier__status__in=OPEN_STATUSES)
    if elsewhere.filter(title=title).exists():
        warnings.append(
            _("Cá nhân, tập thể này đã được đề nghị %(title)s năm %(year)s trong một hồ sơ khác.")
            % {"title": title.name, "year": dossier.year}
        )
    if achievement_key and same.filter(achievement_key=achievement_key).exclude(title=title).exists():
        warnings.append(
            _("Thành tích này đã được đề nghị một hình thức khen thưởng khác (mỗi thành tích một hình thức).")
        )
    return warnings


def nomination_add(
    *,
    actor: User | None,
    dossier: Dossier,
    title: Title,
    person: Person | None = None,
    unit: Unit | None = None,
    achievement_summary: str = "",
    achievement_key: str = "",
    initiatives: Iterable[Initiative] = (),
    now: dt.datetime | None = None,
) -> NominationAdded:
    """Add a nominee to a draft or returned dossier and evaluate it. Refuses with DossierNotAllowed,
    DossierWrongState, DossierInvalid (subject outside the proposer, wrong title) and InitiativeAlreadyUsed (R21);
    returns R20 warnings."""
    _check_draft(actor, dossier)
    initiative_list = list(initiatives)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        if not locked.is_editable:
            raise DossierWrongState()
        _check_subject(locked, person=person, unit=unit, title=title)
        if initiative_list:
            # Lock the initiatives so that two nominations cannot claim the same one at once (R21).
            list(Initiative.objects.select_for_update().filter(pk__in=[i.pk for i in initiative_list]).values("pk"))
            taken = Nomination.initiatives.through.objects.filter(
                initiative_id__in=[i.pk for i in initiative_list]
            ).select_related("initiative")
            names = sorted({row.initiative.title for row in taken})
            if names:
                raise InitiativeAlreadyUsed(
                    _("Sáng kiến đã được dùng cho một đề nghị khác: %(names)s.") % {"names": ", ".join(names)}
                )
        key = achievement_key.strip()[:120]
        warnings = _duplicate_warnings(locked, person=person, unit=unit, title=title, achievement_key=key)
        nomination = Nomination(
            dossier=locked,
            person=person,
            unit=unit,
            title=title,
            achievement_summary=achievement_summary.strip()[:5000],
            achievement_key=key,
        )
        nomination.save()
        nomination.initiatives.set(initiative_list)
        _evaluate(locked, [nomination], now)
        _history(locked, DossierAction.NOMINATION_ADDED, actor, now, reason=str(person or unit))
        audit.nomination_added_event(
            nomination=nomination,
            actor=actor,
            after={
                "dossier_id": locked.pk,
                "person_id": nomination.person_id,
                "unit_id": nomination.unit_id,
                "title": title.code,
                "initiative_ids": sorted(i.pk for i in initiative_list),
                "verdict": nomination.verdict_status,
                "warnings": warnings,
            },
        )
    return NominationAdded(nomination=nomination, warnings=tuple(warnings))


def nomination_remove(*, actor: User | None, nomination: Nomination, now: dt.datetime | None = None) -> None:
    """Remove a nominee from a draft or returned dossier (its initiatives become free again)."""
    dossier = nomination.dossier
    _check_draft(actor, dossier)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        if not locked.is_editable:
            raise DossierWrongState()
        row = Nomination.objects.select_related("title").get(pk=nomination.pk, dossier=locked)
        before = {"person_id": row.person_id, "unit_id": row.unit_id, "title": row.title.code}
        label = str(row.person or row.unit)
        row.delete()
        _history(locked, DossierAction.NOMINATION_REMOVED, actor, now, reason=label)
        audit.nomination_removed_event(dossier=locked, actor=actor, before=before)


def dossier_document_add(
    *,
    actor: User | None,
    dossier: Dossier,
    kind: str,
    file: File[Any] | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> DossierDocument:
    """Attach a required document (R23), or, without ``file``, a placeholder to be generated later."""
    _check_draft(actor, dossier)
    if kind not in DossierDocumentKind.values:
        raise _invalid("kind", _("Loại tài liệu không hợp lệ."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        if not locked.is_editable:
            raise DossierWrongState()
        document = DossierDocument(dossier=locked, kind=kind, is_placeholder=file is None, note=note.strip()[:300])
        if file is not None:
            document.file = file
        document.save()
        _history(locked, DossierAction.DOCUMENT_ADDED, actor, now, reason=document.get_kind_display())
        audit.dossier_document_added_event(
            dossier=locked, actor=actor, after={"kind": kind, "is_placeholder": document.is_placeholder}
        )
    return document


def dossier_missing_documents(dossier: Dossier) -> list[str]:
    """R23: the kinds of required documents the dossier lacks (tờ trình, báo cáo thành tích, biên bản bình xét;
    the initiative certificate when CSTĐCS, CSTĐ tỉnh or CSTĐ toàn quốc is proposed)."""
    required: list[str] = [str(k) for k in ALWAYS_REQUIRED]
    codes = set(Nomination.objects.filter(dossier=dossier).values_list("title__code", flat=True))
    if codes & TITLES_NEEDING_INITIATIVE_PROOF:
        required.append(str(DossierDocumentKind.INITIATIVE_CERTIFICATE))
    present = set(DossierDocument.objects.filter(dossier=dossier).values_list("kind", flat=True))
    return [kind for kind in required if kind not in present]


def dossier_reevaluate(*, actor: User | None, dossier: Dossier, now: dt.datetime | None = None) -> Dossier:
    """Re-run the engine on every nominee (after ratings, awards or initiatives changed) and store the snapshots.
    Whoever may draft or review the dossier; not once decided."""
    if actor is not None and not (
        can_draft_dossier_for(actor, unit=dossier.proposer_unit, bloc=dossier.bloc)
        or can_review_dossiers_of(actor, province=dossier.province)
    ):
        raise DossierNotAllowed()
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        if locked.status == DossierStatus.DECIDED:
            raise DossierWrongState()
        nominations = _all_nominations(locked)
        _evaluate(locked, nominations, now)
        _history(locked, DossierAction.REEVALUATED, actor, now)
        audit.dossier_reevaluated_event(
            dossier=locked, actor=actor, after={str(n.pk): n.verdict_status for n in nominations}
        )
    return locked


# --- route -------------------------------------------------------------------------------------------------------------


def dossier_deadline_for(dossier: Dossier, *, title_codes: Iterable[str], on: dt.date) -> deadlines.Deadline | None:
    """R24/R25: the submission deadline of ``dossier`` proposing ``title_codes`` if submitted on ``on`` (which selects
    the regime and the province's ``submission_deadline`` parameters in force); None when no deadline applies. One
    query."""
    regime = regime_for(on)
    overrides = parameter_overrides_for(dossier.province, on)
    return deadlines.submission_deadline(
        kind=dossier.kind,
        year=dossier.year,
        event_date=dossier.event_date,
        title_codes=set(title_codes),
        regime=regime,
        params=deadlines.province_params(regime, overrides.get(deadlines.CONDITION)),
    )


def late_note(dossier: Dossier) -> str:
    """For a dossier (re)submitted after its recorded deadline, "Nộp sau hạn 09/12/2025 (R24 — QĐ 86/2025/QĐ-UBND
    tỉnh Bắc Ninh Điều 6 khoản 2)."; else empty."""
    if not dossier.is_submitted_late or dossier.submission_deadline is None:
        return ""
    return _("Nộp sau hạn %(date)s (%(basis)s).") % {
        "date": dossier.submission_deadline.strftime("%d/%m/%Y"),
        "basis": dossier.deadline_basis,
    }


def _submit(actor: User | None, dossier: Dossier, *, from_status: str, action: str, now: dt.datetime | None) -> Dossier:
    if actor is not None and not can_submit_dossier_for(actor, unit=dossier.proposer_unit, bloc=dossier.bloc):
        raise DossierNotAllowed(_("Chỉ Thủ trưởng đơn vị (hoặc thư ký khối với hồ sơ của khối) được trình hồ sơ."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        if locked.status != from_status:
            raise DossierWrongState()
        nominations = _all_nominations(locked)
        if not nominations:
            raise _invalid("nominations", _("Hồ sơ chưa có người, tập thể nào được đề nghị."))
        if locked.proposer_unit_id is not None:
            # The quota counts every dossier of the unit and year: lock them so two submissions cannot both fit.
            list(
                Dossier.objects.select_for_update()
                .filter(proposer_unit_id=locked.proposer_unit_id, year=locked.year)
                .values("pk")
            )
        missing = dossier_missing_documents(locked)
        if missing:
            labels = ", ".join(str(DossierDocumentKind(kind).label) for kind in missing)
            raise DossierIncomplete(_("Hồ sơ còn thiếu: %(kinds)s.") % {"kinds": labels})
        exceeded = quota_exceeded_message(dossier_quota_counts(dossier=locked))
        if exceeded:
            raise DossierQuotaExceeded(exceeded)
        _evaluate(locked, nominations, now)
        # R24/R25: a late submission is recorded, never refused (the province may have extended its deadline).
        submitted_on = timezone.localdate(now)
        deadline = dossier_deadline_for(locked, title_codes=(n.title.code for n in nominations), on=submitted_on)
        old_status = locked.status
        locked.status = DossierStatus.SUBMITTED
        locked.submitted_at = now
        locked.submission_deadline = deadline.date if deadline else None
        locked.deadline_basis = deadline.basis if deadline else ""
        locked.is_submitted_late = deadline is not None and deadline.is_missed_by(submitted_on)
        locked.save(
            update_fields=[
                "status",
                "submitted_at",
                "submission_deadline",
                "deadline_basis",
                "is_submitted_late",
                "updated_at",
            ]
        )
        _history(locked, action, actor, now, reason=late_note(locked))
        audit.dossier_transition_event(
            action="awards.dossier_submitted",
            dossier=locked,
            old_status=old_status,
            new_status=locked.status,
            actor=actor,
            details={
                "verdicts": {str(n.pk): n.verdict_status for n in nominations},
                "deadline": deadline.date.isoformat() if deadline else None,
                "deadline_basis": locked.deadline_basis,
                "is_late": locked.is_submitted_late,
            },
        )
    return locked


def dossier_submit(*, actor: User | None, dossier: Dossier, now: dt.datetime | None = None) -> Dossier:
    """The unit head (the bloc's secretariat for a bloc dossier) submits the draft to the province office. Refuses
    when empty, when a required document is missing (R23) or when the CSTĐCS quota is exceeded (R03A); every nominee
    is re-evaluated. A submission after the deadline (R24/R25) goes through, recorded as late on the dossier and in
    its history."""
    return _submit(actor, dossier, from_status=DossierStatus.DRAFT, action=DossierAction.SUBMITTED, now=now)


def dossier_resubmit(*, actor: User | None, dossier: Dossier, now: dt.datetime | None = None) -> Dossier:
    """Submit a returned dossier again after correction, with the same checks as ``dossier_submit``; the deadline
    is judged again on the day of resubmission (the kind, the event date or the titles may have changed)."""
    return _submit(actor, dossier, from_status=DossierStatus.RETURNED, action=DossierAction.RESUBMITTED, now=now)


def dossier_receive(*, actor: User | None, dossier: Dossier, now: dt.datetime | None = None) -> Dossier:
    """The province office acknowledges receipt of a submitted dossier (its history repeats a late submission)."""
    _check_review(actor, dossier)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        if locked.status != DossierStatus.SUBMITTED:
            raise DossierWrongState()
        locked.status = DossierStatus.RECEIVED
        locked.received_at = now
        locked.save(update_fields=["status", "received_at", "updated_at"])
        _history(locked, DossierAction.RECEIVED, actor, now, reason=late_note(locked))
        audit.dossier_transition_event(
            action="awards.dossier_received",
            dossier=locked,
            old_status=DossierStatus.SUBMITTED,
            new_status=locked.status,
            actor=actor,
        )
    return locked


def dossier_appraise(
    *, actor: User | None, dossier: Dossier, results: Sequence[AppraisalInput], now: dt.datetime | None = None
) -> Dossier:
    """Thẩm định: record per-nominee results and notes (received or appraising dossier). A nominee who passes and
    whose title needs the council's ballot (R12) waits for it; the others need none."""
    _check_review(actor, dossier)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        if locked.status not in (DossierStatus.RECEIVED, DossierStatus.APPRAISING):
            raise DossierWrongState()
        by_id = {n.pk: n for n in _all_nominations(locked)}
        if not results or any(r.nomination_id not in by_id for r in results):
            raise _invalid("results", _("Kết quả thẩm định phải nêu các đề nghị của hồ sơ này."))
        changed = []
        for result in results:
            nomination = by_id[result.nomination_id]
            nomination.appraisal_result = AppraisalResult.PASSED if result.is_passed else AppraisalResult.REJECTED
            nomination.appraisal_note = result.note.strip()[:5000]
            needs_council = result.is_passed and nomination.title.code in quotas.COUNCIL_SHARES
            nomination.council_result = CouncilResult.PENDING if needs_council else CouncilResult.NOT_NEEDED
            nomination.council_yes_votes = None
            nomination.council_members = None
            nomination.council_present = None
            changed.append(nomination)
        Nomination.objects.bulk_update(
            changed,
            [
                "appraisal_result",
                "appraisal_note",
                "council_result",
                "council_yes_votes",
                "council_members",
                "council_present",
            ],
        )
        old_status = locked.status
        locked.status = DossierStatus.APPRAISING
        locked.save(update_fields=["status", "updated_at"])
        _history(locked, DossierAction.APPRAISED, actor, now)
        audit.dossier_transition_event(
            action="awards.dossier_appraised",
            dossier=locked,
            old_status=old_status,
            new_status=locked.status,
            actor=actor,
            details={"results": {str(n.pk): n.appraisal_result for n in changed}},
        )
    return locked


def dossier_return(*, actor: User | None, dossier: Dossier, reason: str, now: dt.datetime | None = None) -> Dossier:
    """Return the dossier to the proposer with a reason, from any step after submission (province office). The
    appraisal and council results are cleared: the corrected dossier is appraised again."""
    _check_review(actor, dossier)
    reason = _clean_reason(reason)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        if locked.status not in REVIEW_STATUSES:
            raise DossierWrongState()
        old_status = locked.status
        Nomination.objects.filter(dossier=locked).update(
            appraisal_result=AppraisalResult.PENDING,
            council_result=CouncilResult.NOT_NEEDED,
            council_yes_votes=None,
            council_members=None,
            council_present=None,
        )
        locked.status = DossierStatus.RETURNED
        locked.return_reason = reason
        locked.save(update_fields=["status", "return_reason", "updated_at"])
        _history(locked, DossierAction.RETURNED, actor, now, reason=reason)
        audit.dossier_transition_event(
            action="awards.dossier_returned",
            dossier=locked,
            old_status=old_status,
            new_status=locked.status,
            actor=actor,
            details={"reason": reason},
        )
    return locked
