"""Pages of the accounts app: users and their roles, and one's own profile (API tokens). Views stay thin (S6)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from thidua.accounts.forms import ApiTokenCreateForm, RoleGrantForm
from thidua.accounts.permissions import AccountsPermission
from thidua.accounts.scoping import bloc_scope, has_permission, unit_scope
from thidua.accounts.selectors import (
    api_token_access,
    api_token_list_for,
    role_assignment_access,
    user_access,
    user_list_visible_to,
)
from thidua.accounts.services import api_token_create, api_token_revoke, role_grant, role_revoke
from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.pagination import paginate, querystring_without_page


class UserListView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not has_permission(request.user, AccountsPermission.USER_VIEW):
            raise NotFound()
        search = request.GET.get("q", "").strip()[:100]
        page = paginate(request, user_list_visible_to(actor=request.user, search=search))
        template = "accounts/_partials/user_table.html" if request.htmx else "accounts/user_list.html"
        return render(request, template, {"page": page, "q": search, "querystring": querystring_without_page(request)})


def _grant_form(request: AuthenticatedHttpRequest, data: Any = None) -> RoleGrantForm:
    units = unit_scope(request.user, AccountsPermission.ROLE_GRANT).order_by("path")
    blocs = bloc_scope(request.user, AccountsPermission.ROLE_GRANT).select_related("province")
    return RoleGrantForm(data, units=units, blocs=blocs)


class UserDetailView(LoginRequiredMixin, View):
    """A user's roles; those who may grant roles get the grant form and revoke buttons."""

    template_name = "accounts/user_detail.html"

    def _render(
        self, request: AuthenticatedHttpRequest, user_id: int, form: RoleGrantForm | None, status: int = 200
    ) -> HttpResponse:
        subject = user_access(actor=request.user, user_id=user_id)
        can_grant = has_permission(request.user, AccountsPermission.ROLE_GRANT)
        context = {
            "subject": subject,
            "form": form or (_grant_form(request) if can_grant else None),
            "can_grant": can_grant,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
        return self._render(request, user_id, None)

    def post(self, request: AuthenticatedHttpRequest, user_id: int) -> HttpResponse:
        subject = user_access(actor=request.user, user_id=user_id)
        form = _grant_form(request, request.POST)
        if not form.is_valid():
            return self._render(request, user_id, form, status=422)
        data = form.cleaned_data
        try:
            role_grant(
                actor=request.user,
                user=subject,
                role=data["role"],
                unit=data["unit"],
                bloc=data["bloc"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                note=data["note"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
            return self._render(request, user_id, form, status=422)
        messages.success(request, _("Đã cấp vai trò."))
        return redirect("accounts:user-detail", user_id=subject.pk)


class RoleRevokeView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, user_id: int, assignment_id: int) -> HttpResponse:
        subject = user_access(actor=request.user, user_id=user_id)
        assignment = role_assignment_access(actor=request.user, assignment_id=assignment_id, user=subject)
        try:
            role_revoke(actor=request.user, assignment=assignment)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã thu hồi vai trò."))
        return redirect("accounts:user-detail", user_id=subject.pk)


class ProfileView(LoginRequiredMixin, View):
    """Tài khoản của tôi: roles, two-factor status, and API tokens for other systems."""

    template_name = "accounts/profile.html"

    def _render(
        self, request: AuthenticatedHttpRequest, form: ApiTokenCreateForm, new_token: str = "", status: int = 200
    ) -> HttpResponse:
        user = request.user
        context = {
            "subject": user_access(actor=user, user_id=user.pk),
            "tokens": api_token_list_for(actor=user),
            "form": form,
            "new_token": new_token,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return self._render(request, ApiTokenCreateForm())

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ApiTokenCreateForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=422)
        _token, raw = api_token_create(
            actor=request.user,
            name=form.cleaned_data["name"],
            expires_on=form.cleaned_data["expires_on"],
        )
        messages.success(request, _("Đã tạo khóa API. Hãy sao chép ngay: khóa chỉ hiển thị một lần."))
        return self._render(request, ApiTokenCreateForm(), new_token=raw)


class ApiTokenRevokeView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
        token = api_token_access(actor=request.user, token_id=token_id)
        try:
            api_token_revoke(actor=request.user, token=token)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã thu hồi khóa API."))
        return redirect("accounts:profile")
