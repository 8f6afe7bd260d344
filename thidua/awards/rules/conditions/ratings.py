"""Rating conditions: the subject's own task-completion rating (R01, R01A, R06, R07, R08)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.conditions._helpers import rating_label, rating_rank
from thidua.awards.rules.context import EvaluationContext, Rating
from thidua.awards.rules.registry import Condition, condition_register
from thidua.awards.rules.results import LineStatus


@condition_register
class RatingAtLeast(Condition):
    """The subject's rating for the year (plus ``year_offset``) is ``min_rating`` or better.

    Params: ``min_rating`` (default "httnv": Hoàn thành tốt nhiệm vụ), ``year_offset`` (default 0)."""

    code = "rating_at_least"
    label = gettext_noop("Xếp loại chất lượng đạt mức yêu cầu")
    defaults: ClassVar[Mapping[str, Any]] = {"min_rating": Rating.GOOD.value, "year_offset": 0}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        year = ctx.year + int(params["year_offset"])
        rating = ctx.subject.ratings.get(year)
        required = str(params["min_rating"])
        facts = _("Xếp loại %(year)s: %(rating)s (yêu cầu: %(required)s trở lên)") % {
            "year": year,
            "rating": rating_label(rating),
            "required": rating_label(required),
        }
        met = rating is not None and rating_rank(rating) >= rating_rank(required)
        return (LineStatus.MET if met else LineStatus.NOT_MET), facts
