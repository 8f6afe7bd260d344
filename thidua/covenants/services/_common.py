"""Shared steps of the covenant services: attachments, full_clean, the members of a bloc-year, targets."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model

from thidua.core.exceptions import ValidationFailed
from thidua.core.files import validate_attachment
from thidua.emulation.models import BlocMembership

if TYPE_CHECKING:
    from thidua.emulation.models import Bloc


@dataclass(frozen=True)
class TargetInput:
    """One target as entered: its text, and an optional numeric value with its unit of measure."""

    text: str
    value: Decimal | None = None
    value_unit: str = ""


def check_attachment(upload: UploadedFile | None) -> None:
    """Re-check an upload in the core (the form checked it at the edge): content, not name (core/files.py)."""
    if upload is None:
        return
    try:
        validate_attachment(upload)
    except DjangoValidationError as error:
        raise ValidationFailed(error.messages[0], fields={"attachment": error.messages}) from error


def full_clean_or_refuse(instance: Model, *, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except DjangoValidationError as error:
        fields = {name: [str(m) for m in messages] for name, messages in error.message_dict.items()}
        raise ValidationFailed(fields=fields) from error


def member_unit_ids(bloc: Bloc, year: int) -> set[int]:
    """The units that must acknowledge the bloc's covenant of ``year``: its seats of that year not ended mid-year."""
    return set(
        BlocMembership.objects.filter(bloc=bloc, year=year, left_on__isnull=True).values_list("unit_id", flat=True)
    )
