from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from thidua.accounts.scoping import actor_has_province_role

# Pages a user who still has to set up two-factor authentication may open.
_ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/api/", "/jsi18n/")


class RequireTwoFactorMiddleware:
    """Sends users with a province-level role to the TOTP set-up page until they have an authenticator.

    Province roles see every unit's data; a password alone is not enough for them (issue 2, item 3).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES
            and user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and actor_has_province_role(user)
            and not Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request, _("Vai trò cấp tỉnh của bạn bắt buộc xác thực hai lớp. Vui lòng cài đặt ứng dụng xác thực.")
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
