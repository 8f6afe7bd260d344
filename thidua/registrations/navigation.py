"""The registrations' menu entry."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.core.navigation import NavEntry, nav_register
from thidua.registrations.permissions import can_use_registrations


def _can_see(request: HttpRequest) -> bool:
    return can_use_registrations(request.user)


nav_register(
    NavEntry(
        label=_("Đăng ký thi đua"),
        url_name="registrations:registration-list",
        icon="clipboard-check",
        is_visible=_can_see,
        order=40,
    )
)
