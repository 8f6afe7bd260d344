"""Factories of the initiatives app: initiatives go through ``initiative_create`` (S24)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from thidua.initiatives.choices import InitiativeField, RecognitionLevel
from thidua.initiatives.models import Initiative
from thidua.initiatives.services import AuthorInput, InitiativeInput, initiative_create, initiative_recognise
from thidua.organizations.models import Unit
from thidua.people.models import Person

APPLIED = dt.date(2019, 3, 1)


def initiative_make(
    *,
    unit: Unit,
    authors: list[Person],
    title: str = "Cải tiến quy trình tiếp nhận hồ sơ",
    applied_on: dt.date = APPLIED,
    conditions: bool = True,
    **fields: Any,
) -> Initiative:
    """A recorded initiative (by the system) whose authors share 100 % equally, rounded down."""
    share = (Decimal(100) / len(authors)).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    return initiative_create(
        actor=None,
        unit=unit,
        data=InitiativeInput(
            title=title,
            field=InitiativeField.MANAGEMENT,
            applied_on=applied_on,
            is_novel=conditions,
            is_applied=conditions,
            is_not_excluded=conditions,
            **fields,
        ),
        authors=[AuthorInput(person=p, share=share) for p in authors],
    )


def recognise(initiative: Initiative, level: str = RecognitionLevel.BASE, on: dt.date = dt.date(2019, 11, 15)) -> None:
    initiative_recognise(
        actor=None,
        initiative=initiative,
        level=level,
        recognising_body="Giám đốc Sở",
        decision_number=f"{initiative.pk}/QĐ-{level}",
        decision_date=on,
        recognised_on=on,
    )
