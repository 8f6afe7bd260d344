"""Pages of the covenants app. Views stay thin (S6): parse, access, one service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.covenants.forms import BlocCovenantForm, CovenantTargetForm, ProgressReportForm, UnitCovenantForm
from thidua.covenants.models import BlocCovenant
from thidua.covenants.permissions import can_manage_bloc_covenant
from thidua.covenants.selectors import (
    bloc_covenant_access,
    bloc_covenant_for_year,
    bloc_covenant_page,
    bloc_for_covenants,
    target_access_for_report,
    target_reports,
    unit_covenant_access,
    unit_covenant_targets,
    unit_for_covenant_record,
)
from thidua.covenants.services import (
    TargetInput,
    bloc_covenant_create,
    bloc_covenant_open,
    bloc_covenant_target_add,
    bloc_covenant_update,
    covenant_acknowledge,
    covenant_progress_report_create,
    unit_covenant_create,
)
from thidua.emulation.models import BlocMembership
from thidua.organizations.models import Unit

MIN_YEAR, MAX_YEAR = 2000, 2100


def _detail_url(covenant: BlocCovenant) -> str:
    return reverse("covenants:bloc-covenant-detail", kwargs={"covenant_id": covenant.pk})


def _member_units(covenant: BlocCovenant) -> Any:
    return Unit.objects.filter(
        bloc_memberships__bloc=covenant.bloc, bloc_memberships__year=covenant.year, bloc_memberships__left_on=None
    ).order_by("name")


def _detail(
    request: AuthenticatedHttpRequest,
    covenant: BlocCovenant,
    *,
    target_form: CovenantTargetForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    page = bloc_covenant_page(actor=request.user, covenant=covenant)
    context: dict[str, Any] = {"page": page, "covenant": covenant, "error": error}
    if page.can_manage and covenant.is_draft:
        context["target_form"] = target_form or CovenantTargetForm(units=_member_units(covenant))
    return render(request, "covenants/bloc_covenant_detail.html", context, status=status)


class BlocCovenantYearView(LoginRequiredMixin, View):
    """The bloc's covenant of a year; for the managers, the way to draft it when there is none yet."""

    def get(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> HttpResponse:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise NotFound()
        bloc = bloc_for_covenants(actor=request.user, bloc_id=bloc_id)
        covenant = bloc_covenant_for_year(actor=request.user, bloc=bloc, year=year)
        if covenant is None:
            return redirect("covenants:bloc-covenant-create", bloc_id=bloc.pk, year=year)
        return redirect(_detail_url(covenant))


class BlocCovenantCreateView(LoginRequiredMixin, View):
    template_name = "covenants/bloc_covenant_form.html"

    def _bloc(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> Any:
        bloc = bloc_for_covenants(actor=request.user, bloc_id=bloc_id)
        if not MIN_YEAR <= year <= MAX_YEAR or not can_manage_bloc_covenant(request.user, bloc=bloc):
            raise NotFound()
        return bloc

    def get(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> HttpResponse:
        bloc = self._bloc(request, bloc_id, year)
        return render(request, self.template_name, {"bloc": bloc, "year": year, "form": BlocCovenantForm()})

    def post(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> HttpResponse:
        bloc = self._bloc(request, bloc_id, year)
        form = BlocCovenantForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                covenant = bloc_covenant_create(
                    actor=request.user,
                    bloc=bloc,
                    year=year,
                    content=data["content"],
                    signed_on=data["signed_on"],
                    attachment=data["attachment"],
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã soạn thảo giao ước thi đua của khối."))
                return redirect(_detail_url(covenant))
        return render(request, self.template_name, {"bloc": bloc, "year": year, "form": form}, status=422)


class BlocCovenantUpdateView(LoginRequiredMixin, View):
    template_name = "covenants/bloc_covenant_form.html"

    def get(self, request: AuthenticatedHttpRequest, covenant_id: int) -> HttpResponse:
        covenant = bloc_covenant_access(actor=request.user, covenant_id=covenant_id, manage=True)
        form = BlocCovenantForm(initial={"content": covenant.content, "signed_on": covenant.signed_on})
        context = {"bloc": covenant.bloc, "year": covenant.year, "form": form, "covenant": covenant}
        return render(request, self.template_name, context)

    def post(self, request: AuthenticatedHttpRequest, covenant_id: int) -> HttpResponse:
        covenant = bloc_covenant_access(actor=request.user, covenant_id=covenant_id, manage=True)
        form = BlocCovenantForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                bloc_covenant_update(
                    actor=request.user,
                    covenant=covenant,
                    content=data["content"],
                    signed_on=data["signed_on"],
                    attachment=data["attachment"],
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã lưu giao ước thi đua của khối."))
                return redirect(_detail_url(covenant))
        context = {"bloc": covenant.bloc, "year": covenant.year, "form": form, "covenant": covenant}
        return render(request, self.template_name, context, status=422)


class BlocCovenantDetailView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, covenant_id: int) -> HttpResponse:
        return _detail(request, bloc_covenant_access(actor=request.user, covenant_id=covenant_id))


class BlocCovenantTargetAddView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, covenant_id: int) -> HttpResponse:
        covenant = bloc_covenant_access(actor=request.user, covenant_id=covenant_id, manage=True)
        form = CovenantTargetForm(request.POST, units=_member_units(covenant))
        if form.is_valid():
            data = form.cleaned_data
            try:
                bloc_covenant_target_add(
                    actor=request.user,
                    covenant=covenant,
                    unit=data["unit"],
                    target=TargetInput(text=data["text"], value=data["value"], value_unit=data["value_unit"]),
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã thêm chỉ tiêu."))
                return redirect(_detail_url(covenant))
        return _detail(request, covenant, target_form=form, status=422)


class BlocCovenantOpenView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, covenant_id: int) -> HttpResponse:
        covenant = bloc_covenant_access(actor=request.user, covenant_id=covenant_id, manage=True)
        try:
            bloc_covenant_open(actor=request.user, covenant=covenant)
        except ApplicationError as error:
            return _detail(request, covenant, error=error.message, status=422)
        messages.success(request, _("Đã mở giao ước để các đơn vị thành viên tiếp nhận."))
        return redirect(_detail_url(covenant))


class CovenantAcknowledgeView(LoginRequiredMixin, View):
    """The head of a member unit acknowledges the covenant for the unit."""

    def post(self, request: AuthenticatedHttpRequest, covenant_id: int, unit_id: int) -> HttpResponse:
        covenant = bloc_covenant_access(actor=request.user, covenant_id=covenant_id)
        seat = (
            BlocMembership.objects.select_related("unit")
            .filter(bloc=covenant.bloc, year=covenant.year, unit_id=unit_id)
            .first()
        )
        if seat is None:
            raise NotFound()
        try:
            covenant_acknowledge(actor=request.user, covenant=covenant, unit=seat.unit)
        except ApplicationError as error:
            return _detail(request, covenant, error=error.message, status=422 if error.status_code != 403 else 403)
        messages.success(request, _("Đơn vị đã tiếp nhận giao ước thi đua."))
        return redirect(_detail_url(covenant))


class UnitCovenantCreateView(LoginRequiredMixin, View):
    template_name = "covenants/unit_covenant_form.html"

    def get(self, request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
        unit = unit_for_covenant_record(actor=request.user, unit_id=unit_id)
        return render(request, self.template_name, {"unit": unit, "form": UnitCovenantForm()})

    def post(self, request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
        unit = unit_for_covenant_record(actor=request.user, unit_id=unit_id)
        form = UnitCovenantForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                covenant = unit_covenant_create(
                    actor=request.user,
                    unit=unit,
                    year=data["year"],
                    content=data["content"],
                    signed_on=data["signed_on"],
                    attachment=data["attachment"],
                    targets=form.targets(),
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã ghi nhận giao ước thi đua với UBND tỉnh."))
                return redirect("covenants:unit-covenant-detail", covenant_id=covenant.pk)
        return render(request, self.template_name, {"unit": unit, "form": form}, status=422)


class UnitCovenantDetailView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, covenant_id: int) -> HttpResponse:
        covenant = unit_covenant_access(actor=request.user, covenant_id=covenant_id)
        targets = unit_covenant_targets(covenant=covenant)
        return render(request, "covenants/unit_covenant_detail.html", {"covenant": covenant, "targets": targets})


class ProgressReportCreateView(LoginRequiredMixin, View):
    template_name = "covenants/progress_report_form.html"

    def _render(
        self, request: AuthenticatedHttpRequest, target: Any, form: ProgressReportForm, status: int = 200
    ) -> HttpResponse:
        context = {"target": target, "form": form, "reports": target_reports(target=target)}
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
        target = target_access_for_report(actor=request.user, target_id=target_id)
        return self._render(request, target, ProgressReportForm())

    def post(self, request: AuthenticatedHttpRequest, target_id: int) -> HttpResponse:
        target = target_access_for_report(actor=request.user, target_id=target_id)
        form = ProgressReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                covenant_progress_report_create(
                    actor=request.user, target=target, period=data["period"], value=data["value"], text=data["text"]
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã gửi báo cáo kết quả thực hiện chỉ tiêu."))
                if target.bloc_covenant_id is not None:
                    return redirect("covenants:bloc-covenant-detail", covenant_id=target.bloc_covenant_id)
                return redirect("covenants:unit-covenant-detail", covenant_id=target.unit_covenant_id)
        return self._render(request, target, form, status=422)
