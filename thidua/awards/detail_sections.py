"""The "Danh hiệu, khen thưởng" sections of a unit's page (organizations.detail_sections) and of a person's page
(people.detail_sections): the subject's task ratings and award records by year, newest first, with the decisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import AwardRecord, TaskRating
from thidua.awards.permissions import AwardsPermission, can_view_facts, can_view_facts_of_unit, people_within_reach
from thidua.organizations.detail_sections import UnitSection
from thidua.people.detail_sections import PersonSection

if TYPE_CHECKING:
    from django.http import HttpRequest

    from thidua.organizations.models import Unit
    from thidua.people.selectors import PersonView


@dataclass
class YearRow:
    year: int
    rating: TaskRating | None = None
    records: list[AwardRecord] = field(default_factory=list)


def _award_years(*, person_id: int | None = None, unit: Unit | None = None) -> list[YearRow]:
    """The subject's task ratings and award records grouped by year, newest first (two queries)."""
    subject = Q(person_id=person_id) if person_id is not None else Q(unit=unit)
    rows: dict[int, YearRow] = {}
    for rating in TaskRating.objects.filter(subject).order_by("-year"):
        rows.setdefault(rating.year, YearRow(rating.year)).rating = rating
    records = AwardRecord.objects.filter(subject).select_related("title").order_by("-year", "decided_on", "pk")
    for record in records:
        rows.setdefault(record.year, YearRow(record.year)).records.append(record)
    return sorted(rows.values(), key=lambda row: row.year, reverse=True)


def unit_award_years(unit: Unit) -> list[YearRow]:
    """The unit's task ratings and award records grouped by year, newest first (two queries)."""
    return _award_years(unit=unit)


def person_award_years(person_id: int) -> list[YearRow]:
    """The person's task ratings and award records grouped by year, newest first (two queries). Not scoped."""
    return _award_years(person_id=person_id)


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


def person_awards_section(request: HttpRequest, person: PersonView) -> list[PersonSection]:
    """For those who read the person's facts: their ratings and awards by year, with the decisions.

    The person's history follows them (DOMAIN §6.3), and so does the reach of ``people_within_reach``: the readers of
    the person's current unit see every year; the readers of a unit where the person worked see the years of that
    post only, and nobody else sees the section. Three queries whatever the length of the history (the ratings, the
    records, the person's posts), plus the actor's grants.
    """
    if not can_view_facts(request.user):
        return []
    rows = person_award_years(person.id)
    years = {row.year for row in rows} | {timezone.localdate().year}
    reach = people_within_reach(
        request.user, AwardsPermission.FACTS_VIEW, person_years=[(person.id, year) for year in years]
    )
    if not reach:
        return []
    visible = [row for row in rows if (person.id, row.year) in reach]
    return [
        PersonSection(
            title=_("Danh hiệu, khen thưởng"),
            template_name="awards/_partials/person_awards.html",
            context={"award_years": visible, "award_years_hidden": len(rows) - len(visible)},
            order=60,
        )
    ]
