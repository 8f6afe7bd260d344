"""Pages of scoring: one score sheet (self-assessment or check), its evidence files, return and submission.

Who reads a sheet is decided by ``score_sheet_access``; who changes it by the services. The page shows the inputs
only to those the services would let save, and the submit button only to those who may send (the unit head, the
assigned panel member, the secretariat when it checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.forms import BoundField
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from thidua.accounts.models import User
from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.scoring.choices import AssignmentStatus, CriterionKind, RoundStatus, SheetKind, SheetStatus
from thidua.scoring.errors import ScoringInvalid, ScoringNotAllowed
from thidua.scoring.forms_sheets import (
    EvidenceForm,
    ReasonForm,
    ScoreSheetForm,
    comment_field,
    points_text,
)
from thidua.scoring.models import Criterion, ScoreSheet, SheetEvent
from thidua.scoring.permissions import can_fill_sheet, can_manage_scoring, is_active_checker_of
from thidua.scoring.selectors import SheetGroup, SheetRow, evidence_access, score_sheet_access, sheet_rows
from thidua.scoring.services import (
    evidence_add,
    evidence_remove,
    points_field,
    score_sheet_return,
    score_sheet_save,
    score_sheet_submit,
)

TEMPLATE = "scoring/sheets/sheet_detail.html"

EVENT_LABELS = {"submitted": gettext_lazy("Gửi bảng điểm"), "returned": gettext_lazy("Trả lại")}


def url_or_none(name: str, **kwargs: Any) -> str | None:
    """A link to a page another module may not provide (yet)."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _role_may_edit(user: User, sheet: ScoreSheet, *, submit: bool = False) -> bool:
    """The permission part of the services' rule (the state part is theirs)."""
    return can_fill_sheet(user, sheet=sheet, submit=submit)


def _is_open(sheet: ScoreSheet) -> bool:
    if sheet.scoring_round.status != RoundStatus.SCORING or not sheet.is_editable:
        return False
    return sheet.kind == SheetKind.SELF or (
        sheet.assignment is not None and sheet.assignment.status == AssignmentStatus.ACTIVE
    )


def _may_return(user: User, sheet: ScoreSheet, *, is_manager: bool) -> bool:
    if sheet.scoring_round.status != RoundStatus.SCORING or sheet.status != SheetStatus.SUBMITTED:
        return False
    return _role_may_return(user, sheet, is_manager=is_manager)


def _role_may_return(user: User, sheet: ScoreSheet, *, is_manager: bool) -> bool:
    """The secretariat returns any sheet; an assigned checker the self-assessment of the unit it checks."""
    if is_manager:
        return True
    if sheet.kind != SheetKind.SELF:
        return False
    return is_active_checker_of(user, scoring_round=sheet.scoring_round, unit_id=sheet.unit_id)


def _signed(criterion: Criterion, points: Decimal | None) -> Decimal:
    if points is None:
        return Decimal(0)
    return -points if criterion.kind == CriterionKind.PENALTY else points


@dataclass(frozen=True)
class RowView:
    row: SheetRow
    points: BoundField | None
    comment: BoundField | None
    evidence_form: EvidenceForm | None

    @property
    def criterion(self) -> Criterion:
        return self.row.criterion


@dataclass(frozen=True)
class GroupView:
    group: SheetGroup
    rows: tuple[RowView, ...]
    total: Decimal
    self_total: Decimal


def _initial(sheet: ScoreSheet, groups: list[SheetGroup]) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": sheet.version}
    for group in groups:
        for row in group.rows:
            if row.score is not None:
                initial[points_field(row.criterion.pk)] = points_text(row.score.points)
                initial[comment_field(row.criterion.pk)] = row.score.comment
    return initial


def _criteria(groups: list[SheetGroup]) -> list[Criterion]:
    return [row.criterion for group in groups for row in group.rows]


def _sheet_page(
    request: AuthenticatedHttpRequest,
    sheet: ScoreSheet,
    *,
    groups: list[SheetGroup] | None = None,
    form: ScoreSheetForm | None = None,
    return_form: ReasonForm | None = None,
    evidence_form: EvidenceForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    scoring_round = sheet.scoring_round
    is_manager = can_manage_scoring(user, bloc=scoring_round.bloc)
    groups = groups if groups is not None else sheet_rows(sheet=sheet)
    is_open = _is_open(sheet)
    can_edit = is_open and _role_may_edit(user, sheet)
    can_submit = can_edit and _role_may_edit(user, sheet, submit=True)
    if can_edit and form is None:
        form = ScoreSheetForm(initial=_initial(sheet, groups), criteria=_criteria(groups))
    can_add_evidence = can_edit and sheet.kind == SheetKind.SELF
    evidence_criterion = _posted_int(request, "criterion") if evidence_form is not None else None
    criterion_ids = {row.criterion.pk for group in groups for row in group.rows}
    group_views = []
    total = self_total = Decimal(0)
    for group in groups:
        rows = []
        group_total = group_self = Decimal(0)
        for row in group.rows:
            pk = row.criterion.pk
            group_total += _signed(row.criterion, row.score.points if row.score else None)
            group_self += _signed(row.criterion, row.self_score.points if row.self_score else None)
            rows.append(
                RowView(
                    row=row,
                    points=form[points_field(pk)] if form is not None else None,
                    comment=form[comment_field(pk)] if form is not None else None,
                    evidence_form=evidence_form if evidence_criterion == pk else None,
                )
            )
        total += group_total
        self_total += group_self
        group_views.append(GroupView(group=group, rows=tuple(rows), total=group_total, self_total=group_self))
    events = list(SheetEvent.objects.filter(sheet=sheet).select_related("actor").order_by("at", "id"))
    context = {
        "sheet": sheet,
        "scoring_round": scoring_round,
        "groups": group_views,
        "total": total,
        "self_total": self_total,
        "form": form,
        "can_edit": can_edit,
        "can_submit": can_submit,
        "can_add_evidence": can_add_evidence,
        "can_return": _may_return(user, sheet, is_manager=is_manager),
        "return_form": return_form or ReasonForm(),
        "evidence_form": evidence_form if evidence_criterion not in criterion_ids else None,
        "is_check": sheet.kind == SheetKind.CHECK,
        "is_manager": is_manager,
        "events": [
            {
                "event": e,
                "label": EVENT_LABELS.get(e.action, e.action),
                # The unit must not learn which checker returned its sheet: names only for the secretariat.
                "actor": e.actor if (is_manager or e.action == "submitted") else None,
            }
            for e in events
        ],
        "round_url": url_or_none("scoring:round", round_id=scoring_round.pk),
        "xlsx_url": url_or_none("scoring:sheet_xlsx", sheet_id=sheet.pk),
        "kinds": CriterionKind,
    }
    return render(request, TEMPLATE, context, status=status)


def _posted_int(request: AuthenticatedHttpRequest, name: str) -> int | None:
    try:
        return int(request.POST.get(name, ""))
    except ValueError:
        return None


def _status_of(error: ApplicationError) -> int:
    if isinstance(error, ScoringNotAllowed):
        raise NotFound() from error
    return 422 if isinstance(error, ScoringInvalid) or error.status_code < 400 else error.status_code


class ScoreSheetView(LoginRequiredMixin, View):
    """Bảng chấm điểm: read, save (``action=save``) and send (``action=submit``)."""

    def get(self, request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
        sheet = score_sheet_access(actor=request.user, sheet_id=sheet_id)
        return _sheet_page(request, sheet)

    def post(self, request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
        sheet = score_sheet_access(actor=request.user, sheet_id=sheet_id)
        submit = request.POST.get("action") == "submit"
        if not _role_may_edit(request.user, sheet, submit=submit):
            raise NotFound()
        groups = sheet_rows(sheet=sheet)
        criteria = _criteria(groups)
        form = ScoreSheetForm(request.POST, criteria=criteria)
        if not form.is_valid():
            if "version" in form.errors:
                form.errors.pop("version")
                form.add_error(None, _("Thiếu phiên bản của bảng điểm: hãy tải lại trang rồi nhập lại."))
            return _sheet_page(request, sheet, groups=groups, form=form, status=422)
        try:
            saved = score_sheet_save(
                actor=request.user, sheet=sheet, version=form.cleaned_data["version"], scores=form.scores()
            )
        except ApplicationError as error:
            status = _status_of(error)
            form_errors_add(form, error, summary="always")
            return _sheet_page(request, sheet, groups=groups, form=form, status=status)
        if not submit:
            messages.success(request, _("Đã lưu bảng điểm."))
            return redirect("scoring:sheet", sheet_id=sheet.pk)
        try:
            score_sheet_submit(actor=request.user, sheet=saved)
        except ApplicationError as error:
            status = _status_of(error)
            # The points were saved: keep what was typed, with the sheet's new version.
            data = request.POST.copy()
            data["version"] = str(saved.version)
            form = ScoreSheetForm(data, criteria=criteria)
            form.is_valid()
            form_errors_add(form, error, summary="always")
            fresh = score_sheet_access(actor=request.user, sheet_id=sheet.pk)
            return _sheet_page(request, fresh, form=form, status=status)
        messages.success(request, _("Đã gửi bảng điểm."))
        return redirect("scoring:sheet", sheet_id=sheet.pk)


class ScoreSheetReturnView(LoginRequiredMixin, View):
    """Trả lại bảng điểm đã gửi, kèm lý do bắt buộc."""

    def post(self, request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
        sheet = score_sheet_access(actor=request.user, sheet_id=sheet_id)
        is_manager = can_manage_scoring(request.user, bloc=sheet.scoring_round.bloc)
        if not _role_may_return(request.user, sheet, is_manager=is_manager):
            raise NotFound()
        form = ReasonForm(request.POST)
        if not form.is_valid():
            return _sheet_page(request, sheet, return_form=form, status=422)
        try:
            score_sheet_return(actor=request.user, sheet=sheet, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            status = _status_of(error)
            form_errors_add(form, error)
            return _sheet_page(request, sheet, return_form=form, status=status)
        messages.success(request, _("Đã trả lại bảng điểm."))
        return redirect("scoring:sheet", sheet_id=sheet.pk)


class EvidenceAddView(LoginRequiredMixin, View):
    """Tải lên minh chứng cho một tiêu chí của bảng tự chấm đang sửa được."""

    def post(self, request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
        sheet = score_sheet_access(actor=request.user, sheet_id=sheet_id)
        if sheet.kind != SheetKind.SELF or not _role_may_edit(request.user, sheet):
            raise NotFound()
        groups = sheet_rows(sheet=sheet)
        form = EvidenceForm(request.POST, request.FILES, criteria=_criteria(groups))
        if not form.is_valid():
            return _sheet_page(request, sheet, groups=groups, evidence_form=form, status=422)
        criterion = form.criteria[form.cleaned_data["criterion"]]
        try:
            evidence_add(actor=request.user, sheet=sheet, criterion=criterion, upload=form.cleaned_data["file"])
        except ApplicationError as error:
            status = _status_of(error)
            form_errors_add(form, error)
            return _sheet_page(request, sheet, groups=groups, evidence_form=form, status=status)
        messages.success(request, _("Đã thêm minh chứng cho tiêu chí %(code)s.") % {"code": criterion.code})
        return redirect(reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk}) + f"#tieu-chi-{criterion.pk}")


class EvidenceRemoveView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, evidence_id: int) -> HttpResponse:
        evidence = evidence_access(actor=request.user, evidence_id=evidence_id)
        sheet = score_sheet_access(actor=request.user, sheet_id=evidence.sheet_id)
        if not _role_may_edit(request.user, sheet):
            raise NotFound()
        evidence.sheet = sheet
        try:
            evidence_remove(actor=request.user, evidence=evidence)
        except ApplicationError as error:
            _status_of(error)
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã xoá minh chứng “%(name)s”.") % {"name": evidence.name})
        return redirect(reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk}) + f"#tieu-chi-{evidence.criterion_id}")


class EvidenceDownloadView(LoginRequiredMixin, View):
    """Tải minh chứng: chỉ ai đọc được bảng điểm."""

    def get(self, request: AuthenticatedHttpRequest, evidence_id: int) -> HttpResponseBase:
        evidence = evidence_access(actor=request.user, evidence_id=evidence_id)
        try:
            handle = evidence.file.open("rb")
        except (FileNotFoundError, ValueError) as error:
            raise NotFound() from error
        return FileResponse(handle, as_attachment=True, filename=evidence.name)


urlpatterns: list[URLPattern] = [
    path("bang-diem/<int:sheet_id>/", ScoreSheetView.as_view(), name="sheet"),
    path("bang-diem/<int:sheet_id>/tra-lai/", ScoreSheetReturnView.as_view(), name="sheet_return"),
    path("bang-diem/<int:sheet_id>/minh-chung/", EvidenceAddView.as_view(), name="evidence_add"),
    path("minh-chung/<int:evidence_id>/", EvidenceDownloadView.as_view(), name="evidence"),
    path("minh-chung/<int:evidence_id>/xoa/", EvidenceRemoveView.as_view(), name="evidence_remove"),
]
