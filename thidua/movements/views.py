"""Pages of the movements app. Views stay thin (S6): parse, access, one service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.pagination import paginate, querystring_without_page
from thidua.emulation.selectors import bloc_access
from thidua.movements.forms import MovementFilterForm, MovementForm, MovementReviewForm
from thidua.movements.permissions import (
    can_launch_movements,
    can_manage_movement,
    launch_bloc_scope,
    launch_unit_scope,
)
from thidua.movements.selectors import movement_access, movement_list_for_bloc_year, movement_list_visible_to
from thidua.movements.services import movement_launch, movement_review_add
from thidua.movements.year_board import movement_year_board


class MovementListView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filters = MovementFilterForm(request.GET)
        data = filters.cleaned_data if filters.is_valid() else {}
        movements = movement_list_visible_to(
            actor=request.user, year=data.get("year"), bloc=data.get("bloc"), kind=data.get("kind", "")
        )
        context = {
            "page": paginate(request, movements),
            "filters": filters,
            "querystring": querystring_without_page(request),
            "can_launch": can_launch_movements(request.user),
        }
        return render(request, "movements/movement_list.html", context)


class MovementDetailView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, movement_id: int) -> HttpResponse:
        movement = movement_access(actor=request.user, movement_id=movement_id)
        context = {
            "movement": movement,
            "reviews": list(movement.reviews.all()),
            "can_review": not movement.is_closed and can_manage_movement(request.user, movement=movement),
        }
        return render(request, "movements/movement_detail.html", context)


class MovementCreateView(LoginRequiredMixin, View):
    template_name = "movements/movement_create.html"

    def _form(self, request: AuthenticatedHttpRequest, data: Any = None, files: Any = None) -> MovementForm:
        return MovementForm(data, files, units=launch_unit_scope(request.user), blocs=launch_bloc_scope(request.user))

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not can_launch_movements(request.user):
            raise NotFound()
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not can_launch_movements(request.user):
            raise NotFound()
        form = self._form(request, request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                movement = movement_launch(
                    actor=request.user,
                    unit=data["launched_by_unit"],
                    bloc=data["bloc"],
                    kind=data["kind"],
                    title=data["title"],
                    launched_on=data["launched_on"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    goals=data["goals"],
                    target_participants=data["target_participants"],
                    awards=data["awards"],
                    plan_document=data["plan_document"],
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã ghi nhận phong trào thi đua."))
                return redirect("movements:movement-detail", movement_id=movement.pk)
        return render(request, self.template_name, {"form": form}, status=422)


class MovementReviewCreateView(LoginRequiredMixin, View):
    template_name = "movements/movement_review_create.html"

    def get(self, request: AuthenticatedHttpRequest, movement_id: int) -> HttpResponse:
        movement = movement_access(actor=request.user, movement_id=movement_id, manage=True)
        return render(request, self.template_name, {"movement": movement, "form": MovementReviewForm()})

    def post(self, request: AuthenticatedHttpRequest, movement_id: int) -> HttpResponse:
        movement = movement_access(actor=request.user, movement_id=movement_id, manage=True)
        form = MovementReviewForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                movement_review_add(
                    actor=request.user,
                    movement=movement,
                    kind=data["kind"],
                    held_on=data["held_on"],
                    summary=data["summary"],
                    attachment=data["attachment"],
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã ghi nhận sơ kết, tổng kết phong trào."))
                return redirect("movements:movement-detail", movement_id=movement.pk)
        return render(request, self.template_name, {"movement": movement, "form": form}, status=422)


class MovementBlocYearView(LoginRequiredMixin, View):
    """Phong trào thi đua của khối trong năm: its movements and their dates on the year's timeline."""

    def get(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> HttpResponse:
        if not 2000 <= year <= 2100:
            raise NotFound()
        bloc = bloc_access(actor=request.user, bloc_id=bloc_id)
        context = {
            "bloc": bloc,
            "year": year,
            "movements": movement_list_for_bloc_year(bloc=bloc, year=year),
            "timeline": sorted(movement_year_board(bloc, year, []).events, key=lambda event: event.day),
        }
        return render(request, "movements/movement_bloc_year.html", context)
