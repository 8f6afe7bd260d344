"""Recording and correcting initiatives (sáng kiến) with their authors and attachments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from thidua.core.files import validate_attachment
from thidua.initiatives import audit
from thidua.initiatives.errors import (
    AppliedOnLocked,
    AuthorNotInUnit,
    AuthorsInvalid,
    InitiativeInvalid,
    InitiativeNotEditable,
)
from thidua.initiatives.models import Initiative, InitiativeAttachment, InitiativeAuthor, InitiativeRecognition
from thidua.initiatives.permissions import can_manage_initiatives_of
from thidua.people.models import Assignment

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from thidua.accounts.models import User
    from thidua.organizations.models import Unit
    from thidua.people.models import Person


@dataclass(frozen=True)
class AuthorInput:
    person: Person
    share: Decimal
    is_from_other_unit: bool = False


@dataclass(frozen=True)
class InitiativeInput:
    """The fields a unit fills in (everything but the unit, the authors and the recognitions)."""

    title: str
    field: str
    applied_on: dt.date
    description: str = ""
    benefit: str = ""
    is_novel: bool = False
    novel_note: str = ""
    is_applied: bool = False
    applied_note: str = ""
    is_not_excluded: bool = False
    not_excluded_note: str = ""


_FIELDS = tuple(InitiativeInput.__dataclass_fields__)


def _check_authors(authors: Sequence[AuthorInput], *, unit: Unit, applied_on: dt.date) -> None:
    """At least one author, no one twice, shares in (0, 100] adding up to at most 100; each in the unit that day.

    One query: the authors not flagged as from another unit who hold a post in ``unit`` on ``applied_on``.
    """
    person_ids = [a.person.pk for a in authors]
    if not authors or len(set(person_ids)) != len(person_ids):
        raise AuthorsInvalid()
    if any(not (0 < a.share <= 100) for a in authors) or sum(a.share for a in authors) > 100:
        raise AuthorsInvalid()
    inside = {a.person.pk for a in authors if not a.is_from_other_unit}
    if not inside:
        return
    present = set(
        Assignment.objects.filter(person_id__in=inside, unit=unit, starts_on__lte=applied_on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=applied_on))
        .values_list("person_id", flat=True)
    )
    missing = sorted(a.person.full_name for a in authors if a.person.pk in inside - present)
    if missing:
        raise AuthorNotInUnit(fields={"authors": [", ".join(missing)]})


def _check_attachments(attachments: Sequence[UploadedFile]) -> None:
    messages: list[str] = []
    for upload in attachments:
        try:
            validate_attachment(upload)
        except ValidationError as error:
            messages += [str(m) for m in error.messages]
    if messages:
        raise InitiativeInvalid(fields={"attachment": messages})


def _full_clean(initiative: Initiative) -> None:
    try:
        initiative.full_clean(exclude=["unit"])
    except ValidationError as error:
        fields = {name: [str(m) for m in msgs] for name, msgs in error.message_dict.items()}
        raise InitiativeInvalid(fields=fields) from error


def _normalise(data: InitiativeInput) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in _FIELDS}
    values["title"] = " ".join(data.title.split())
    return values


def _save_authors(initiative: Initiative, authors: Sequence[AuthorInput]) -> list[dict[str, Any]]:
    InitiativeAuthor.objects.bulk_create(
        InitiativeAuthor(initiative=initiative, person=a.person, share=a.share, is_from_other_unit=a.is_from_other_unit)
        for a in authors
    )
    return [
        {"person_id": a.person.pk, "share": str(a.share), "is_from_other_unit": a.is_from_other_unit} for a in authors
    ]


def _save_attachments(initiative: Initiative, attachments: Sequence[UploadedFile]) -> None:
    for upload in attachments:
        name = (upload.name or "tep")[-200:]
        InitiativeAttachment.objects.create(initiative=initiative, file=upload, name=name)


def initiative_create(
    *,
    actor: User | None,
    unit: Unit,
    data: InitiativeInput,
    authors: Sequence[AuthorInput],
    attachments: Sequence[UploadedFile] = (),
) -> Initiative:
    """Record an initiative of ``unit`` with its authors (and attachments), in one transaction with its audit event.

    ``actor=None`` is the system (demo loader). Refuses with InitiativeNotEditable unless the actor holds a role of
    the unit itself (officer or head), AuthorsInvalid, AuthorNotInUnit, InitiativeInvalid. Nothing is written on a
    refusal. A likely duplicate is not refused: callers warn with ``initiative_find_duplicates``.
    """
    if actor is not None and not can_manage_initiatives_of(actor, unit=unit):
        raise InitiativeNotEditable()
    initiative = Initiative(unit=unit, **_normalise(data))
    _full_clean(initiative)
    _check_authors(authors, unit=unit, applied_on=data.applied_on)
    _check_attachments(attachments)
    with transaction.atomic():
        initiative.save()
        summary = _save_authors(initiative, authors)
        _save_attachments(initiative, attachments)
        audit.initiative_created_event(initiative=initiative, authors=summary, actor=actor)
    return initiative


def initiative_update(
    *,
    actor: User | None,
    initiative: Initiative,
    data: InitiativeInput,
    authors: Sequence[AuthorInput],
    attachments: Sequence[UploadedFile] = (),
) -> Initiative:
    """Correct an initiative and replace its authors. The unit does not change (it is the unit at the time).

    Once recognised, its date of application may not move after the first recognition. Refuses like
    ``initiative_create``, and with AppliedOnLocked.
    """
    if actor is not None and not can_manage_initiatives_of(actor, unit=initiative.unit):
        raise InitiativeNotEditable()
    _check_attachments(attachments)
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().select_related("unit").get(pk=initiative.pk)
        previous_authors = [
            {"person_id": a.person_id, "share": str(a.share), "is_from_other_unit": a.is_from_other_unit}
            for a in locked.authors.all()
        ]
        before = audit.initiative_summary(locked, previous_authors)
        for name, value in _normalise(data).items():
            setattr(locked, name, value)
        _full_clean(locked)
        first = InitiativeRecognition.objects.filter(initiative=locked).order_by("recognised_on").first()
        if first is not None and data.applied_on > first.recognised_on:
            raise AppliedOnLocked()
        _check_authors(authors, unit=locked.unit, applied_on=data.applied_on)
        locked.save()
        locked.authors.all().delete()
        summary = _save_authors(locked, authors)
        _save_attachments(locked, attachments)
        audit.initiative_updated_event(initiative=locked, before=before, authors=summary, actor=actor)
    return locked
