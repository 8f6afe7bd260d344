"""Movements (phong trào thi đua): launching one, and its mid-term and final reviews (sơ kết, tổng kết)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model

from thidua.core.exceptions import ValidationFailed
from thidua.core.files import validate_attachment
from thidua.movements import audit
from thidua.movements.choices import MovementReviewKind, MovementStatus
from thidua.movements.errors import (
    MovementClosed,
    MovementNotLaunchable,
    MovementNotManageable,
    MovementPeriodInvalid,
    MovementReviewExists,
    MovementReviewTooEarly,
    MovementUnitOutsideBloc,
)
from thidua.movements.models import Movement, MovementReview
from thidua.movements.permissions import can_launch_movement, can_manage_movement

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit

# Status after each kind of review: a final review closes the movement, with or without a mid-term one.
_STATUS_AFTER = {
    MovementReviewKind.MID_TERM: MovementStatus.MID_TERM_REVIEWED,
    MovementReviewKind.FINAL: MovementStatus.FINAL_REVIEWED,
}


def _full_clean_or_refuse(instance: Model) -> None:
    try:
        instance.full_clean()
    except DjangoValidationError as error:
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        raise ValidationFailed(fields=fields) from error


def _check_attachment(upload: UploadedFile | None, field: str) -> None:
    """Re-check the file in the core (S12): PDF, DOCX, XLSX, JPEG or PNG by content, within the size limit."""
    if upload is None:
        return
    try:
        validate_attachment(upload)
    except DjangoValidationError as error:
        raise ValidationFailed(error.messages[0], fields={field: list(error.messages)}) from error


def movement_launch(
    *,
    actor: User | None,
    unit: Unit,
    bloc: Bloc | None = None,
    kind: str,
    title: str,
    launched_on: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
    goals: str = "",
    target_participants: str = "",
    awards: str = "",
    plan_document: UploadedFile | None = None,
) -> Movement:
    """Record a launched movement in the name of ``unit`` (and of ``bloc`` when a khối launches it).

    ``actor=None`` is the system (the demo loader). A bloc's launching unit must belong to the bloc's province.
    """
    if actor is not None and not can_launch_movement(actor, unit=unit, bloc=bloc):
        raise MovementNotLaunchable()
    if bloc is not None and not unit.path.startswith(bloc.province.path):
        raise MovementUnitOutsideBloc(fields={"launched_by_unit": [str(MovementUnitOutsideBloc.default_message)]})
    if ends_on < starts_on:
        raise MovementPeriodInvalid(fields={"ends_on": [str(MovementPeriodInvalid.default_message)]})
    _check_attachment(plan_document, "plan_document")
    with transaction.atomic():
        movement = Movement(
            kind=kind,
            title=title.strip(),
            launched_by_unit=unit,
            bloc=bloc,
            launched_on=launched_on,
            starts_on=starts_on,
            ends_on=ends_on,
            goals=goals.strip(),
            target_participants=target_participants.strip(),
            awards=awards.strip(),
            status=MovementStatus.LAUNCHED,
            launched_by=actor,
        )
        if plan_document is not None:
            movement.plan_document = plan_document
        _full_clean_or_refuse(movement)
        movement.save()
        audit.movement_launched_event(movement=movement, actor=actor)
    return movement


def movement_review_add(
    *,
    actor: User | None,
    movement: Movement,
    kind: str,
    held_on: dt.date,
    summary: str,
    attachment: UploadedFile | None = None,
) -> MovementReview:
    """Record the mid-term (sơ kết) or final (tổng kết) review of a movement and move its status on.

    Runs under a lock on the movement row. Refused: a review before the launch date (or a final one before the
    mid-term), a second review of the same kind, and any review once the final one closed the movement.
    """
    if actor is not None and not can_manage_movement(actor, movement=movement):
        raise MovementNotManageable()
    _check_attachment(attachment, "attachment")
    with transaction.atomic():
        # Lock only the movement: PostgreSQL cannot lock the nullable side of the bloc outer join.
        locked = (
            Movement.objects.select_for_update(of=("self",))
            .select_related("launched_by_unit", "bloc")
            .get(pk=movement.pk)
        )
        if locked.is_closed:
            raise MovementClosed()
        earlier = list(locked.reviews.all())
        if any(review.kind == kind for review in earlier):
            raise MovementReviewExists()
        not_before = max([locked.launched_on, *(review.held_on for review in earlier)])
        if held_on < not_before:
            raise MovementReviewTooEarly(fields={"held_on": [str(MovementReviewTooEarly.default_message)]})
        review = MovementReview(movement=locked, kind=kind, held_on=held_on, summary=summary.strip(), recorded_by=actor)
        if attachment is not None:
            review.attachment = attachment
        _full_clean_or_refuse(review)
        old_status = locked.status
        review.save()
        locked.status = _STATUS_AFTER[MovementReviewKind(kind)]
        locked.save(update_fields=["status", "updated_at"])
        audit.movement_reviewed_event(review=review, actor=actor, old_status=old_status)
    return review
