"""What the home page tells a unit about scoring: the score sheets waiting for it in open rounds, and, for the bloc
secretariat, appeals waiting for an answer. Two queries at most, whatever the user's roles."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.scoping import bloc_scope, has_permission, unit_scope
from thidua.core.home import HomeItem, HomePanel, home_provider_register
from thidua.scoring.choices import AppealStatus, AssignmentStatus, RoundStatus, SheetKind, SheetStatus
from thidua.scoring.models import Appeal, ScoreSheet
from thidua.scoring.permissions import ScoringPermission


def _sheet_text(sheet: ScoreSheet) -> str:
    if sheet.kind == SheetKind.SELF:
        text = _("Tự chấm điểm %(unit)s — %(bloc)s %(year)s")
    else:
        text = _("Chấm kiểm tra %(unit)s — %(bloc)s %(year)s")
    return text % {
        "unit": sheet.unit.display_name,
        "bloc": sheet.scoring_round.bloc.name,
        "year": sheet.scoring_round.year,
    }


def _scoring_panel(request: HttpRequest) -> Iterable[HomePanel]:
    user = request.user
    items: list[HomeItem] = []
    if has_permission(user, ScoringPermission.SHEET_EDIT):
        units = unit_scope(user, ScoringPermission.SHEET_EDIT).values("pk")
        sheets = (
            ScoreSheet.objects.filter(
                scoring_round__status=RoundStatus.SCORING, status__in=[SheetStatus.DRAFT, SheetStatus.RETURNED]
            )
            .filter(
                Q(kind=SheetKind.SELF, unit__in=units)
                | Q(kind=SheetKind.CHECK, assignment__status=AssignmentStatus.ACTIVE, assignment__scorer_unit__in=units)
            )
            .select_related("unit", "scoring_round__bloc")
            .order_by("scoring_round__self_assessment_due_on", "kind", "unit__name")[:10]
        )
        for sheet in sheets:
            due = sheet.scoring_round.self_assessment_due_on if sheet.kind == SheetKind.SELF else None
            badge = _("bị trả lại") if sheet.status == SheetStatus.RETURNED else (f"{due:%d/%m/%Y}" if due else "")
            items.append(
                HomeItem(text=_sheet_text(sheet), url=reverse("scoring:sheet", args=[sheet.pk]), badge=str(badge))
            )
    if has_permission(user, ScoringPermission.SCORING_MANAGE):
        waiting = Appeal.objects.filter(
            status=AppealStatus.OPEN, scoring_round__bloc__in=bloc_scope(user, ScoringPermission.SCORING_MANAGE)
        ).count()
        if waiting:
            items.append(
                HomeItem(text=_("Khiếu nại điểm chờ trả lời"), url=reverse("scoring:index"), badge=str(waiting))
            )
    if not items:
        return []
    return [HomePanel(title=gettext_lazy("Chấm điểm thi đua"), icon="clipboard-data", items=items, order=25)]


home_provider_register(_scoring_panel)
