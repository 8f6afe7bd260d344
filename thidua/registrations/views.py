"""Pages of registrations: the unit's form, the detail with its history, the secretariat's overview of a bloc year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from thidua.awards.choices import TitleSubject
from thidua.awards.selectors import title_list_in_force
from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.pagination import paginate, querystring_without_page
from thidua.emulation.services._common import MAX_YEAR, MIN_YEAR
from thidua.registrations.forms import RegistrationDeadlineForm, RegistrationForm, RegistrationReturnForm
from thidua.registrations.models import Registration
from thidua.registrations.permissions import (
    can_edit_registration_of,
    can_review_registrations_of,
    can_submit_registration_of,
    can_use_registrations,
)
from thidua.registrations.selectors import (
    bloc_access_for_review,
    person_list_working_in,
    registration_access,
    registration_list_visible_to,
    registration_overview,
    registration_unit_choices,
)
from thidua.registrations.services import (
    registration_create,
    registration_deadline_set,
    registration_return,
    registration_submit,
    registration_update,
)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise NotFound()


def _form(unit: Any, year: int, data: Any = None, initial: dict[str, Any] | None = None) -> RegistrationForm:
    day = dt.date(year, 12, 31)
    return RegistrationForm(
        data,
        collective_titles=title_list_in_force(on=day, subject=TitleSubject.COLLECTIVE),
        individual_titles=title_list_in_force(on=day, subject=TitleSubject.INDIVIDUAL),
        people=list(person_list_working_in(unit=unit, year=year)),
        initial=initial,
    )


class RegistrationListView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not can_use_registrations(request.user):
            raise NotFound()
        page = paginate(request, registration_list_visible_to(actor=request.user))
        this_year = timezone.localdate().year
        context = {
            "page": page,
            "querystring": querystring_without_page(request),
            "this_year": this_year,
            "editable_units": registration_unit_choices(actor=request.user),
        }
        return render(request, "registrations/registration_list.html", context)


class RegistrationCreateView(LoginRequiredMixin, View):
    template_name = "registrations/registration_form.html"

    def _unit(self, request: AuthenticatedHttpRequest, unit_id: int, year: int) -> Any:
        _check_year(year)
        unit = registration_unit_choices(actor=request.user).filter(pk=unit_id).first()
        if unit is None:
            raise NotFound()
        return unit

    def get(self, request: AuthenticatedHttpRequest, unit_id: int, year: int) -> HttpResponse:
        unit = self._unit(request, unit_id, year)
        return render(request, self.template_name, {"form": _form(unit, year), "unit": unit, "year": year})

    def post(self, request: AuthenticatedHttpRequest, unit_id: int, year: int) -> HttpResponse:
        unit = self._unit(request, unit_id, year)
        form = _form(unit, year, request.POST)
        if form.is_valid():
            try:
                registration = registration_create(
                    actor=request.user,
                    unit=unit,
                    year=year,
                    collective_titles=list(form.cleaned_data["collective_titles"]),
                    entries=form.entries(),
                )
            except ApplicationError as error:
                form_errors_add(form, error, summary="always")
            else:
                messages.success(request, _("Đã lưu bản đăng ký thi đua."))
                return redirect("registrations:registration-detail", registration_id=registration.pk)
        return render(request, self.template_name, {"form": form, "unit": unit, "year": year}, status=422)


class RegistrationUpdateView(LoginRequiredMixin, View):
    template_name = "registrations/registration_form.html"

    def _registration(self, request: AuthenticatedHttpRequest, registration_id: int) -> Registration:
        registration = registration_access(actor=request.user, registration_id=registration_id)
        if not can_edit_registration_of(request.user, unit=registration.unit):
            raise NotFound()
        return registration

    def get(self, request: AuthenticatedHttpRequest, registration_id: int) -> HttpResponse:
        registration = self._registration(request, registration_id)
        initial: dict[str, Any] = {"collective_titles": list(registration.collective_titles.all())}
        initial.update({f"person_{e.person_id}": str(e.title_id) for e in registration.entries.all()})
        form = _form(registration.unit, registration.year, initial=initial)
        context = {"form": form, "unit": registration.unit, "year": registration.year, "registration": registration}
        return render(request, self.template_name, context)

    def post(self, request: AuthenticatedHttpRequest, registration_id: int) -> HttpResponse:
        registration = self._registration(request, registration_id)
        form = _form(registration.unit, registration.year, request.POST)
        if form.is_valid():
            try:
                registration_update(
                    actor=request.user,
                    registration=registration,
                    collective_titles=list(form.cleaned_data["collective_titles"]),
                    entries=form.entries(),
                )
            except ApplicationError as error:
                form_errors_add(form, error, summary="always")
            else:
                messages.success(request, _("Đã lưu bản đăng ký thi đua."))
                return redirect("registrations:registration-detail", registration_id=registration.pk)
        context = {"form": form, "unit": registration.unit, "year": registration.year, "registration": registration}
        return render(request, self.template_name, context, status=422)


class RegistrationDetailView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, registration_id: int) -> HttpResponse:
        registration = registration_access(actor=request.user, registration_id=registration_id)
        return render(request, "registrations/registration_detail.html", self._context(request, registration))

    @staticmethod
    def _context(request: AuthenticatedHttpRequest, registration: Registration, **extra: Any) -> dict[str, Any]:
        return {
            "registration": registration,
            "can_edit": registration.is_editable and can_edit_registration_of(request.user, unit=registration.unit),
            "can_submit": registration.is_editable and can_submit_registration_of(request.user, unit=registration.unit),
            "can_return": registration.status == "submitted"
            and can_review_registrations_of(request.user, bloc=registration.bloc),
            "return_form": extra.get("return_form") or RegistrationReturnForm(),
        }


class RegistrationSubmitView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, registration_id: int) -> HttpResponse:
        registration = registration_access(actor=request.user, registration_id=registration_id)
        try:
            registration_submit(actor=request.user, registration=registration)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã gửi bản đăng ký thi đua."))
        return redirect("registrations:registration-detail", registration_id=registration.pk)


class RegistrationReturnView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, registration_id: int) -> HttpResponse:
        registration = registration_access(actor=request.user, registration_id=registration_id)
        form = RegistrationReturnForm(request.POST)
        if form.is_valid():
            try:
                registration_return(actor=request.user, registration=registration, reason=form.cleaned_data["reason"])
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã trả lại bản đăng ký cho đơn vị."))
            return redirect("registrations:registration-detail", registration_id=registration.pk)
        context = RegistrationDetailView._context(request, registration, return_form=form)
        return render(request, "registrations/registration_detail.html", context, status=422)


class RegistrationOverviewView(LoginRequiredMixin, View):
    template_name = "registrations/registration_overview.html"

    def get(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> HttpResponse:
        _check_year(year)
        bloc = bloc_access_for_review(actor=request.user, bloc_id=bloc_id)
        overview = registration_overview(bloc=bloc, year=year)
        initial = {"due_on": overview.deadline.due_on} if overview.deadline else None
        form = RegistrationDeadlineForm(initial=initial)
        return render(request, self.template_name, {"overview": overview, "form": form})

    def post(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> HttpResponse:
        _check_year(year)
        bloc = bloc_access_for_review(actor=request.user, bloc_id=bloc_id)
        form = RegistrationDeadlineForm(request.POST)
        if form.is_valid():
            try:
                registration_deadline_set(actor=request.user, bloc=bloc, year=year, due_on=form.cleaned_data["due_on"])
            except ApplicationError as error:
                form_errors_add(form, error, summary="always")
            else:
                messages.success(request, _("Đã đặt hạn đăng ký."))
                return redirect("registrations:registration-overview", bloc_id=bloc.pk, year=year)
        overview = registration_overview(bloc=bloc, year=year)
        return render(request, self.template_name, {"overview": overview, "form": form}, status=422)
