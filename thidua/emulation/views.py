"""Pages of the emulation app: blocs, their years and seats. Views stay thin (S6): parse, access, one service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.pagination import paginate, querystring_without_page
from thidua.emulation.choices import BlocRole
from thidua.emulation.forms import (
    BlocCreateForm,
    BlocForm,
    BlocMemberAddForm,
    BlocMemberRemoveForm,
    BlocMemberRoleForm,
    BlocYearConfirmForm,
)
from thidua.emulation.models import Bloc
from thidua.emulation.permissions import can_create_blocs, can_manage_bloc, can_view_year_board
from thidua.emulation.selectors import (
    bloc_access,
    bloc_default_year,
    bloc_list_visible_to,
    bloc_membership_access,
    bloc_unit_candidates,
    bloc_year_composition,
    bloc_year_list,
    province_choices_for_blocs,
)
from thidua.emulation.services import (
    bloc_create,
    bloc_member_add,
    bloc_member_remove,
    bloc_member_set_role,
    bloc_update,
    bloc_year_confirm,
    bloc_year_copy_from_previous,
)
from thidua.emulation.services._common import MAX_YEAR, MIN_YEAR
from thidua.emulation.year_board import year_board_for, year_board_with_late_units


def _year_from(value: str | None, default: int) -> int:
    try:
        year = int(value or "")
    except ValueError:
        return default
    return year if MIN_YEAR <= year <= MAX_YEAR else default


class BlocListView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        search = request.GET.get("q", "").strip()[:100]
        page = paginate(request, bloc_list_visible_to(actor=request.user, search=search))
        context = {
            "page": page,
            "q": search,
            "querystring": querystring_without_page(request),
            "can_create": can_create_blocs(request.user),
            "this_year": timezone.localdate().year,
        }
        return render(request, "emulation/bloc_list.html", context)


class BlocCreateView(LoginRequiredMixin, View):
    template_name = "emulation/bloc_create.html"

    def _form(self, request: AuthenticatedHttpRequest, data: Any = None) -> BlocCreateForm:
        return BlocCreateForm(data, provinces=province_choices_for_blocs(actor=request.user))

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not can_create_blocs(request.user):
            raise NotFound()
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not can_create_blocs(request.user):
            raise NotFound()
        form = self._form(request, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                bloc = bloc_create(
                    actor=request.user,
                    province=data["province"],
                    name=data["name"],
                    short_name=data["short_name"],
                    kind=data["kind"],
                )
            except ApplicationError as error:
                form_errors_add(form, error, summary="distinct")
            else:
                messages.success(request, _("Đã thành lập khối, cụm thi đua."))
                return redirect("emulation:bloc-detail", bloc_id=bloc.pk)
        return render(request, self.template_name, {"form": form}, status=422)


class BlocUpdateView(LoginRequiredMixin, View):
    template_name = "emulation/bloc_update.html"

    def get(self, request: AuthenticatedHttpRequest, bloc_id: int) -> HttpResponse:
        bloc = bloc_access(actor=request.user, bloc_id=bloc_id, manage=True)
        form = BlocForm(initial={"name": bloc.name, "short_name": bloc.short_name})
        return render(request, self.template_name, {"bloc": bloc, "form": form})

    def post(self, request: AuthenticatedHttpRequest, bloc_id: int) -> HttpResponse:
        bloc = bloc_access(actor=request.user, bloc_id=bloc_id, manage=True)
        form = BlocForm(request.POST)
        if form.is_valid():
            try:
                bloc_update(
                    actor=request.user,
                    bloc=bloc,
                    name=form.cleaned_data["name"],
                    short_name=form.cleaned_data["short_name"],
                )
            except ApplicationError as error:
                form_errors_add(form, error, summary="distinct")
            else:
                messages.success(request, _("Đã lưu khối, cụm thi đua."))
                return redirect("emulation:bloc-detail", bloc_id=bloc.pk)
        return render(request, self.template_name, {"bloc": bloc, "form": form}, status=422)


def _detail(
    request: AuthenticatedHttpRequest,
    bloc: Bloc,
    year: int | None = None,
    *,
    add_form: BlocMemberAddForm | None = None,
    confirm_form: BlocYearConfirmForm | None = None,
    row_error: tuple[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The bloc page for one year: the year tabs, the composition, and for the office the forms to change it."""
    years = bloc_year_list(bloc=bloc)
    this_year = timezone.localdate().year
    if year is None:
        year = _year_from(request.GET.get("year"), bloc_default_year(years=years))
    can_manage = can_manage_bloc(request.user, bloc=bloc)
    tabs = {summary.year for summary in years} | {year}
    if can_manage:
        tabs |= {y for y in (this_year, this_year + 1) if MIN_YEAR <= y <= MAX_YEAR}
    composition = bloc_year_composition(bloc=bloc, year=year)
    summaries = {summary.year: summary for summary in years}
    context: dict[str, Any] = {
        "bloc": bloc,
        "year": year,
        "years": [(y, summaries.get(y)) for y in sorted(tabs, reverse=True)],
        "composition": composition,
        "can_manage": can_manage,
        "can_view_board": can_view_year_board(request.user, bloc=bloc),
        "year_summaries": year_board_for(bloc, year, [seat.membership.unit_id for seat in composition.seats]).summaries,
        "row_error": row_error,
        "roles": BlocRole.choices,
    }
    if can_manage:
        context["add_form"] = add_form or BlocMemberAddForm(units=bloc_unit_candidates(bloc=bloc, year=year))
        context["confirm_form"] = confirm_form or BlocYearConfirmForm()
        context["can_copy"] = not composition.seats and not composition.is_confirmed and (year - 1) in summaries
    return render(request, "emulation/bloc_detail.html", context, status=status)


class BlocDetailView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, bloc_id: int) -> HttpResponse:
        return _detail(request, bloc_access(actor=request.user, bloc_id=bloc_id))


def _year_url(bloc: Bloc, year: int) -> str:
    return f"{reverse('emulation:bloc-detail', kwargs={'bloc_id': bloc.pk})}?year={year}"


class BlocMembershipAddView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> HttpResponse:
        bloc = bloc_access(actor=request.user, bloc_id=bloc_id, manage=True)
        year = _year_from(str(year), 0)
        if not year:
            raise NotFound()
        form = BlocMemberAddForm(request.POST, units=bloc_unit_candidates(bloc=bloc, year=year))
        if form.is_valid():
            data = form.cleaned_data
            try:
                bloc_member_add(
                    actor=request.user,
                    bloc=bloc,
                    unit=data["unit"],
                    year=year,
                    role=data["role"],
                    joined_on=data["joined_on"],
                    legal_basis=data["legal_basis"],
                )
            except ApplicationError as error:
                form_errors_add(form, error, summary="distinct")
            else:
                messages.success(request, _("Đã xếp đơn vị vào khối."))
                return redirect(_year_url(bloc, year))
        return _detail(request, bloc, year, add_form=form, status=422)


class BlocMembershipRemoveView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, bloc_id: int, membership_id: int) -> HttpResponse:
        bloc = bloc_access(actor=request.user, bloc_id=bloc_id, manage=True)
        membership = bloc_membership_access(actor=request.user, bloc=bloc, membership_id=membership_id, manage=True)
        form = BlocMemberRemoveForm(request.POST)
        if not form.is_valid():
            error = "; ".join(str(m) for ms in form.errors.values() for m in ms)
            return _detail(request, bloc, membership.year, row_error=(membership.pk, error), status=422)
        try:
            seat = bloc_member_remove(
                actor=request.user,
                membership=membership,
                left_on=form.cleaned_data["left_on"],
                legal_basis=form.cleaned_data["legal_basis"],
            )
        except ApplicationError as refusal:
            return _detail(request, bloc, membership.year, row_error=(membership.pk, refusal.message), status=422)
        if seat is None:
            messages.success(request, _("Đã rút đơn vị khỏi khối."))
        else:
            messages.success(request, _("Đã ghi ngày đơn vị rời khối."))
        return redirect(_year_url(bloc, membership.year))


class BlocMembershipSetRoleView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, bloc_id: int, membership_id: int) -> HttpResponse:
        bloc = bloc_access(actor=request.user, bloc_id=bloc_id, manage=True)
        membership = bloc_membership_access(actor=request.user, bloc=bloc, membership_id=membership_id, manage=True)
        form = BlocMemberRoleForm(request.POST)
        if not form.is_valid():
            error = "; ".join(str(m) for ms in form.errors.values() for m in ms)
            return _detail(request, bloc, membership.year, row_error=(membership.pk, error), status=422)
        try:
            bloc_member_set_role(
                actor=request.user,
                membership=membership,
                role=form.cleaned_data["role"],
                legal_basis=form.cleaned_data["legal_basis"],
            )
        except ApplicationError as refusal:
            return _detail(request, bloc, membership.year, row_error=(membership.pk, refusal.message), status=422)
        messages.success(request, _("Đã đổi vai trò."))
        return redirect(_year_url(bloc, membership.year))


class BlocYearCopyView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> HttpResponse:
        bloc = bloc_access(actor=request.user, bloc_id=bloc_id, manage=True)
        year = _year_from(str(year), 0)
        if not year:
            raise NotFound()
        try:
            result = bloc_year_copy_from_previous(actor=request.user, bloc=bloc, year=year)
        except ApplicationError as refusal:
            messages.error(request, refusal.message)
            return _detail(request, bloc, year, status=422)
        messages.success(
            request,
            _("Đã sao chép %(count)s đơn vị từ năm %(year)s.") % {"count": len(result.copied), "year": year - 1},
        )
        for skipped in result.skipped:
            messages.warning(
                request,
                _("Không sao chép %(unit)s: %(reason)s.") % {"unit": skipped.unit.name, "reason": skipped.reason_label},
            )
        return redirect(_year_url(bloc, year))


class BlocYearConfirmView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> HttpResponse:
        bloc = bloc_access(actor=request.user, bloc_id=bloc_id, manage=True)
        year = _year_from(str(year), 0)
        if not year:
            raise NotFound()
        form = BlocYearConfirmForm(request.POST)
        if form.is_valid():
            try:
                bloc_year_confirm(
                    actor=request.user, bloc=bloc, year=year, decision_number=form.cleaned_data["decision_number"]
                )
            except ApplicationError as error:
                form_errors_add(form, error, summary="distinct")
            else:
                messages.success(request, _("Đã xác nhận thành phần khối năm %(year)s.") % {"year": year})
                return redirect(_year_url(bloc, year))
        return _detail(request, bloc, year, confirm_form=form, status=422)


class BlocYearBoardView(LoginRequiredMixin, View):
    """Bảng theo dõi năm thi đua: the secretariat's one place for a bloc's year (timeline and each unit's progress)."""

    def get(self, request: AuthenticatedHttpRequest, bloc_id: int, year: int) -> HttpResponse:
        bloc = bloc_access(actor=request.user, bloc_id=bloc_id)
        if not can_view_year_board(request.user, bloc=bloc) or not _year_from(str(year), 0):
            raise NotFound()
        composition = bloc_year_composition(bloc=bloc, year=year)
        unit_ids = [seat.membership.unit_id for seat in composition.seats]
        today = timezone.localdate()
        board, late = year_board_with_late_units(bloc, year, unit_ids, today=today)
        rows = [
            {
                "seat": seat,
                "cells": [column.cells.get(seat.membership.unit_id) for column in board.columns],
                "late": late.get(seat.membership.unit_id, []),
            }
            for seat in composition.seats
        ]
        context = {"bloc": bloc, "year": year, "composition": composition, "board": board, "rows": rows, "today": today}
        return render(request, "emulation/bloc_year_board.html", context)
