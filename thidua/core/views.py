"""Pages of the shell: home, audit trail, background-job progress, private file download."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import TemplateView

from thidua.core.audit.forms import AuditFilterForm
from thidua.core.audit.selectors import audit_event_list_visible_to, audit_filters_from
from thidua.core.home import home_panels_for
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.jobs import job_access, job_create
from thidua.core.pagination import paginate, querystring_without_page


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["panels"] = home_panels_for(self.request)
        return context


class AuditEventListView(LoginRequiredMixin, View):
    """Nhật ký nghiệp vụ: the province office browses and filters the audit trail, and exports it to XLSX."""

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = AuditFilterForm(request.GET or None)
        filters = audit_filters_from(form)
        events = audit_event_list_visible_to(actor=request.user, filters=filters)
        page = paginate(request, events, per_page=50)
        template = "core/_partials/audit_table.html" if request.htmx else "core/auditevent_list.html"
        return render(request, template, {"form": form, "page": page, "querystring": querystring_without_page(request)})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        """Start an export of the filtered trail as a background job and follow its progress."""
        form = AuditFilterForm(request.POST)
        filters = audit_filters_from(form)
        audit_event_list_visible_to(actor=request.user, filters=filters)  # refuses (NotFound) outside the role
        job = job_create(actor=request.user, kind="core.audit_export", params=filters.as_params())
        return redirect("core:job-detail", job_id=job.pk)


class JobDetailView(LoginRequiredMixin, View):
    """A background job's progress bar; HTMX polls the partial until the job ends."""

    def get(self, request: AuthenticatedHttpRequest, job_id: str) -> HttpResponse:
        job = job_access(actor=request.user, job_id=job_id)
        template = "core/_partials/job_progress.html" if request.htmx else "core/job_detail.html"
        return render(request, template, {"job": job})


class JobDownloadView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, job_id: str) -> HttpResponseBase:
        job = job_access(actor=request.user, job_id=job_id)
        if not job.result_file:
            return redirect("core:job-detail", job_id=job.pk)
        name = job.result_file.name.rsplit("/", 1)[-1]
        return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=name)
