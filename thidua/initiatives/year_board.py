"""The initiatives column of the bloc year board: "N cơ sở / M tỉnh" per member unit, from the data (issue 4)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.emulation.year_board import ProgressCell, YearBoardColumn, YearBoardContribution
from thidua.initiatives.selectors import LevelCounts, initiative_counts_by_unit

if TYPE_CHECKING:
    from thidua.emulation.models import Bloc


def _cell_text(counts: LevelCounts) -> str:
    text = _("%(base)s cơ sở / %(province)s tỉnh") % {"base": counts.base, "province": counts.province}
    if counts.national:
        text += " / " + _("%(national)s toàn quốc") % {"national": counts.national}
    return text


def initiatives_year_board(bloc: Bloc, year: int, unit_ids: Sequence[int]) -> YearBoardContribution:
    """One query whatever the number of units: recognised initiatives by unit and current level in ``year``."""
    counts = initiative_counts_by_unit(year=year, unit_ids=unit_ids)
    cells = {
        unit_id: ProgressCell(text=_cell_text(counts.get(unit_id, LevelCounts())), is_done=unit_id in counts)
        for unit_id in unit_ids
    }
    total = LevelCounts(
        base=sum(c.base for c in counts.values()),
        province=sum(c.province for c in counts.values()),
        national=sum(c.national for c in counts.values()),
    )
    summary = _("Toàn khối có %(base)s sáng kiến được công nhận cấp cơ sở, %(province)s sáng kiến cấp tỉnh") % {
        "base": total.base,
        "province": total.province,
    }
    if total.national:
        summary += _(", %(national)s sáng kiến toàn quốc") % {"national": total.national}
    return YearBoardContribution(
        columns=[YearBoardColumn(title=gettext_lazy("Sáng kiến"), cells=cells, order=40)], summaries=[summary + "."]
    )
