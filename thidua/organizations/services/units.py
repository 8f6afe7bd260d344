from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from thidua.organizations import audit
from thidua.organizations.errors import UnitNotManageable
from thidua.organizations.models import Unit
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
    """Create a unit (đơn vị) under ``parent`` and give it its tree path. ``actor=None`` is the system."""
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
        audit.unit_created_event(unit=unit, actor=actor, legal_basis=legal_basis)
    return unit
