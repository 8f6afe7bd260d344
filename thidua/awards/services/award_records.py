"""Recording titles and awards already received (history, imported or from a decision), and revoking them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards import audit
from thidua.awards.choices import TitleSubject
from thidua.awards.errors import AwardAlreadyRevoked, FactConflict, FactInvalid
from thidua.awards.models import AwardRecord, AwardRecordKind, AwardRecordSource, Title
from thidua.awards.services._common import add, check_reach, date_error, full_clean, raise_if, subject_of, year_error

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit
    from thidua.people.models import Person


@dataclass(frozen=True)
class AwardRecordInput:
    title: Title
    year: int
    decision_number: str
    decided_on: dt.date
    decided_by_body: str = ""
    kind: str = AwardRecordKind.MERIT
    source: str = AwardRecordSource.IMPORTED
    note: str = ""


def award_record_summary(record: AwardRecord) -> dict[str, Any]:
    return {
        "person_id": record.person_id,
        "unit_id": record.unit_id,
        "title": record.title.code,
        "year": record.year,
        "decision_number": record.decision_number,
        "decided_on": record.decided_on.isoformat(),
        "decided_by_body": record.decided_by_body,
        "kind": record.kind,
        "source": record.source,
    }


def award_record_errors(data: AwardRecordInput, *, is_person: bool, now: dt.datetime | None) -> dict[str, list[str]]:
    """Field errors of one award: year and decision date, a decision not before the achievement year, a title that
    the subject may receive, a known kind and source."""
    errors: dict[str, list[str]] = {}
    add(errors, "year", year_error(data.year, now=now))
    add(errors, "decided_on", date_error(data.decided_on, now=now))
    if "year" not in errors and "decided_on" not in errors and data.decided_on.year < data.year:
        add(errors, "decided_on", _("Quyết định không thể trước năm đạt thành tích."))
    subject = TitleSubject.INDIVIDUAL if is_person else TitleSubject.COLLECTIVE
    if data.title.subject not in (subject, TitleSubject.BOTH):
        add(errors, "title", _("Danh hiệu, hình thức này không dành cho loại đối tượng đã chọn."))
    if not data.decision_number.strip():
        add(errors, "decision_number", _("Cần số quyết định."))
    if data.kind not in AwardRecordKind.values:
        add(errors, "kind", _("Loại khen thưởng không hợp lệ."))
    if data.source not in AwardRecordSource.values:
        add(errors, "source", _("Nguồn không hợp lệ."))
    return errors


def award_record_create(
    *,
    actor: User | None,
    data: AwardRecordInput,
    person: Person | None = None,
    unit: Unit | None = None,
    now: dt.datetime | None = None,
) -> AwardRecord:
    """Record a title or award the person or collective received for ``data.year``.

    Refuses with FactNotEditable (subject out of the actor's reach), FactInvalid (see ``award_record_errors``) and
    FactConflict when the same decision already awards the same title for the same year to the subject.
    """
    person, unit = subject_of(person=person, unit=unit)
    raise_if(award_record_errors(data, is_person=person is not None, now=now))
    check_reach(actor, person=person, unit=unit, year=data.year)
    record = AwardRecord(
        person=person,
        unit=unit,
        title=data.title,
        year=data.year,
        decision_number=data.decision_number.strip(),
        decided_on=data.decided_on,
        decided_by_body=data.decided_by_body.strip(),
        kind=data.kind,
        source=data.source,
        note=data.note.strip(),
    )
    full_clean(record, exclude=["person", "unit", "title"])
    with transaction.atomic():
        duplicate = AwardRecord.objects.filter(
            person=person, unit=unit, title=data.title, year=data.year, decision_number=record.decision_number
        ).exists()
        if duplicate:
            raise FactConflict()
        record.save()
        audit.fact_created_event(
            action="awards.award_record_created", fact=record, after=award_record_summary(record), actor=actor
        )
    return record


def award_record_revoke(
    *,
    actor: User | None,
    record: AwardRecord,
    revoked_on: dt.date,
    reference: str,
    reason: str,
    now: dt.datetime | None = None,
) -> AwardRecord:
    """Revoke an award (hủy bỏ quyết định khen thưởng, Luật 06/2022 chương VII) with the revoking decision and the
    reason. The row stays, flagged: revoked awards stop counting in every rule.

    Refuses with FactNotEditable, FactInvalid (no reference or reason; a date before the award's decision or in the
    future) and AwardAlreadyRevoked. Locks the row.
    """
    check_reach(actor, person=record.person, unit=record.unit, year=record.year)
    errors: dict[str, list[str]] = {}
    add(errors, "revoked_on", date_error(revoked_on, now=now))
    if not reference.strip():
        add(errors, "reference", _("Cần số, ngày của quyết định hủy bỏ."))
    if not reason.strip():
        add(errors, "reason", _("Cần lý do hủy bỏ."))
    raise_if(errors)
    with transaction.atomic():
        locked = AwardRecord.objects.select_for_update().select_related("title").get(pk=record.pk)
        if locked.is_revoked:
            raise AwardAlreadyRevoked()
        if revoked_on < locked.decided_on:
            raise FactInvalid(fields={"revoked_on": [_("Ngày hủy bỏ không thể trước ngày quyết định khen thưởng.")]})
        locked.is_revoked = True
        locked.revoked_on = revoked_on
        locked.revocation_reference = reference.strip()[:120]
        locked.revocation_reason = reason.strip()[:1000]
        locked.save(
            update_fields=["is_revoked", "revoked_on", "revocation_reference", "revocation_reason", "updated_at"]
        )
        audit.award_record_revoked_event(
            record=locked,
            after={
                "is_revoked": True,
                "revoked_on": revoked_on.isoformat(),
                "reference": locked.revocation_reference,
                "reason": locked.revocation_reason,
            },
            actor=actor,
        )
    return locked


def award_record_delete(*, actor: User | None, record: AwardRecord) -> None:
    """Delete an award imported by mistake (not a revocation: a revoked award is kept). The event keeps the row."""
    check_reach(actor, person=record.person, unit=record.unit, year=record.year)
    with transaction.atomic():
        locked = AwardRecord.objects.select_for_update().select_related("title").get(pk=record.pk)
        audit.fact_deleted_event(
            action="awards.award_record_deleted", fact=locked, before=award_record_summary(locked), actor=actor
        )
        locked.delete()
