"""Recording discipline and the cases being verified that block awards (R16)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards import audit
from thidua.awards.errors import CaseAlreadyClosed, FactConflict, FactInvalid
from thidua.awards.models import DisciplineLevelChoice, DisciplineRecord, PendingCase, PendingCaseKind
from thidua.awards.services._common import add, check_reach, date_error, full_clean, raise_if, subject_of

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit
    from thidua.people.models import Person


@dataclass(frozen=True)
class DisciplineInput:
    level: str
    decided_on: dt.date
    decision_number: str
    ends_on: dt.date | None = None
    note: str = ""


def discipline_summary(record: DisciplineRecord) -> dict[str, Any]:
    return {
        "person_id": record.person_id,
        "level": record.level,
        "decided_on": record.decided_on.isoformat(),
        "ends_on": record.ends_on.isoformat() if record.ends_on else None,
        "decision_number": record.decision_number,
    }


def discipline_errors(data: DisciplineInput, *, now: dt.datetime | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.level not in DisciplineLevelChoice.values:
        add(errors, "level", _("Hình thức kỷ luật không hợp lệ."))
    add(errors, "decided_on", date_error(data.decided_on, now=now))
    if data.ends_on is not None and data.ends_on < data.decided_on:
        add(errors, "ends_on", _("Ngày hết thời hạn không thể trước ngày quyết định."))
    if not data.decision_number.strip():
        add(errors, "decision_number", _("Cần số quyết định."))
    return errors


def discipline_record_create(
    *, actor: User | None, person: Person, data: DisciplineInput, now: dt.datetime | None = None
) -> DisciplineRecord:
    """Record a disciplinary measure on ``person``. Refuses with FactNotEditable, FactInvalid, and FactConflict when
    the same decision is already recorded for the person."""
    raise_if(discipline_errors(data, now=now))
    check_reach(actor, person=person, unit=None, year=data.decided_on.year)
    record = DisciplineRecord(
        person=person,
        level=data.level,
        decided_on=data.decided_on,
        ends_on=data.ends_on,
        decision_number=data.decision_number.strip(),
        note=data.note.strip(),
    )
    full_clean(record, exclude=["person"])
    with transaction.atomic():
        if DisciplineRecord.objects.filter(
            person=person, decision_number=record.decision_number, decided_on=data.decided_on
        ).exists():
            raise FactConflict()
        record.save()
        audit.fact_created_event(
            action="awards.discipline_record_created", fact=record, after=discipline_summary(record), actor=actor
        )
    return record


def discipline_record_delete(*, actor: User | None, record: DisciplineRecord) -> None:
    """Delete a discipline entered by mistake; the audit event keeps it."""
    check_reach(actor, person=record.person, unit=None, year=record.decided_on.year)
    with transaction.atomic():
        locked = DisciplineRecord.objects.select_for_update().get(pk=record.pk)
        audit.fact_deleted_event(
            action="awards.discipline_record_deleted", fact=locked, before=discipline_summary(locked), actor=actor
        )
        locked.delete()


def pending_case_open(
    *,
    actor: User | None,
    kind: str,
    opened_on: dt.date,
    person: Person | None = None,
    unit: Unit | None = None,
    reference: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> PendingCase:
    """Record that a discipline, an investigation, an inspection or a complaint is being verified about a person or a
    collective: no award may be proposed for it meanwhile (R16). Refuses with FactNotEditable and FactInvalid."""
    person, unit = subject_of(person=person, unit=unit)
    errors: dict[str, list[str]] = {}
    if kind not in PendingCaseKind.values:
        add(errors, "kind", _("Loại vụ việc không hợp lệ."))
    add(errors, "opened_on", date_error(opened_on, now=now))
    raise_if(errors)
    check_reach(actor, person=person, unit=unit, year=opened_on.year)
    case = PendingCase(
        person=person, unit=unit, kind=kind, opened_on=opened_on, reference=reference.strip(), note=note.strip()
    )
    full_clean(case, exclude=["person", "unit"])
    with transaction.atomic():
        case.save()
        audit.fact_created_event(
            action="awards.pending_case_opened",
            fact=case,
            after={
                "person_id": case.person_id,
                "unit_id": case.unit_id,
                "kind": kind,
                "opened_on": opened_on.isoformat(),
                "reference": case.reference,
            },
            actor=actor,
        )
    return case


def pending_case_close(
    *, actor: User | None, case: PendingCase, closed_on: dt.date, now: dt.datetime | None = None
) -> PendingCase:
    """Close a case being verified. Refuses with FactNotEditable, FactInvalid (a date before the opening or in the
    future) and CaseAlreadyClosed. Locks the row."""
    check_reach(actor, person=case.person, unit=case.unit, year=case.opened_on.year)
    raise_if({"closed_on": [m]} if (m := date_error(closed_on, now=now)) else {})
    with transaction.atomic():
        locked = PendingCase.objects.select_for_update().get(pk=case.pk)
        if locked.closed_on is not None:
            raise CaseAlreadyClosed()
        if closed_on < locked.opened_on:
            raise FactInvalid(fields={"closed_on": [_("Ngày kết thúc không thể trước ngày bắt đầu.")]})
        locked.closed_on = closed_on
        locked.save(update_fields=["closed_on", "updated_at"])
        audit.pending_case_closed_event(case=locked, closed_on=closed_on.isoformat(), actor=actor)
    return locked
