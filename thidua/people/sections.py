"""The "Cán bộ, công chức, viên chức" section of a unit's page (organizations.detail_sections)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from thidua.organizations.detail_sections import UnitSection
from thidua.people.permissions import can_view_people
from thidua.people.selectors import unit_people_current

if TYPE_CHECKING:
    from django.http import HttpRequest

    from thidua.organizations.models import Unit

UNIT_SECTION_LIMIT = 50


def unit_people_section(request: HttpRequest, unit: Unit) -> list[UnitSection]:
    """The people currently working in the unit, at most 50 (two queries), with a link to the full filtered list."""
    if not can_view_people(request.user):
        return []
    people, total = unit_people_current(actor=request.user, unit=unit, limit=UNIT_SECTION_LIMIT)
    list_url = f"{reverse('people:person-list')}?{urlencode({'unit': unit.pk})}"
    return [
        UnitSection(
            title=_("Cán bộ, công chức, viên chức"),
            template_name="people/_partials/unit_people.html",
            context={"people": people, "people_total": total, "people_list_url": list_url},
            order=50,
        )
    ]
