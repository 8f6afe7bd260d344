"""Factories of the movements app: movements made through the service (S24)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.movements.choices import MovementKind
from thidua.movements.models import Movement
from thidua.movements.services import movement_launch
from thidua.organizations.models import Unit

YEAR = 2019


def movement_make(unit: Unit, **overrides: Any) -> Movement:
    """A movement of ``unit`` over 2019, launched on 20 February, as the system."""
    fields: dict[str, Any] = {
        "kind": MovementKind.ANNUAL,
        "title": "Phong trào thi đua yêu nước năm 2019",
        "launched_on": dt.date(YEAR, 2, 20),
        "starts_on": dt.date(YEAR, 1, 1),
        "ends_on": dt.date(YEAR, 12, 31),
    }
    fields.update(overrides)
    return movement_launch(actor=None, unit=unit, **fields)
