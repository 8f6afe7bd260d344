from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr

from thidua.organizations import audit
from thidua.organizations.errors import UnitNotManageable
from thidua.organizations.models import Unit, UnitName, UnitParentage
from thidua.organizations.permissions import can_manage_unit

if TYPE_CHECKING:
    from thidua.accounts.models import User


def unit_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None = None,
    short_name: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    legal_basis: str = "",
) -> Unit:
    """Create a unit (đơn vị) under ``parent``: its tree path, its first name row and its parentage row.

    ``actor=None`` is the system. Creating a province (no parent) is for the system only.
    """
    if actor is not None and not can_manage_unit(actor, parent=parent):
        raise UnitNotManageable()
    with transaction.atomic():
        unit = Unit(
            code=code,
            name=name,
            short_name=short_name,
            kind=kind,
            parent=parent,
            valid_from=valid_from,
            valid_to=valid_to,
            path="/pending/",
        )
        unit.full_clean()
        unit.save()
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.save(update_fields=["path"])
        UnitName.objects.create(unit=unit, name=name, short_name=short_name, valid_from=valid_from, valid_to=valid_to)
        if parent is not None:
            UnitParentage.objects.create(unit=unit, parent=parent, valid_from=valid_from, valid_to=valid_to)
        audit.unit_created_event(unit=unit, actor=actor, legal_basis=legal_basis)
    return unit


def unit_update(*, actor: User | None, unit: Unit, kind: str, short_name: str, valid_from: dt.date | None) -> Unit:
    """Correct a unit's reference data (type, short name, start date). A new *name* is a rename: ``unit_change_record``."""
    if actor is not None and not can_manage_unit(actor, parent=unit.parent):
        raise UnitNotManageable()
    with transaction.atomic():
        locked = Unit.objects.select_for_update().get(pk=unit.pk)
        before = {"kind": locked.kind, "short_name": locked.short_name, "valid_from": str(locked.valid_from or "")}
        locked.kind, locked.short_name, locked.valid_from = kind, short_name, valid_from
        locked.full_clean()
        locked.save(update_fields=["kind", "short_name", "valid_from", "search_name", "updated_at"])
        UnitName.objects.filter(unit=locked, valid_to__isnull=True).update(short_name=short_name)
        after = {"kind": kind, "short_name": short_name, "valid_from": str(valid_from or "")}
        audit.unit_updated_event(unit=locked, actor=actor, before=before, after=after)
    return locked


def _unit_move(*, unit: Unit, parent: Unit, effective_on: dt.date) -> None:
    """Put ``unit`` (and its subtree) under ``parent`` from ``effective_on``; the old parentage ends the day before.

    Caller holds the transaction. Permission scopes follow the new position; history keeps the old one.
    """
    last_day = effective_on - dt.timedelta(days=1)
    UnitParentage.objects.filter(unit=unit, valid_to__isnull=True).update(valid_to=last_day)
    UnitParentage.objects.create(unit=unit, parent=parent, valid_from=effective_on)
    old_path, new_path = unit.path, f"{parent.path}{unit.pk}/"
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
    )
    Unit.objects.filter(pk=unit.pk).update(parent=parent)
    unit.parent, unit.path = parent, new_path
