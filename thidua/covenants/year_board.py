"""The covenants' contribution to the bloc year board: a "Giao ước" column and the covenant's timeline events.

Two queries whatever the number of member units (emulation/year_board.py contract).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.covenants.models import BlocCovenant, CovenantAcknowledgement
from thidua.emulation.year_board import ProgressCell, TimelineEvent, YearBoardColumn, YearBoardContribution

if TYPE_CHECKING:
    from thidua.emulation.models import Bloc


def covenant_year_board(bloc: Bloc, year: int, unit_ids: Sequence[int]) -> YearBoardContribution:
    covenant = BlocCovenant.objects.filter(bloc=bloc, year=year).first()
    if covenant is None:
        return YearBoardContribution(columns=[YearBoardColumn(title=_("Giao ước"), order=30)])
    url = reverse("covenants:bloc-covenant-detail", kwargs={"covenant_id": covenant.pk})
    acknowledged = dict(
        CovenantAcknowledgement.objects.filter(covenant=covenant, unit_id__in=list(unit_ids)).values_list(
            "unit_id", "acknowledged_at"
        )
    )
    cells: dict[int, ProgressCell] = {}
    for unit_id in unit_ids:
        at = acknowledged.get(unit_id)
        if at is None:
            cells[unit_id] = ProgressCell(text=_("Chưa tiếp nhận"), url=url)
        else:
            day = timezone.localtime(at).date().strftime("%d/%m/%Y")
            cells[unit_id] = ProgressCell(text=_("Đã tiếp nhận ngày %(day)s") % {"day": day}, is_done=True, url=url)
    events = [
        TimelineEvent(
            day=covenant.signed_on or timezone.localtime(covenant.created_at).date(),
            label=_("Ký kết giao ước thi đua") if covenant.signed_on else _("Soạn thảo giao ước thi đua"),
            url=url,
        )
    ]
    if covenant.in_force_at is not None:
        events.append(
            TimelineEvent(
                day=timezone.localtime(covenant.in_force_at).date(), label=_("Giao ước thi đua có hiệu lực"), url=url
            )
        )
    return YearBoardContribution(events=events, columns=[YearBoardColumn(title=_("Giao ước"), cells=cells, order=30)])
