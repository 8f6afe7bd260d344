"""Shared, pure helpers for conditions: Vietnamese names of titles, ratings and levels, and the fact filters that
every condition must apply the same way (R19: special and thematic awards never count, revoked awards never count;
R21: initiatives already used by another proposal or award are not counted)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.context import (
    DISCIPLINE_RANK,
    RATING_RANK,
    DisciplineFact,
    DisciplineLevel,
    InitiativeFact,
    Rating,
    SubjectFacts,
)

TITLE_SHORT = {
    "LDTT": gettext_noop("LĐTT"),
    "CSTDCS": gettext_noop("CSTĐCS"),
    "CSTD_TINH": gettext_noop("CSTĐ tỉnh"),
    "CSTD_TQ": gettext_noop("CSTĐ toàn quốc"),
    "TTLDTT": gettext_noop("TTLĐTT"),
    "TTLDXS": gettext_noop("TTLĐXS"),
    "CO_TINH": gettext_noop("Cờ thi đua UBND tỉnh"),
    "CO_CP": gettext_noop("Cờ thi đua Chính phủ"),
    "GK": gettext_noop("Giấy khen"),
    "BK_TINH": gettext_noop("Bằng khen Chủ tịch UBND tỉnh"),
    "BK_TTG": gettext_noop("Bằng khen Thủ tướng"),
}

RATING_LABELS = {
    Rating.EXCELLENT: gettext_noop("Hoàn thành xuất sắc nhiệm vụ"),
    Rating.GOOD: gettext_noop("Hoàn thành tốt nhiệm vụ"),
    Rating.COMPLETED: gettext_noop("Hoàn thành nhiệm vụ"),
    Rating.FAILED: gettext_noop("Không hoàn thành nhiệm vụ"),
}

LEVEL_RANK = {"base": 1, "province": 2, "national": 3}
LEVEL_LABELS = {
    "base": gettext_noop("cấp cơ sở"),
    "province": gettext_noop("cấp tỉnh"),
    "national": gettext_noop("toàn quốc"),
}

DISCIPLINE_LABELS = {
    DisciplineLevel.REPRIMAND: gettext_noop("khiển trách"),
    DisciplineLevel.WARNING: gettext_noop("cảnh cáo"),
    DisciplineLevel.HEAVIER: gettext_noop("hình thức nặng hơn cảnh cáo"),
}


def title_short(code: str) -> str:
    return _(TITLE_SHORT[code]) if code in TITLE_SHORT else code


def rating_label(value: str | None) -> str:
    if value is None:
        return _("chưa có xếp loại")
    try:
        return _(RATING_LABELS[Rating(value)])
    except ValueError:
        return value


def rating_rank(value: str | None) -> int:
    """Rank of a rating (HTXSNV 4 … KHTNV 1); 0 when missing or unknown."""
    try:
        return RATING_RANK[Rating(value)] if value is not None else 0
    except ValueError:
        return 0


def level_label(level: str) -> str:
    return _(LEVEL_LABELS[level]) if level in LEVEL_LABELS else level


def discipline_label(level: str) -> str:
    try:
        return _(DISCIPLINE_LABELS[DisciplineLevel(level)])
    except ValueError:
        return level


def discipline_rank(level: str) -> int:
    try:
        return DISCIPLINE_RANK[DisciplineLevel(level)]
    except ValueError:
        return 0


def years_text(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))


def pct(numerator: int, denominator: int) -> str:
    return f"{round(100 * numerator / denominator)}%" if denominator else "0%"


def held_years(subject: SubjectFacts, title_code: str) -> set[int]:
    """Years in which the subject holds ``title_code``, counting only merit and movement awards that were not
    revoked (R19; Luật 06/2022 chương VII on revocation). Every title-history condition goes through here."""
    return {a.year for a in subject.awards_of(title_code, counting=True)}


def discipline_in_force(discipline: DisciplineFact, year: int) -> bool:
    """A discipline is in force during ``year`` if it was decided by the end of that year and its term had not ended
    before the year began. Without a recorded end, it counts only in the year it was decided."""
    if discipline.decided_on > dt.date(year, 12, 31):
        return False
    if discipline.ends_on is None:
        return discipline.decided_on.year == year
    return discipline.ends_on >= dt.date(year, 1, 1)


def select_initiatives(
    subject: SubjectFacts,
    *,
    min_level: str,
    first_year: int,
    last_year: int,
    science: bool | None,
    exclude_used: bool,
) -> tuple[list[InitiativeFact], list[InitiativeFact]]:
    """Initiatives (``science=False``), science works (``True``) or both (``None``) recognised at ``min_level`` or
    above between ``first_year`` and ``last_year``. Returns (counted, left out because already used — R21)."""
    floor = LEVEL_RANK.get(min_level, 1)
    matching = [
        i
        for i in subject.initiatives
        if LEVEL_RANK.get(i.level, 0) >= floor
        and first_year <= i.recognised_on.year <= last_year
        and (science is None or i.is_science_work == science)
    ]
    matching.sort(key=lambda i: (i.recognised_on, i.id))
    # One initiative recognised at several levels (cơ sở, then tỉnh) appears once per recognition in the facts:
    # it counts once, at its earliest recognition that matches. Science works have their own ids.
    seen: set[tuple[bool, int]] = set()
    distinct = []
    for item in matching:
        if (item.is_science_work, item.id) not in seen:
            seen.add((item.is_science_work, item.id))
            distinct.append(item)
    if not exclude_used:
        return distinct, []

    def is_used(item: InitiativeFact) -> bool:
        return not item.is_science_work and item.id in subject.used_initiative_ids

    return [i for i in distinct if not is_used(i)], [i for i in distinct if is_used(i)]


def initiative_text(initiative: InitiativeFact) -> str:
    kind = _("Đề tài KH&CN") if initiative.is_science_work else _("Sáng kiến")
    name = f" “{initiative.title}”" if initiative.title else f" #{initiative.id}"
    return _("%(kind)s%(name)s (%(level)s, %(date)s)") % {
        "kind": kind,
        "name": name,
        "level": level_label(initiative.level),
        "date": initiative.recognised_on.strftime("%d/%m/%Y"),
    }


def initiatives_text(counted: list[InitiativeFact], used: list[InitiativeFact]) -> str:
    parts = []
    if counted:
        parts.append("; ".join(initiative_text(i) for i in counted))
    if used:
        parts.append(
            _("không tính (đã dùng cho đề nghị khác): %(items)s")
            % {"items": "; ".join(initiative_text(i) for i in used)}
        )
    return "; ".join(parts)


def window(year: int, window_years: int) -> tuple[int, int]:
    """The years ``year - window_years + 1`` … ``year`` (at least the year itself)."""
    return year - max(int(window_years), 1) + 1, year


def window_text(first: int, last: int) -> str:
    return str(last) if first == last else f"{first}–{last}"
