"""Pages of the organisations app: the tree as of a date, the unit list and page, and the office's forms (S6)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from thidua.accounts.scoping import has_permission, unit_scope
from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.pagination import paginate, querystring_without_page
from thidua.organizations.choices import UnitChangeKind, UnitKind
from thidua.organizations.detail_sections import unit_sections_for
from thidua.organizations.forms import UnitChangeForm, UnitCreateForm, UnitTreeFilterForm, UnitUpdateForm
from thidua.organizations.models import Unit
from thidua.organizations.permissions import OrganizationsPermission, can_change_unit, can_manage_unit
from thidua.organizations.selectors import (
    unit_access,
    unit_children_on,
    unit_lineage,
    unit_list_visible_to,
    unit_name_history,
    unit_parentage_history,
    unit_province_list,
    unit_tree_as_of,
    valid_on,
)
from thidua.organizations.services import unit_change_record, unit_create, unit_update


def _managed_units(request: AuthenticatedHttpRequest) -> Any:
    return unit_scope(request.user, OrganizationsPermission.UNIT_MANAGE).order_by("path")


def _require_office(request: AuthenticatedHttpRequest) -> None:
    """The office's pages do not exist for anyone else (forbidden looks like missing, S12)."""
    if not has_permission(request.user, OrganizationsPermission.UNIT_MANAGE):
        raise NotFound()


class UnitTreeView(LoginRequiredMixin, View):
    """Cây tổ chức: the tree of one province as it stood on a day (today by default)."""

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = UnitTreeFilterForm(request.GET or None)
        day = form.day()
        provinces = list(unit_province_list(actor=request.user, day=day))
        wanted = form.cleaned_data.get("province") if form.is_bound and form.is_valid() else None
        own = request.user.unit.path.split("/")[1] if request.user.unit else ""
        root = next((p for p in provinces if p.pk == wanted), None) or next(
            (p for p in provinces if str(p.pk) == own), provinces[0] if provinces else None
        )
        nodes = unit_tree_as_of(actor=request.user, root=root, day=day) if root is not None else []
        context = {
            "form": form,
            "day": day,
            "provinces": provinces,
            "root": root,
            "nodes": nodes,
        }
        return render(request, "organizations/unit_tree.html", context)


class UnitListView(LoginRequiredMixin, View):
    """Danh sách đơn vị: search ignores diacritics; HTMX requests get the table only."""

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        search = request.GET.get("q", "").strip()[:100]
        kind = request.GET.get("kind", "")
        kind = kind if kind in UnitKind.values else ""
        province = request.GET.get("province", "")
        province_id = int(province) if province.isdigit() and len(province) < 10 else None
        is_active = request.GET.get("active") == "1"
        today = timezone.localdate()
        units = unit_list_visible_to(
            actor=request.user,
            search=search,
            kind=kind,
            province_id=province_id,
            active_on=today if is_active else None,
        )
        context = {
            "page": paginate(request, units),
            "q": search,
            "kind": kind,
            "kinds": UnitKind.choices,
            "province_id": province_id,
            "provinces": unit_province_list(actor=request.user, day=today),
            "is_active": is_active,
            "querystring": querystring_without_page(request),
            "can_create": has_permission(request.user, OrganizationsPermission.UNIT_MANAGE),
        }
        template = "organizations/_partials/unit_table.html" if request.htmx else "organizations/unit_list.html"
        return render(request, template, context)


class UnitDetailView(LoginRequiredMixin, View):
    """Trang đơn vị: current data, names and parents over time, lineage, and the sections of other apps."""

    def get(self, request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
        unit = unit_access(actor=request.user, unit_id=unit_id)
        lineage = unit_lineage(unit=unit)
        context = {
            "unit": unit,
            "names": unit_name_history(unit=unit),
            "parentages": unit_parentage_history(unit=unit),
            "children": unit_children_on(unit=unit, day=timezone.localdate()),
            "predecessors": lineage.predecessors,
            "successors": lineage.successors,
            "sections": [
                (section, render_to_string(section.template_name, {**section.context, "unit": unit}, request=request))
                for section in unit_sections_for(request, unit)
            ],
            "can_update": can_manage_unit(request.user, parent=unit.parent),
            "can_change": can_change_unit(request.user, unit=unit),
        }
        return render(request, "organizations/unit_detail.html", context)


class UnitCreateView(LoginRequiredMixin, View):
    """Thêm đơn vị (the province office, under a unit of its province)."""

    template_name = "organizations/unit_form.html"

    def _form(self, request: AuthenticatedHttpRequest, data: Any = None, initial: Any = None) -> UnitCreateForm:
        parents = _managed_units(request).filter(valid_on(timezone.localdate()))
        return UnitCreateForm(data, initial=initial, parents=parents)

    def _render(self, request: AuthenticatedHttpRequest, form: UnitCreateForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {"form": form, "unit": None}, status=status)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        _require_office(request)
        parent = request.GET.get("parent", "")
        return self._render(request, self._form(request, initial={"parent": parent if parent.isdigit() else None}))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        _require_office(request)
        form = self._form(request, request.POST)
        if not form.is_valid():
            return self._render(request, form, status=422)
        data = form.cleaned_data
        try:
            unit = unit_create(
                actor=request.user,
                code=data["code"],
                name=data["name"],
                short_name=data["short_name"],
                kind=data["kind"],
                parent=data["parent"],
                valid_from=data["valid_from"],
                legal_basis=data["legal_basis"],
            )
        except (ApplicationError, ValidationError) as error:
            form_errors_add(form, error, summary="always")
            return self._render(request, form, status=422)
        messages.success(request, _("Đã thêm đơn vị."))
        return redirect("organizations:unit-detail", unit_id=unit.pk)


class UnitUpdateView(LoginRequiredMixin, View):
    """Sửa thông tin đơn vị: type, short name, start date. A new name is a rename change, with its decision."""

    template_name = "organizations/unit_form.html"

    def _unit(self, request: AuthenticatedHttpRequest, unit_id: int) -> Unit:
        unit = unit_access(actor=request.user, unit_id=unit_id)
        if not can_manage_unit(request.user, parent=unit.parent):
            raise NotFound()
        return unit

    def _render(
        self, request: AuthenticatedHttpRequest, unit: Unit, form: UnitUpdateForm, status: int = 200
    ) -> HttpResponse:
        return render(request, self.template_name, {"form": form, "unit": unit}, status=status)

    def get(self, request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
        unit = self._unit(request, unit_id)
        initial = {"kind": unit.kind, "short_name": unit.short_name, "valid_from": unit.valid_from}
        return self._render(request, unit, UnitUpdateForm(initial=initial))

    def post(self, request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
        unit = self._unit(request, unit_id)
        form = UnitUpdateForm(request.POST)
        if not form.is_valid():
            return self._render(request, unit, form, status=422)
        data = form.cleaned_data
        try:
            unit_update(
                actor=request.user,
                unit=unit,
                kind=data["kind"],
                short_name=data["short_name"],
                valid_from=data["valid_from"],
            )
        except (ApplicationError, ValidationError) as error:
            form_errors_add(form, error, summary="always")
            return self._render(request, unit, form, status=422)
        messages.success(request, _("Đã lưu thông tin đơn vị."))
        return redirect("organizations:unit-detail", unit_id=unit.pk)


class UnitChangeCreateView(LoginRequiredMixin, View):
    """Ghi nhận sắp xếp, tổ chức lại: one form for rename, merge, split, transfer and closure."""

    template_name = "organizations/unit_change_form.html"

    def _render(self, request: AuthenticatedHttpRequest, form: UnitChangeForm, status: int = 200) -> HttpResponse:
        return render(request, self.template_name, {"form": form}, status=status)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        _require_office(request)
        unit, kind = request.GET.get("unit", ""), request.GET.get("kind", "")
        initial = {
            "predecessors": [unit] if unit.isdigit() and len(unit) < 10 else [],
            "kind": kind if kind in UnitChangeKind.values else UnitChangeKind.RENAME,
        }
        return self._render(request, UnitChangeForm(initial=initial, units=_managed_units(request)))

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        _require_office(request)
        form = UnitChangeForm(request.POST, units=_managed_units(request))
        if not form.is_valid():
            return self._render(request, form, status=422)
        data = form.cleaned_data
        predecessors = list(data["predecessors"])
        try:
            unit_change_record(
                actor=request.user,
                kind=data["kind"],
                effective_on=data["effective_on"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                issuer=data["issuer"],
                summary=data["summary"],
                predecessors=predecessors,
                successors=list(data["successors"]),
                new_name=data["new_name"],
                new_short_name=data["new_short_name"],
                new_parent=data["new_parent"],
            )
        except (ApplicationError, ValidationError) as error:
            form_errors_add(form, error, summary="always")
            return self._render(request, form, status=422)
        messages.success(request, _("Đã ghi nhận thay đổi tổ chức."))
        return redirect("organizations:unit-detail", unit_id=predecessors[0].pk)
