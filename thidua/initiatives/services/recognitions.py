"""Recognising initiatives (công nhận sáng kiến): one level at a time, only upwards, history kept."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.initiatives import audit
from thidua.initiatives.choices import LEVEL_RANK, RecognitionLevel
from thidua.initiatives.errors import (
    ConditionsNotMet,
    InitiativeInvalid,
    RecognitionBeforeApplied,
    RecognitionLevelNotHigher,
    RecognitionNotAllowed,
    RecognitionOutOfOrder,
)
from thidua.initiatives.models import Initiative, InitiativeRecognition
from thidua.initiatives.permissions import can_recognise_at

if TYPE_CHECKING:
    from thidua.accounts.models import User


def initiative_recognise(
    *,
    actor: User | None,
    initiative: Initiative,
    level: str,
    recognising_body: str,
    decision_number: str,
    decision_date: dt.date,
    recognised_on: dt.date,
) -> InitiativeRecognition:
    """Record a recognition decision and make ``level`` the initiative's current level.

    Locks the initiative row, so two recognitions of the same initiative run one after the other. Refuses with
    RecognitionNotAllowed (cơ sở: the unit head; tỉnh, toàn quốc: the province office), ConditionsNotMet (ND 13/2012
    Art 3, DOMAIN R22), RecognitionBeforeApplied, RecognitionLevelNotHigher (no second recognition at the same level,
    never downwards), RecognitionOutOfOrder (before the latest recognition), InitiativeInvalid.
    """
    level = RecognitionLevel(level)
    if actor is not None and not can_recognise_at(actor, unit=initiative.unit, level=level):
        raise RecognitionNotAllowed()
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().select_related("unit").get(pk=initiative.pk)
        if not locked.meets_conditions:
            raise ConditionsNotMet()
        if recognised_on < locked.applied_on:
            raise RecognitionBeforeApplied()
        previous = locked.current_level
        if previous and LEVEL_RANK[RecognitionLevel(previous)] >= LEVEL_RANK[level]:
            raise RecognitionLevelNotHigher()
        latest = InitiativeRecognition.objects.filter(initiative=locked).order_by("-recognised_on").first()
        if latest is not None and recognised_on < latest.recognised_on:
            raise RecognitionOutOfOrder()
        recognition = InitiativeRecognition(
            initiative=locked,
            level=level,
            recognising_body=" ".join(recognising_body.split()),
            decision_number=decision_number.strip(),
            decision_date=decision_date,
            recognised_on=recognised_on,
            recorded_by=actor,
        )
        try:
            recognition.full_clean(exclude=["initiative", "recorded_by"])
        except ValidationError as error:
            fields = {name: [str(m) for m in msgs] for name, msgs in error.message_dict.items()}
            raise InitiativeInvalid(fields=fields) from error
        recognition.save()
        locked.current_level = level
        locked.recognised_year = recognised_on.year
        locked.save(update_fields=["current_level", "recognised_year", "updated_at"])
        audit.initiative_recognised_event(recognition=recognition, previous_level=previous, actor=actor)
    return recognition
