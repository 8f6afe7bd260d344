"""Movements (phong trào thi đua) to XLSX: the list of movements the user may read, for reporting. Export only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from thidua.core.imports.base import ExportOnlyKind, NumberedRow
from thidua.core.imports.registry import import_kind_register
from thidua.core.spreadsheets import Column
from thidua.movements.choices import MovementKind, MovementStatus
from thidua.movements.permissions import is_signed_in
from thidua.movements.selectors import movement_list_visible_to

if TYPE_CHECKING:
    from thidua.accounts.models import User


class MovementExport(ExportOnlyKind[NumberedRow]):
    code = "movements"
    title = gettext_lazy("Phong trào thi đua")
    sheet_title = gettext_lazy("Phong trào thi đua")
    file_stem = "phong-trao-thi-dua"
    columns = (
        Column("title", gettext_lazy("Tên phong trào"), width=60),
        Column("kind", gettext_lazy("Hình thức"), width=16),
        Column("launched_by", gettext_lazy("Đơn vị phát động"), width=40),
        Column("launched_on", gettext_lazy("Ngày phát động"), is_date=True, width=14),
        Column("starts_on", gettext_lazy("Thời gian từ ngày"), is_date=True, width=14),
        Column("ends_on", gettext_lazy("Đến ngày"), is_date=True, width=14),
        Column("status", gettext_lazy("Trạng thái"), width=16),
    )

    def can_export(self, actor: User) -> bool:
        return is_signed_in(actor)

    def export_rows(self, *, actor: User) -> Iterable[Sequence[object]]:
        kinds, statuses = dict(MovementKind.choices), dict(MovementStatus.choices)
        for movement in movement_list_visible_to(actor=actor).iterator(chunk_size=500):
            launched_by = movement.bloc.name if movement.bloc is not None else movement.launched_by_unit.name
            yield (
                movement.title,
                str(kinds.get(movement.kind, movement.kind)),
                launched_by,
                movement.launched_on,
                movement.starts_on,
                movement.ends_on,
                str(statuses.get(movement.status, movement.status)),
            )


import_kind_register(MovementExport())
