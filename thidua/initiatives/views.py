"""Pages of the initiatives app: list, detail, create and edit with authors, recognise, statistics (STYLE S6)."""

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
from thidua.initiatives.choices import RecognitionLevel
from thidua.initiatives.forms import (
    AuthorFormSet,
    InitiativeFilterForm,
    InitiativeForm,
    InitiativeUpdateForm,
    RecognitionForm,
    StatisticsFilterForm,
)
from thidua.initiatives.models import Initiative
from thidua.initiatives.permissions import (
    can_manage_initiatives,
    can_recognise_at,
    can_view_initiatives,
    initiative_manage_unit_scope,
)
from thidua.initiatives.selectors import (
    initiative_access,
    initiative_detail,
    initiative_find_duplicates,
    initiative_list_visible_to,
    initiative_list_with_authors,
    initiative_statistics,
)
from thidua.initiatives.services import (
    AuthorInput,
    InitiativeInput,
    initiative_create,
    initiative_recognise,
    initiative_update,
)
from thidua.organizations.models import Unit
from thidua.people.models import Person


def _people() -> Any:
    return Person.objects.order_by("search_name", "id")


def _input(data: dict[str, Any]) -> InitiativeInput:
    return InitiativeInput(**{name: data[name] for name in InitiativeInput.__dataclass_fields__})


def _authors(formset: Any) -> list[AuthorInput]:
    return [
        AuthorInput(
            person=f.cleaned_data["person"],
            share=f.cleaned_data["share"],
            is_from_other_unit=f.cleaned_data["is_from_other_unit"],
        )
        for f in formset.forms
        if f.cleaned_data.get("person") is not None
    ]


def _warn_duplicates(request: AuthenticatedHttpRequest, initiative: Initiative, authors: list[AuthorInput]) -> None:
    duplicates = initiative_find_duplicates(
        actor=request.user,
        title=initiative.title,
        applied_on=initiative.applied_on,
        person_ids=[a.person.pk for a in authors],
        exclude_id=initiative.pk,
    )
    if duplicates:
        titles = "; ".join(f"“{d.title}” ({d.unit_name})" for d in duplicates[:5])
        messages.warning(
            request, _("Sáng kiến này có thể trùng với: %(titles)s. Vui lòng kiểm tra lại.") % {"titles": titles}
        )


class InitiativeListView(LoginRequiredMixin, View):
    """Danh sách sáng kiến: search ignoring diacritics, filter by unit, year applied and current level."""

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not can_view_initiatives(request.user):
            raise NotFound()
        form = InitiativeFilterForm(request.GET or None, units=Unit.objects.order_by("path"))
        filters: dict[str, Any] = {}
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            filters = {"search": data["q"], "unit": data["unit"], "year": data["year"], "level": data["level"]}
        qs = initiative_list_with_authors(initiative_list_visible_to(actor=request.user, **filters))
        context = {
            "page": paginate(request, qs),
            "form": form,
            "querystring": querystring_without_page(request),
            "can_manage": can_manage_initiatives(request.user),
        }
        template = "initiatives/_partials/initiative_table.html" if request.htmx else "initiatives/initiative_list.html"
        return render(request, template, context)


class InitiativeDetailView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, initiative_id: int) -> HttpResponse:
        detail = initiative_detail(actor=request.user, initiative_id=initiative_id)
        duplicates = initiative_find_duplicates(
            actor=request.user,
            title=detail.initiative.title,
            applied_on=detail.initiative.applied_on,
            person_ids=[a.person_id for a in detail.authors],
            exclude_id=detail.initiative.pk,
        )
        context = {"detail": detail, "initiative": detail.initiative, "duplicates": duplicates}
        return render(request, "initiatives/initiative_detail.html", context)


class InitiativeCreateView(LoginRequiredMixin, View):
    template_name = "initiatives/initiative_form.html"

    def _forms(self, request: AuthenticatedHttpRequest, bound: bool) -> tuple[InitiativeForm, Any]:
        if not can_manage_initiatives(request.user):
            raise NotFound()
        units = initiative_manage_unit_scope(request.user).filter(valid_to__isnull=True).order_by("path")
        form = InitiativeForm(request.POST if bound else None, request.FILES if bound else None, units=units)
        formset = AuthorFormSet(request.POST if bound else None, prefix="authors", form_kwargs={"people": _people()})
        return form, formset

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form, formset = self._forms(request, bound=False)
        return render(request, self.template_name, {"form": form, "formset": formset})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form, formset = self._forms(request, bound=True)
        context = {"form": form, "formset": formset}
        if not (form.is_valid() and formset.is_valid()):
            return render(request, self.template_name, context, status=422)
        authors = _authors(formset)
        upload = form.cleaned_data["attachment"]
        try:
            initiative = initiative_create(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                data=_input(form.cleaned_data),
                authors=authors,
                attachments=[upload] if upload else [],
            )
        except ApplicationError as error:
            form_errors_add(form, error)
            return render(request, self.template_name, context, status=422)
        messages.success(request, _("Đã lưu sáng kiến."))
        _warn_duplicates(request, initiative, authors)
        return redirect("initiatives:initiative-detail", initiative_id=initiative.pk)


class InitiativeUpdateView(LoginRequiredMixin, View):
    template_name = "initiatives/initiative_form.html"

    def _detail(self, request: AuthenticatedHttpRequest, initiative_id: int) -> Any:
        detail = initiative_detail(actor=request.user, initiative_id=initiative_id)
        if not detail.can_edit:
            raise NotFound()
        return detail

    def get(self, request: AuthenticatedHttpRequest, initiative_id: int) -> HttpResponse:
        detail = self._detail(request, initiative_id)
        initiative = detail.initiative
        form = InitiativeUpdateForm(
            initial={name: getattr(initiative, name) for name in InitiativeInput.__dataclass_fields__}
        )
        formset = AuthorFormSet(
            prefix="authors",
            form_kwargs={"people": _people()},
            initial=[
                {"person": a.person_id, "share": a.share, "is_from_other_unit": a.is_from_other_unit}
                for a in detail.authors
            ],
        )
        return render(request, self.template_name, {"form": form, "formset": formset, "initiative": initiative})

    def post(self, request: AuthenticatedHttpRequest, initiative_id: int) -> HttpResponse:
        detail = self._detail(request, initiative_id)
        form = InitiativeUpdateForm(request.POST, request.FILES)
        formset = AuthorFormSet(request.POST, prefix="authors", form_kwargs={"people": _people()})
        context = {"form": form, "formset": formset, "initiative": detail.initiative}
        if not (form.is_valid() and formset.is_valid()):
            return render(request, self.template_name, context, status=422)
        authors = _authors(formset)
        upload = form.cleaned_data["attachment"]
        try:
            initiative = initiative_update(
                actor=request.user,
                initiative=detail.initiative,
                data=_input(form.cleaned_data),
                authors=authors,
                attachments=[upload] if upload else [],
            )
        except ApplicationError as error:
            form_errors_add(form, error)
            return render(request, self.template_name, context, status=422)
        messages.success(request, _("Đã lưu sáng kiến."))
        _warn_duplicates(request, initiative, authors)
        return redirect("initiatives:initiative-detail", initiative_id=initiative.pk)


class InitiativeRecogniseView(LoginRequiredMixin, View):
    """Ghi nhận quyết định công nhận: cơ sở by the unit head; tỉnh, toàn quốc by the province office."""

    template_name = "initiatives/initiative_recognise.html"

    def _context(self, request: AuthenticatedHttpRequest, initiative_id: int) -> tuple[Initiative, list[str]]:
        initiative = initiative_access(actor=request.user, initiative_id=initiative_id)
        levels = [lv for lv in RecognitionLevel if can_recognise_at(request.user, unit=initiative.unit, level=lv)]
        if not levels:
            raise NotFound()
        return initiative, [str(lv) for lv in levels]

    def get(self, request: AuthenticatedHttpRequest, initiative_id: int) -> HttpResponse:
        initiative, levels = self._context(request, initiative_id)
        form = RecognitionForm(levels=levels)
        return render(request, self.template_name, {"form": form, "initiative": initiative})

    def post(self, request: AuthenticatedHttpRequest, initiative_id: int) -> HttpResponse:
        initiative, levels = self._context(request, initiative_id)
        form = RecognitionForm(request.POST, levels=levels)
        context = {"form": form, "initiative": initiative}
        if not form.is_valid():
            return render(request, self.template_name, context, status=422)
        try:
            initiative_recognise(actor=request.user, initiative=initiative, **form.cleaned_data)
        except ApplicationError as error:
            form_errors_add(form, error)
            return render(request, self.template_name, context, status=422)
        messages.success(request, _("Đã ghi nhận công nhận sáng kiến."))
        return redirect("initiatives:initiative-detail", initiative_id=initiative.pk)


class InitiativeStatisticsView(LoginRequiredMixin, View):
    """Thống kê sáng kiến theo khối, đơn vị, năm và cấp công nhận hiện tại."""

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not can_view_initiatives(request.user):
            raise NotFound()
        form = StatisticsFilterForm(request.GET or None)
        year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else None
        statistics = initiative_statistics(actor=request.user, year=year)
        return render(request, "initiatives/initiative_statistics.html", {"form": form, "statistics": statistics})
