from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.accounts.permissions import AccountsPermission, can_view_audit
from thidua.accounts.scoping import has_permission
from thidua.core.navigation import NavEntry, nav_register


def _can_see_users(request: HttpRequest) -> bool:
    return has_permission(request.user, AccountsPermission.USER_VIEW)


def _can_see_audit(request: HttpRequest) -> bool:
    return can_view_audit(request.user)


nav_register(
    NavEntry(label=_("Người dùng"), url_name="accounts:user-list", icon="people", is_visible=_can_see_users, order=80)
)
nav_register(
    NavEntry(label=_("Nhật ký"), url_name="core:audit-list", icon="journal-text", is_visible=_can_see_audit, order=90)
)
