from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.core.navigation import NavEntry, nav_register
from thidua.people.permissions import can_view_people


def _can_see_people(request: HttpRequest) -> bool:
    return can_view_people(request.user)


nav_register(
    NavEntry(
        label=_("Nhân sự"), url_name="people:person-list", icon="person-vcard", is_visible=_can_see_people, order=40
    )
)
