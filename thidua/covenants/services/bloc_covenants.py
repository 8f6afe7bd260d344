"""A bloc's covenant (giao ước thi đua của khối): draft, targets, open, acknowledge, in force.

Life cycle (HD 1479/HD-BTĐKT 2016; DOMAIN §2.3 step 4): the bloc secretariat or the province office drafts the
covenant and its targets per member, then opens it; each member unit's head acknowledges it; when every member
unit of the bloc-year has acknowledged, the covenant is in force. Every transition locks the covenant row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from thidua.covenants import audit
from thidua.covenants.choices import CovenantStatus
from thidua.covenants.errors import (
    CovenantAcknowledgeRefused,
    CovenantAlreadyAcknowledged,
    CovenantExists,
    CovenantNoMembers,
    CovenantNotDraft,
    CovenantNotManageable,
    CovenantNotOpen,
    CovenantUnitNotMember,
)
from thidua.covenants.models import BlocCovenant, CovenantAcknowledgement, CovenantTarget
from thidua.covenants.permissions import can_acknowledge_for, can_manage_bloc_covenant
from thidua.covenants.services._common import TargetInput, check_attachment, full_clean_or_refuse, member_unit_ids

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit


def _check_manage(actor: User | None, bloc: Bloc) -> None:
    """``actor=None`` is the system (demo loader); anyone else must be the bloc's secretariat or province office."""
    if actor is not None and not can_manage_bloc_covenant(actor, bloc=bloc):
        raise CovenantNotManageable()


def _lock(covenant: BlocCovenant) -> BlocCovenant:
    return BlocCovenant.objects.select_for_update().select_related("bloc").get(pk=covenant.pk)


def bloc_covenant_create(
    *,
    actor: User | None,
    bloc: Bloc,
    year: int,
    content: str,
    signed_on: dt.date | None = None,
    attachment: UploadedFile | None = None,
    targets: Sequence[tuple[Unit, TargetInput]] = (),
) -> BlocCovenant:
    """Draft the bloc's covenant for ``year`` (one per bloc and year), with targets of its member units."""
    _check_manage(actor, bloc)
    check_attachment(attachment)
    rows = [
        CovenantTarget(unit=unit, text=t.text.strip(), value=t.value, value_unit=t.value_unit) for unit, t in targets
    ]
    for row in rows:
        full_clean_or_refuse(row, exclude=["bloc_covenant", "unit_covenant", "unit"])
    covenant = BlocCovenant(bloc=bloc, year=year, content=content.strip(), signed_on=signed_on, created_by=actor)
    if attachment is not None:
        covenant.attachment = attachment
    full_clean_or_refuse(covenant, exclude=["bloc", "attachment"])
    with transaction.atomic():
        if BlocCovenant.objects.filter(bloc=bloc, year=year).exists():
            raise CovenantExists()
        try:
            with transaction.atomic():
                covenant.save()
        except IntegrityError as error:
            raise CovenantExists() from error
        members = member_unit_ids(bloc, year)
        for row in rows:
            if row.unit_id not in members:
                raise CovenantUnitNotMember(fields={"targets": [str(CovenantUnitNotMember.default_message)]})
            row.bloc_covenant = covenant
        CovenantTarget.objects.bulk_create(rows)
        audit.bloc_covenant_created_event(covenant=covenant, actor=actor)
    return covenant


def bloc_covenant_update(
    *,
    actor: User | None,
    covenant: BlocCovenant,
    content: str,
    signed_on: dt.date | None,
    attachment: UploadedFile | None = None,
) -> BlocCovenant:
    """Edit a draft covenant's content, signing date and (when given) its attachment."""
    _check_manage(actor, covenant.bloc)
    check_attachment(attachment)
    with transaction.atomic():
        locked = _lock(covenant)
        if not locked.is_draft:
            raise CovenantNotDraft()
        before = {"content": locked.content[:300], "signed_on": str(locked.signed_on)}
        locked.content = content.strip()
        locked.signed_on = signed_on
        if attachment is not None:
            locked.attachment = attachment
        full_clean_or_refuse(locked, exclude=["bloc", "attachment"])
        locked.save()
        audit.bloc_covenant_updated_event(covenant=locked, actor=actor, before=before)
    return locked


def bloc_covenant_target_add(
    *, actor: User | None, covenant: BlocCovenant, unit: Unit, target: TargetInput
) -> CovenantTarget:
    """Add a target of one member unit to a draft covenant."""
    _check_manage(actor, covenant.bloc)
    with transaction.atomic():
        locked = _lock(covenant)
        if not locked.is_draft:
            raise CovenantNotDraft()
        if unit.pk not in member_unit_ids(locked.bloc, locked.year):
            raise CovenantUnitNotMember(fields={"unit": [str(CovenantUnitNotMember.default_message)]})
        row = CovenantTarget(
            bloc_covenant=locked, unit=unit, text=target.text.strip(), value=target.value, value_unit=target.value_unit
        )
        full_clean_or_refuse(row, exclude=["bloc_covenant", "unit_covenant", "unit"])
        row.save()
        audit.target_added_event(target=row, actor=actor)
    return row


def bloc_covenant_open(*, actor: User | None, covenant: BlocCovenant, now: dt.datetime | None = None) -> BlocCovenant:
    """Open a draft covenant for acknowledgement by the member units (the bloc-year must have members)."""
    _check_manage(actor, covenant.bloc)
    with transaction.atomic():
        locked = _lock(covenant)
        if not locked.is_draft:
            raise CovenantNotDraft()
        if not member_unit_ids(locked.bloc, locked.year):
            raise CovenantNoMembers()
        locked.status = CovenantStatus.OPEN
        locked.opened_at = now or timezone.now()
        locked.save(update_fields=["status", "opened_at", "updated_at"])
        audit.bloc_covenant_opened_event(covenant=locked, actor=actor)
    return locked


def covenant_acknowledge(
    *, actor: User | None, covenant: BlocCovenant, unit: Unit, now: dt.datetime | None = None
) -> CovenantAcknowledgement:
    """The head of a member unit acknowledges the open covenant for the unit (once per unit).

    When the last member unit of the bloc-year acknowledges, the covenant moves to "in force" in the same
    transaction. ``actor=None`` is the system recording a paper acknowledgement (demo loader).
    """
    if actor is not None and not can_acknowledge_for(actor, unit=unit):
        raise CovenantAcknowledgeRefused()
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(covenant)
        if not locked.is_open:
            if _acknowledged(locked, unit):
                raise CovenantAlreadyAcknowledged()
            raise CovenantNotOpen()
        members = member_unit_ids(locked.bloc, locked.year)
        if unit.pk not in members:
            raise CovenantUnitNotMember()
        if _acknowledged(locked, unit):
            raise CovenantAlreadyAcknowledged()
        acknowledgement = CovenantAcknowledgement.objects.create(
            covenant=locked, unit=unit, acknowledged_by=actor, acknowledged_at=now
        )
        audit.acknowledged_event(acknowledgement=acknowledgement, actor=actor)
        done = set(CovenantAcknowledgement.objects.filter(covenant=locked).values_list("unit_id", flat=True))
        if members <= done:
            locked.status = CovenantStatus.IN_FORCE
            locked.in_force_at = now
            locked.save(update_fields=["status", "in_force_at", "updated_at"])
            audit.in_force_event(covenant=locked, actor=actor)
    covenant.status, covenant.in_force_at = locked.status, locked.in_force_at
    return acknowledgement


def _acknowledged(covenant: BlocCovenant, unit: Unit) -> bool:
    return CovenantAcknowledgement.objects.filter(covenant=covenant, unit=unit).exists()
