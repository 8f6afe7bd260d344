"""The movements' contribution to the bloc year board: launch, mid-term and final review dates of its movements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.emulation.year_board import TimelineEvent, YearBoardContribution
from thidua.movements.choices import MovementReviewKind
from thidua.movements.selectors import movement_list_for_bloc_year

if TYPE_CHECKING:
    from thidua.emulation.models import Bloc


def movement_year_board(bloc: Bloc, year: int, unit_ids: Sequence[int]) -> YearBoardContribution:
    """Timeline events of the bloc's movements that fall in ``year`` (two queries, whatever the number of units)."""
    events: list[TimelineEvent] = []
    for movement in movement_list_for_bloc_year(bloc=bloc, year=year):
        url = reverse("movements:movement-detail", kwargs={"movement_id": movement.pk})
        if movement.launched_on.year == year:
            events.append(TimelineEvent(day=movement.launched_on, label=_("Phát động: %s") % movement.title, url=url))
        for review in movement.reviews.all():
            if review.held_on.year != year:
                continue
            template = _("Sơ kết: %s") if review.kind == MovementReviewKind.MID_TERM else _("Tổng kết: %s")
            events.append(TimelineEvent(day=review.held_on, label=template % movement.title, url=url))
    return YearBoardContribution(events=events)
