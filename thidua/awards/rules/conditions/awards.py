"""Commendation-form conditions (hình thức khen thưởng): Bằng khen Chủ tịch UBND tỉnh criterion (d) for individuals
(R09) and collectives (R10), and Bằng khen Thủ tướng for individuals in Regime A (R11A)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.conditions._helpers import (
    held_years,
    initiatives_text,
    rating_label,
    select_initiatives,
    title_short,
    window_text,
    years_text,
)
from thidua.awards.rules.context import EvaluationContext, Rating, SubjectFacts
from thidua.awards.rules.registry import Condition, condition_register
from thidua.awards.rules.results import LineStatus

BK_TINH_INDIVIDUAL_OTHER_CRITERIA = gettext_noop(
    "(a) xuất sắc trong phong trào thi đua do tỉnh phát động; (b) có nhiều thành tích hoặc thành tích đột xuất có "
    "ảnh hưởng trong lĩnh vực; (c) có đóng góp vào phát triển kinh tế - xã hội, khoa học kỹ thuật, an sinh xã hội, "
    "từ thiện; (e) công nhân, nông dân, người lao động có nhiều thành tích trong phạm vi xã, đơn vị"
)
BK_TINH_COLLECTIVE_OTHER_CRITERIA = gettext_noop(
    "xuất sắc trong phong trào thi đua; có thành tích đột xuất; có đóng góp vào phát triển kinh tế - xã hội"
)


def excellent_run(subject: SubjectFacts, end: int) -> list[int]:
    """The years ending in ``end`` in which the subject was rated HTXSNV without a break, oldest first."""
    run = []
    year = end
    while subject.ratings.get(year) == Rating.EXCELLENT:
        run.append(year)
        year -= 1
    return sorted(run)


def _fallback(params: Mapping[str, Any], facts: str, alternatives: str) -> tuple[LineStatus, str]:
    """When criterion (d) is not met, the other criteria are for a person to judge (or, if the province disables
    them, the line is not met)."""
    if params["manual_alternatives"]:
        return LineStatus.NEEDS_CONFIRMATION, _(
            "%(facts)s. Không đạt tiêu chuẩn (d); cần xác nhận một trong các tiêu chuẩn khác: %(alternatives)s"
        ) % {"facts": facts, "alternatives": _(alternatives)}
    return LineStatus.NOT_MET, facts


@condition_register
class BkTinhIndividualD(Condition):
    """R09 — criterion (d): 02 lần liên tục CSTĐCS (the years before and of the evaluation), or ≥ ``min_years``
    consecutive years HTXSNV ending in the evaluation year with ≥ ``min_works`` cơ sở initiatives or ≥ ``min_works``
    accepted science works in that period. Criteria (a), (b), (c), (e) are manual alternatives: when (d) is not met
    the line needs confirmation naming them (``manual_alternatives``, default True), never NOT_MET.

    Params: ``min_years`` (2), ``min_works`` (2), ``manual_alternatives`` (True), ``exclude_used`` (True, R21)."""

    code = "bk_tinh_individual_d"
    label = gettext_noop(
        "Hai lần liên tục CSTĐCS, hoặc hai năm liên tục hoàn thành xuất sắc nhiệm vụ với hai sáng kiến, đề tài"
    )
    defaults: ClassVar[Mapping[str, Any]] = {
        "min_years": 2,
        "min_works": 2,
        "manual_alternatives": True,
        "exclude_used": True,
    }

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        year = ctx.year
        cstdcs = held_years(ctx.subject, "CSTDCS")
        if {year - 1, year} <= cstdcs:
            return LineStatus.MET, _("%(title)s %(years)s") % {
                "title": title_short("CSTDCS"),
                "years": years_text([year - 1, year]),
            }
        cstdcs_fact = _("%(title)s đã đạt: %(years)s") % {
            "title": title_short("CSTDCS"),
            "years": years_text(y for y in cstdcs if y <= year) or _("không có"),
        }
        run = excellent_run(ctx.subject, year)
        need_years = int(params["min_years"])
        need_works = int(params["min_works"])
        if len(run) < need_years:
            facts = _(
                "%(cstdcs)s; xếp loại %(year)s: %(rating)s; %(count)s năm liên tục hoàn thành xuất sắc nhiệm vụ"
            ) % {
                "cstdcs": cstdcs_fact,
                "year": year,
                "rating": rating_label(ctx.subject.ratings.get(year)),
                "count": len(run),
            }
            return _fallback(params, facts, BK_TINH_INDIVIDUAL_OTHER_CRITERIA)
        first, last = run[0], run[-1]
        exclude_used = bool(params["exclude_used"])
        initiatives, used_i = select_initiatives(
            ctx.subject, min_level="base", first_year=first, last_year=last, science=False, exclude_used=exclude_used
        )
        works, used_w = select_initiatives(
            ctx.subject, min_level="base", first_year=first, last_year=last, science=True, exclude_used=exclude_used
        )
        facts = _("Hoàn thành xuất sắc nhiệm vụ %(window)s; %(n_i)s sáng kiến, %(n_w)s đề tài") % {
            "window": window_text(first, last),
            "n_i": len(initiatives),
            "n_w": len(works),
        }
        detail = initiatives_text(initiatives + works, used_i + used_w)
        if detail:
            facts += f": {detail}"
        if len(initiatives) >= need_works or len(works) >= need_works:
            return LineStatus.MET, facts
        return _fallback(params, f"{cstdcs_fact}; {facts}", BK_TINH_INDIVIDUAL_OTHER_CRITERIA)


@condition_register
class BkTinhCollectiveD(Condition):
    """R10 — ``min_years`` consecutive years (ending in the evaluation year) each rated HTXSNV or with TTLĐXS. The
    other criteria are manual alternatives (``manual_alternatives``, default True).

    Params: ``min_years`` (2), ``manual_alternatives`` (True)."""

    code = "bk_tinh_collective_d"
    label = gettext_noop("Hai năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc đạt Tập thể lao động xuất sắc")
    defaults: ClassVar[Mapping[str, Any]] = {"min_years": 2, "manual_alternatives": True}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        ttldxs = held_years(ctx.subject, "TTLDXS")
        years = range(ctx.year - int(params["min_years"]) + 1, ctx.year + 1)
        parts = []
        ok = True
        for y in years:
            rating = ctx.subject.ratings.get(y)
            has = y in ttldxs
            ok = ok and (rating == Rating.EXCELLENT or has)
            part = _("%(year)s: %(rating)s") % {"year": y, "rating": rating_label(rating)}
            if has:
                part += f", {title_short('TTLDXS')}"
            parts.append(part)
        facts = "; ".join(parts)
        if ok:
            return LineStatus.MET, facts
        return _fallback(params, facts, BK_TINH_COLLECTIVE_OTHER_CRITERIA)


@condition_register
class BkTtgIndividualA(Condition):
    """R11A — a ``prior_award`` (Bằng khen cấp tỉnh) in a year t0, then ``years`` consecutive years after t0 all HTXSNV
    (ending in the evaluation year) with ≥ ``min_initiatives`` cơ sở initiatives in those years (NĐ 65/2014; NĐ 91/2017
    wording UNVERIFIED, so all three are configurable).

    Params: ``prior_award`` ("BK_TINH"), ``years`` (5), ``min_initiatives`` (5), ``exclude_used`` (True, R21)."""

    code = "bk_ttg_individual_a"
    label = gettext_noop(
        "Đã có Bằng khen cấp tỉnh, sau đó 05 năm liên tục hoàn thành xuất sắc nhiệm vụ với 05 sáng kiến cấp cơ sở"
    )
    defaults: ClassVar[Mapping[str, Any]] = {
        "prior_award": "BK_TINH",
        "years": 5,
        "min_initiatives": 5,
        "exclude_used": True,
    }

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        n_years = int(params["years"])
        first, last = ctx.year - n_years + 1, ctx.year
        prior = str(params["prior_award"])
        prior_years = [y for y in held_years(ctx.subject, prior) if y < first]
        prior_fact = (
            _("%(title)s %(years)s") % {"title": title_short(prior), "years": years_text(prior_years)}
            if prior_years
            else _("Chưa có %(title)s trước năm %(year)s") % {"title": title_short(prior), "year": first}
        )
        excellent = [y for y in range(first, last + 1) if ctx.subject.ratings.get(y) == Rating.EXCELLENT]
        initiatives, used = select_initiatives(
            ctx.subject,
            min_level="base",
            first_year=first,
            last_year=last,
            science=False,
            exclude_used=bool(params["exclude_used"]),
        )
        need = int(params["min_initiatives"])
        facts = _(
            "%(prior)s; hoàn thành xuất sắc nhiệm vụ %(n_exc)s/%(n_years)s năm %(window)s (%(years)s); "
            "%(n_i)s/%(need)s sáng kiến"
        ) % {
            "prior": prior_fact,
            "n_exc": len(excellent),
            "n_years": n_years,
            "window": window_text(first, last),
            "years": years_text(excellent) or _("không có"),
            "n_i": len(initiatives),
            "need": need,
        }
        detail = initiatives_text(initiatives, used)
        if detail:
            facts += f": {detail}"
        met = bool(prior_years) and len(excellent) == n_years and len(initiatives) >= need
        return (LineStatus.MET if met else LineStatus.NOT_MET), facts
