from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.core.navigation import NavEntry, nav_register
from thidua.initiatives.permissions import can_view_initiatives


def _can_see_initiatives(request: HttpRequest) -> bool:
    return can_view_initiatives(request.user)


nav_register(
    NavEntry(
        label=_("Sáng kiến"),
        url_name="initiatives:initiative-list",
        icon="lightbulb",
        is_visible=_can_see_initiatives,
        order=70,
    )
)
