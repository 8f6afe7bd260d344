"""The emulation app's menu entry and its section on a unit's page (declared extension APIs)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scoping import has_permission
from thidua.core.navigation import NavEntry, nav_register
from thidua.emulation.permissions import EmulationPermission
from thidua.emulation.selectors import unit_bloc_history
from thidua.organizations.detail_sections import UnitSection, unit_section_provider_register
from thidua.organizations.models import Unit


def _can_see_blocs(request: HttpRequest) -> bool:
    return has_permission(request.user, EmulationPermission.BLOC_VIEW)


def _unit_bloc_section(request: HttpRequest, unit: Unit) -> list[UnitSection]:
    """Lịch sử trong các khối thi đua: the unit's seats by year (two queries)."""
    return [
        UnitSection(
            title=_("Lịch sử trong các khối thi đua"),
            template_name="emulation/_partials/unit_bloc_history.html",
            context={"seats": unit_bloc_history(actor=request.user, unit=unit)},
            order=30,
        )
    ]


nav_register(
    NavEntry(label=_("Khối thi đua"), url_name="emulation:bloc-list", icon="flag", is_visible=_can_see_blocs, order=30)
)
unit_section_provider_register(_unit_bloc_section)
