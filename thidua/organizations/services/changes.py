"""Recording organisational change (sắp xếp, tổ chức lại): rename, merge, split, transfer, close (DOMAIN §6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from thidua.organizations import audit
from thidua.organizations.choices import UnitChangeKind
from thidua.organizations.errors import UnitChangeInvalid, UnitNotManageable
from thidua.organizations.models import Unit, UnitChange, UnitChangeLink, UnitName, UnitParentage
from thidua.organizations.permissions import can_change_unit
from thidua.organizations.services.units import _unit_move
from thidua.organizations.succession import Succession, succession_carry

if TYPE_CHECKING:
    from thidua.accounts.models import User

# Kinds after which the predecessors no longer exist.
_ENDING_KINDS = {UnitChangeKind.MERGE_INTO, UnitChangeKind.SPLIT, UnitChangeKind.CLOSE}


def _check_shape(
    *,
    kind: str,
    effective_on: dt.date,
    predecessors: Sequence[Unit],
    successors: Sequence[Unit],
    new_name: str,
    new_parent: Unit | None,
) -> None:
    def invalid(message: str) -> UnitChangeInvalid:
        return UnitChangeInvalid(message)

    if not predecessors:
        raise invalid(_("Chọn ít nhất một đơn vị chịu thay đổi."))
    if effective_on == dt.date.min:  # its day before cannot be written
        raise invalid(_("Ngày hiệu lực không hợp lệ."))
    if len({u.pk for u in predecessors}) != len(predecessors) or {u.pk for u in predecessors} & {
        u.pk for u in successors
    }:
        raise invalid(_("Một đơn vị không thể vừa là đơn vị cũ vừa là đơn vị kế thừa, hoặc được chọn hai lần."))
    for unit in predecessors:
        if not unit.is_valid_on(effective_on):
            raise invalid(
                _("%(unit)s không còn hoạt động vào ngày %(day)s.")
                % {"unit": unit.name, "day": f"{effective_on:%d/%m/%Y}"}
            )
    counts = {
        UnitChangeKind.RENAME: (len(predecessors) == 1 and not successors, _("Đổi tên áp dụng cho đúng một đơn vị.")),
        UnitChangeKind.MERGE_INTO: (len(successors) == 1, _("Sáp nhập cần đúng một đơn vị tiếp nhận.")),
        UnitChangeKind.SPLIT: (
            len(predecessors) == 1 and len(successors) >= 2,
            _("Chia tách cần một đơn vị cũ và ít nhất hai đơn vị mới."),
        ),
        UnitChangeKind.TRANSFER_FUNCTION: (len(successors) >= 1, _("Chuyển giao chức năng cần đơn vị tiếp nhận.")),
        UnitChangeKind.TRANSFER_PARENT: (new_parent is not None and not successors, _("Chọn đơn vị cấp trên mới.")),
        UnitChangeKind.CLOSE: (not successors, _("Giải thể không có đơn vị kế thừa; nếu có, hãy chọn sáp nhập.")),
    }
    ok, message = counts[UnitChangeKind(kind)]
    if not ok:
        raise invalid(message)
    if kind == UnitChangeKind.RENAME and not new_name.strip():
        raise invalid(_("Nhập tên mới của đơn vị."))
    if (
        kind == UnitChangeKind.TRANSFER_PARENT
        and new_parent is not None
        and any(new_parent.path.startswith(unit.path) for unit in predecessors)
    ):
        raise invalid(_("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."))
    if kind != UnitChangeKind.TRANSFER_FUNCTION:
        for unit in predecessors:
            started = _current_start(unit)
            if started is not None and effective_on <= started:
                raise invalid(
                    _("Ngày hiệu lực phải sau ngày %(day)s, lần thay đổi gần nhất của %(unit)s.")
                    % {"unit": unit.name, "day": f"{started:%d/%m/%Y}"}
                )
    if kind in _ENDING_KINDS and any(s.path.startswith(p.path) for s in successors for p in predecessors):
        raise invalid(_("Đơn vị kế thừa không thể là đơn vị cấp dưới của đơn vị chấm dứt hoạt động."))
    if new_parent is not None and not new_parent.is_valid_on(effective_on):
        raise invalid(
            _("%(unit)s không còn hoạt động vào ngày %(day)s.")
            % {"unit": new_parent.name, "day": f"{effective_on:%d/%m/%Y}"}
        )
    for unit in successors:
        if unit.valid_to is not None and unit.valid_to < effective_on:
            raise invalid(_("Đơn vị kế thừa %(unit)s đã chấm dứt hoạt động trước ngày hiệu lực.") % {"unit": unit.name})
    if kind == UnitChangeKind.CLOSE:
        for unit in predecessors:
            if any(child.is_valid_on(effective_on) for child in unit.children.all()):
                raise invalid(
                    _("%(unit)s còn đơn vị trực thuộc đang hoạt động: hãy chuyển hoặc giải thể các đơn vị đó trước.")
                    % {"unit": unit.name}
                )


def _current_start(unit: Unit) -> dt.date | None:
    """The latest start among the unit, its current name and its current parentage: a change must come after it,
    or the ended rows would end before they began."""
    starts = [unit.valid_from]
    starts += UnitName.objects.filter(unit=unit, valid_to__isnull=True).values_list("valid_from", flat=True)
    starts += UnitParentage.objects.filter(unit=unit, valid_to__isnull=True).values_list("valid_from", flat=True)
    known = [day for day in starts if day is not None]
    return max(known) if known else None


def unit_change_record(
    *,
    actor: User | None,
    kind: str,
    effective_on: dt.date,
    decision_number: str,
    decision_date: dt.date,
    predecessors: Sequence[Unit],
    successors: Sequence[Unit] = (),
    issuer: str = "",
    summary: str = "",
    new_name: str = "",
    new_short_name: str = "",
    new_parent: Unit | None = None,
) -> UnitChange:
    """Record one organisational change with its legal basis, in one step (sắp xếp, tổ chức lại).

    - rename: the unit keeps its identity and history; its old name ends the day before ``effective_on``.
    - merge into / split / close: each predecessor ends the day before ``effective_on``; a successor that started
      later is extended back to ``effective_on``; the predecessor's units still active move under the (first)
      successor; open work (bloc seats, roles, job assignments) is carried by the registered succession handlers.
    - transfer of functions: a lineage link only; nobody ends.
    - transfer to a new parent: the units (and their subtrees) stand under ``new_parent`` from ``effective_on``.

    Refuses with UnitNotManageable unless the actor manages every unit involved, and with UnitChangeInvalid (a
    Vietnamese message) when the change does not fit its kind. Nothing is written on a refusal.
    """
    involved = [*predecessors, *successors, *([new_parent] if new_parent else [])]
    if actor is not None and not all(can_change_unit(actor, unit=unit) for unit in involved):
        raise UnitNotManageable()
    _check_shape(
        kind=kind,
        effective_on=effective_on,
        predecessors=predecessors,
        successors=successors,
        new_name=new_name,
        new_parent=new_parent,
    )
    with transaction.atomic():
        locked = {u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=[u.pk for u in involved])}
        change = UnitChange(
            kind=kind,
            effective_on=effective_on,
            decision_number=decision_number,
            decision_date=decision_date,
            issuer=issuer,
            summary=summary,
            recorded_by=actor,
        )
        change.full_clean()
        change.save()
        last_day = effective_on - dt.timedelta(days=1)
        olds = [locked[u.pk] for u in predecessors]
        news = [locked[u.pk] for u in successors]
        if kind == UnitChangeKind.RENAME:
            _rename(unit=olds[0], name=new_name.strip(), short_name=new_short_name.strip(), effective_on=effective_on)
            UnitChangeLink.objects.create(change=change, predecessor=olds[0], successor=olds[0])
        elif kind == UnitChangeKind.TRANSFER_PARENT and new_parent is not None:
            for unit in olds:
                _unit_move(unit=unit, parent=locked[new_parent.pk], effective_on=effective_on)
                UnitChangeLink.objects.create(change=change, predecessor=unit, successor=None)
        else:
            UnitChangeLink.objects.bulk_create(
                [UnitChangeLink(change=change, predecessor=old, successor=new) for old in olds for new in news]
                or [UnitChangeLink(change=change, predecessor=old, successor=None) for old in olds]
            )
        for new in news:
            if new.valid_from is not None and new.valid_from > effective_on:
                new.valid_from = effective_on
                new.save(update_fields=["valid_from", "updated_at"])
                # Its first name and first parent start with it, or the tree of that day would lose it.
                for first in (
                    UnitName.objects.filter(unit=new).order_by(F("valid_from").asc(nulls_first=True)).first(),
                    UnitParentage.objects.filter(unit=new).order_by(F("valid_from").asc(nulls_first=True)).first(),
                ):
                    if first is not None and first.valid_from is not None and first.valid_from > effective_on:
                        first.valid_from = effective_on
                        first.save(update_fields=["valid_from", "updated_at"])
        if kind in _ENDING_KINDS:
            primary = news[0] if news else None
            for old in olds:
                _end(unit=old, last_day=last_day)
                if primary is not None:
                    for child in old.children.all():
                        if child.is_valid_on(effective_on):
                            _unit_move(unit=child, parent=primary, effective_on=effective_on)
                    succession_carry(
                        Succession(
                            change=change, predecessor=old, successor=primary, effective_on=effective_on, actor=actor
                        )
                    )
        audit.unit_change_recorded_event(change=change, actor=actor, units=involved)
    return change


def _rename(*, unit: Unit, name: str, short_name: str, effective_on: dt.date) -> None:
    UnitName.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=effective_on - dt.timedelta(days=1))
    UnitName.objects.create(unit=unit, name=name, short_name=short_name, valid_from=effective_on)
    unit.name, unit.short_name = name, short_name
    unit.save(update_fields=["name", "short_name", "search_name", "updated_at"])


def _end(*, unit: Unit, last_day: dt.date) -> None:
    """A unit with history is never deleted: it ends, with a date."""
    unit.valid_to = last_day
    unit.save(update_fields=["valid_to", "updated_at"])
    UnitName.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=last_day)
    UnitParentage.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=last_day)
