"""Title-history conditions (R02 LĐTT prerequisite, R04, R05). Awards are read through ``held_years``, so special
and thematic awards (R19) and revoked awards never count."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.conditions._helpers import held_years, title_short, years_text
from thidua.awards.rules.context import EvaluationContext
from thidua.awards.rules.registry import Condition, condition_register
from thidua.awards.rules.results import LineStatus


@condition_register
class TitleInYear(Condition):
    """The subject holds ``title`` for the year (plus ``year_offset``).

    Params: ``title`` (title code, default "LDTT"), ``year_offset`` (default 0)."""

    code = "title_in_year"
    label = gettext_noop("Đạt danh hiệu trong năm")
    defaults: ClassVar[Mapping[str, Any]] = {"title": "LDTT", "year_offset": 0}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        title = str(params["title"])
        year = ctx.year + int(params["year_offset"])
        if year in held_years(ctx.subject, title):
            return LineStatus.MET, _("%(title)s %(year)s") % {"title": title_short(title), "year": year}
        return LineStatus.NOT_MET, _("Chưa có %(title)s năm %(year)s") % {"title": title_short(title), "year": year}


def consecutive_run(years: set[int], end: int, step: int) -> list[int]:
    """The run of years ``end, end - step, end - 2·step…`` all in ``years``, oldest first (empty if ``end`` is not)."""
    run = []
    year = end
    while year in years:
        run.append(year)
        year -= step
    return sorted(run)


@condition_register
class ConsecutiveTitles(Condition):
    """``count`` consecutive times ``title`` (R04: 03 lần liên tục CSTĐCS; R05: 02 lần liên tục CSTĐ tỉnh).

    Params: ``title``; ``count`` (default 3); ``must_end_in_year`` (default True: the last one is the evaluation year;
    False: any run ending in or before it — UNVERIFIED, configurable); ``step_years`` (default 1: consecutive years;
    a province may read "lần liên tục" of a title given every few years as that many years apart — configurable)."""

    code = "consecutive_titles"
    label = gettext_noop("Đạt danh hiệu nhiều lần liên tục")
    defaults: ClassVar[Mapping[str, Any]] = {"title": "CSTDCS", "count": 3, "must_end_in_year": True, "step_years": 1}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        title = str(params["title"])
        count = int(params["count"])
        step = max(int(params["step_years"]), 1)
        years = {y for y in held_years(ctx.subject, title) if y <= ctx.year}
        ends = [ctx.year] if params["must_end_in_year"] else sorted(years, reverse=True)
        best: list[int] = []
        for end in ends:
            run = consecutive_run(years, end, step)
            if len(run) >= count:
                best = run[-count:]
                break
            if len(run) > len(best):
                best = run
        required = _("yêu cầu %(count)s lần liên tục") % {"count": count}
        if params["must_end_in_year"]:
            required += _(", lần cuối năm %(year)s") % {"year": ctx.year}
        if len(best) >= count:
            return LineStatus.MET, _("%(title)s %(years)s (%(required)s)") % {
                "title": title_short(title),
                "years": years_text(best),
                "required": required,
            }
        held = years_text(years) if years else _("không có")
        return LineStatus.NOT_MET, _("%(title)s đã đạt: %(held)s (%(required)s)") % {
            "title": title_short(title),
            "held": held,
            "required": required,
        }
