"""Initiative and science-work conditions (R02, R02A, R04, R05). Initiatives already used by another proposal or
award are left out and named in the facts (R21, CV 5007/BNV-TĐKT)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.conditions._helpers import (
    initiatives_text,
    level_label,
    rating_label,
    select_initiatives,
    window,
    window_text,
)
from thidua.awards.rules.context import EvaluationContext, Rating
from thidua.awards.rules.registry import Condition, condition_register
from thidua.awards.rules.results import LineStatus


@condition_register
class InitiativeAtLevel(Condition):
    """At least ``min_count`` initiatives (or accepted science works, if ``include_science_works``) recognised at
    ``level`` or above within the ``window_years`` ending in the evaluation year.

    Params: ``level`` ("base" | "province" | "national", default "base"); ``window_years`` (default 1: the year
    itself; Regime A provincial practice keeps a provincial initiative 3 years — UNVERIFIED, configurable);
    ``include_science_works`` (default True); ``min_count`` (default 1); ``exclude_used`` (default True, R21)."""

    code = "initiative_at_level"
    label = gettext_noop("Có sáng kiến hoặc đề tài khoa học được công nhận")
    defaults: ClassVar[Mapping[str, Any]] = {
        "level": "base",
        "window_years": 1,
        "include_science_works": True,
        "min_count": 1,
        "exclude_used": True,
    }

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        first, last = window(ctx.year, int(params["window_years"]))
        counted, used = select_initiatives(
            ctx.subject,
            min_level=str(params["level"]),
            first_year=first,
            last_year=last,
            science=None if params["include_science_works"] else False,
            exclude_used=bool(params["exclude_used"]),
        )
        need = int(params["min_count"])
        head = _("%(count)s/%(need)s sáng kiến, đề tài %(level)s trở lên, %(window)s") % {
            "count": len(counted),
            "need": need,
            "level": level_label(str(params["level"])),
            "window": window_text(first, last),
        }
        detail = initiatives_text(counted, used)
        facts = f"{head}: {detail}" if detail else head
        return (LineStatus.MET if len(counted) >= need else LineStatus.NOT_MET), facts


@condition_register
class ExcellenceOrInitiative(Condition):
    """R02 (CSTĐCS, Regime B/C): Hoàn thành xuất sắc nhiệm vụ in the year, **or** an initiative recognised at cơ sở
    level or above, **or** an accepted science work, within ``window_years`` (default 1 — UNVERIFIED, configurable).

    Params: ``window_years``, ``exclude_used`` (default True, R21)."""

    code = "excellence_or_initiative"
    label = gettext_noop("Hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến, đề tài khoa học được công nhận")
    defaults: ClassVar[Mapping[str, Any]] = {"window_years": 1, "exclude_used": True}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        rating = ctx.subject.ratings.get(ctx.year)
        rating_fact = _("Xếp loại %(year)s: %(rating)s") % {"year": ctx.year, "rating": rating_label(rating)}
        first, last = window(ctx.year, int(params["window_years"]))
        counted, used = select_initiatives(
            ctx.subject,
            min_level="base",
            first_year=first,
            last_year=last,
            science=None,
            exclude_used=bool(params["exclude_used"]),
        )
        detail = initiatives_text(counted, used) or _("không có sáng kiến, đề tài %(window)s") % {
            "window": window_text(first, last)
        }
        facts = f"{rating_fact}; {detail}"
        met = rating == Rating.EXCELLENT or bool(counted)
        return (LineStatus.MET if met else LineStatus.NOT_MET), facts
