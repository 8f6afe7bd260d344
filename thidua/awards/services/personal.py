"""Recording maternity leave (R17) and accepted science works of people."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards import audit
from thidua.awards.models import LeavePeriod, ScienceWork, ScienceWorkLevel
from thidua.awards.services._common import add, check_reach, date_error, full_clean, raise_if

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.people.models import Person


def _leave_summary(leave: LeavePeriod) -> dict[str, Any]:
    return {
        "person_id": leave.person_id,
        "starts_on": leave.starts_on.isoformat(),
        "ends_on": leave.ends_on.isoformat(),
    }


def leave_period_create(
    *,
    actor: User | None,
    person: Person,
    starts_on: dt.date,
    ends_on: dt.date,
    note: str = "",
) -> LeavePeriod:
    """Record a maternity leave of ``person`` (counted as working time for awards, R17). It may be planned ahead.

    Refuses with FactNotEditable and FactInvalid (dates outside 2000–2100, the end before the start)."""
    errors: dict[str, list[str]] = {}
    for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
        if not 2000 <= day.year <= 2100:
            add(errors, name, _("Ngày phải trong khoảng năm 2000–2100."))
    if ends_on < starts_on:
        add(errors, "ends_on", _("Ngày kết thúc không thể trước ngày bắt đầu."))
    raise_if(errors)
    check_reach(actor, person=person, unit=None, year=starts_on.year)
    leave = LeavePeriod(person=person, starts_on=starts_on, ends_on=ends_on, note=note.strip())
    full_clean(leave, exclude=["person"])
    with transaction.atomic():
        leave.save()
        audit.fact_created_event(
            action="awards.leave_period_created", fact=leave, after=_leave_summary(leave), actor=actor
        )
    return leave


def leave_period_delete(*, actor: User | None, leave: LeavePeriod) -> None:
    check_reach(actor, person=leave.person, unit=None, year=leave.starts_on.year)
    with transaction.atomic():
        locked = LeavePeriod.objects.select_for_update().get(pk=leave.pk)
        audit.fact_deleted_event(
            action="awards.leave_period_deleted", fact=locked, before=_leave_summary(locked), actor=actor
        )
        locked.delete()


def _science_summary(work: ScienceWork) -> dict[str, Any]:
    return {
        "person_id": work.person_id,
        "title": work.title,
        "level": work.level,
        "accepted_on": work.accepted_on.isoformat(),
        "is_applied": work.is_applied,
        "decision_number": work.decision_number,
    }


def science_work_create(
    *,
    actor: User | None,
    person: Person,
    title: str,
    level: str,
    accepted_on: dt.date,
    is_applied: bool = False,
    decision_number: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> ScienceWork:
    """Record an accepted (nghiệm thu) science work of ``person``. Refuses with FactNotEditable and FactInvalid."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        add(errors, "title", _("Cần tên đề tài, đề án, công trình."))
    if level not in ScienceWorkLevel.values:
        add(errors, "level", _("Cấp không hợp lệ."))
    add(errors, "accepted_on", date_error(accepted_on, now=now))
    raise_if(errors)
    check_reach(actor, person=person, unit=None, year=accepted_on.year)
    work = ScienceWork(
        person=person,
        title=" ".join(title.split()),
        level=level,
        accepted_on=accepted_on,
        is_applied=is_applied,
        decision_number=decision_number.strip(),
        note=note.strip(),
    )
    full_clean(work, exclude=["person"])
    with transaction.atomic():
        work.save()
        audit.fact_created_event(
            action="awards.science_work_created", fact=work, after=_science_summary(work), actor=actor
        )
    return work


def science_work_delete(*, actor: User | None, work: ScienceWork) -> None:
    check_reach(actor, person=work.person, unit=None, year=work.accepted_on.year)
    with transaction.atomic():
        locked = ScienceWork.objects.select_for_update().get(pk=work.pk)
        audit.fact_deleted_event(
            action="awards.science_work_deleted", fact=locked, before=_science_summary(locked), actor=actor
        )
        locked.delete()
