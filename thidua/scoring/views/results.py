"""Pages of scoring: the ranking (with every number's detail and the corrections), a unit's own results with its
appeals, and the list of appeals that the secretariat answers.

Who sees what is the selectors' business (``ranking_get``, ``unit_detail_get``, ``appeal_list``): before
publication a unit sees only its own results, with the checkers anonymous.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views import View

from thidua.core.exceptions import ApplicationError, NotFound
from thidua.core.forms import form_errors_add
from thidua.core.http import AuthenticatedHttpRequest
from thidua.organizations.models import Unit
from thidua.scoring.choices import AppealStatus, RoundStatus
from thidua.scoring.errors import ScoringInvalid, ScoringNotAllowed
from thidua.scoring.forms_sheets import AppealAnswerForm, AppealForm, CorrectionForm
from thidua.scoring.models import ScoringRound
from thidua.scoring.permissions import can_edit_sheet_of, can_manage_scoring
from thidua.scoring.selectors import (
    Ranking,
    UnitDetail,
    appeal_access,
    appeal_list,
    ranking_get,
    ranking_row_get,
    scoring_round_access,
    unit_detail_get,
)
from thidua.scoring.services import appeal_answer, appeal_file, score_correct
from thidua.scoring.views.sheets import url_or_none


def _status_of(error: ApplicationError) -> int:
    if isinstance(error, ScoringNotAllowed):
        raise NotFound() from error
    return 422 if isinstance(error, ScoringInvalid) or error.status_code < 400 else error.status_code


def _round_links(scoring_round: ScoringRound) -> dict[str, Any]:
    return {
        "scoring_round": scoring_round,
        "round_url": url_or_none("scoring:round", round_id=scoring_round.pk),
        "ranking_xlsx_url": url_or_none("scoring:ranking_xlsx", round_id=scoring_round.pk),
    }


# --- ranking -------------------------------------------------------------------------------------------------------


def _correction_form(ranking: Ranking, data: Any = None) -> CorrectionForm:
    """Choices from the loaded ranking: no query of its own."""
    units = [(row.result.unit_id, row.result.unit.name) for row in ranking.rows]
    criteria = [(c.pk, f"{c.code}. {c.name}") for c in ranking.criteria]
    return CorrectionForm(data, units=units, criteria=criteria)


class RankingView(LoginRequiredMixin, View):
    """Bảng xếp hạng: every unit's row expands (loaded on demand, ``RankingRowView``) to the marks behind each number;
    corrections after publication (managers)."""

    template_name = "scoring/results/ranking.html"

    def _page(
        self, request: AuthenticatedHttpRequest, ranking: Ranking, form: CorrectionForm | None, status: int = 200
    ) -> HttpResponse:
        scoring_round = ranking.scoring_round
        is_manager = can_manage_scoring(request.user, bloc=scoring_round.bloc)
        can_correct = is_manager and scoring_round.status == RoundStatus.PUBLISHED
        if can_correct and form is None:
            form = _correction_form(ranking)
        context = {
            **_round_links(scoring_round),
            "ranking": ranking,
            "is_manager": is_manager,
            "can_correct": can_correct,
            "form": form,
        }
        return render(request, self.template_name, context, status=status)

    def _ranking(self, request: AuthenticatedHttpRequest, round_id: int) -> Ranking:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id)
        return ranking_get(actor=request.user, scoring_round=scoring_round, with_lines=False)

    def get(self, request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
        return self._page(request, self._ranking(request, round_id), None)

    def post(self, request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id, manage=True)
        ranking = ranking_get(actor=request.user, scoring_round=scoring_round, with_lines=False)
        form = _correction_form(ranking, request.POST)
        if not form.is_valid():
            return self._page(request, ranking, form, status=422)
        unit = next(r.result.unit for r in ranking.rows if r.result.unit_id == form.cleaned_data["unit"])
        criterion = next(c for c in ranking.criteria if c.pk == form.cleaned_data["criterion"])
        try:
            score_correct(
                actor=request.user,
                scoring_round=scoring_round,
                unit=unit,
                criterion=criterion,
                points=form.cleaned_data["points"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            status = _status_of(error)
            form_errors_add(form, error)
            return self._page(request, ranking, form, status=status)
        messages.success(request, _("Đã ghi đính chính điểm tiêu chí %(code)s.") % {"code": criterion.code})
        return redirect("scoring:ranking", round_id=scoring_round.pk)


class RankingRowView(LoginRequiredMixin, View):
    """One unit's detail in the ranking: every criterion's final score and the marks behind it. An HTMX request gets
    the fragment that fills the unit's expanded row; a plain request gets it as a page."""

    def get(self, request: AuthenticatedHttpRequest, round_id: int, unit_id: int) -> HttpResponse:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id)
        row = ranking_row_get(actor=request.user, scoring_round=scoring_round, unit_id=unit_id)
        context = {**_round_links(scoring_round), "row": row, "scoring_round": scoring_round}
        if getattr(request, "htmx", False):
            return render(request, "scoring/results/_ranking_row.html", context)
        return render(request, "scoring/results/ranking_row.html", context)


# --- a unit's own results and appeals --------------------------------------------------------------------------------


class UnitDetailView(LoginRequiredMixin, View):
    """Kết quả của một đơn vị: điểm cuối cùng từng tiêu chí, các điểm chấm (ẩn danh), khiếu nại."""

    template_name = "scoring/results/unit_detail.html"

    def _detail(
        self, request: AuthenticatedHttpRequest, round_id: int, unit_id: int
    ) -> tuple[ScoringRound, UnitDetail]:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id)
        unit = Unit.objects.filter(pk=unit_id).first()
        if unit is None:
            raise NotFound()
        return scoring_round, unit_detail_get(actor=request.user, scoring_round=scoring_round, unit=unit)

    def _page(
        self,
        request: AuthenticatedHttpRequest,
        scoring_round: ScoringRound,
        detail: UnitDetail,
        bound: AppealForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        appealed = {a.criterion_id: a for a in detail.appeals}
        can_appeal = scoring_round.status == RoundStatus.APPEAL and can_edit_sheet_of(request.user, unit=detail.unit)
        bound_criterion = bound.data.get("criterion") if bound is not None else None
        lines = []
        for line in detail.lines:
            form = None
            if can_appeal and line.criterion.pk not in appealed:
                is_bound = bound is not None and str(bound_criterion) == str(line.criterion.pk)
                form = (
                    bound
                    if is_bound
                    else AppealForm(initial={"criterion": line.criterion.pk}, auto_id=f"id_kn{line.criterion.pk}_%s")
                )
            lines.append({"line": line, "appeal": appealed.get(line.criterion.pk), "form": form})
        context = {
            **_round_links(scoring_round),
            "detail": detail,
            "lines": lines,
            "can_appeal": can_appeal,
            "stray_form": None if bound is None or any(x["form"] is bound for x in lines) else bound,
            "is_manager": can_manage_scoring(request.user, bloc=scoring_round.bloc),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthenticatedHttpRequest, round_id: int, unit_id: int) -> HttpResponse:
        scoring_round, detail = self._detail(request, round_id, unit_id)
        return self._page(request, scoring_round, detail)

    def post(self, request: AuthenticatedHttpRequest, round_id: int, unit_id: int) -> HttpResponse:
        scoring_round, detail = self._detail(request, round_id, unit_id)
        if not can_edit_sheet_of(request.user, unit=detail.unit):
            raise NotFound()
        form = AppealForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, scoring_round, detail, form, status=422)
        criteria = {line.criterion.pk: line.criterion for line in detail.lines}
        criterion = criteria.get(form.cleaned_data["criterion"])
        if criterion is None:
            form.add_error(None, _("Tiêu chí không thuộc bộ tiêu chí đang dùng."))
            return self._page(request, scoring_round, detail, form, status=422)
        try:
            appeal_file(
                actor=request.user,
                scoring_round=scoring_round,
                unit=detail.unit,
                criterion=criterion,
                text=form.cleaned_data["text"],
                evidence=form.cleaned_data["evidence"],
            )
        except ApplicationError as error:
            status = _status_of(error)
            form_errors_add(form, error)
            return self._page(request, scoring_round, detail, form, status=status)
        messages.success(request, _("Đã gửi khiếu nại tiêu chí %(code)s.") % {"code": criterion.code})
        return redirect("scoring:unit_detail", round_id=scoring_round.pk, unit_id=detail.unit.pk)


class AppealListView(LoginRequiredMixin, View):
    """Khiếu nại của đợt: the secretariat answers each; a unit sees its own."""

    template_name = "scoring/results/appeal_list.html"

    def _page(
        self,
        request: AuthenticatedHttpRequest,
        scoring_round: ScoringRound,
        bound: AppealAnswerForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        appeals = appeal_list(actor=request.user, scoring_round=scoring_round)
        is_manager = can_manage_scoring(request.user, bloc=scoring_round.bloc)
        can_answer = is_manager and scoring_round.status == RoundStatus.APPEAL
        bound_id = bound.data.get("appeal") if bound is not None else None
        rows = []
        for appeal in appeals:
            form = None
            if can_answer and appeal.status == AppealStatus.OPEN:
                is_bound = bound is not None and str(bound_id) == str(appeal.pk)
                form = (
                    bound
                    if is_bound
                    else AppealAnswerForm(initial={"appeal": appeal.pk}, auto_id=f"id_tl{appeal.pk}_%s")
                )
            rows.append({"appeal": appeal, "form": form})
        context = {**_round_links(scoring_round), "rows": rows, "is_manager": is_manager, "can_answer": can_answer}
        return render(request, self.template_name, context, status=status)

    def get(self, request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id)
        return self._page(request, scoring_round)

    def post(self, request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id, manage=True)
        form = AppealAnswerForm(request.POST)
        if not form.is_valid():
            return self._page(request, scoring_round, form, status=422)
        appeal = appeal_access(actor=request.user, appeal_id=form.cleaned_data["appeal"])
        if appeal.scoring_round_id != scoring_round.pk:
            raise NotFound()
        is_accepted = form.cleaned_data["decision"] == AppealAnswerForm.ACCEPT
        try:
            appeal_answer(
                actor=request.user,
                appeal=appeal,
                is_accepted=is_accepted,
                answer=form.cleaned_data["answer"],
                points=form.cleaned_data["points"] if is_accepted else None,
            )
        except ApplicationError as error:
            status = _status_of(error)
            form_errors_add(form, error)
            return self._page(request, scoring_round, form, status=status)
        messages.success(request, _("Đã trả lời khiếu nại."))
        return redirect("scoring:appeals", round_id=scoring_round.pk)


class AppealEvidenceView(LoginRequiredMixin, View):
    """The evidence attached to an appeal: the unit that filed it and the secretariat."""

    def get(self, request: AuthenticatedHttpRequest, appeal_id: int) -> HttpResponseBase:
        appeal = appeal_access(actor=request.user, appeal_id=appeal_id)
        if not appeal.evidence:
            raise NotFound()
        try:
            handle = appeal.evidence.open("rb")
        except (FileNotFoundError, ValueError) as error:
            raise NotFound() from error
        return FileResponse(handle, as_attachment=True, filename=appeal.evidence.name.rsplit("/", 1)[-1])


urlpatterns: list[URLPattern] = [
    path("dot/<int:round_id>/xep-hang/", RankingView.as_view(), name="ranking"),
    path("dot/<int:round_id>/xep-hang/<int:unit_id>/", RankingRowView.as_view(), name="ranking_row"),
    path("dot/<int:round_id>/don-vi/<int:unit_id>/", UnitDetailView.as_view(), name="unit_detail"),
    path("dot/<int:round_id>/khieu-nai/", AppealListView.as_view(), name="appeals"),
    path("khieu-nai/<int:appeal_id>/minh-chung/", AppealEvidenceView.as_view(), name="appeal_evidence"),
]
