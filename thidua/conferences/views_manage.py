"""The secretariat's conference pages (issue 7): the list, the creation form, and one conference's "prep and run"
hub — agenda, delegates with check-in (HTMX, with the live quorum badge) and substitution, the polls.

Forbidden looks like missing (S12): a conference out of reach, or a step the user may not take on it, is a 404 and
nothing changes. Bad input and the services' refusals re-render the page with what was typed (422, or the
refusal's own status when no form is involved).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django_htmx.http import HttpResponseClientRefresh

from thidua.conferences.choices import ConferenceStatus
from thidua.conferences.errors import ConferenceNotAllowed
from thidua.conferences.forms import (
    AgendaForm,
    ConferenceCreateForm,
    ConferenceFilterForm,
    DelegateForm,
    SubstituteForm,
    agenda_text,
    conference_title_default,
)
from thidua.conferences.models import AgendaItem, Conference, Delegate
from thidua.conferences.permissions import can_run_conference
from thidua.conferences.selectors import conference_access
from thidua.conferences.selectors_pages import (
    chair_defaults,
    conference_blocs_managed_by,
    conference_delegate_accounts,
    conference_delegates,
    conference_list_visible_to,
    conference_member_units,
    conference_polls,
    conference_quorum,
)
from thidua.conferences.services import (
    conference_agenda_set,
    conference_create,
    conference_end,
    conference_start,
    delegate_add,
    delegate_check_in,
    delegate_substitute,
)
from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.pagination import paginate, querystring_without_page
from thidua.people.selectors import person_list_visible_to


def conference_run_access(request: AuthenticatedHttpRequest, conference_id: int) -> Conference:
    """The conference, for those who run it (secretariat, province office, chair); a 404 for anyone else."""
    conference = conference_access(actor=request.user, conference_id=conference_id)
    if not can_run_conference(request.user, conference=conference):
        raise NotFound()
    return conference


# --- List and create -------------------------------------------------------------------------------------------------


class ConferenceListView(LoginRequiredMixin, View):
    """Hội nghị: the conferences of the blocs the user manages and those where they hold a delegate seat."""

    template_name = "conferences/conference_list.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filters = ConferenceFilterForm(request.GET or None)
        year: int | None = None
        status = 200
        if filters.is_bound and not filters.is_valid():
            status = 422
        elif filters.is_bound:
            year = filters.cleaned_data["year"]
        conferences = conference_list_visible_to(actor=request.user, year=year)
        context = {
            "filters": filters,
            "page": paginate(request, conferences),
            "querystring": querystring_without_page(request),
            "can_create": conference_blocs_managed_by(actor=request.user).exists(),
        }
        return render(request, self.template_name, context, status=status)


class ConferenceCreateView(LoginRequiredMixin, View):
    """Tạo hội nghị, for a bloc the user manages; anyone else gets a 404."""

    template_name = "conferences/conference_create.html"

    def _form(self, request: AuthenticatedHttpRequest, data: Any = None) -> ConferenceCreateForm:
        blocs = conference_blocs_managed_by(actor=request.user)
        if not blocs.exists():
            raise NotFound()
        year = timezone.localdate().year
        initial = {"year": year, "title": conference_title_default(year), "held_on": timezone.localdate()}
        if data is None and len(blocs) == 1:
            initial["bloc"] = blocs[0]
            # By default the heads of the year's Khối trưởng and Khối phó units chair the conference.
            defaults = chair_defaults(bloc=blocs[0], year=year, on=timezone.localdate())
            initial["chair"], initial["co_chair"] = defaults.chair, defaults.co_chair
        return ConferenceCreateForm(
            data, blocs=blocs, people=person_list_visible_to(actor=request.user), initial=initial
        )

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": self._form(request)})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = self._form(request, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                conference = conference_create(
                    actor=request.user,
                    bloc=data["bloc"],
                    year=data["year"],
                    title=data["title"],
                    held_on=data["held_on"],
                    place=data["place"],
                    chair=data["chair"],
                    co_chair=data["co_chair"],
                    secretary=data["secretary"],
                    vote_basis=data["vote_basis"],
                    quorum_rule=data["quorum_rule"],
                    quorum_share=data["quorum_share"],
                    agenda=data["agenda"],
                )
            except ConferenceNotAllowed as refused:
                raise NotFound() from refused
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã tạo hội nghị."))
                return redirect("conferences:conference", conference_id=conference.pk)
        return render(request, self.template_name, {"form": form}, status=422)


# --- One conference --------------------------------------------------------------------------------------------------


def _delegate_forms_querysets(request: AuthenticatedHttpRequest, conference: Conference) -> dict[str, Any]:
    return {
        "people": person_list_visible_to(actor=request.user),
        "users": conference_delegate_accounts(conference=conference),
    }


def _active_delegates(conference: Conference) -> Any:
    return (
        Delegate.objects.filter(conference=conference, is_replaced=False).select_related("unit").order_by("name", "pk")
    )


def _delegate_form(request: AuthenticatedHttpRequest, conference: Conference, data: Any = None) -> DelegateForm:
    return DelegateForm(
        data, units=conference_member_units(conference=conference), **_delegate_forms_querysets(request, conference)
    )


def _substitute_form(request: AuthenticatedHttpRequest, conference: Conference, data: Any = None) -> SubstituteForm:
    return SubstituteForm(
        data, delegates=_active_delegates(conference), **_delegate_forms_querysets(request, conference)
    )


def conference_page(
    request: AuthenticatedHttpRequest,
    conference: Conference,
    *,
    bound: tuple[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The hub, with the forms the user may use; ``bound`` replaces one of them by the refused one."""
    can_run = can_run_conference(request.user, conference=conference)
    is_draft = conference.status == ConferenceStatus.DRAFT
    is_closed = conference.status == ConferenceStatus.CLOSED
    agenda = list(AgendaItem.objects.filter(conference=conference).order_by("order"))
    page_forms: dict[str, forms.Form | None] = {"agenda": None, "delegate": None, "substitute": None}
    if can_run and is_draft:
        page_forms["agenda"] = AgendaForm(initial={"agenda": agenda_text(agenda)})
    if can_run and not is_closed:
        page_forms["delegate"] = _delegate_form(request, conference)
        page_forms["substitute"] = _substitute_form(request, conference)
    if bound is not None:
        page_forms[bound[0]] = bound[1]
    context = {
        "conference": conference,
        "can_run": can_run,
        "is_draft": is_draft,
        "is_closed": is_closed,
        "can_start": can_run and is_draft,
        "can_end": can_run and conference.status == ConferenceStatus.IN_SESSION,
        "can_check_in": can_run and not is_closed,
        "agenda": agenda,
        "delegates": conference_delegates(conference=conference) if can_run else [],
        "quorum": conference_quorum(conference=conference) if can_run else None,
        "polls": conference_polls(conference=conference),
        "forms": page_forms,
    }
    return render(request, "conferences/conference_detail.html", context, status=status)


class ConferenceView(LoginRequiredMixin, View):
    """The conference: everything to prepare and run it for those who run it; the agenda and the polls (read only)
    for its delegates."""

    def get(self, request: AuthenticatedHttpRequest, conference_id: int) -> HttpResponse:
        return conference_page(request, conference_access(actor=request.user, conference_id=conference_id))


def _done(request: AuthenticatedHttpRequest, conference: Conference, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("conferences:conference", conference_id=conference.pk)


class ConferenceActionView(LoginRequiredMixin, View):
    """One step on the conference (POST): start, end, agenda, add a delegate, substitute one."""

    ACTIONS = ("start", "end", "agenda", "delegate-add", "substitute")
    FORM_OF = {"agenda": "agenda", "delegate-add": "delegate", "substitute": "substitute"}

    def post(self, request: AuthenticatedHttpRequest, conference_id: int, action: str) -> HttpResponse:
        if action not in self.ACTIONS:
            raise NotFound()
        conference = conference_run_access(request, conference_id)
        form = self._form(request, conference, action)
        form_name = self.FORM_OF.get(action)
        if form is not None and form_name is not None and not form.is_valid():
            return conference_page(request, conference, bound=(form_name, form), status=422)
        try:
            return self._run(request, conference, action, form)
        except ConferenceNotAllowed as refused:
            raise NotFound() from refused
        except ApplicationError as error:
            if form is None or form_name is None:
                messages.error(request, error.message)
                return conference_page(request, conference, status=error.status_code or 409)
            form_errors_add(form, error)
            return conference_page(request, conference, bound=(form_name, form), status=422)

    def _form(self, request: AuthenticatedHttpRequest, conference: Conference, action: str) -> forms.Form | None:
        if action == "agenda":
            return AgendaForm(request.POST)
        if action == "delegate-add":
            return _delegate_form(request, conference, request.POST)
        if action == "substitute":
            return _substitute_form(request, conference, request.POST)
        return None

    def _run(
        self, request: AuthenticatedHttpRequest, conference: Conference, action: str, form: forms.Form | None
    ) -> HttpResponse:
        user = request.user
        data: dict[str, Any] = form.cleaned_data if form is not None else {}
        if action == "start":
            conference_start(actor=user, conference=conference)
            return _done(request, conference, _("Đã khai mạc hội nghị."))
        if action == "end":
            conference_end(actor=user, conference=conference)
            return _done(request, conference, _("Đã bế mạc hội nghị."))
        if action == "agenda":
            conference_agenda_set(actor=user, conference=conference, agenda=data["agenda"])
            return _done(request, conference, _("Đã lưu chương trình hội nghị."))
        if action == "delegate-add":
            delegate_add(
                actor=user,
                conference=conference,
                unit=data["unit"],
                person=data["person"],
                user=data["user"],
                name=data["name"],
                position=data["position"],
                has_vote=data["has_vote"],
            )
            return _done(request, conference, _("Đã thêm đại biểu."))
        delegate = data["delegate"]
        delegate.conference = conference
        delegate_substitute(
            actor=user,
            delegate=delegate,
            person=data["person"],
            user=data["user"],
            name=data["name"],
            position=data["position"],
            is_present=data["is_present"],
        )
        return _done(request, conference, _("Đã thay đại biểu."))


class DelegateCheckInView(LoginRequiredMixin, View):
    """Điểm danh (POST ``is_present`` = 1 or 0). With HTMX: the delegate's row and, out of band, the quorum badge;
    without: back to the conference page."""

    def post(self, request: AuthenticatedHttpRequest, conference_id: int, delegate_id: int) -> HttpResponse:
        conference = conference_run_access(request, conference_id)
        delegate = Delegate.objects.filter(pk=delegate_id, conference=conference).first()
        if delegate is None:
            raise NotFound()
        delegate.conference = conference
        is_present = request.POST.get("is_present", "1") != "0"
        try:
            delegate = delegate_check_in(actor=request.user, delegate=delegate, is_present=is_present)
        except ConferenceNotAllowed as refused:
            raise NotFound() from refused
        except ApplicationError as error:
            messages.error(request, error.message)
            if request.htmx:
                return HttpResponseClientRefresh()
            return redirect("conferences:conference", conference_id=conference.pk)
        if not request.htmx:
            message = _("Đã điểm danh %(name)s.") if is_present else _("Đã bỏ điểm danh %(name)s.")
            return _done(request, conference, message % {"name": delegate.name})
        row = Delegate.objects.filter(pk=delegate.pk).select_related("unit", "user", "substitute_for").get()
        context = {
            "conference": conference,
            "delegate": row,
            "quorum": conference_quorum(conference=conference),
            "can_check_in": True,
        }
        return render(request, "conferences/_partials/check_in_response.html", context)
