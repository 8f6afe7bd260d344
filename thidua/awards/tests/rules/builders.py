"""Small builders of immutable facts for the rules tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from thidua.awards.rules.context import (
    AwardFact,
    AwardKind,
    DisciplineFact,
    EvaluationContext,
    InitiativeFact,
    MemberFacts,
    PendingCaseFact,
    PeriodFact,
    SubjectFacts,
)
from thidua.awards.rules.engine import regime_for
from thidua.awards.rules.registry import condition_get
from thidua.awards.rules.results import Citation, ConditionResult

EXC, GOOD, DONE, FAIL = "htxsnv", "httnv", "htnv", "khtnv"
TEST_CITATION = Citation("Văn bản thử", "Điều 1")


def award(title: str, year: int, *, kind: str = AwardKind.MERIT, revoked: bool = False) -> AwardFact:
    return AwardFact(
        title_code=title,
        year=year,
        decided_on=dt.date(year + 1, 1, 20),
        decision_number=f"{year}/QĐ",
        kind=kind,
        is_revoked=revoked,
    )


def titles(title: str, *years: int) -> tuple[AwardFact, ...]:
    return tuple(award(title, y) for y in years)


def initiative(id: int, level: str, year: int, *, science: bool = False, title: str = "") -> InitiativeFact:
    return InitiativeFact(id=id, level=level, recognised_on=dt.date(year, 11, 15), is_science_work=science, title=title)


def person(
    *,
    ratings: Mapping[int, str] | None = None,
    awards: Iterable[AwardFact] = (),
    initiatives: Iterable[InitiativeFact] = (),
    disciplines: Iterable[DisciplineFact] = (),
    pending: Iterable[PendingCaseFact] = (),
    used: Iterable[int] = (),
    posts: Iterable[tuple[dt.date, dt.date | None]] = (),
    leaves: Iterable[tuple[dt.date, dt.date]] = (),
) -> SubjectFacts:
    return SubjectFacts(
        kind="individual",
        id=1,
        name="Nguyễn Văn A",
        ratings=MappingProxyType(dict(ratings or {})),
        awards=tuple(awards),
        initiatives=tuple(initiatives),
        disciplines=tuple(disciplines),
        pending_cases=tuple(pending),
        used_initiative_ids=frozenset(used),
        posts=tuple(PeriodFact(s, e) for s, e in posts),
        maternity_leaves=tuple(PeriodFact(s, e) for s, e in leaves),
    )


def member(
    pid: int, rating: str = GOOD, titles_: Iterable[str] = ("LDTT",), *, year: int = 2019, disciplined: str = ""
) -> MemberFacts:
    return MemberFacts(
        person_id=pid,
        ratings=MappingProxyType({year: rating}),
        title_codes_by_year=MappingProxyType({year: frozenset(titles_)}),
        disciplines=(DisciplineFact(level=disciplined, decided_on=dt.date(year, 6, 1)),) if disciplined else (),
    )


def members(n_ldtt: int, n_other: int, *, year: int = 2019, cstdcs: int = 0) -> tuple[MemberFacts, ...]:
    """``n_ldtt`` members with LĐTT (the first ``cstdcs`` of them also CSTĐCS) and ``n_other`` rated HTNV only."""
    out = [member(i, GOOD, ("LDTT", "CSTDCS") if i < cstdcs else ("LDTT",), year=year) for i in range(n_ldtt)]
    out += [member(100 + i, DONE, (), year=year) for i in range(n_other)]
    return tuple(out)


def collective(
    *,
    ratings: Mapping[int, str] | None = None,
    awards: Iterable[AwardFact] = (),
    members_: Iterable[MemberFacts] = (),
    leads: Iterable[int] = (),
    pending: Iterable[PendingCaseFact] = (),
) -> SubjectFacts:
    return SubjectFacts(
        kind="collective",
        id=2,
        name="Sở Lao động - Thương binh và Xã hội",
        ratings=MappingProxyType(dict(ratings or {})),
        awards=tuple(awards),
        members=tuple(members_),
        leads_bloc_in=frozenset(leads),
        pending_cases=tuple(pending),
    )


def context(
    subject: SubjectFacts, *, title: str = "", year: int = 2019, reference_date: dt.date | None = None
) -> EvaluationContext:
    ref = reference_date or dt.date(year + 1, 1, 15)
    return EvaluationContext(subject=subject, title_code=title, year=year, reference_date=ref, regime=regime_for(ref))


def run(
    code: str,
    subject: SubjectFacts,
    params: Mapping[str, object] | None = None,
    *,
    year: int = 2019,
    reference_date: dt.date | None = None,
) -> ConditionResult:
    ctx = context(subject, year=year, reference_date=reference_date)
    return condition_get(code).evaluate(ctx, dict(params or {}), TEST_CITATION)
