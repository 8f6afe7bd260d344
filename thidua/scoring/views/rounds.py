"""Pages of scoring: the index (rounds, criteria sets, creating either) and a round's page with the secretariat's
actions, step by step: preparing → scoring → consolidated → appeal → published."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from thidua.accounts.scoping import bloc_scope
from thidua.accounts.selectors import user_list_visible_to
from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.pagination import paginate, querystring_without_page
from thidua.emulation.services._common import MAX_YEAR, MIN_YEAR
from thidua.scoring.choices import CheckingMode, CriteriaSetStatus, RoundStatus, ScorerKind, SheetKind
from thidua.scoring.forms import (
    RULES_FIELD_MAP,
    AppealWindowForm,
    AssignmentAddForm,
    AssignmentsGenerateForm,
    ConflictDeclareForm,
    CriteriaSetCreateForm,
    PublishForm,
    RoundCreateForm,
    RoundRulesForm,
    SwitchSetForm,
    rules_initial_default,
)
from thidua.scoring.models import ScoreSheet, ScoringRound
from thidua.scoring.permissions import ScoringPermission, can_manage_scoring
from thidua.scoring.selectors import (
    UnitProgress,
    assignment_list,
    criteria_set_list_for,
    round_progress,
    scoring_round_access,
    scoring_round_list_visible_to,
    sheets_to_fill,
    viewer_units,
)
from thidua.scoring.services import (
    PUBLISH_CONFIRMATION,
    appeal_window_open,
    assignment_add,
    assignment_conflict_declare,
    assignment_remove,
    assignments_generate,
    criteria_set_create,
    scoring_round_consolidate,
    scoring_round_create,
    scoring_round_open,
    scoring_round_publish,
    scoring_round_switch_set,
    scoring_round_update,
)

STEPS = [
    RoundStatus.PREPARING,
    RoundStatus.SCORING,
    RoundStatus.CONSOLIDATED,
    RoundStatus.APPEAL,
    RoundStatus.PUBLISHED,
]


def _optional_url(name: str, **kwargs: Any) -> str | None:
    """A link to a page another part of scoring provides; None while that page does not exist yet."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


# --- index -----------------------------------------------------------------------------------------------------------


def _year_filter(request: AuthenticatedHttpRequest) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _index(
    request: AuthenticatedHttpRequest,
    *,
    set_form: CriteriaSetCreateForm | None = None,
    round_form: RoundCreateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = request.user
    year = _year_filter(request)
    page = paginate(request, scoring_round_list_visible_to(actor=actor, year=year))
    blocs = bloc_scope(actor, ScoringPermission.SCORING_MANAGE).order_by("name")
    is_manager = blocs.exists()
    this_year = timezone.localdate().year
    context: dict[str, Any] = {
        "page": page,
        "querystring": querystring_without_page(request),
        "year": year,
        "is_manager": is_manager,
    }
    if is_manager:
        sets = criteria_set_list_for(actor=actor)
        context["criteria_sets"] = list(sets)
        context["set_form"] = set_form or CriteriaSetCreateForm(blocs=blocs, initial={"year": this_year})
        context["round_form"] = round_form or RoundCreateForm(
            blocs=blocs, criteria_sets=sets, initial={"year": this_year, **rules_initial_default()}
        )
    return render(request, "scoring/rounds/index.html", context, status=status)


class IndexView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return _index(request)


def _manager_blocs(request: AuthenticatedHttpRequest) -> Any:
    blocs = bloc_scope(request.user, ScoringPermission.SCORING_MANAGE)
    if not blocs.exists():
        raise NotFound()
    return blocs


class CriteriaSetCreateView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = CriteriaSetCreateForm(request.POST, blocs=_manager_blocs(request))
        if form.is_valid():
            try:
                criteria_set = criteria_set_create(
                    actor=request.user,
                    bloc=form.cleaned_data["bloc"],
                    year=form.cleaned_data["year"],
                    title=form.cleaned_data["title"],
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(request, _("Đã tạo bộ tiêu chí. Hãy thêm các nhóm và tiêu chí."))
                return redirect("scoring:criteria_set", set_id=criteria_set.pk)
        return _index(request, set_form=form, status=422)


class RoundCreateView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        blocs = _manager_blocs(request)
        form = RoundCreateForm(request.POST, blocs=blocs, criteria_sets=criteria_set_list_for(actor=request.user))
        if form.is_valid():
            try:
                scoring_round = scoring_round_create(
                    actor=request.user,
                    bloc=form.cleaned_data["bloc"],
                    year=form.cleaned_data["year"],
                    criteria_set=form.cleaned_data["criteria_set"],
                    rules=form.to_rules(),
                )
            except ApplicationError as error:
                form_errors_add(form, error, field_map=RULES_FIELD_MAP)
            else:
                messages.success(request, _("Đã tạo đợt chấm điểm."))
                return redirect("scoring:round", round_id=scoring_round.pk)
        return _index(request, round_form=form, status=422)


# --- one round ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    status: str
    label: str
    state: str  # "done", "current" or "todo"


@dataclass(frozen=True)
class ProgressRow:
    progress: UnitProgress
    detail_url: str | None


@dataclass(frozen=True)
class SheetLine:
    sheet: ScoreSheet
    conflict_form: ConflictDeclareForm | None


def _steps(scoring_round: ScoringRound) -> list[Step]:
    current = STEPS.index(RoundStatus(scoring_round.status))
    return [
        Step(status=s.value, label=str(s.label), state="done" if i < current else "current" if i == current else "todo")
        for i, s in enumerate(STEPS)
    ]


def _rules_form(scoring_round: ScoringRound, data: Any = None) -> RoundRulesForm | None:
    if scoring_round.status not in (RoundStatus.PREPARING, RoundStatus.SCORING):
        return None
    return RoundRulesForm(
        data,
        initial=RoundRulesForm.initial_for(scoring_round),
        deadlines_only=scoring_round.status == RoundStatus.SCORING,
    )


def _add_form(
    request: AuthenticatedHttpRequest, scoring_round: ScoringRound, units: list[Any], data: Any = None
) -> AssignmentAddForm | None:
    if scoring_round.status not in (RoundStatus.PREPARING, RoundStatus.SCORING):
        return None
    if scoring_round.checking_mode == CheckingMode.SECRETARIAT:
        return None
    panel_users = (
        user_list_visible_to(actor=request.user).filter(is_active=True).order_by("full_name", "username")
        if scoring_round.checking_mode == CheckingMode.PANEL
        else None
    )
    return AssignmentAddForm(data, units=units, panel_users=panel_users)


def _switch_form(request: AuthenticatedHttpRequest, scoring_round: ScoringRound, data: Any = None) -> SwitchSetForm:
    newer = criteria_set_list_for(actor=request.user, bloc_id=scoring_round.bloc_id).filter(
        year=scoring_round.year,
        version__gt=scoring_round.criteria_set.version,
        status=CriteriaSetStatus.APPROVED,
    )
    return SwitchSetForm(data, criteria_sets=newer)


def _conflict_possible(scoring_round: ScoringRound, sheet: ScoreSheet) -> bool:
    return (
        scoring_round.status in (RoundStatus.PREPARING, RoundStatus.SCORING)
        and sheet.kind == SheetKind.CHECK
        and sheet.assignment is not None
        and sheet.assignment.scorer_kind == ScorerKind.UNIT
        and sheet.is_editable
    )


def _round_page(
    request: AuthenticatedHttpRequest,
    scoring_round: ScoringRound,
    *,
    status: int = 200,
    bound: dict[str, forms.Form] | None = None,
    conflict: tuple[int, ConflictDeclareForm] | None = None,
) -> HttpResponse:
    actor = request.user
    bound = bound or {}
    is_manager = can_manage_scoring(actor, bloc=scoring_round.bloc)
    state = scoring_round.status
    round_id = scoring_round.pk
    results_open = state in (RoundStatus.APPEAL, RoundStatus.PUBLISHED)
    sheet_lines = []
    for sheet in sheets_to_fill(actor=actor, scoring_round=scoring_round):
        form = None
        if _conflict_possible(scoring_round, sheet):
            if conflict is not None and sheet.assignment_id == conflict[0]:
                form = conflict[1]
            else:
                form = ConflictDeclareForm(prefix=f"conflict{sheet.assignment_id}")
        sheet_lines.append(SheetLine(sheet=sheet, conflict_form=form))
    context: dict[str, Any] = {
        "scoring_round": scoring_round,
        "steps": _steps(scoring_round),
        "is_manager": is_manager,
        "sheet_lines": sheet_lines,
        "ranking_url": _optional_url("scoring:ranking", round_id=round_id)
        if is_manager or state == RoundStatus.PUBLISHED
        else None,
        "appeals_url": _optional_url("scoring:appeals", round_id=round_id) if results_open else None,
        "publish_phrase": PUBLISH_CONFIRMATION,
    }
    if not is_manager:
        own_units = viewer_units(actor=actor, scoring_round=scoring_round) if results_open else []
        context["own_units"] = [
            (unit, _optional_url("scoring:unit_detail", round_id=round_id, unit_id=unit.pk)) for unit in own_units
        ]
        return render(request, "scoring/rounds/round_detail.html", context, status=status)

    progress = round_progress(scoring_round=scoring_round)
    units = [row.unit for row in progress]
    context.update(
        {
            "assignments": assignment_list(scoring_round=scoring_round),
            "progress": [
                ProgressRow(
                    progress=row,
                    detail_url=_optional_url("scoring:unit_detail", round_id=round_id, unit_id=row.unit.pk)
                    if state != RoundStatus.PREPARING
                    else None,
                )
                for row in progress
            ],
            "rules_form": bound.get("rules_form") or _rules_form(scoring_round),
            "can_remove_assignments": state == RoundStatus.PREPARING,
            "generate_form": (
                bound.get("generate_form") or AssignmentsGenerateForm()
                if state == RoundStatus.PREPARING and scoring_round.checking_mode == CheckingMode.CROSS
                else None
            ),
            "add_form": bound.get("add_form") or _add_form(request, scoring_round, units),
            "can_open": state == RoundStatus.PREPARING,
            "switch_form": (
                bound.get("switch_form") or _switch_form(request, scoring_round)
                if state == RoundStatus.SCORING
                else None
            ),
            "can_consolidate": state == RoundStatus.SCORING,
            "appeal_form": (
                bound.get("appeal_form") or AppealWindowForm(initial={"due_on": scoring_round.appeal_due_on})
                if state in (RoundStatus.CONSOLIDATED, RoundStatus.APPEAL)
                else None
            ),
            "publish_form": (
                bound.get("publish_form") or PublishForm()
                if state in (RoundStatus.CONSOLIDATED, RoundStatus.APPEAL)
                else None
            ),
        }
    )
    return render(request, "scoring/rounds/round_detail.html", context, status=status)


class RoundView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
        return _round_page(request, scoring_round_access(actor=request.user, round_id=round_id))


class _RoundFormAction(LoginRequiredMixin, View):
    """A manager's action on the round through a form: on success a message and back to the page; refused input
    re-renders the page with the form, its errors and what was typed (422)."""

    form_name: str = ""
    field_map: dict[str, str] | None = None

    def form(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound) -> forms.Form | None:
        raise NotImplementedError

    def perform(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound, form: Any) -> str:
        raise NotImplementedError

    def post(self, request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id, manage=True)
        form = self.form(request, scoring_round)
        if form is None:
            messages.error(request, _("Thao tác không thực hiện được ở giai đoạn chấm điểm hiện tại."))
            return redirect("scoring:round", round_id=scoring_round.pk)
        if form.is_valid():
            try:
                message = self.perform(request, scoring_round, form)
            except ApplicationError as error:
                form_errors_add(form, error, field_map=self.field_map)
            else:
                messages.success(request, message)
                return redirect("scoring:round", round_id=scoring_round.pk)
        return _round_page(request, scoring_round, status=422, bound={self.form_name: form})


class RoundUpdateView(_RoundFormAction):
    form_name = "rules_form"
    field_map = RULES_FIELD_MAP

    def form(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound) -> forms.Form | None:
        return _rules_form(scoring_round, request.POST)

    def perform(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound, form: Any) -> str:
        scoring_round_update(actor=request.user, scoring_round=scoring_round, rules=form.to_rules())
        return _("Đã lưu quy định của đợt chấm điểm.")


class AssignmentsGenerateView(_RoundFormAction):
    form_name = "generate_form"

    def form(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound) -> forms.Form | None:
        return AssignmentsGenerateForm(request.POST)

    def perform(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound, form: Any) -> str:
        created = assignments_generate(
            actor=request.user,
            scoring_round=scoring_round,
            method=form.cleaned_data["method"],
            seed=form.cleaned_data["seed"],
        )
        return _("Đã phân công %(count)s lượt chấm chéo.") % {"count": len(created)}


class AssignmentAddView(_RoundFormAction):
    form_name = "add_form"

    def form(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound) -> forms.Form | None:
        units = [row.unit for row in round_progress(scoring_round=scoring_round)]
        return _add_form(request, scoring_round, units, request.POST)

    def perform(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound, form: Any) -> str:
        assignment_add(
            actor=request.user,
            scoring_round=scoring_round,
            scored_unit=form.scored(),
            scorer_unit=form.scorer(),
            scorer_user=form.cleaned_data.get("scorer_user"),
        )
        return _("Đã thêm phân công chấm kiểm tra.")


class SwitchSetView(_RoundFormAction):
    form_name = "switch_form"

    def form(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound) -> forms.Form | None:
        if scoring_round.status != RoundStatus.SCORING:
            return None
        return _switch_form(request, scoring_round, request.POST)

    def perform(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound, form: Any) -> str:
        switched = scoring_round_switch_set(
            actor=request.user, scoring_round=scoring_round, criteria_set=form.cleaned_data["criteria_set"]
        )
        return _("Đợt chấm đã chuyển sang bộ tiêu chí phiên bản %(version)s.") % {
            "version": switched.criteria_set.version
        }


class AppealWindowView(_RoundFormAction):
    form_name = "appeal_form"
    field_map = {"due_on": "due_on"}

    def form(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound) -> forms.Form | None:
        return AppealWindowForm(request.POST)

    def perform(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound, form: Any) -> str:
        appeal_window_open(actor=request.user, scoring_round=scoring_round, due_on=form.cleaned_data["due_on"])
        return _("Đã mở nhận khiếu nại đến hết ngày %(due)s.") % {"due": f"{form.cleaned_data['due_on']:%d/%m/%Y}"}


class PublishView(_RoundFormAction):
    form_name = "publish_form"

    def form(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound) -> forms.Form | None:
        return PublishForm(request.POST)

    def perform(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound, form: Any) -> str:
        scoring_round_publish(
            actor=request.user, scoring_round=scoring_round, confirmation=form.cleaned_data["confirmation"]
        )
        return _("Đã công bố kết quả xếp hạng. Từ nay chỉ sửa được bằng đính chính có lý do.")


class _RoundButtonAction(LoginRequiredMixin, View):
    """A manager's action without input: a message either way, back to the page."""

    def perform(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound) -> str:
        raise NotImplementedError

    def post(self, request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id, manage=True)
        try:
            message = self.perform(request, scoring_round)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, message)
        return redirect("scoring:round", round_id=scoring_round.pk)


class RoundOpenView(_RoundButtonAction):
    def perform(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound) -> str:
        scoring_round_open(actor=request.user, scoring_round=scoring_round)
        return _("Đã mở chấm điểm: bộ tiêu chí được khoá, các đơn vị đã có bảng điểm.")


class RoundConsolidateView(_RoundButtonAction):
    def perform(self, request: AuthenticatedHttpRequest, scoring_round: ScoringRound) -> str:
        scoring_round_consolidate(actor=request.user, scoring_round=scoring_round)
        return _("Đã tổng hợp điểm và xếp hạng.")


class AssignmentRemoveView(LoginRequiredMixin, View):
    def post(self, request: AuthenticatedHttpRequest, round_id: int, assignment_id: int) -> HttpResponse:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id, manage=True)
        assignment = next((a for a in assignment_list(scoring_round=scoring_round) if a.pk == assignment_id), None)
        if assignment is None:
            raise NotFound()
        assignment.scoring_round = scoring_round
        try:
            assignment_remove(actor=request.user, assignment=assignment)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã xoá phân công."))
        return redirect("scoring:round", round_id=scoring_round.pk)


class ConflictDeclareView(LoginRequiredMixin, View):
    """The scorer unit declares a conflict of interest on its assignment; another unit is assigned instead."""

    def post(self, request: AuthenticatedHttpRequest, round_id: int, assignment_id: int) -> HttpResponse:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id)
        sheet = next(
            (
                s
                for s in sheets_to_fill(actor=request.user, scoring_round=scoring_round)
                if s.assignment_id == assignment_id and _conflict_possible(scoring_round, s)
            ),
            None,
        )
        if sheet is None or sheet.assignment is None:
            raise NotFound()
        assignment = sheet.assignment
        assignment.scoring_round = scoring_round
        form = ConflictDeclareForm(request.POST, prefix=f"conflict{assignment.pk}")
        if form.is_valid():
            try:
                replacement = assignment_conflict_declare(
                    actor=request.user, assignment=assignment, reason=form.cleaned_data["reason"]
                )
            except ApplicationError as error:
                form_errors_add(form, error)
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận xung đột lợi ích. Đơn vị %(unit)s được phân công chấm thay.")
                    % {"unit": replacement.scorer_label},
                )
                return redirect("scoring:round", round_id=scoring_round.pk)
        return _round_page(request, scoring_round, status=422, conflict=(assignment.pk, form))


urlpatterns: list[URLPattern] = [
    path("", IndexView.as_view(), name="index"),
    path("bo-tieu-chi/tao/", CriteriaSetCreateView.as_view(), name="criteria_set_create"),
    path("dot/tao/", RoundCreateView.as_view(), name="round_create"),
    path("dot/<int:round_id>/", RoundView.as_view(), name="round"),
    path("dot/<int:round_id>/quy-dinh/", RoundUpdateView.as_view(), name="round_update"),
    path("dot/<int:round_id>/phan-cong/tu-dong/", AssignmentsGenerateView.as_view(), name="round_assignments_generate"),
    path("dot/<int:round_id>/phan-cong/them/", AssignmentAddView.as_view(), name="round_assignment_add"),
    path(
        "dot/<int:round_id>/phan-cong/<int:assignment_id>/xoa/",
        AssignmentRemoveView.as_view(),
        name="round_assignment_remove",
    ),
    path(
        "dot/<int:round_id>/phan-cong/<int:assignment_id>/xung-dot-loi-ich/",
        ConflictDeclareView.as_view(),
        name="round_conflict_declare",
    ),
    path("dot/<int:round_id>/mo-cham/", RoundOpenView.as_view(), name="round_open"),
    path("dot/<int:round_id>/doi-bo-tieu-chi/", SwitchSetView.as_view(), name="round_switch_set"),
    path("dot/<int:round_id>/tong-hop/", RoundConsolidateView.as_view(), name="round_consolidate"),
    path("dot/<int:round_id>/mo-khieu-nai/", AppealWindowView.as_view(), name="round_appeal_window"),
    path("dot/<int:round_id>/cong-bo/", PublishView.as_view(), name="round_publish"),
]
