"""The "Danh hiệu, khen thưởng" section of a unit's page (organizations.detail_sections).

The people app's page has no extension point yet, so a person's awards are not shown there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardRecord, TaskRating
from thidua.awards.permissions import can_view_facts_of_unit
from thidua.organizations.detail_sections import UnitSection

if TYPE_CHECKING:
    from django.http import HttpRequest

    from thidua.organizations.models import Unit


@dataclass
class YearRow:
    year: int
    rating: TaskRating | None = None
    records: list[AwardRecord] = field(default_factory=list)


def unit_award_years(unit: Unit) -> list[YearRow]:
    """The unit's task ratings and award records grouped by year, newest first (two queries)."""
    rows: dict[int, YearRow] = {}
    for rating in TaskRating.objects.filter(unit=unit).order_by("-year"):
        rows.setdefault(rating.year, YearRow(rating.year)).rating = rating
    records = AwardRecord.objects.filter(unit=unit).select_related("title").order_by("-year", "decided_on", "pk")
    for record in records:
        rows.setdefault(record.year, YearRow(record.year)).records.append(record)
    return sorted(rows.values(), key=lambda row: row.year, reverse=True)


def unit_awards_section(request: HttpRequest, unit: Unit) -> list[UnitSection]:
    """For those who read the unit's facts: its ratings and awards by year, with the decisions."""
    if not can_view_facts_of_unit(request.user, unit=unit):
        return []
    return [
        UnitSection(
            title=_("Danh hiệu, khen thưởng"),
            template_name="awards/_partials/unit_awards.html",
            context={"award_years": unit_award_years(unit)},
            order=60,
        )
    ]
