"""The scoring's menu entry."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.core.navigation import NavEntry, nav_register
from thidua.scoring.permissions import can_use_scoring


def _can_see(request: HttpRequest) -> bool:
    return can_use_scoring(request.user)


nav_register(
    NavEntry(label=_("Chấm điểm"), url_name="scoring:index", icon="clipboard-data", is_visible=_can_see, order=45)
)
