"""Submission deadlines of proposal dossiers: R24 (the province's, Bắc Ninh model) and R25 (the national ones).
Pure functions: dates and parameters in, a ``Deadline`` or None out; no queries.

- R24 (QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 6; DOMAIN §5.2): year-end dossiers before 10/12 of the year (khoản 2);
  thematic ones (sơ kết, tổng kết chuyên đề, hội nghị) at least 10 days before the event (khoản 1; đột xuất awards
  are exempt); the education sector, at the end of the school year, before 10/7 (khoản 3). Regime C only by default:
  the Bắc Ninh text is of 2025 and Quảng Nam's and Đà Nẵng's deadlines are UNVERIFIED, so a province adjusts every
  number, or switches the rule on or off, with the pseudo-condition ``submission_deadline`` (``PARAMS``).
- R25 (Nghị định 98/2023/NĐ-CP Điều 32 khoản 1; regime B, kept in C: UNVERIFIED): a province sends the CSTĐ toàn
  quốc dossier to the Ministry of Home Affairs by 31/12 of the following year (điểm a) and the Cờ thi đua của Chính
  phủ dossier by 30/6 each year, the national education system by 31/12 (điểm b). A dossier reaching the province
  after the national deadline is late too. Which year "each year" means is not stated: 30/6 of the year after the
  achievement year, and 31/12 of the school year's last year for education (UNVERIFIED).

A ``Deadline`` is the last day a submission is on time ("trước ngày 10/12" → 09/12). A late submission is never
refused (a province often extends its deadlines): the service records it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any

from thidua.awards.rules.context import RegimeCode
from thidua.awards.rules.results import Citation

# Dossier kinds (the values of ``DossierKind``).
YEAR_END = "year_end"
THEMATIC = "thematic"
SCHOOL_YEAR = "school_year"
AD_HOC = "ad_hoc"
KINDS = (YEAR_END, THEMATIC, SCHOOL_YEAR, AD_HOC)

CONDITION = "submission_deadline"  # the pseudo-condition of the province's parameters
PARAMS = ("is_enabled", "year_end_day", "year_end_month", "school_year_day", "school_year_month", "thematic_days")

R24_SOURCE = "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh"
R24_YEAR_END = Citation(R24_SOURCE, "Điều 6", "khoản 2")
R24_THEMATIC = Citation(R24_SOURCE, "Điều 6", "khoản 1")
R24_SCHOOL_YEAR = Citation(R24_SOURCE, "Điều 6", "khoản 3")
R25_NATIONAL_EMULATOR = Citation("Nghị định 98/2023/NĐ-CP", "Điều 32", "khoản 1 điểm a")
R25_GOVERNMENT_FLAG = Citation("Nghị định 98/2023/NĐ-CP", "Điều 32", "khoản 1 điểm b")
NATIONAL_EMULATOR = "CSTD_TQ"
GOVERNMENT_FLAG = "CO_CP"


@dataclass(frozen=True)
class Deadline:
    """The last day (``date``) a dossier may be submitted on time, with the rule ("R24", "R25") and its source."""

    date: dt.date
    citation: Citation
    rule: str

    @property
    def basis(self) -> str:
        """The rule and its source as the pages cite them: "R24 — QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 6 khoản 2"."""
        return f"{self.rule} — {self.citation.document} {self.citation.article} {self.citation.clause}"

    def is_missed_by(self, submitted_on: dt.date) -> bool:
        return submitted_on > self.date


@dataclass(frozen=True)
class DeadlineParams:
    """R24's numbers: submit before ``year_end_day``/``year_end_month`` (10/12) of the year, before
    ``school_year_day``/``school_year_month`` (10/7) for the education sector, ``thematic_days`` (10) days before the
    event. ``is_enabled``: whether the province applies R24 at all."""

    is_enabled: bool
    year_end_day: int = 10
    year_end_month: int = 12
    school_year_day: int = 10
    school_year_month: int = 7
    thematic_days: int = 10


def province_params(regime: RegimeCode | str, configured: Mapping[str, Any] | None = None) -> DeadlineParams:
    """R24's parameters for a submission under ``regime``: the defaults (on in regime C only), replaced by the
    province's ``configured`` values (``{param: value}`` of the pseudo-condition ``submission_deadline``). A value
    that is not a whole number ≥ 0, or a day and month that make no date, keeps the default."""
    defaults = DeadlineParams(is_enabled=RegimeCode(regime) == RegimeCode.C)
    configured = configured or {}
    enabled = configured.get("is_enabled")
    numbers: dict[str, int] = {}
    for name in PARAMS[1:]:
        value = configured.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0 and value == int(value):
            numbers[name] = int(value)
    params = replace(defaults, **numbers, is_enabled=enabled if isinstance(enabled, bool) else defaults.is_enabled)
    if not _is_day_of_year(params.year_end_day, params.year_end_month):
        params = replace(params, year_end_day=defaults.year_end_day, year_end_month=defaults.year_end_month)
    if not _is_day_of_year(params.school_year_day, params.school_year_month):
        params = replace(params, school_year_day=defaults.school_year_day, school_year_month=defaults.school_year_month)
    return params


def _is_day_of_year(day: int, month: int) -> bool:
    try:
        dt.date(2024, month, day)  # a leap year: 29/02 is a day some years have
    except ValueError:
        return False
    return True


def _day_before(year: int, month: int, day: int) -> dt.date:
    """The last day before ``day``/``month``/``year`` ("trước ngày 10/12" → 09/12); 29/02 of a common year is 28/02."""
    try:
        limit = dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, day - 1)
    return limit - dt.timedelta(days=1)


def submission_deadlines(
    *,
    kind: str,
    year: int,
    event_date: dt.date | None,
    title_codes: Collection[str],
    regime: RegimeCode | str,
    params: DeadlineParams,
) -> list[Deadline]:
    """Every deadline that applies to a dossier of ``kind`` for the achievement ``year`` (the school year's last
    year for the education sector) proposing ``title_codes``, submitted under ``regime``: earliest first."""
    found: list[Deadline] = []
    if params.is_enabled:
        if kind == YEAR_END:
            found.append(Deadline(_day_before(year, params.year_end_month, params.year_end_day), R24_YEAR_END, "R24"))
        elif kind == SCHOOL_YEAR:
            on = _day_before(year, params.school_year_month, params.school_year_day)
            found.append(Deadline(on, R24_SCHOOL_YEAR, "R24"))
        elif kind == THEMATIC and event_date is not None:
            on = event_date - dt.timedelta(days=params.thematic_days)
            found.append(Deadline(on, R24_THEMATIC, "R24"))
    if RegimeCode(regime) in (RegimeCode.B, RegimeCode.C):
        if NATIONAL_EMULATOR in title_codes:
            found.append(Deadline(dt.date(year + 1, 12, 31), R25_NATIONAL_EMULATOR, "R25"))
        if GOVERNMENT_FLAG in title_codes:
            on = dt.date(year, 12, 31) if kind == SCHOOL_YEAR else dt.date(year + 1, 6, 30)
            found.append(Deadline(on, R25_GOVERNMENT_FLAG, "R25"))
    return sorted(found, key=lambda d: (d.date, d.rule))


def submission_deadline(
    *,
    kind: str,
    year: int,
    event_date: dt.date | None,
    title_codes: Collection[str],
    regime: RegimeCode | str,
    params: DeadlineParams,
) -> Deadline | None:
    """The earliest deadline that applies (see ``submission_deadlines``), or None when none does."""
    found = submission_deadlines(
        kind=kind, year=year, event_date=event_date, title_codes=title_codes, regime=regime, params=params
    )
    return found[0] if found else None
