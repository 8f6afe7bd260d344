"""What the home page tells each role: the accounts app's panels."""

from __future__ import annotations

from collections.abc import Iterable

from allauth.mfa.models import Authenticator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleAssignment
from thidua.accounts.scoping import actor_grants
from thidua.core.home import HomeItem, HomePanel, home_provider_register


def _roles_panel(request: HttpRequest) -> Iterable[HomePanel]:
    user = request.user
    if not user.is_authenticated:
        return []
    assignments = list(
        RoleAssignment.objects.active().filter(user_id=user.pk).select_related("unit", "bloc").order_by("role")
    )
    items = [HomeItem(text=f"{a.get_role_display()} — {a.scope}") for a in assignments]
    panels = [
        HomePanel(
            title=_("Vai trò của bạn"),
            icon="person-badge",
            items=items,
            empty_text=_("Bạn chưa được phân quyền. Hãy liên hệ Ban Thi đua – Khen thưởng để được cấp vai trò."),
            order=10,
        )
    ]
    if not Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists():
        panels.append(
            HomePanel(
                title=_("Bảo mật tài khoản"),
                icon="shield-lock",
                items=[
                    HomeItem(
                        text=_("Bật xác thực hai lớp (TOTP) để bảo vệ tài khoản."), url=reverse("mfa_activate_totp")
                    )
                ],
                order=20,
            )
        )
    return panels


def _work_panel(request: HttpRequest) -> Iterable[HomePanel]:
    """Per role: what is waiting. Later issues add their queues here (registrations, scores, ballots...)."""
    roles = {g.role for g in actor_grants(request.user)}
    panels: list[HomePanel] = []
    if Role.PROVINCE_OFFICE in roles:
        panels.append(
            HomePanel(
                title=_("Ban Thi đua – Khen thưởng"),
                icon="building",
                items=[
                    HomeItem(text=_("Quản lý người dùng và phân quyền"), url=reverse("accounts:user-list")),
                    HomeItem(text=_("Xem nhật ký nghiệp vụ"), url=reverse("core:audit-list")),
                ],
                order=30,
            )
        )
    if Role.UNIT_HEAD in roles:
        panels.append(
            HomePanel(
                title=_("Thủ trưởng đơn vị"),
                icon="person-workspace",
                items=[
                    HomeItem(
                        text=_("Phân công cán bộ thi đua và đại biểu của đơn vị"), url=reverse("accounts:user-list")
                    )
                ],
                order=40,
            )
        )
    return panels


home_provider_register(_roles_panel)
home_provider_register(_work_panel)
