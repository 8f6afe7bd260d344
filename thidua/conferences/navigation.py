"""The conferences app's menu entry: "Hội nghị" for those who prepare conferences and for active delegates."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from thidua.accounts.scoping import has_permission
from thidua.conferences.models import Delegate
from thidua.conferences.permissions import ConferencesPermission
from thidua.core.navigation import NavEntry, nav_register


def _can_see(request: HttpRequest) -> bool:
    user = request.user
    if has_permission(user, ConferencesPermission.CONFERENCE_MANAGE):
        return True
    if user.pk is None:
        return False
    return Delegate.objects.filter(user_id=user.pk, is_replaced=False).exists()


nav_register(
    NavEntry(label=_("Hội nghị"), url_name="conferences:conference_list", icon="easel", is_visible=_can_see, order=65)
)
