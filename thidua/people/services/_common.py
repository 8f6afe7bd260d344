"""Shared checks of the people services (private to the package)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from thidua.organizations.models import Unit
from thidua.people.errors import PersonInvalid, UnitNotActive


def full_clean_or_refuse(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run the model's validation; a failure becomes a PersonInvalid with Vietnamese per-field messages."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        raise PersonInvalid(fields=fields) from error


def check_unit_active(unit: Unit, *, on: dt.date, today: dt.date | None = None) -> None:
    """A new post needs a unit that exists on its first day and has not already closed (its people moved on)."""
    today = today or timezone.localdate()
    if not unit.is_valid_on(on) or (unit.valid_to is not None and unit.valid_to < today):
        raise UnitNotActive()
