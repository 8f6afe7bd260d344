"""Pages of proposal dossiers and decisions (issue 6): the list with the create form, one dossier with its route
(every step a POST to ``dossier_action``), and one decision with the revocation of an award.

Forbidden looks like missing (S12): a dossier out of reach, or an action the user may not take on it, is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from thidua.accounts.choices import Role
from thidua.accounts.scoping import actor_grants
from thidua.awards.errors import DossierNotAllowed, DossierWrongState
from thidua.awards.forms_dossiers import (
    AppraiseForm,
    CouncilVoteForm,
    DecisionFilterForm,
    DecisionForm,
    DocumentForm,
    DossierCreateForm,
    DossierFilterForm,
    DossierUpdateForm,
    NominationChoiceForm,
    NominationForm,
    ReturnForm,
    RevokeForm,
)
from thidua.awards.models import (
    AppraisalResult,
    CouncilResult,
    Decision,
    DecisionAward,
    Dossier,
    DossierDocument,
    DossierDocumentKind,
    DossierStatus,
    Nomination,
)
from thidua.awards.models.dossiers import DossierKind
from thidua.awards.permissions import (
    can_draft_dossier_for,
    can_review_dossiers_of,
    can_submit_dossier_for,
    can_view_facts,
)
from thidua.awards.rules import quotas
from thidua.awards.rules.engine import regime_for
from thidua.awards.rules.results import LineStatus
from thidua.awards.selectors import fact_people_visible_to, fact_units_visible_to, parameter_overrides_for
from thidua.awards.selectors_dossiers import (
    DossierDetail,
    decision_list_visible_to,
    dossier_access,
    dossier_detail_get,
    dossier_list_visible_to,
    dossier_quota_counts,
)
from thidua.awards.services import (
    AppraisalInput,
    DecisionInput,
    council_vote_record,
    decision_award_revoke,
    decision_issue,
    dossier_appraise,
    dossier_create,
    dossier_document_add,
    dossier_receive,
    dossier_reevaluate,
    dossier_resubmit,
    dossier_return,
    dossier_submit,
    dossier_update,
    nomination_add,
    nomination_remove,
)
from thidua.awards.services.council import COUNCIL_CONDITION, council_quorum_share
from thidua.awards.services.dossiers import ALWAYS_REQUIRED, TITLES_NEEDING_INITIATIVE_PROOF, dossier_deadline_for
from thidua.awards.views import LINE_BADGES, VERDICT_BADGES
from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.pagination import paginate, querystring_without_page
from thidua.emulation.models import Bloc
from thidua.initiatives.models import Initiative
from thidua.organizations.models import Unit

STEPS = (
    DossierStatus.DRAFT,
    DossierStatus.SUBMITTED,
    DossierStatus.RECEIVED,
    DossierStatus.APPRAISING,
    DossierStatus.COUNCIL,
    DossierStatus.DECIDED,
)


def amount_vi(amount: int | None) -> str:
    """1500000 → "1.500.000 đ"; "—" when unknown."""
    return "—" if amount is None else f"{amount:,} đ".replace(",", ".")


# --- List and create -------------------------------------------------------------------------------------------------


def _proposers(request: AuthenticatedHttpRequest) -> list[tuple[str, str]]:
    """The units (head or officer) and blocs (secretariat) the user drafts dossiers for, as ``u:<id>`` / ``b:<id>``."""
    grants = actor_grants(request.user)
    unit_ids = {g.unit_id for g in grants if g.role in (Role.UNIT_HEAD, Role.UNIT_OFFICER) and g.unit_id}
    bloc_ids = {g.bloc_id for g in grants if g.role == Role.BLOC_SECRETARIAT and g.bloc_id}
    choices = [(f"u:{u.pk}", u.name) for u in Unit.objects.filter(pk__in=unit_ids).order_by("path")]
    choices += [(f"b:{b.pk}", str(b)) for b in Bloc.objects.filter(pk__in=bloc_ids).order_by("pk")]
    return choices


class DossierListView(LoginRequiredMixin, View):
    template_name = "awards/dossiers/dossier_list.html"

    def _render(
        self, request: AuthenticatedHttpRequest, create_form: DossierCreateForm | None, status: int = 200
    ) -> HttpResponse:
        filters = DossierFilterForm(request.GET or None)
        dossiers = Dossier.objects.none()
        filter_status = 200
        year: int | None = None
        state: str | None = None
        if filters.is_bound and not filters.is_valid():
            filter_status = 422
        elif filters.is_bound:
            year, state = filters.cleaned_data["year"], filters.cleaned_data["status"] or None
        dossiers = dossier_list_visible_to(actor=request.user, year=year, status=state).order_by(
            "-year", "-created_at", "-pk"
        )
        context = {
            "filters": filters,
            "page": paginate(request, dossiers),
            "querystring": querystring_without_page(request),
            "create_form": create_form,
            "tab": "dossiers",
            "can_view_facts": can_view_facts(request.user),
        }
        return render(request, self.template_name, context, status=max(status, filter_status))

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        proposers = _proposers(request)
        today = timezone.localdate()
        form = (
            DossierCreateForm(proposers=proposers, initial={"year": today.year - 1, "reference_date": today})
            if proposers
            else None
        )
        return self._render(request, form)

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        proposers = _proposers(request)
        if not proposers:
            raise NotFound()
        form = DossierCreateForm(request.POST, proposers=proposers)
        if form.is_valid():
            data = form.cleaned_data
            kind, _sep, pk = data["proposer"].partition(":")
            unit = Unit.objects.filter(pk=pk).first() if kind == "u" else None
            bloc = Bloc.objects.filter(pk=pk).select_related("province").first() if kind == "b" else None
            try:
                dossier = dossier_create(
                    actor=request.user,
                    unit=unit,
                    bloc=bloc,
                    year=data["year"],
                    reference_date=data["reference_date"],
                    awarding_body=data["awarding_body"],
                    kind=data["kind"] or DossierKind.YEAR_END,
                    event_date=data["event_date"],
                )
            except DossierNotAllowed as refused:
                raise NotFound() from refused
            except ApplicationError as error:
                form_errors_add(form, error, field_map={"proposer": "proposer"})
            else:
                messages.success(request, _("Đã tạo hồ sơ đề nghị khen thưởng."))
                return redirect("awards:dossier", dossier_id=dossier.pk)
        return self._render(request, form, status=422)


# --- One dossier -----------------------------------------------------------------------------------------------------


def _verdict_rows(nomination: Nomination) -> dict[str, Any]:
    """The stored snapshot, rendered like the eligibility page: a badge and one line per condition."""
    snapshot = nomination.evaluation or {}
    status = snapshot.get("status", "")
    colour, label = VERDICT_BADGES.get(status, ("secondary", _("Chưa có quy định để kiểm tra tự động")))
    lines = []
    for line in snapshot.get("lines", []):
        try:
            line_colour, line_label = LINE_BADGES[LineStatus(line.get("status"))]
        except ValueError:
            line_colour, line_label = "secondary", line.get("status", "")
        lines.append({"line": line, "colour": line_colour, "status_label": line_label})
    return {"colour": colour, "label": label, "lines": lines, "snapshot": snapshot}


class _Flags:
    def __init__(self, request: AuthenticatedHttpRequest, detail: DossierDetail) -> None:
        dossier = detail.dossier
        user = request.user
        status = dossier.status
        self.draft = can_draft_dossier_for(user, unit=dossier.proposer_unit, bloc=dossier.bloc)
        self.submitter = can_submit_dossier_for(user, unit=dossier.proposer_unit, bloc=dossier.bloc)
        self.reviewer = can_review_dossiers_of(user, province=dossier.province)
        self.edit = self.draft and dossier.is_editable
        self.reevaluate = (self.draft or self.reviewer) and status != DossierStatus.DECIDED
        self.submit = self.submitter and status == DossierStatus.DRAFT
        self.resubmit = self.submitter and status == DossierStatus.RETURNED
        self.receive = self.reviewer and status == DossierStatus.SUBMITTED
        self.appraise = (
            self.reviewer and status in (DossierStatus.RECEIVED, DossierStatus.APPRAISING) and bool(detail.nominations)
        )
        self.return_ = self.reviewer and status in (
            DossierStatus.SUBMITTED,
            DossierStatus.RECEIVED,
            DossierStatus.APPRAISING,
            DossierStatus.COUNCIL,
        )
        self.council = (
            self.reviewer
            and status in (DossierStatus.APPRAISING, DossierStatus.COUNCIL)
            and any(_needs_ballot(n) for n in detail.nominations)
        )
        self.decide = self.reviewer and status in (DossierStatus.APPRAISING, DossierStatus.COUNCIL)


def _needs_ballot(nomination: Nomination) -> bool:
    return (
        nomination.appraisal_result == AppraisalResult.PASSED and nomination.council_result != CouncilResult.NOT_NEEDED
    )


def _council_share(dossier: Dossier, code: str, overrides: dict[str, Any]) -> str:
    share = overrides.get(COUNCIL_CONDITION, {}).get("share")
    if share is None:
        share = quotas.COUNCIL_SHARES.get(code)
    if share is None:
        return _("chưa cấu hình tỷ lệ") if regime_for(dossier.reference_date) == "A" else ""
    return _("cần ít nhất %(share)s%% tổng số thành viên đồng ý (%(cite)s)") % {
        "share": round(float(share) * 100),
        "cite": f"{quotas.COUNCIL_CITATION.document} {quotas.COUNCIL_CITATION.article} {quotas.COUNCIL_CITATION.clause}",
    }


def _council_quorum(overrides: dict[str, Any]) -> str:
    """R13 as the council form states it: the share of members who must attend, with its source."""
    share = council_quorum_share(overrides)
    citation = quotas.QUORUM_CITATION
    return _("Phiên họp xét khen thưởng cần ít nhất %(share)s%% tổng số thành viên tham dự (%(cite)s).") % {
        "share": f"{share * 100:g}",
        "cite": f"{citation.document} {citation.article} {citation.clause}",
    }


def _deadline(detail: DossierDetail) -> dict[str, Any] | None:
    """R24/R25 on the page: the deadline recorded at the last (re)submission and whether it was missed; for a draft or
    returned dossier, the deadline if it were submitted today (one query)."""
    dossier = detail.dossier
    if not dossier.is_editable:
        if dossier.submission_deadline is None:
            return None
        submitted_on = timezone.localdate(dossier.submitted_at) if dossier.submitted_at else None
        return {
            "date": dossier.submission_deadline,
            "basis": dossier.deadline_basis,
            "is_late": dossier.is_submitted_late,
            "submitted_on": submitted_on,
            "is_expected": False,
        }
    today = timezone.localdate()
    expected = dossier_deadline_for(dossier, title_codes=[n.title.code for n in detail.nominations], on=today)
    if expected is None:
        return None
    return {
        "date": expected.date,
        "basis": expected.basis,
        "is_late": expected.is_missed_by(today),
        "submitted_on": None,
        "is_expected": True,
    }


def _missing_documents(detail: DossierDetail) -> list[str]:
    required = [str(k) for k in ALWAYS_REQUIRED]
    if any(n.title.code in TITLES_NEEDING_INITIATIVE_PROOF for n in detail.nominations):
        required.append("xac_nhan_sk")
    present = {d.kind for d in detail.documents}
    return [k for k in required if k not in present]


def _nominee_querysets(request: AuthenticatedHttpRequest, dossier: Dossier) -> dict[str, QuerySet[Any]]:
    proposer = dossier.proposer_unit
    people = fact_people_visible_to(actor=request.user)
    units = fact_units_visible_to(actor=request.user).order_by("path")
    initiatives = Initiative.objects.none()
    if proposer is not None:
        units = units.filter(path__startswith=proposer.path)
        initiatives = Initiative.objects.filter(unit__path__startswith=proposer.path).order_by("title", "pk")
    else:
        people = people.none()
        units = Unit.objects.filter(bloc_memberships__bloc=dossier.bloc, bloc_memberships__year=dossier.year).order_by(
            "path"
        )
    return {"people": people, "units": units, "initiatives": initiatives}


def _forms(request: AuthenticatedHttpRequest, detail: DossierDetail, flags: _Flags) -> dict[str, forms.Form | None]:
    dossier = detail.dossier
    nominations = Nomination.objects.filter(dossier=dossier)
    today = timezone.localdate()
    return {
        "nomination": NominationForm(**_nominee_querysets(request, dossier)) if flags.edit else None,
        "document": DocumentForm() if flags.edit else None,
        "appraise": AppraiseForm(nominations=detail.nominations) if flags.appraise else None,
        "return": ReturnForm() if flags.return_ else None,
        "council": CouncilVoteForm(nominations=nominations.select_related("person", "unit", "title"))
        if flags.council
        else None,
        "decision": DecisionForm(initial={"decided_on": today, "awarding_body": dossier.awarding_body})
        if flags.decide
        else None,
    }


def _dossier_page(
    request: AuthenticatedHttpRequest,
    detail: DossierDetail,
    *,
    bound: tuple[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    dossier = detail.dossier
    flags = _Flags(request, detail)
    page_forms = _forms(request, detail, flags)
    if bound is not None:
        page_forms[bound[0]] = bound[1]
    overrides = parameter_overrides_for(dossier.province, dossier.reference_date)
    nominations = [
        {
            "nomination": n,
            "verdict": _verdict_rows(n),
            "council_rule": _council_share(dossier, n.title.code, overrides) if _needs_ballot(n) else "",
        }
        for n in detail.nominations
    ]
    reached = STEPS.index(dossier.status) if dossier.status in STEPS else 0
    steps = [{"label": s.label, "done": i < reached, "current": i == reached} for i, s in enumerate(STEPS)]
    if dossier.status == DossierStatus.RETURNED:
        steps = [{"label": s.label, "done": i == 0, "current": False} for i, s in enumerate(STEPS)]
    decisions = list(dossier.decisions.all()) if dossier.status == DossierStatus.DECIDED else []
    context = {
        "dossier": dossier,
        "nominations": nominations,
        "documents": detail.documents,
        "events": detail.events,
        "missing_documents": [str(dict(_document_kinds()).get(k, k)) for k in _missing_documents(detail)],
        "quota_counts": dossier_quota_counts(dossier=dossier),
        "steps": steps,
        "flags": flags,
        "forms": page_forms,
        "decisions": decisions,
        "council_quorum": _council_quorum(overrides) if flags.council else "",
        "deadline": _deadline(detail),
        "tab": "dossiers",
        "can_view_facts": can_view_facts(request.user),
    }
    return render(request, "awards/dossiers/dossier_detail.html", context, status=status)


def _document_kinds() -> list[tuple[str, str]]:
    return [(str(v), str(label)) for v, label in DossierDocumentKind.choices]


class DossierView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, dossier_id: int) -> HttpResponse:
        return _dossier_page(request, dossier_detail_get(actor=request.user, dossier_id=dossier_id))


Handler = Callable[[AuthenticatedHttpRequest, DossierDetail], "HttpResponse | tuple[str, forms.Form]"]


def _done(request: AuthenticatedHttpRequest, dossier: Dossier, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("awards:dossier", dossier_id=dossier.pk)


def _nominations_of(dossier: Dossier) -> QuerySet[Nomination]:
    return Nomination.objects.filter(dossier=dossier).select_related("dossier", "title", "person", "unit")


class DossierActionView(LoginRequiredMixin, View):
    """One step of the route (POST). A step the user may not take is a 404; bad input and the services' refusals
    re-render the dossier page with the form (422)."""

    FLAGS = {
        "add": "edit",
        "remove": "edit",
        "document": "edit",
        "reevaluate": "reevaluate",
        "submit": "submit",
        "resubmit": "resubmit",
        "receive": "receive",
        "appraise": "appraise",
        "return": "return_",
        "council": "council",
        "decide": "decide",
    }
    FORM_OF = {"add": "nomination", "document": "document", "decide": "decision"}

    def post(self, request: AuthenticatedHttpRequest, dossier_id: int, action: str) -> HttpResponse:
        if action not in self.FLAGS:
            raise NotFound()
        detail = dossier_detail_get(actor=request.user, dossier_id=dossier_id)
        flags = _Flags(request, detail)
        allowed = {
            "edit": flags.draft,
            "reevaluate": flags.draft or flags.reviewer,
            "submit": flags.submitter,
            "resubmit": flags.submitter,
        }.get(self.FLAGS[action], flags.reviewer)
        if not allowed:
            raise NotFound()
        form = self._form(request, detail, action)
        if form is not None and not form.is_valid():
            return _dossier_page(request, detail, bound=(self.FORM_OF.get(action, action), form), status=422)
        try:
            return self._run(request, detail, action, form)
        except DossierNotAllowed as refused:
            raise NotFound() from refused
        except ApplicationError as error:
            if form is None:
                messages.error(request, error.message)
                return _dossier_page(request, detail, status=error.status_code or 409)
            form_errors_add(form, error, field_map={"subject": "person", "initiatives": "initiatives"})
            return _dossier_page(request, detail, bound=(self.FORM_OF.get(action, action), form), status=422)

    def _form(self, request: AuthenticatedHttpRequest, detail: DossierDetail, action: str) -> forms.Form | None:
        dossier = detail.dossier
        if action == "add":
            return NominationForm(request.POST, **_nominee_querysets(request, dossier))
        if action in ("remove",):
            return NominationChoiceForm(request.POST, nominations=Nomination.objects.filter(dossier=dossier))
        if action == "document":
            return DocumentForm(request.POST, request.FILES)
        if action == "appraise":
            return AppraiseForm(request.POST, nominations=detail.nominations)
        if action == "return":
            return ReturnForm(request.POST)
        if action == "council":
            return CouncilVoteForm(request.POST, nominations=Nomination.objects.filter(dossier=dossier))
        if action == "decide":
            return DecisionForm(request.POST)
        return None

    def _run(
        self, request: AuthenticatedHttpRequest, detail: DossierDetail, action: str, form: forms.Form | None
    ) -> HttpResponse:
        user, dossier = request.user, detail.dossier
        data: dict[str, Any] = form.cleaned_data if form is not None else {}
        if action == "add":
            added = nomination_add(
                actor=user,
                dossier=dossier,
                title=data["title"],
                person=data["person"],
                unit=data["unit"],
                achievement_summary=data["achievement_summary"],
                initiatives=data["initiatives"],
            )
            for warning in added.warnings:
                messages.warning(request, warning)
            return _done(request, dossier, _("Đã thêm người, tập thể được đề nghị."))
        if action == "remove":
            nomination = _nominations_of(dossier).get(pk=data["nomination"].pk)
            nomination_remove(actor=user, nomination=nomination)
            return _done(request, dossier, _("Đã bỏ người, tập thể khỏi hồ sơ."))
        if action == "document":
            dossier_document_add(actor=user, dossier=dossier, kind=data["kind"], file=data["file"], note=data["note"])
            return _done(request, dossier, _("Đã thêm thành phần hồ sơ."))
        if action == "reevaluate":
            dossier_reevaluate(actor=user, dossier=dossier)
            return _done(request, dossier, _("Đã kiểm tra lại điều kiện của từng đề nghị."))
        if action == "submit":
            dossier_submit(actor=user, dossier=dossier)
            return _done(request, dossier, _("Đã trình hồ sơ."))
        if action == "resubmit":
            dossier_resubmit(actor=user, dossier=dossier)
            return _done(request, dossier, _("Đã trình lại hồ sơ."))
        if action == "receive":
            dossier_receive(actor=user, dossier=dossier)
            return _done(request, dossier, _("Đã tiếp nhận hồ sơ."))
        if action == "appraise":
            results = [
                AppraisalInput(
                    nomination_id=n.pk,
                    is_passed=data[f"result_{n.pk}"] == "passed",
                    note=data[f"note_{n.pk}"],
                )
                for n in detail.nominations
            ]
            dossier_appraise(actor=user, dossier=dossier, results=results)
            return _done(request, dossier, _("Đã ghi kết quả thẩm định."))
        if action == "return":
            dossier_return(actor=user, dossier=dossier, reason=data["reason"])
            return _done(request, dossier, _("Đã trả lại hồ sơ cho đơn vị đề nghị."))
        if action == "council":
            nomination = _nominations_of(dossier).get(pk=data["nomination"].pk)
            council_vote_record(
                actor=user,
                nomination=nomination,
                yes_votes=data["yes_votes"],
                members=data["members"],
                present=data["present"],
            )
            return _done(request, dossier, _("Đã ghi kết quả biểu quyết của Hội đồng."))
        decision = decision_issue(
            actor=user,
            dossier=dossier,
            data=DecisionInput(
                number=data["number"],
                decided_on=data["decided_on"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                awarding_body=data["awarding_body"],
            ),
        )
        messages.success(request, _("Đã ban hành quyết định khen thưởng."))
        return redirect("awards:decision", decision_id=decision.pk)


class DossierUpdateView(LoginRequiredMixin, View):
    """Sửa thông tin hồ sơ: the awarding body, the reference date, the kind and the event date of a draft or returned
    dossier, for whoever drafts it. Anyone else gets a 404 (S12, as on the other dossier pages); a dossier that left the proposer is a 409;
    bad input and the service's refusals re-render the form with what was typed (422)."""

    template_name = "awards/dossiers/dossier_update.html"

    def _dossier(self, request: AuthenticatedHttpRequest, dossier_id: int) -> Dossier:
        dossier = dossier_access(actor=request.user, dossier_id=dossier_id)
        if not can_draft_dossier_for(request.user, unit=dossier.proposer_unit, bloc=dossier.bloc):
            raise NotFound()
        return dossier

    def _render(
        self, request: AuthenticatedHttpRequest, dossier: Dossier, form: DossierUpdateForm | None, status: int = 200
    ) -> HttpResponse:
        context = {"dossier": dossier, "form": form, "tab": "dossiers", "can_view_facts": can_view_facts(request.user)}
        return render(request, self.template_name, context, status=status)

    def _not_editable(self, request: AuthenticatedHttpRequest, dossier: Dossier) -> HttpResponse:
        messages.error(request, DossierWrongState().message)
        return self._render(request, dossier, None, status=DossierWrongState.status_code)

    def get(self, request: AuthenticatedHttpRequest, dossier_id: int) -> HttpResponse:
        dossier = self._dossier(request, dossier_id)
        if not dossier.is_editable:
            return self._not_editable(request, dossier)
        initial = {
            "awarding_body": dossier.awarding_body,
            "reference_date": dossier.reference_date,
            "kind": dossier.kind,
            "event_date": dossier.event_date,
        }
        return self._render(request, dossier, DossierUpdateForm(initial=initial))

    def post(self, request: AuthenticatedHttpRequest, dossier_id: int) -> HttpResponse:
        dossier = self._dossier(request, dossier_id)
        form = DossierUpdateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                dossier_update(
                    actor=request.user,
                    dossier=dossier,
                    reference_date=data["reference_date"],
                    awarding_body=data["awarding_body"],
                    kind=data["kind"] or None,
                    event_date=data["event_date"],
                )
            except DossierNotAllowed as refused:
                raise NotFound() from refused
            except DossierWrongState:
                return self._not_editable(request, dossier)
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                return _done(request, dossier, _("Đã sửa thông tin hồ sơ."))
        return self._render(request, dossier, form, status=422)


# --- Decision --------------------------------------------------------------------------------------------------------


class DecisionListView(LoginRequiredMixin, View):
    """Quyết định khen thưởng: the decisions the user may read, filtered by year and searched by number or awardee,
    a page at a time (a constant number of queries)."""

    template_name = "awards/dossiers/decision_list.html"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        filters = DecisionFilterForm(request.GET or None)
        year: int | None = None
        search = ""
        status = 200
        if filters.is_bound and not filters.is_valid():
            status = 422
        elif filters.is_bound:
            year, search = filters.cleaned_data["year"], filters.cleaned_data["q"]
        decisions = decision_list_visible_to(actor=request.user, year=year, search=search)
        context = {
            "filters": filters,
            "page": paginate(request, decisions),
            "querystring": querystring_without_page(request),
            "tab": "decisions",
            "can_view_facts": can_view_facts(request.user),
        }
        return render(request, self.template_name, context, status=status)


def _decision_access(request: AuthenticatedHttpRequest, decision_id: int) -> Decision:
    decision = (
        Decision.objects.select_related("province", "dossier__proposer_unit", "dossier__bloc")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        raise NotFound()
    dossier = decision.dossier
    if can_review_dossiers_of(request.user, province=decision.province):
        return decision
    if dossier is not None and can_draft_dossier_for(request.user, unit=dossier.proposer_unit, bloc=dossier.bloc):
        return decision
    raise NotFound()


def _revocable(decision: Decision) -> QuerySet[DecisionAward]:
    return DecisionAward.objects.filter(decision=decision, is_revoked=False).select_related(
        "decision", "person", "unit", "title"
    )


class DecisionView(LoginRequiredMixin, View):
    template_name = "awards/dossiers/decision_detail.html"

    def _render(
        self,
        request: AuthenticatedHttpRequest,
        decision: Decision,
        form: RevokeForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        awards = list(
            DecisionAward.objects.filter(decision=decision)
            .select_related("person", "unit", "title")
            .order_by("title__order", "pk")
        )
        can_revoke = can_review_dossiers_of(request.user, province=decision.province)
        if form is None and can_revoke and any(not a.is_revoked for a in awards):
            form = RevokeForm(awards=_revocable(decision), initial={"revoked_on": timezone.localdate()})
        context = {
            "decision": decision,
            "awards": [{"award": a, "amount": amount_vi(a.amount)} for a in awards],
            "can_revoke": can_revoke,
            "form": form,
            "tab": "dossiers",
            "can_view_facts": can_view_facts(request.user),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthenticatedHttpRequest, decision_id: int) -> HttpResponse:
        return self._render(request, _decision_access(request, decision_id))


class DecisionRevokeView(DecisionView):
    def post(self, request: AuthenticatedHttpRequest, decision_id: int) -> HttpResponse:
        decision = _decision_access(request, decision_id)
        if not can_review_dossiers_of(request.user, province=decision.province):
            raise NotFound()
        form = RevokeForm(request.POST, awards=_revocable(decision))
        if form.is_valid():
            data = form.cleaned_data
            award = data["award"]
            try:
                decision_award_revoke(
                    actor=request.user,
                    award=award,
                    revoked_on=data["revoked_on"],
                    reference=data["reference"],
                    reason=data["reason"],
                )
            except DossierNotAllowed as refused:
                raise NotFound() from refused
            except ApplicationError as error:
                form_errors_add(form, error, summary="always")
            else:
                messages.success(request, _("Đã hủy bỏ khen thưởng."))
                return redirect("awards:decision", decision_id=decision.pk)
        return self._render(request, decision, form, status=422)


class DossierDocumentDownloadView(LoginRequiredMixin, View):
    """A dossier's attached document, for whoever may read the dossier (never a bare media URL)."""

    def get(self, request: AuthenticatedHttpRequest, dossier_id: int, document_id: int) -> HttpResponseBase:
        dossier = dossier_access(actor=request.user, dossier_id=dossier_id)
        document = DossierDocument.objects.filter(pk=document_id, dossier=dossier).first()
        if document is None or not document.file:
            raise NotFound()
        try:
            handle = document.file.open("rb")
        except (FileNotFoundError, ValueError) as error:
            raise NotFound() from error
        return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
