"""Scoring's contribution to the bloc year board: the scoring deadlines and publication on the timeline, and a
column "Tự chấm điểm" with each member unit's self-assessment (sent or not). The self-assessment deadline counts
for the daily reminders of late units."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.emulation.models import Bloc
from thidua.emulation.year_board import ProgressCell, TimelineEvent, YearBoardColumn, YearBoardContribution
from thidua.scoring.choices import SheetKind, SheetStatus
from thidua.scoring.models import ScoreSheet, ScoringRound


def scoring_year_board(bloc: Bloc, year: int, unit_ids: Sequence[int]) -> YearBoardContribution:
    """Two queries, whatever the number of units."""
    scoring_round = ScoringRound.objects.filter(bloc=bloc, year=year).first()
    if scoring_round is None:
        return YearBoardContribution()
    url = reverse("scoring:round", kwargs={"round_id": scoring_round.pk})
    events = []
    if scoring_round.self_assessment_due_on:
        events.append(
            TimelineEvent(
                day=scoring_round.self_assessment_due_on, label=_("Hạn tự chấm điểm"), url=url, is_deadline=True
            )
        )
    if scoring_round.checking_due_on:
        events.append(TimelineEvent(day=scoring_round.checking_due_on, label=_("Hạn chấm kiểm tra"), url=url))
    if scoring_round.appeal_due_on:
        events.append(TimelineEvent(day=scoring_round.appeal_due_on, label=_("Hạn khiếu nại điểm"), url=url))
    if scoring_round.published_at:
        events.append(
            TimelineEvent(
                day=timezone.localdate(scoring_round.published_at), label=_("Công bố kết quả chấm điểm"), url=url
            )
        )
    cells: dict[int, ProgressCell] = {}
    for sheet in ScoreSheet.objects.filter(
        scoring_round=scoring_round, kind=SheetKind.SELF, unit_id__in=list(unit_ids)
    ):
        cells[sheet.unit_id] = ProgressCell(
            text=SheetStatus(sheet.status).label, is_done=sheet.status == SheetStatus.SUBMITTED, url=url
        )
    for unit_id in unit_ids:
        cells.setdefault(unit_id, ProgressCell(text=_("Chưa mở chấm điểm")))
    return YearBoardContribution(
        events=events, columns=[YearBoardColumn(title=_("Tự chấm điểm"), cells=cells, order=40)]
    )
