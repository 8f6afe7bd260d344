"""The movements app's menu entry (a declared extension API)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.core.navigation import NavEntry, nav_register
from thidua.movements.permissions import is_signed_in


def _can_see_movements(request: HttpRequest) -> bool:
    return is_signed_in(request.user)


nav_register(
    NavEntry(
        label=_("Phong trào thi đua"),
        url_name="movements:movement-list",
        icon="megaphone",
        is_visible=_can_see_movements,
        order=35,
    )
)
