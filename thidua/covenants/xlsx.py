"""Bloc covenants (giao ước thi đua của khối) to XLSX: for each covenant the user may read, one row per member unit
with its targets and who acknowledged the covenant for it, and when. Export only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy

from thidua.core.exceptions import NotFound
from thidua.core.imports.base import ExportOnlyKind, NumberedRow
from thidua.core.imports.registry import import_kind_register
from thidua.core.spreadsheets import Column
from thidua.covenants.models import BlocCovenant, CovenantTarget
from thidua.covenants.selectors import bloc_covenant_access, bloc_covenant_page

if TYPE_CHECKING:
    from thidua.accounts.models import User


def _target_text(target: CovenantTarget) -> str:
    if target.value is None:
        return target.text
    value = f"{target.value.normalize():f}"
    return f"{target.text}: {value} {target.value_unit}".rstrip()


class BlocCovenantExport(ExportOnlyKind[NumberedRow]):
    code = "bloc-covenants"
    title = gettext_lazy("Giao ước thi đua của khối")
    sheet_title = gettext_lazy("Giao ước thi đua")
    file_stem = "giao-uoc-thi-dua"
    columns = (
        Column("bloc", gettext_lazy("Tên khối"), width=45),
        Column("year", gettext_lazy("Năm"), width=8),
        Column("unit_code", gettext_lazy("Mã đơn vị"), width=18),
        Column("unit_name", gettext_lazy("Tên đơn vị"), width=40),
        Column("targets", gettext_lazy("Chỉ tiêu"), width=60),
        Column("acknowledged_by", gettext_lazy("Người tiếp nhận"), width=28),
        Column("acknowledged_at", gettext_lazy("Tiếp nhận lúc"), width=18),
    )

    def can_export(self, actor: User) -> bool:
        return bool(actor.is_authenticated and actor.is_active)

    def export_rows(self, *, actor: User) -> Iterable[Sequence[object]]:
        for covenant_id in BlocCovenant.objects.order_by("bloc__name", "year", "pk").values_list("pk", flat=True):
            try:
                covenant = bloc_covenant_access(actor=actor, covenant_id=covenant_id)
            except NotFound:
                continue
            for row in bloc_covenant_page(actor=actor, covenant=covenant).rows:
                unit = row.seat.membership.unit
                acknowledgement = row.acknowledgement
                yield (
                    covenant.bloc.name,
                    covenant.year,
                    unit.code,
                    unit.name,
                    "\n".join(_target_text(target) for target in row.targets),
                    acknowledgement.acknowledged_by.full_name
                    if acknowledgement is not None and acknowledgement.acknowledged_by is not None
                    else "",
                    f"{timezone.localtime(acknowledgement.acknowledged_at):%d/%m/%Y %H:%M}"
                    if acknowledgement is not None
                    else "",
                )


import_kind_register(BlocCovenantExport())
