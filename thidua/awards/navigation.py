"""The awards app's menu entry (the registry has no sub-links: the pages share tabs instead)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scoping import has_permission
from thidua.awards.permissions import AwardsPermission
from thidua.core.navigation import NavEntry, nav_register


def _can_see(request: HttpRequest) -> bool:
    return any(has_permission(request.user, permission) for permission in AwardsPermission)


nav_register(NavEntry(label=_("Khen thưởng"), url_name="awards:history", icon="award", is_visible=_can_see, order=60))
