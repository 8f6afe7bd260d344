"""Pages of the people app: the list (live search), a person's page, adding, correcting and moving people (S6).

Pages render :class:`~thidua.people.selectors.PersonView` only, so personal data reaches a page only for those who
may see it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import View

from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.pagination import paginate, querystring_without_page
from thidua.people.detail_sections import person_sections_for
from thidua.people.forms import AssignmentMoveForm, PersonCreateForm, PersonFilterForm, PersonUpdateForm
from thidua.people.permissions import can_manage_people, can_view_people, person_manage_unit_scope
from thidua.people.selectors import (
    person_access,
    person_detail,
    person_list_visible_to,
    person_picker_options,
    person_search_is_too_short,
    person_views_from,
    unit_choices_for_people,
)
from thidua.people.services import assignment_move, person_create, person_update
from thidua.people.widgets import person_choice_label, person_picker_scope_get


def _manageable_units(request: AuthenticatedHttpRequest) -> Any:
    return person_manage_unit_scope(request.user).filter(valid_to__isnull=True).order_by("path")


class PersonListView(LoginRequiredMixin, View):
    """Danh sách cá nhân: search by name with or without diacritics, filter by unit (and the units below)."""

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not can_view_people(request.user):
            raise NotFound()
        form = PersonFilterForm(request.GET or None, units=unit_choices_for_people(actor=request.user))
        search, unit = "", None
        if form.is_bound and form.is_valid():
            search, unit = form.cleaned_data["q"], form.cleaned_data["unit"]
        page = paginate(request, person_list_visible_to(actor=request.user, search=search, unit=unit))
        page.object_list = person_views_from(page.object_list)
        context = {
            "page": page,
            "form": form,
            "q": search,
            "querystring": querystring_without_page(request),
            "can_manage": can_manage_people(request.user),
        }
        template = "people/_partials/person_table.html" if request.htmx else "people/person_list.html"
        return render(request, template, context)


class PersonOptionsView(LoginRequiredMixin, View):
    """The person picker's options (people.widgets): the ``<option>`` elements of at most 20 people matching ``q``.

    Only people the actor may see, narrowed to the picker's registered ``scope`` when it names one (404 for an
    unknown name); a hint instead of a list for fewer than two letters. A fixed number of queries.
    """

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        scope_name = request.GET.get("scope", "")
        try:
            within = person_picker_scope_get(scope_name)(request.user) if scope_name else None
        except LookupError as unknown:
            raise NotFound() from unknown
        search = request.GET.get("q", "")
        people, has_more = person_picker_options(actor=request.user, search=search, within=within)
        context = {
            "options": [(person.id, person_choice_label(person.full_name, person.unit_name)) for person in people],
            "too_short": person_search_is_too_short(search),
            "has_more": has_more,
        }
        return render(request, "people/_partials/person_options.html", context)


class PersonDetailView(LoginRequiredMixin, View):
    """Trang cá nhân: who they are, their posts over time, and the sections of other apps (their awards...)."""

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        detail = person_detail(actor=request.user, person_id=person_id)
        person = detail.person
        context = {
            "detail": detail,
            "person": person,
            "sections": [
                (
                    section,
                    render_to_string(section.template_name, {**section.context, "person": person}, request=request),
                )
                for section in person_sections_for(request, person)
            ],
        }
        return render(request, "people/person_detail.html", context)


class PersonCreateView(LoginRequiredMixin, View):
    template_name = "people/person_create.html"

    def _form(self, request: AuthenticatedHttpRequest, data: Any = None) -> PersonCreateForm:
        if not can_manage_people(request.user):
            raise NotFound()
        return PersonCreateForm(data, units=_manageable_units(request))

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = self._form(request, request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=422)
        data = form.cleaned_data
        try:
            person = person_create(
                actor=request.user,
                full_name=data["full_name"],
                gender=data["gender"],
                birth_date=data["birth_date"],
                personnel_code=data["personnel_code"],
                unit=data["unit"],
                position=data["position"],
                category=data["category"],
                starts_on=data["starts_on"],
            )
        except ApplicationError as error:
            form_errors_add(form, error)
            return render(request, self.template_name, {"form": form}, status=422)
        messages.success(request, _("Đã thêm cá nhân."))
        return redirect("people:person-detail", person_id=person.pk)


class PersonUpdateView(LoginRequiredMixin, View):
    """Correct the name and personal data: only for those who manage the person's unit (who also may see it)."""

    template_name = "people/person_update.html"

    def _detail(self, request: AuthenticatedHttpRequest, person_id: int) -> Any:
        detail = person_detail(actor=request.user, person_id=person_id)
        if not (detail.can_manage and detail.person.can_view_personal):
            raise NotFound()
        return detail

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        detail = self._detail(request, person_id)
        person = detail.person
        form = PersonUpdateForm(
            initial={
                "full_name": person.full_name,
                "gender": person.gender,
                "birth_date": person.birth_date,
                "personnel_code": person.personnel_code,
            }
        )
        return render(request, self.template_name, {"form": form, "person": person})

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        detail = self._detail(request, person_id)
        form = PersonUpdateForm(request.POST)
        context = {"form": form, "person": detail.person}
        if not form.is_valid():
            return render(request, self.template_name, context, status=422)
        data = form.cleaned_data
        try:
            person_update(
                actor=request.user,
                person=person_access(actor=request.user, person_id=person_id),
                full_name=data["full_name"],
                gender=data["gender"],
                birth_date=data["birth_date"],
                personnel_code=data["personnel_code"],
            )
        except ApplicationError as error:
            form_errors_add(form, error)
            return render(request, self.template_name, context, status=422)
        messages.success(request, _("Đã lưu thông tin cá nhân."))
        return redirect("people:person-detail", person_id=person_id)


class AssignmentMoveView(LoginRequiredMixin, View):
    """Điều động, luân chuyển: a new post from a date; the current one ends the day before."""

    template_name = "people/assignment_move.html"

    def _detail(self, request: AuthenticatedHttpRequest, person_id: int) -> Any:
        detail = person_detail(actor=request.user, person_id=person_id)
        if not detail.can_manage:
            raise NotFound()
        return detail

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        detail = self._detail(request, person_id)
        form = AssignmentMoveForm(
            units=_manageable_units(request),
            initial={"position": detail.person.position, "category": detail.person.category},
        )
        return render(request, self.template_name, {"form": form, "person": detail.person})

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        detail = self._detail(request, person_id)
        form = AssignmentMoveForm(request.POST, units=_manageable_units(request))
        context = {"form": form, "person": detail.person}
        if not form.is_valid():
            return render(request, self.template_name, context, status=422)
        data = form.cleaned_data
        try:
            assignment_move(
                actor=request.user,
                person=person_access(actor=request.user, person_id=person_id),
                unit=data["unit"],
                position=data["position"],
                category=data["category"],
                starts_on=data["starts_on"],
            )
        except ApplicationError as error:
            form_errors_add(form, error)
            return render(request, self.template_name, context, status=422)
        messages.success(request, _("Đã ghi nhận điều động, luân chuyển."))
        return redirect("people:person-detail", person_id=person_id)
