"""Delegates of a conference: invitation, check-in (presence) and substitution by another delegate of the same unit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.conferences.audit import conferences_event
from thidua.conferences.errors import ConferenceStateError
from thidua.conferences.models import Conference, Delegate
from thidua.conferences.services._common import (
    check_run,
    conference_lock,
    full_clean_or_refuse,
    invalid,
    is_member_unit,
    require_conference_open,
)

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit
    from thidua.people.models import Person


def _summary(delegate: Delegate) -> dict[str, object]:
    return {
        "name": delegate.name,
        "unit": delegate.unit_id,
        "person": delegate.person_id,
        "user": delegate.user_id,
        "has_vote": delegate.has_vote,
    }


def _check_seat(conference: Conference, *, unit: Unit | None, user: User | None, has_vote: bool) -> None:
    if has_vote:
        if unit is None:
            raise invalid("unit", _("Đại biểu có quyền biểu quyết phải đại diện cho một đơn vị thành viên của khối."))
        if not is_member_unit(conference, unit):
            raise invalid(
                "unit",
                _("%(unit)s không phải đơn vị thành viên của khối trong năm %(year)s.")
                % {"unit": unit.name, "year": conference.year},
            )
    if user is not None and unit is not None and has_vote:
        account_unit = user.unit
        if account_unit is None or not account_unit.path.startswith(unit.path):
            raise invalid("user", _("Tài khoản của đại biểu phải thuộc đơn vị mà đại biểu đại diện."))


def _save_delegate(delegate: Delegate) -> None:
    full_clean_or_refuse(delegate, constraints=False)
    try:
        with transaction.atomic():
            delegate.save()
    except IntegrityError as error:
        raise invalid("person", _("Người này đã có tên trong danh sách đại biểu của hội nghị.")) from error


def delegate_add(
    *,
    actor: User | None,
    conference: Conference,
    unit: Unit | None = None,
    person: Person | None = None,
    user: User | None = None,
    name: str = "",
    position: str = "",
    has_vote: bool = True,
) -> Delegate:
    """Invite a delegate for a member unit (with a vote) or a guest (``has_vote=False``). A person or an account
    sits at most once among the active delegates of a conference (database constraints)."""
    check_run(actor, conference)
    name = (name or (person.full_name if person else "") or (user.get_full_name() if user else "")).strip()
    if not name:
        raise invalid("name", _("Vui lòng nhập họ tên đại biểu."))
    with transaction.atomic():
        locked = conference_lock(conference)
        require_conference_open(locked)
        _check_seat(locked, unit=unit, user=user, has_vote=has_vote)
        delegate = Delegate(
            conference=locked,
            unit=unit,
            person=person,
            user=user,
            name=name,
            position=position.strip(),
            has_vote=has_vote,
        )
        _save_delegate(delegate)
        conferences_event("conferences.delegate_added", actor=actor, target=delegate, after=_summary(delegate))
    return delegate


def delegate_check_in(
    *, actor: User | None, delegate: Delegate, is_present: bool = True, now: dt.datetime | None = None
) -> Delegate:
    """Điểm danh: mark the delegate present (or, to correct a mistake, absent). Presence feeds the quorum; it never
    changes a voter roll already frozen."""
    check_run(actor, delegate.conference)
    now = now or timezone.now()
    with transaction.atomic():
        conference = conference_lock(delegate.conference)
        require_conference_open(conference)
        locked = Delegate.objects.select_for_update().get(pk=delegate.pk)
        if locked.is_replaced:
            raise ConferenceStateError(_("Đại biểu này đã được thay thế: hãy điểm danh người thay."))
        before = locked.is_checked_in
        locked.is_checked_in = is_present
        locked.checked_in_at = now if is_present else None
        locked.save(update_fields=["is_checked_in", "checked_in_at", "updated_at"])
        conferences_event(
            "conferences.delegate_checked_in",
            actor=actor,
            target=locked,
            before={"is_checked_in": before},
            after={"is_checked_in": is_present},
        )
    return locked


def delegate_substitute(
    *,
    actor: User | None,
    delegate: Delegate,
    person: Person | None = None,
    user: User | None = None,
    name: str = "",
    position: str = "",
    is_present: bool = False,
    now: dt.datetime | None = None,
) -> Delegate:
    """Replace ``delegate`` by another person of the same unit. The newcomer takes the seat (``substitute_for``),
    including the seat on a roll already frozen; the replaced delegate can no longer vote. A vote already cast on
    the seat stays the seat's only vote."""
    check_run(actor, delegate.conference)
    now = now or timezone.now()
    name = (name or (person.full_name if person else "") or (user.get_full_name() if user else "")).strip()
    if not name:
        raise invalid("name", _("Vui lòng nhập họ tên người thay thế."))
    with transaction.atomic():
        conference = conference_lock(delegate.conference)
        require_conference_open(conference)
        old = Delegate.objects.select_for_update(of=("self",)).select_related("unit").get(pk=delegate.pk)
        if old.is_replaced:
            raise ConferenceStateError(_("Đại biểu này đã được thay thế trước đó."))
        _check_seat(conference, unit=old.unit, user=user, has_vote=old.has_vote)
        old.is_replaced = True
        old.is_checked_in = False
        old.save(update_fields=["is_replaced", "is_checked_in", "updated_at"])
        new = Delegate(
            conference=conference,
            unit=old.unit,
            person=person,
            user=user,
            name=name,
            position=position.strip(),
            has_vote=old.has_vote,
            substitute_for=old,
            is_checked_in=is_present,
            checked_in_at=now if is_present else None,
        )
        _save_delegate(new)
        conferences_event(
            "conferences.delegate_substituted",
            actor=actor,
            target=new,
            before=_summary(old),
            after={**_summary(new), "substitute_for": old.pk},
        )
    return new
