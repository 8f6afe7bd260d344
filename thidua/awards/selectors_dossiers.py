"""Reads of proposals and decisions (issue 6): dossiers the actor may see, one dossier with its nominees and stored
verdicts in a constant number of queries, the decisions the actor may see, the quota counts (R03A/R03), and the award
history of a person or a unit.

``*_access`` raises the same ``NotFound`` for a missing dossier and for one out of the actor's reach (STYLE S12).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.awards.models import (
    AppraisalResult,
    AwardRecord,
    AwardRecordKind,
    Decision,
    DecisionAward,
    Dossier,
    DossierDocument,
    DossierEvent,
    Nomination,
)
from thidua.awards.permissions import can_view_dossier_of, dossier_scope_filter
from thidua.awards.rules import quotas
from thidua.awards.rules.engine import regime_for
from thidua.awards.selectors import parameter_overrides_for
from thidua.core.exceptions import NotFound
from thidua.core.text import fold
from thidua.people.models import Assignment

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.organizations.models import Unit
    from thidua.people.models import Person

CSTDCS = "CSTDCS"
LDTT = "LDTT"
QUOTA_CONDITION = "cstdcs_quota"
MAX_SEARCH_LENGTH = 100


def dossier_list_visible_to(*, actor: Actor, year: int | None = None, status: str | None = None) -> QuerySet[Dossier]:
    """Dossiers the actor may read: those of the units where they are head or officer (and the units below), of the
    blocs whose secretariat they are, and every dossier of the province whose office they are."""
    dossiers = Dossier.objects.filter(dossier_scope_filter(actor)).select_related("proposer_unit", "bloc", "province")
    if year is not None:
        dossiers = dossiers.filter(year=year)
    if status is not None:
        dossiers = dossiers.filter(status=status)
    return dossiers


def dossier_access(*, actor: Actor, dossier_id: int) -> Dossier:
    """One dossier the actor may read; NotFound when missing or out of reach."""
    dossier = (
        Dossier.objects.select_related("proposer_unit", "bloc__province", "province").filter(pk=dossier_id).first()
    )
    if dossier is None or not can_view_dossier_of(
        actor, province=dossier.province, unit=dossier.proposer_unit, bloc=dossier.bloc
    ):
        raise NotFound()
    return dossier


def decision_list_visible_to(*, actor: Actor, year: int | None = None, search: str = "") -> QuerySet[Decision]:
    """Quyết định khen thưởng the actor may read, newest first: those issued on a dossier the actor may read (the
    dossier scoping rules: the proposer unit's head and officer and those above it, the bloc's secretariat, the office
    of the province). Each row carries ``awardee_count`` and ``revoked_count``; one query per page whatever the number
    of awardees.

    ``year`` is the year of the decision date. ``search`` keeps decisions whose number contains each word, or with an
    awardee whose name contains it (diacritics ignored: "nguyen thi lan" finds "Nguyễn Thị Lan").
    """
    visible_dossiers = Dossier.objects.filter(dossier_scope_filter(actor)).values("pk")
    decisions = (
        Decision.objects.filter(dossier__in=visible_dossiers)
        .select_related("dossier__proposer_unit", "dossier__bloc")
        .annotate(
            awardee_count=Count("awards"),
            revoked_count=Count("awards", filter=Q(awards__is_revoked=True)),
        )
    )
    if year is not None:
        decisions = decisions.filter(decided_on__gte=dt.date(year, 1, 1), decided_on__lte=dt.date(year, 12, 31))
    for word in search[:MAX_SEARCH_LENGTH].split():
        folded = fold(word)
        named = DecisionAward.objects.filter(decision=OuterRef("pk")).filter(
            Q(person__search_name__contains=folded) | Q(unit__search_name__contains=folded)
        )
        decisions = decisions.filter(Q(number__icontains=word) | Exists(named))
    return decisions.order_by("-decided_on", "-pk")


@dataclass(frozen=True)
class DossierDetail:
    dossier: Dossier
    nominations: list[Nomination]
    documents: list[DossierDocument]
    events: list[DossierEvent]


def dossier_detail_get(*, actor: Actor, dossier_id: int) -> DossierDetail:
    """A dossier with its nominees (subject, title, initiatives, stored verdict), documents and history: six queries
    plus the actor's grants, whatever the number of nominees."""
    dossier = dossier_access(actor=actor, dossier_id=dossier_id)
    nominations = list(
        Nomination.objects.filter(dossier=dossier)
        .select_related("person", "unit", "title")
        .prefetch_related(Prefetch("initiatives"))
    )
    documents = list(DossierDocument.objects.filter(dossier=dossier))
    events = list(DossierEvent.objects.filter(dossier=dossier).select_related("actor"))
    return DossierDetail(dossier=dossier, nominations=nominations, documents=documents, events=events)


@dataclass(frozen=True)
class QuotaCount:
    """How many of a title are proposed against the base the quota is computed from: "2 / 7 LĐTT; tối đa 1"."""

    title_code: str
    proposed: int
    base: int
    cap: int | None
    is_exceeded: bool
    facts: str

    @property
    def display(self) -> str:
        return f"{self.proposed} / {self.cap if self.cap is not None else '—'}"


def _ldtt_person_ids(unit: Unit, year: int, dossier_ids: list[int]) -> set[int]:
    """People counted as LĐTT of the unit for ``year``: proposed for LĐTT in its dossiers of the year, or holding a
    counting LĐTT award of that year while working in the unit (or a unit below it) during the year."""
    proposed = set(
        Nomination.objects.filter(dossier_id__in=dossier_ids, title__code=LDTT, person__isnull=False)
        .exclude(appraisal_result=AppraisalResult.REJECTED)
        .values_list("person_id", flat=True)
    )
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    working = Assignment.objects.filter(unit__path__startswith=unit.path, starts_on__lte=last).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=first)
    )
    held = set(
        AwardRecord.objects.filter(
            title__code=LDTT,
            year=year,
            is_revoked=False,
            kind__in=(AwardRecordKind.MERIT, AwardRecordKind.MOVEMENT),
            person_id__in=working.values("person_id"),
        ).values_list("person_id", flat=True)
    )
    return proposed | held


def dossier_quota_counts(*, dossier: Dossier) -> list[QuotaCount]:
    """R03A/R03: CSTĐCS proposed across every dossier of the same proposer unit and year (this one included) against
    ``floor(share × LĐTT)``; share 15 % in regime A (Nghị định 91/2017 Điều 9 khoản 3), none in B/C unless the
    province configured ``cstdcs_quota.share``. Empty for a bloc dossier (no individual nominees). Four queries."""
    unit = dossier.proposer_unit
    if unit is None:
        return []
    overrides = parameter_overrides_for(dossier.province, dossier.reference_date)
    share = overrides.get(QUOTA_CONDITION, {}).get("share")
    dossier_ids = list(Dossier.objects.filter(proposer_unit=unit, year=dossier.year).values_list("pk", flat=True))
    proposed = (
        Nomination.objects.filter(dossier_id__in=dossier_ids, title__code=CSTDCS, person__isnull=False)
        .exclude(appraisal_result=AppraisalResult.REJECTED)
        .values("person_id")
        .distinct()
        .count()
    )
    base = len(_ldtt_person_ids(unit, dossier.year, dossier_ids))
    regime = regime_for(dossier.reference_date)
    cap = quotas.cstdcs_quota(base, regime, share)
    _passes, facts = quotas.cstdcs_quota_check(proposed, base, regime, share)
    return [
        QuotaCount(
            title_code=CSTDCS,
            proposed=proposed,
            base=base,
            cap=cap,
            is_exceeded=cap is not None and proposed > cap,
            facts=facts,
        )
    ]


def quota_exceeded_message(counts: list[QuotaCount]) -> str | None:
    exceeded = [c for c in counts if c.is_exceeded]
    if not exceeded:
        return None
    return _("Vượt tỷ lệ đề nghị: %(facts)s.") % {"facts": "; ".join(c.facts for c in exceeded)}


def award_history_for(*, person: Person | None = None, unit: Unit | None = None) -> QuerySet[AwardRecord]:
    """Every title and award of a person or a unit, newest year first, with its decision when it came from one
    (revoked ones included, flagged). Not scoped: callers check the actor may read this subject."""
    if (person is None) == (unit is None):
        raise ValueError("Exactly one of person and unit")
    records = AwardRecord.objects.filter(person=person) if person is not None else AwardRecord.objects.filter(unit=unit)
    return records.select_related("title", "decision_award__decision").order_by("-year", "-decided_on", "-pk")
