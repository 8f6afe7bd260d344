"""Reads of the awards app: the titles catalogue, and the facts the eligibility rules read, prefetched in bulk.

``subject_facts_for_people`` and ``subject_facts_for_units`` build the frozen ``SubjectFacts`` of MANY subjects with a
constant number of queries, whatever their number (STYLE S13, S28): the rules then run without touching the database.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery

from thidua.accounts.scoping import unit_scope
from thidua.awards.choices import TitleSubject
from thidua.awards.models import (
    AwardRecord,
    DisciplineRecord,
    LeavePeriod,
    ParameterOverride,
    PendingCase,
    ScienceWork,
    TaskRating,
    Title,
)
from thidua.awards.permissions import (
    AwardsPermission,
    can_view_facts_of_unit,
    people_within_reach,
    person_within_reach,
)
from thidua.awards.rules.context import (
    AwardFact,
    DisciplineFact,
    InitiativeFact,
    MemberFacts,
    PendingCaseFact,
    PeriodFact,
    SubjectFacts,
)
from thidua.core.exceptions import NotFound
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import BlocMembership
from thidua.initiatives.models import InitiativeRecognition
from thidua.organizations.models import Unit
from thidua.people.choices import Gender
from thidua.people.models import Assignment, Person

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.awards.rules.results import Verdict

INDIVIDUAL = "individual"
COLLECTIVE = "collective"
# R18 (NĐ 152/2025 Điều 4): collectives with at least 70 % women are preferred on a tie.
FEMALE_SHARE_PREFERRED = 0.70


def title_list_in_force(*, on: dt.date, subject: str | None = None) -> QuerySet[Title]:
    """Titles and award forms in force on ``on``; with ``subject``, those a collective or an individual may receive
    (an entry for both subjects is offered to each)."""
    titles = Title.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )
    if subject is not None and subject != TitleSubject.BOTH:
        titles = titles.filter(subject__in=[subject, TitleSubject.BOTH])
    return titles


def _frozen(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(dict(mapping))


def _ratings_by_subject(field: str, ids: Collection[int], *, year: int) -> dict[int, dict[int, str]]:
    """Ratings up to ``year`` (one query)."""
    result: dict[int, dict[int, str]] = defaultdict(dict)
    rows = TaskRating.objects.filter(**{f"{field}__in": ids}, year__lte=year).values_list(field, "year", "rating")
    for subject_id, rating_year, rating in rows:
        result[subject_id][rating_year] = rating
    return result


def _awards_by_subject(
    field: str, ids: Collection[int], *, year: int, reference_date: dt.date
) -> dict[int, list[AwardFact]]:
    """Awards for achievement years up to ``year`` decided by ``reference_date`` (one query). An award counts as
    revoked only if revoked by the reference date: an evaluation as of an earlier day sees it as it was then."""
    result: dict[int, list[AwardFact]] = defaultdict(list)
    rows = (
        AwardRecord.objects.filter(**{f"{field}__in": ids}, year__lte=year, decided_on__lte=reference_date)
        .order_by("year", "decided_on", "pk")
        .values_list(
            field, "pk", "title__code", "year", "decided_on", "decision_number", "kind", "is_revoked", "revoked_on"
        )
    )
    for subject_id, pk, code, award_year, decided_on, number, kind, is_revoked, revoked_on in rows:
        revoked = bool(is_revoked and revoked_on is not None and revoked_on <= reference_date)
        result[subject_id].append(
            AwardFact(
                title_code=code,
                year=award_year,
                decided_on=decided_on,
                decision_number=number,
                kind=kind,
                is_revoked=revoked,
                id=pk,
            )
        )
    return result


def _disciplines_by_person(ids: Collection[int], *, reference_date: dt.date) -> dict[int, list[DisciplineFact]]:
    result: dict[int, list[DisciplineFact]] = defaultdict(list)
    rows = (
        DisciplineRecord.objects.filter(person_id__in=ids, decided_on__lte=reference_date)
        .order_by("decided_on", "pk")
        .values_list("person_id", "level", "decided_on", "ends_on")
    )
    for person_id, level, decided_on, ends_on in rows:
        result[person_id].append(DisciplineFact(level=level, decided_on=decided_on, ends_on=ends_on))
    return result


def _periods_in_year(
    model: Any, ids: Collection[int], *, year: int, start: str, end: str
) -> dict[int, list[PeriodFact]]:
    """Rows of ``model`` (with ``person_id`` and the ``start``/``end`` date fields) overlapping ``year`` (one query)."""
    result: dict[int, list[PeriodFact]] = defaultdict(list)
    rows = (
        model.objects.filter(Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": dt.date(year, 1, 1)}))
        .filter(person_id__in=ids, **{f"{start}__lte": dt.date(year, 12, 31)})
        .order_by(start, "pk")
        .values_list("person_id", start, end)
    )
    for person_id, starts_on, ends_on in rows:
        result[person_id].append(PeriodFact(starts_on=starts_on, ends_on=ends_on))
    return result


def _pending_by_subject(
    field: str, ids: Collection[int], *, reference_date: dt.date
) -> dict[int, list[PendingCaseFact]]:
    """Cases opened by the reference date; a case closed after it is still open as of that day."""
    result: dict[int, list[PendingCaseFact]] = defaultdict(list)
    rows = (
        PendingCase.objects.filter(**{f"{field}__in": ids}, opened_on__lte=reference_date)
        .order_by("opened_on", "pk")
        .values_list(field, "kind", "opened_on", "closed_on")
    )
    for subject_id, kind, opened_on, closed_on in rows:
        closed = closed_on if closed_on is not None and closed_on <= reference_date else None
        result[subject_id].append(PendingCaseFact(kind=kind, opened_on=opened_on, closed_on=closed))
    return result


def _initiatives_by_person(ids: Collection[int], *, reference_date: dt.date) -> dict[int, list[InitiativeFact]]:
    """Recognitions (by the reference date) of initiatives the person co-authored, one fact per recognition (an
    initiative recognised at cơ sở and later at tỉnh gives two facts with the initiative's id), then accepted science
    works (two queries)."""
    result: dict[int, list[InitiativeFact]] = defaultdict(list)
    rows = (
        InitiativeRecognition.objects.filter(initiative__authors__person_id__in=ids, recognised_on__lte=reference_date)
        .order_by("recognised_on", "pk")
        .values_list("initiative__authors__person_id", "initiative_id", "level", "recognised_on", "initiative__title")
    )
    for person_id, initiative_id, level, recognised_on, title in rows:
        result[person_id].append(
            InitiativeFact(id=initiative_id, level=level, recognised_on=recognised_on, title=title)
        )
    works = (
        ScienceWork.objects.filter(person_id__in=ids, accepted_on__lte=reference_date)
        .order_by("accepted_on", "pk")
        .values_list("person_id", "pk", "level", "accepted_on", "title")
    )
    for person_id, pk, level, accepted_on, title in works:
        result[person_id].append(
            InitiativeFact(id=pk, level=level, recognised_on=accepted_on, is_science_work=True, title=title)
        )
    return result


def _initiatives_by_unit(ids: Collection[int], *, reference_date: dt.date) -> dict[int, list[InitiativeFact]]:
    """Recognitions of the initiatives applied in the unit (one query)."""
    result: dict[int, list[InitiativeFact]] = defaultdict(list)
    rows = (
        InitiativeRecognition.objects.filter(initiative__unit_id__in=ids, recognised_on__lte=reference_date)
        .order_by("recognised_on", "pk")
        .values_list("initiative__unit_id", "initiative_id", "level", "recognised_on", "initiative__title")
    )
    for unit_id, initiative_id, level, recognised_on, title in rows:
        result[unit_id].append(InitiativeFact(id=initiative_id, level=level, recognised_on=recognised_on, title=title))
    return result


def subject_facts_for_people(
    person_ids: Iterable[int], *, year: int, reference_date: dt.date
) -> dict[int, SubjectFacts]:
    """The facts of each person for evaluating achievement ``year`` as of ``reference_date``: ratings and awards up to
    ``year``, recognised initiatives and accepted science works, disciplines and pending cases known by that day.

    A person's history follows the person whatever unit they were in (DOMAIN §6.3). Their posts and maternity leaves
    overlapping ``year`` give the working time (R17). Nine queries for any number of people; unknown ids are left
    out. Not scoped: callers check the actor may read these people.
    """
    ids = set(person_ids)
    if not ids:
        return {}
    people = list(Person.objects.filter(pk__in=ids).values_list("pk", "full_name", "gender"))
    ratings = _ratings_by_subject("person_id", ids, year=year)
    awards = _awards_by_subject("person_id", ids, year=year, reference_date=reference_date)
    initiatives = _initiatives_by_person(ids, reference_date=reference_date)
    disciplines = _disciplines_by_person(ids, reference_date=reference_date)
    pending = _pending_by_subject("person_id", ids, reference_date=reference_date)
    posts = _periods_in_year(Assignment, ids, year=year, start="starts_on", end="ends_on")
    leaves = _periods_in_year(LeavePeriod, ids, year=year, start="starts_on", end="ends_on")
    return {
        pk: SubjectFacts(
            kind=INDIVIDUAL,
            id=pk,
            name=name,
            ratings=_frozen(ratings.get(pk, {})),
            awards=tuple(awards.get(pk, ())),
            initiatives=tuple(initiatives.get(pk, ())),
            disciplines=tuple(disciplines.get(pk, ())),
            pending_cases=tuple(pending.get(pk, ())),
            is_female=gender == Gender.FEMALE,
            posts=tuple(posts.get(pk, ())),
            maternity_leaves=tuple(leaves.get(pk, ())),
        )
        for pk, name, gender in people
    }


def _members_by_unit(ids: Collection[int], *, year: int) -> dict[int, dict[int, str]]:
    """People with a post in each unit at some time during ``year`` (as ``person_list_working_in``), with their
    gender (one query)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = (
        Assignment.objects.filter(unit_id__in=ids, starts_on__lte=last)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        .values_list("unit_id", "person_id", "person__gender")
    )
    result: dict[int, dict[int, str]] = defaultdict(dict)
    for unit_id, person_id, gender in rows:
        result[unit_id][person_id] = gender
    return result


def subject_facts_for_units(unit_ids: Iterable[int], *, year: int, reference_date: dt.date) -> dict[int, SubjectFacts]:
    """The facts of each collective for evaluating ``year`` as of ``reference_date``: its ratings, awards, pending
    cases, recognised initiatives applied in it, the years it led its bloc (R08), and its members in ``year`` with
    their ratings, titles by year and disciplines (R06, R07). ``is_female`` marks a collective with at least 70 %
    women among those members (R18).

    Ten queries for any number of units; unknown ids are left out. Not scoped: callers check the actor may read them.
    """
    ids = set(unit_ids)
    if not ids:
        return {}
    units = list(Unit.objects.filter(pk__in=ids).values_list("pk", "name"))
    ratings = _ratings_by_subject("unit_id", ids, year=year)
    awards = _awards_by_subject("unit_id", ids, year=year, reference_date=reference_date)
    pending = _pending_by_subject("unit_id", ids, reference_date=reference_date)
    initiatives = _initiatives_by_unit(ids, reference_date=reference_date)
    leads: dict[int, set[int]] = defaultdict(set)
    for unit_id, led_year in BlocMembership.objects.filter(
        unit_id__in=ids, role=BlocRole.LEADER, year__lte=year
    ).values_list("unit_id", "year"):
        leads[unit_id].add(led_year)
    members = _members_by_unit(ids, year=year)
    member_ids = {p for people in members.values() for p in people}
    member_ratings = _ratings_by_subject("person_id", member_ids, year=year) if member_ids else {}
    member_awards = (
        _awards_by_subject("person_id", member_ids, year=year, reference_date=reference_date) if member_ids else {}
    )
    member_disciplines = _disciplines_by_person(member_ids, reference_date=reference_date) if member_ids else {}

    def member(person_id: int, gender: str) -> MemberFacts:
        titles: dict[int, set[str]] = defaultdict(set)
        for award in member_awards.get(person_id, ()):
            if not award.is_revoked:
                titles[award.year].add(award.title_code)
        return MemberFacts(
            person_id=person_id,
            ratings=_frozen(member_ratings.get(person_id, {})),
            title_codes_by_year=_frozen({y: frozenset(codes) for y, codes in titles.items()}),
            disciplines=tuple(member_disciplines.get(person_id, ())),
            is_female=gender == Gender.FEMALE,
        )

    result: dict[int, SubjectFacts] = {}
    for pk, name in units:
        unit_members = tuple(member(p, g) for p, g in sorted(members.get(pk, {}).items()))
        women = sum(1 for m in unit_members if m.is_female)
        result[pk] = SubjectFacts(
            kind=COLLECTIVE,
            id=pk,
            name=name,
            ratings=_frozen(ratings.get(pk, {})),
            awards=tuple(awards.get(pk, ())),
            initiatives=tuple(initiatives.get(pk, ())),
            pending_cases=tuple(pending.get(pk, ())),
            members=unit_members,
            is_female=bool(unit_members) and women / len(unit_members) >= FEMALE_SHARE_PREFERRED,
            leads_bloc_in=frozenset(leads.get(pk, ())),
        )
    return result


def subject_facts_get(
    *, actor: Actor, year: int, reference_date: dt.date, person_id: int | None = None, unit_id: int | None = None
) -> SubjectFacts:
    """The facts of one person or collective that the actor may read; NotFound when missing or out of reach (S12).

    A person is within reach when the actor reads facts over one of their units that year or their current unit.
    """
    if person_id is not None:
        if not person_within_reach(actor, AwardsPermission.FACTS_VIEW, person_id=person_id, year=year):
            raise NotFound()
        facts = subject_facts_for_people([person_id], year=year, reference_date=reference_date)
        return facts[person_id]
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id is not None else None
    if unit is None or not can_view_facts_of_unit(actor, unit=unit):
        raise NotFound()
    return subject_facts_for_units([unit.pk], year=year, reference_date=reference_date)[unit.pk]


def fact_units_visible_to(*, actor: Actor) -> QuerySet[Unit]:
    """The collectives whose facts the actor reads (the eligibility and nomination pickers' units)."""
    return unit_scope(actor, AwardsPermission.FACTS_VIEW)


def fact_people_visible_to(*, actor: Actor) -> QuerySet[Person]:
    """People whose open post is in a unit where the actor reads facts (so they are within reach in any year), each
    with ``current_unit_name`` (one query). The person picker searches it (registered as ``awards.facts``)."""
    current = Assignment.objects.filter(person=OuterRef("pk"), ends_on__isnull=True).order_by("-starts_on")
    return (
        Person.objects.filter(Exists(current.filter(unit__in=fact_units_visible_to(actor=actor))))
        .annotate(current_unit_name=Subquery(current.values("unit__name")[:1]))
        .order_by("search_name", "pk")
    )


def parameter_overrides_for(province: Unit, on_date: dt.date, *, rule_set_key: str = "") -> dict[str, dict[str, Any]]:
    """The province's parameter overrides in force on ``on_date``: ``{condition_code: {param: value}}``, the latest
    ``valid_from`` on or before the date winning for each parameter. With ``rule_set_key``, an override for that rule
    set wins over one for every rule set of the same date or earlier (one query)."""
    keys = [""] if not rule_set_key else ["", rule_set_key]
    rows = (
        ParameterOverride.objects.filter(province=province, valid_from__lte=on_date, rule_set_key__in=keys)
        .order_by("valid_from", "rule_set_key", "pk")
        .values_list("condition_code", "param", "value")
    )
    result: dict[str, dict[str, Any]] = defaultdict(dict)
    for condition_code, param, value in rows:
        result[condition_code][param] = value
    return dict(result)


def _province_ids_of_units(units: Iterable[tuple[int, str]]) -> dict[int, int]:
    """Unit id → the id of the root of its path (the province), from the materialised path "/<root>/…/"."""
    return {pk: int(path.strip("/").split("/")[0]) for pk, path in units if path.strip("/")}


def eligibility_evaluate_for(
    *,
    actor: Actor,
    title_code: str,
    year: int,
    reference_date: dt.date,
    person_ids: Collection[int] = (),
    unit_ids: Collection[int] = (),
) -> list[Verdict]:
    """Evaluate ``title_code`` for ``year`` as of ``reference_date`` (which selects the regime, R28) for people or
    collectives the actor may read, with their province's parameter overrides in force that day.

    NotFound if any subject is missing or out of reach (S12); ``NoRuleSet`` (a LookupError) when no rule set can be
    checked automatically. A constant number of queries, plus one per province among the subjects.
    """
    from thidua.awards.rules.catalogue import rule_set_for
    from thidua.awards.rules.context import EvaluationContext
    from thidua.awards.rules.engine import evaluate, regime_for

    regime = regime_for(reference_date)
    if person_ids:
        subject_kind = INDIVIDUAL
        reach = people_within_reach(actor, AwardsPermission.FACTS_VIEW, person_years=[(p, year) for p in person_ids])
        if len(reach) != len(set(person_ids)):
            raise NotFound()
        facts = subject_facts_for_people(person_ids, year=year, reference_date=reference_date)
        current = (
            Assignment.objects.filter(person_id__in=person_ids)
            .order_by("person_id", F("ends_on").desc(nulls_first=True), "-starts_on")
            .values_list("person_id", "unit__path")
        )
        paths: dict[int, str] = {}
        for person_id, path in current:
            paths.setdefault(person_id, path)
        provinces = _province_ids_of_units(paths.items())
    else:
        units = list(Unit.objects.filter(pk__in=unit_ids))
        if len(units) != len(set(unit_ids)) or not all(can_view_facts_of_unit(actor, unit=u) for u in units):
            raise NotFound()
        facts = subject_facts_for_units(unit_ids, year=year, reference_date=reference_date)
        provinces = _province_ids_of_units((u.pk, u.path) for u in units)
        subject_kind = COLLECTIVE
    rule_set = rule_set_for(title_code, regime, subject_kind)
    province_units = Unit.objects.in_bulk(set(provinces.values()))
    overrides = {
        pk: parameter_overrides_for(province, reference_date, rule_set_key=rule_set.key)
        for pk, province in province_units.items()
    }
    verdicts = []
    for subject_id in person_ids or unit_ids:
        ctx = EvaluationContext(
            subject=facts[subject_id], title_code=title_code, year=year, reference_date=reference_date, regime=regime
        )
        province_id = provinces.get(subject_id)
        verdicts.append(evaluate(ctx, rule_set, overrides.get(province_id) if province_id else None))
    return verdicts
