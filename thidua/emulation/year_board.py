"""The bloc year board (trang năm thi đua của khối): a declared extension API for the apps built on emulation.

The secretariat's one place for a bloc's year shows a timeline (launch, registration deadline, covenant signed,
mid-term and final reviews, conference) and, per member unit, its progress (registered? acknowledged the covenant?
initiatives counted?). The emulation app cannot import the apps that own those records, so each registers a
provider in ``AppConfig.ready()``. A provider receives the bloc, the year and the member unit ids, and must run a
constant number of queries whatever the number of units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    from thidua.emulation.models import Bloc


@dataclass(frozen=True)
class TimelineEvent:
    day: dt.date
    label: str | Promise
    url: str = ""
    is_deadline: bool = False


@dataclass(frozen=True)
class ProgressCell:
    text: str | Promise
    is_done: bool = False
    url: str = ""


@dataclass(frozen=True)
class YearBoardColumn:
    """One column of the per-unit progress table: its heading and a cell per unit id (missing = not started)."""

    title: str | Promise
    cells: dict[int, ProgressCell] = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class YearBoardContribution:
    events: list[TimelineEvent] = field(default_factory=list)
    columns: list[YearBoardColumn] = field(default_factory=list)
    # Aggregate lines shown on the bloc's public year page (e.g. "130 sáng kiến cấp cơ sở, 6 sáng kiến cấp tỉnh").
    summaries: list[str | Promise] = field(default_factory=list)


YearBoardProvider = Callable[["Bloc", int, Sequence[int]], YearBoardContribution]
_providers: list[YearBoardProvider] = []


def year_board_provider_register(provider: YearBoardProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def year_board_for(bloc: Bloc, year: int, unit_ids: Sequence[int]) -> YearBoardContribution:
    return _merge(_contributions(bloc, year, unit_ids))


def year_board_with_late_units(
    bloc: Bloc, year: int, unit_ids: Sequence[int], *, today: dt.date
) -> tuple[YearBoardContribution, dict[int, list[str]]]:
    """The board and its late units, asking each provider once."""
    contributions = _contributions(bloc, year, unit_ids)
    return _merge(contributions), _late(contributions, unit_ids, today=today)


def year_board_late_units(bloc: Bloc, year: int, unit_ids: Sequence[int], *, today: dt.date) -> dict[int, list[str]]:
    """Units that are late: a contribution's deadline has passed and the unit's cell in its columns is not done.

    Returns, per late unit, what it is late for (the deadline's label), for the reminder e-mails.
    """
    return _late(_contributions(bloc, year, unit_ids), unit_ids, today=today)


def _contributions(bloc: Bloc, year: int, unit_ids: Sequence[int]) -> list[YearBoardContribution]:
    return [provider(bloc, year, unit_ids) for provider in _providers]


def _merge(contributions: list[YearBoardContribution]) -> YearBoardContribution:
    events = [event for contribution in contributions for event in contribution.events]
    columns = [column for contribution in contributions for column in contribution.columns]
    summaries = [line for contribution in contributions for line in contribution.summaries]
    return YearBoardContribution(
        events=sorted(events, key=lambda e: e.day), columns=sorted(columns, key=lambda c: c.order), summaries=summaries
    )


def _late(
    contributions: list[YearBoardContribution], unit_ids: Sequence[int], *, today: dt.date
) -> dict[int, list[str]]:
    late: dict[int, list[str]] = {}
    for contribution in contributions:
        passed = [event for event in contribution.events if event.is_deadline and event.day < today]
        if not passed or not contribution.columns:
            continue
        for unit_id in unit_ids:
            cells = [column.cells.get(unit_id) for column in contribution.columns]
            if any(cell is None or not cell.is_done for cell in cells):
                late.setdefault(unit_id, []).extend(str(event.label) for event in passed)
    return late
