"""Time in post during the evaluation year, with maternity leave counted as working time (R17; NĐ 152/2025 Điều 4)."""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.context import EvaluationContext, PeriodFact
from thidua.awards.rules.registry import Condition, condition_register
from thidua.awards.rules.results import LineStatus

Span = tuple[dt.date, dt.date]


def _clip(periods: Iterable[PeriodFact], first: dt.date, last: dt.date) -> list[Span]:
    """The periods' parts inside ``first``–``last``, merged where they overlap or touch, in order."""
    spans = sorted(
        (max(p.starts_on, first), min(p.ends_on or last, last))
        for p in periods
        if p.starts_on <= last and (p.ends_on is None or p.ends_on >= first)
    )
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _days(spans: Iterable[Span]) -> int:
    return sum((end - start).days + 1 for start, end in spans)


def _minus(spans: list[Span], holes: list[Span]) -> list[Span]:
    """``spans`` with the days of ``holes`` taken out."""
    result: list[Span] = []
    for start, end in spans:
        cursor = start
        for h_start, h_end in holes:
            if h_end < cursor or h_start > end:
                continue
            if h_start > cursor:
                result.append((cursor, h_start - dt.timedelta(days=1)))
            cursor = max(cursor, h_end + dt.timedelta(days=1))
        if cursor <= end:
            result.append((cursor, end))
    return result


def _span_text(spans: Iterable[Span]) -> str:
    return ", ".join(f"{s:%d/%m/%Y}–{e:%d/%m/%Y}" for s, e in spans)


@condition_register
class WorkingTime(Condition):
    """The person held a post during the evaluation year, long enough where the province sets a minimum; days of
    maternity leave count as working time (R17).

    ``min_months``: months of working time the year requires (None: no minimum is checked and the days are shown for
    the person who judges; DOMAIN gives no figure, so a province sets it with a dated decision).
    ``leave_counts``: whether maternity leave counts as working time (True under NĐ 152/2025, R17).
    """

    code = "working_time"
    label = gettext_noop("Thời gian công tác trong năm xét (thời gian nghỉ thai sản được tính là thời gian công tác)")
    defaults: ClassVar[Mapping[str, Any]] = {"min_months": None, "leave_counts": True}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        first, last = dt.date(ctx.year, 1, 1), dt.date(ctx.year, 12, 31)
        posts = _clip(ctx.subject.posts, first, last)
        if not posts:
            return LineStatus.NEEDS_CONFIRMATION, _("Chưa có dữ liệu quá trình công tác trong năm %(year)s") % {
                "year": ctx.year
            }
        leaves = _clip(ctx.subject.maternity_leaves, first, last)
        worked = _clip([PeriodFact(s, e) for s, e in posts + leaves], first, last)
        if not params["leave_counts"]:
            worked = _minus(worked, leaves)
        days_in_year = 366 if calendar.isleap(ctx.year) else 365
        parts = [
            _("Năm %(year)s: %(days)s/%(total)s ngày công tác (%(spans)s)")
            % {"year": ctx.year, "days": _days(worked), "total": days_in_year, "spans": _span_text(posts)}
        ]
        if leaves:
            counted = _("được tính là thời gian công tác") if params["leave_counts"] else _("không được tính")
            parts.append(
                _("nghỉ thai sản %(spans)s (%(days)s ngày), %(counted)s")
                % {"spans": _span_text(leaves), "days": _days(leaves), "counted": counted}
            )
        min_months = params["min_months"]
        if min_months is None:
            return LineStatus.MET, "; ".join(parts)
        required = math.ceil(float(min_months) * days_in_year / 12)
        parts.append(_("yêu cầu ≥ %(months)s tháng (%(days)s ngày)") % {"months": min_months, "days": required})
        status = LineStatus.MET if _days(worked) >= required else LineStatus.NOT_MET
        return status, "; ".join(parts)
