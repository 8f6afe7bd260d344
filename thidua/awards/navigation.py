"""The awards app's menu entries (the registry has no sub-links: the pages share tabs instead, and the decisions have
an entry of their own for whoever reads dossiers)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scoping import has_permission
from thidua.awards.permissions import AwardsPermission, DossierPermission
from thidua.core.navigation import NavEntry, nav_register


def _can_see(request: HttpRequest) -> bool:
    return any(has_permission(request.user, permission) for permission in AwardsPermission)


def _can_see_decisions(request: HttpRequest) -> bool:
    return has_permission(request.user, DossierPermission.DOSSIER_VIEW)


nav_register(NavEntry(label=_("Khen thưởng"), url_name="awards:history", icon="award", is_visible=_can_see, order=60))
nav_register(
    NavEntry(
        label=_("Quyết định khen thưởng"),
        url_name="awards:decision_list",
        icon="file-earmark-check",
        is_visible=_can_see_decisions,
        order=61,
    )
)
