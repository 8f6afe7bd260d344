"""Registrations (đăng ký thi đua): draft → submitted → returned → (edited) → submitted … (issue 4).

- Only the unit's own UNIT_OFFICER or UNIT_HEAD create and edit its registration, and only while it is a draft or
  has been returned; only the UNIT_HEAD submits.
- The bloc secretariat of the registration's bloc, or the office of its province, returns a submitted registration
  with a reason; nobody else ever edits a submitted one. Every step is kept as a RegistrationEvent and audited.
- Titles come from the catalogue in force on 31 December of the year; people must work in the unit during the year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.choices import TitleSubject
from thidua.awards.models import Title
from thidua.awards.selectors import title_list_in_force
from thidua.emulation.errors import BlocNotManageable
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.services._common import check_year
from thidua.people.models import Person
from thidua.registrations import audit
from thidua.registrations.choices import RegistrationAction, RegistrationStatus
from thidua.registrations.errors import (
    RegistrationExists,
    RegistrationInvalid,
    RegistrationNotAllowed,
    RegistrationNotEditable,
    RegistrationNotSubmitted,
    RegistrationUnitNotInBloc,
)
from thidua.registrations.models import Registration, RegistrationDeadline, RegistrationEntry, RegistrationEvent
from thidua.registrations.permissions import (
    can_edit_registration_of,
    can_review_registrations_of,
    can_submit_registration_of,
)
from thidua.registrations.selectors import person_ids_working_in

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit

MAX_REASON_LENGTH = 2000


@dataclass(frozen=True)
class EntryInput:
    """One person of the unit and the individual title they register for."""

    person: Person
    title: Title


def _invalid(field: str, message: str) -> RegistrationInvalid:
    return RegistrationInvalid(message, fields={field: [message]})


def _check_content(*, unit: Unit, year: int, collective_titles: Sequence[Title], entries: Sequence[EntryInput]) -> None:
    reference_day = dt.date(year, 12, 31)
    collective_ids = set(
        title_list_in_force(on=reference_day, subject=TitleSubject.COLLECTIVE).values_list("pk", flat=True)
    )
    if any(title.pk not in collective_ids for title in collective_titles):
        raise _invalid("collective_titles", _("Danh hiệu tập thể không có trong danh mục áp dụng cho năm này."))
    individual_ids = set(
        title_list_in_force(on=reference_day, subject=TitleSubject.INDIVIDUAL).values_list("pk", flat=True)
    )
    if any(entry.title.pk not in individual_ids for entry in entries):
        raise _invalid("entries", _("Danh hiệu cá nhân không có trong danh mục áp dụng cho năm này."))
    person_ids = [entry.person.pk for entry in entries]
    if len(set(person_ids)) != len(person_ids):
        raise _invalid("entries", _("Mỗi cá nhân chỉ đăng ký một danh hiệu."))
    working = person_ids_working_in(unit=unit, year=year)
    if any(person_id not in working for person_id in person_ids):
        raise _invalid("entries", _("Có cá nhân không công tác tại đơn vị trong năm này."))


def _summary(collective_titles: Iterable[Title], entries: Iterable[EntryInput]) -> dict[str, Any]:
    return {
        "collective_titles": sorted(t.code for t in collective_titles),
        "entries": sorted(f"{e.person.pk}:{e.title.code}" for e in entries),
    }


def _current_summary(registration: Registration) -> dict[str, Any]:
    entries = [
        EntryInput(person=e.person, title=e.title) for e in registration.entries.select_related("person", "title")
    ]
    return _summary(registration.collective_titles.all(), entries)


def _write_content(
    registration: Registration, collective_titles: Sequence[Title], entries: Sequence[EntryInput]
) -> None:
    registration.collective_titles.set(collective_titles)
    registration.entries.all().delete()
    RegistrationEntry.objects.bulk_create(
        [RegistrationEntry(registration=registration, person=e.person, title=e.title) for e in entries]
    )


def _history(registration: Registration, action: str, actor: User | None, now: dt.datetime, reason: str = "") -> None:
    RegistrationEvent.objects.create(registration=registration, action=action, actor=actor, reason=reason, at=now)


def registration_create(
    *,
    actor: User | None,
    unit: Unit,
    year: int,
    collective_titles: Sequence[Title],
    entries: Sequence[EntryInput],
    now: dt.datetime | None = None,
) -> Registration:
    """Draft the unit's registration for ``year`` (``actor=None``: the system, e.g. the demo loader).

    Refuses, writing nothing, when the actor is not the unit's officer or head, the unit sits in no bloc that year,
    the unit already registered for that year, or a title or person is not acceptable.
    """
    if actor is not None and not can_edit_registration_of(actor, unit=unit):
        raise RegistrationNotAllowed()
    check_year(year)
    now = now or timezone.now()
    with transaction.atomic():
        membership = BlocMembership.objects.filter(unit=unit, year=year).select_related("bloc").first()
        if membership is None:
            raise RegistrationUnitNotInBloc()
        if Registration.objects.select_for_update().filter(unit=unit, year=year).exists():
            raise RegistrationExists()
        _check_content(unit=unit, year=year, collective_titles=collective_titles, entries=entries)
        registration = Registration(unit=unit, bloc=membership.bloc, year=year, status=RegistrationStatus.DRAFT)
        registration.full_clean(exclude=["unit", "bloc"], validate_unique=False)
        registration.save()
        _write_content(registration, collective_titles, entries)
        _history(registration, RegistrationAction.CREATED, actor, now)
        audit.registration_created_event(
            registration=registration, actor=actor, after=_summary(collective_titles, entries)
        )
    return registration


def _lock(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("unit", "bloc__province")
        .get(pk=registration.pk)
    )


def registration_update(
    *,
    actor: User,
    registration: Registration,
    collective_titles: Sequence[Title],
    entries: Sequence[EntryInput],
    now: dt.datetime | None = None,
) -> Registration:
    """Replace the titles and people of a draft or returned registration. Only the unit's officer or head."""
    if not can_edit_registration_of(actor, unit=registration.unit):
        raise RegistrationNotAllowed()
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(registration)
        if not locked.is_editable:
            raise RegistrationNotEditable()
        _check_content(unit=locked.unit, year=locked.year, collective_titles=collective_titles, entries=entries)
        before = _current_summary(locked)
        _write_content(locked, collective_titles, entries)
        locked.save(update_fields=["updated_at"])
        _history(locked, RegistrationAction.UPDATED, actor, now)
        audit.registration_updated_event(
            registration=locked, actor=actor, before=before, after=_summary(collective_titles, entries)
        )
    return locked


def registration_submit(
    *, actor: User | None, registration: Registration, now: dt.datetime | None = None
) -> Registration:
    """The unit head sends the draft (or returned) registration to the bloc (``actor=None``: the system)."""
    if actor is not None and not can_submit_registration_of(actor, unit=registration.unit):
        raise RegistrationNotAllowed(_("Chỉ Thủ trưởng đơn vị được gửi bản đăng ký thi đua."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(registration)
        if not locked.is_editable:
            raise RegistrationNotEditable(_("Bản đăng ký đã được gửi."))
        old_status = locked.status
        locked.status = RegistrationStatus.SUBMITTED
        locked.submitted_at = now
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        _history(locked, RegistrationAction.SUBMITTED, actor, now)
        audit.registration_submitted_event(registration=locked, actor=actor, old_status=old_status)
    return locked


def registration_return(
    *, actor: User, registration: Registration, reason: str, now: dt.datetime | None = None
) -> Registration:
    """Return a submitted registration to the unit with a reason: the bloc's secretariat or the province office."""
    if not can_review_registrations_of(actor, bloc=registration.bloc):
        raise RegistrationNotAllowed()
    reason = reason.strip()
    if not reason:
        raise _invalid("reason", _("Hãy ghi lý do trả lại."))
    if len(reason) > MAX_REASON_LENGTH:
        raise _invalid("reason", _("Lý do quá dài."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(registration)
        if locked.status != RegistrationStatus.SUBMITTED:
            raise RegistrationNotSubmitted()
        locked.status = RegistrationStatus.RETURNED
        locked.save(update_fields=["status", "updated_at"])
        _history(locked, RegistrationAction.RETURNED, actor, now, reason=reason)
        audit.registration_returned_event(registration=locked, actor=actor, reason=reason)
    return locked


def registration_deadline_set(*, actor: User | None, bloc: Bloc, year: int, due_on: dt.date) -> RegistrationDeadline:
    """Set the date by which the bloc's members register for ``year``: its secretariat or the province office."""
    if actor is not None and not can_review_registrations_of(actor, bloc=bloc):
        raise BlocNotManageable(_("Bạn không có quyền đặt hạn đăng ký của khối này."))
    check_year(year)
    with transaction.atomic():
        deadline = RegistrationDeadline.objects.select_for_update().filter(bloc=bloc, year=year).first()
        old = deadline.due_on.isoformat() if deadline is not None else None
        if deadline is None:
            deadline = RegistrationDeadline(bloc=bloc, year=year, due_on=due_on)
        deadline.due_on = due_on
        deadline.save()
        audit.deadline_set_event(deadline=deadline, actor=actor, old_due_on=old)
    return deadline
