"""What the rules read: immutable facts about one subject (a person or a collective), prefetched by a selector.

Rules never query the database. A batch caller builds one ``SubjectFacts`` per subject with a constant number of
queries (``awards/selectors.py``) and evaluates them all. Every fact carries its own dates and identifiers so that a
verdict can say which facts it used ("CSTĐCS 2017, 2018, 2019").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class RegimeCode(StrEnum):
    """The three legal regimes (DOMAIN §3.1, R28)."""

    A = "A"  # Luật TĐKT 2003/2013 + NĐ 91/2017: until 31/12/2023
    B = "B"  # Luật TĐKT 06/2022 + NĐ 98/2023: 01/01/2024 – 30/06/2025
    C = "C"  # Luật TĐKT 06/2022 + NĐ 152/2025: from 01/07/2025


class Rating(StrEnum):
    """Mức xếp loại chất lượng (task-completion rating), best first."""

    EXCELLENT = "htxsnv"  # Hoàn thành xuất sắc nhiệm vụ
    GOOD = "httnv"  # Hoàn thành tốt nhiệm vụ
    COMPLETED = "htnv"  # Hoàn thành nhiệm vụ
    FAILED = "khtnv"  # Không hoàn thành nhiệm vụ


RATING_RANK = {Rating.EXCELLENT: 4, Rating.GOOD: 3, Rating.COMPLETED: 2, Rating.FAILED: 1}


class AwardKind(StrEnum):
    """Loại khen thưởng (Luật 06/2022 Điều 8): only công trạng and phong trào count towards merit rules (R19)."""

    MERIT = "merit"  # công trạng, thành tích thường xuyên
    MOVEMENT = "movement"  # theo phong trào thi đua
    SPECIAL = "special"  # đột xuất
    THEMATIC = "thematic"  # chuyên đề


class DisciplineLevel(StrEnum):
    """Hình thức kỷ luật, mildest first."""

    REPRIMAND = "khien_trach"  # khiển trách
    WARNING = "canh_cao"  # cảnh cáo
    HEAVIER = "nang_hon"  # hạ bậc lương, giáng chức, cách chức, buộc thôi việc…


DISCIPLINE_RANK = {DisciplineLevel.REPRIMAND: 1, DisciplineLevel.WARNING: 2, DisciplineLevel.HEAVIER: 3}


@dataclass(frozen=True)
class AwardFact:
    """A title or award the subject received (from a decision, or imported history)."""

    title_code: str
    year: int
    decided_on: dt.date
    decision_number: str
    kind: str = AwardKind.MERIT
    is_revoked: bool = False
    id: int | None = None


@dataclass(frozen=True)
class InitiativeFact:
    """A recognised initiative (sáng kiến) or accepted science work (đề tài, đề án KH&CN) of the subject."""

    id: int
    level: str  # "base" | "province" | "national" (initiatives.RecognitionLevel)
    recognised_on: dt.date
    is_science_work: bool = False
    title: str = ""


@dataclass(frozen=True)
class DisciplineFact:
    level: str
    decided_on: dt.date
    ends_on: dt.date | None = None


@dataclass(frozen=True)
class PendingCaseFact:
    """Discipline being considered, investigation, inspection or complaint being verified (R16)."""

    kind: str
    opened_on: dt.date
    closed_on: dt.date | None = None


@dataclass(frozen=True)
class PeriodFact:
    """A span of days: a post held in a unit, or a maternity leave (R17). ``ends_on`` None: still running."""

    starts_on: dt.date
    ends_on: dt.date | None = None


@dataclass(frozen=True)
class MemberFacts:
    """One member of a collective, as the collective rules need them."""

    person_id: int
    ratings: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))
    title_codes_by_year: Mapping[int, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    disciplines: tuple[DisciplineFact, ...] = ()
    is_female: bool = False


@dataclass(frozen=True)
class SubjectFacts:
    """Everything the rules may read about one person or one collective."""

    kind: str  # "individual" | "collective"
    id: int
    name: str
    ratings: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))
    awards: tuple[AwardFact, ...] = ()
    initiatives: tuple[InitiativeFact, ...] = ()
    disciplines: tuple[DisciplineFact, ...] = ()
    pending_cases: tuple[PendingCaseFact, ...] = ()
    members: tuple[MemberFacts, ...] = ()
    is_female: bool = False
    # Initiatives already used by another proposal or award (R21), with what they were used for.
    used_initiative_ids: frozenset[int] = frozenset()
    # The bloc leader flag for the year (R08), as decided by the bloc (scoring and the conference).
    leads_bloc_in: frozenset[int] = frozenset()
    # A person's posts and maternity leaves overlapping the evaluation year (R17); empty for a collective.
    posts: tuple[PeriodFact, ...] = ()
    maternity_leaves: tuple[PeriodFact, ...] = ()

    def awards_of(self, title_code: str, *, counting: bool = True) -> list[AwardFact]:
        """Awards of ``title_code`` that count: not revoked and, with ``counting``, not special or thematic (R19)."""
        return [
            a
            for a in self.awards
            if a.title_code == title_code
            and not a.is_revoked
            and (not counting or a.kind in (AwardKind.MERIT, AwardKind.MOVEMENT))
        ]

    def has_title(self, title_code: str, year: int) -> bool:
        return any(a.year == year for a in self.awards_of(title_code))


@dataclass(frozen=True)
class EvaluationContext:
    """One evaluation: a subject, the title or award form asked for, the achievement year and the reference date
    (which selects the regime, R28), with the parameters of the rule set in force."""

    subject: SubjectFacts
    title_code: str
    year: int
    reference_date: dt.date
    regime: RegimeCode
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
