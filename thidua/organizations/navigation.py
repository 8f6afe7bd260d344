from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scoping import has_permission
from thidua.core.navigation import NavEntry, nav_register
from thidua.organizations.permissions import OrganizationsPermission


def _can_see_units(request: HttpRequest) -> bool:
    return has_permission(request.user, OrganizationsPermission.UNIT_VIEW)


nav_register(
    NavEntry(
        label=_("Đơn vị"), url_name="organizations:unit-list", icon="diagram-3", is_visible=_can_see_units, order=20
    )
)
