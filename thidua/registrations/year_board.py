"""The registrations' contribution to the bloc year board: the deadline on the timeline, a column "Đăng ký"."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.emulation.models import Bloc
from thidua.emulation.year_board import ProgressCell, TimelineEvent, YearBoardColumn, YearBoardContribution
from thidua.registrations.choices import RegistrationStatus
from thidua.registrations.models import Registration, RegistrationDeadline


def registration_year_board(bloc: Bloc, year: int, unit_ids: Sequence[int]) -> YearBoardContribution:
    """Two queries, whatever the number of units."""
    events = [
        TimelineEvent(
            day=deadline.due_on,
            label=_("Hạn đăng ký thi đua"),
            url=reverse("registrations:registration-overview", kwargs={"bloc_id": bloc.pk, "year": year}),
            is_deadline=True,
        )
        for deadline in RegistrationDeadline.objects.filter(bloc=bloc, year=year)
    ]
    cells: dict[int, ProgressCell] = {}
    for registration in Registration.objects.filter(year=year, unit_id__in=list(unit_ids)):
        url = reverse("registrations:registration-detail", kwargs={"registration_id": registration.pk})
        cells[registration.unit_id] = ProgressCell(
            text=RegistrationStatus(registration.status).label,
            is_done=registration.status == RegistrationStatus.SUBMITTED,
            url=url,
        )
    for unit_id in unit_ids:
        cells.setdefault(unit_id, ProgressCell(text=_("Chưa đăng ký")))
    return YearBoardContribution(events=events, columns=[YearBoardColumn(title=_("Đăng ký"), cells=cells, order=20)])
