"""Seats in a bloc for one year (BlocMembership): adding, removing and the roles Khối trưởng / Khối phó.

Rules (issue 3, DOMAIN R15):

- a unit belongs to at most one bloc in a given year (also a database constraint);
- a bloc-year has at most one Khối trưởng at any time (a database constraint), and once the year is confirmed exactly
  one Khối trưởng and at least one Khối phó; leader and deputies are members (the role is a field of the seat);
- a **draft** year is edited freely: a seat is added from the start of the year (or a given date) and withdrawn by
  deleting it, as long as nothing refers to it;
- a **confirmed** year changes only with a dated, mid-year change: a unit joins on ``joined_on`` and leaves on
  ``left_on`` (the seat stays, so the year's history shows who sat when). A Khối trưởng or Khối phó hands its role
  over before leaving, so the confirmed composition never loses its leader or its last deputy.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from thidua.emulation import audit
from thidua.emulation.choices import BlocRole
from thidua.emulation.errors import (
    BlocLeaderTaken,
    BlocSeatChangeRefused,
    BlocSeatDateInvalid,
    BlocUnitAlreadySeated,
    BlocUnitInactive,
    BlocUnitOutsideProvince,
)
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.services._common import (
    bloc_lock,
    bloc_year_get_or_draft,
    bloc_year_is_confirmed,
    check_can_manage,
    check_year,
    full_clean_or_refuse,
    year_bounds,
)
from thidua.organizations.models import Unit

if TYPE_CHECKING:
    from thidua.accounts.models import User


def _day(value: dt.date) -> str:
    return f"{value:%d/%m/%Y}"


def composition_gaps(*, bloc: Bloc, year: int) -> list[str]:
    """What a bloc-year lacks before it can be confirmed: one Khối trưởng and at least one Khối phó (R15)."""
    roles = list(BlocMembership.objects.filter(bloc=bloc, year=year).values_list("role", flat=True))
    gaps = []
    if not roles:
        gaps.append(_("chưa có đơn vị thành viên"))
    if roles.count(BlocRole.LEADER) != 1:
        gaps.append(_("chưa có Khối trưởng"))
    if BlocRole.DEPUTY not in roles:
        gaps.append(_("cần ít nhất một Khối phó"))
    return gaps


def _check_confirmed_composition(*, bloc: Bloc, year: int) -> None:
    gaps = composition_gaps(bloc=bloc, year=year)
    if gaps:
        raise BlocSeatChangeRefused(
            _("Năm %(year)s đã được xác nhận; sau thay đổi này khối sẽ thiếu: %(gaps)s.")
            % {"year": year, "gaps": "; ".join(gaps)}
        )


def _check_unit_can_sit(*, bloc: Bloc, unit: Unit, year: int, joined_on: dt.date | None) -> None:
    first, last = year_bounds(year)
    if unit.pk == bloc.province_id or not unit.path.startswith(bloc.province.path):
        raise BlocUnitOutsideProvince()
    if (unit.valid_from is not None and unit.valid_from > last) or (
        unit.valid_to is not None and unit.valid_to < first
    ):
        raise BlocUnitInactive(
            _("%(unit)s không hoạt động trong năm %(year)s.") % {"unit": unit.name, "year": year},
            fields={"unit": [_("Đơn vị không hoạt động trong năm này.")]},
        )
    if joined_on is not None:
        if not first <= joined_on <= last:
            raise BlocSeatDateInvalid(
                _("Ngày tham gia phải nằm trong năm %(year)s.") % {"year": year},
                fields={"joined_on": [_("Ngày tham gia phải nằm trong năm %(year)s.") % {"year": year}]},
            )
        if not unit.is_valid_on(joined_on):
            raise BlocUnitInactive(
                _("%(unit)s không hoạt động vào ngày %(day)s.") % {"unit": unit.name, "day": _day(joined_on)},
                fields={"joined_on": [_("Đơn vị không hoạt động vào ngày này.")]},
            )


def bloc_member_add(
    *,
    actor: User | None,
    bloc: Bloc,
    unit: Unit,
    year: int,
    role: str = BlocRole.MEMBER,
    legal_basis: str = "",
    joined_on: dt.date | None = None,
    note: str = "",
) -> BlocMembership:
    """Seat a unit in a bloc for one year, as member, Khối trưởng or Khối phó.

    Refuses (nothing written) when: the actor is not the office of the bloc's province; the unit is not of that
    province (a bloc is organised by its province, HD 1479/HD-BTĐKT); the unit is not active in that year (or on
    ``joined_on``); the unit already sits in a bloc that year; a Khối trưởng is already seated (change roles instead);
    the year is confirmed and no ``joined_on`` is given (a confirmed year changes only by a dated mid-year change).
    Locks the unit, then the bloc.
    """
    check_can_manage(actor, bloc)
    check_year(year)
    with transaction.atomic():
        locked_unit = Unit.objects.select_for_update().get(pk=unit.pk)
        locked_bloc = bloc_lock(bloc)
        _check_unit_can_sit(bloc=bloc, unit=locked_unit, year=year, joined_on=joined_on)
        if joined_on is None and bloc_year_is_confirmed(locked_bloc, year):
            message = _("Năm %(year)s đã được xác nhận: thay đổi giữa năm phải ghi ngày tham gia.") % {"year": year}
            raise BlocSeatDateInvalid(message, fields={"joined_on": [message]})
        elsewhere = BlocMembership.objects.filter(unit=locked_unit, year=year).select_related("bloc").first()
        if elsewhere is not None:
            message = _("%(unit)s đã là thành viên của %(bloc)s trong năm %(year)s.") % {
                "unit": locked_unit.name,
                "bloc": elsewhere.bloc.name,
                "year": year,
            }
            raise BlocUnitAlreadySeated(message, fields={"unit": [message]})
        if role == BlocRole.LEADER and BlocMembership.objects.filter(bloc=locked_bloc, year=year, role=role).exists():
            raise BlocLeaderTaken(fields={"role": [str(BlocLeaderTaken.default_message)]})
        membership = BlocMembership(
            bloc=locked_bloc,
            unit=locked_unit,
            year=year,
            role=role,
            joined_on=joined_on,
            note=(note or legal_basis)[:300],
        )
        full_clean_or_refuse(membership)
        membership.save()
        bloc_year_get_or_draft(locked_bloc, year)
        audit.bloc_member_added_event(membership=membership, actor=actor, legal_basis=legal_basis)
    return membership


def _lock_seat(membership: BlocMembership) -> BlocMembership:
    return (
        BlocMembership.objects.select_for_update(of=("self",))
        .select_related("bloc__province", "unit")
        .get(pk=membership.pk)
    )


def _seat_summary(membership: BlocMembership) -> dict[str, object]:
    return {
        "unit": membership.unit.code,
        "year": membership.year,
        "role": membership.role,
        "joined_on": membership.joined_on.isoformat() if membership.joined_on else None,
        "left_on": membership.left_on.isoformat() if membership.left_on else None,
    }


def bloc_member_remove(
    *, actor: User | None, membership: BlocMembership, left_on: dt.date | None = None, legal_basis: str = ""
) -> BlocMembership | None:
    """Take a unit out of a bloc for a year.

    - With ``left_on``: a dated, mid-year departure; the seat stays with ``left_on`` set (the year's history keeps it).
      A Khối trưởng or Khối phó of a confirmed year must first hand its role over.
    - Without: only in a draft year, the seat is withdrawn (deleted), unless something refers to it. Returns None.

    Locks the bloc, then the seat.
    """
    check_can_manage(actor, membership.bloc)
    with transaction.atomic():
        bloc_lock(membership.bloc)
        seat = _lock_seat(membership)
        confirmed = bloc_year_is_confirmed(seat.bloc, seat.year)
        before = _seat_summary(seat)
        if left_on is None:
            if confirmed:
                message = _("Năm %(year)s đã được xác nhận: hãy ghi ngày rời khối.") % {"year": seat.year}
                raise BlocSeatDateInvalid(message, fields={"left_on": [message]})
            audit.bloc_member_removed_event(
                membership=seat, actor=actor, before=before, deleted=True, legal_basis=legal_basis
            )
            try:
                with transaction.atomic():
                    seat.delete()
            except ProtectedError as error:
                raise BlocSeatChangeRefused(
                    _("Đã có hồ sơ gắn với chỗ của đơn vị trong khối năm này: hãy ghi ngày rời khối thay vì xóa.")
                ) from error
            return None
        _first, last = year_bounds(seat.year)
        if seat.has_left:
            raise BlocSeatChangeRefused(
                _("%(unit)s đã rời khối ngày %(day)s.") % {"unit": seat.unit.name, "day": _day(seat.ends_on)}
            )
        if not seat.starts_on <= left_on <= last:
            message = _("Ngày rời khối phải từ %(start)s đến %(end)s.") % {
                "start": _day(seat.starts_on),
                "end": _day(last),
            }
            raise BlocSeatDateInvalid(message, fields={"left_on": [message]})
        if confirmed and seat.role != BlocRole.MEMBER:
            raise BlocSeatChangeRefused(
                _("%(unit)s đang là %(role)s: hãy giao vai trò này cho đơn vị khác trước khi ghi ngày rời khối.")
                % {"unit": seat.unit.name, "role": seat.get_role_display()}
            )
        seat.left_on = left_on
        full_clean_or_refuse(seat)
        seat.save(update_fields=["left_on", "updated_at"])
        audit.bloc_member_removed_event(
            membership=seat, actor=actor, before=before, deleted=False, legal_basis=legal_basis
        )
    return seat


def bloc_member_set_role(
    *, actor: User | None, membership: BlocMembership, role: str, legal_basis: str = ""
) -> BlocMembership:
    """Make a seat Khối trưởng, Khối phó or a plain member for its year.

    Exactly one Khối trưởng: naming a new one demotes the old one to member in the same transaction (under the bloc
    lock). A unit that has left the bloc cannot hold a role. In a confirmed year the result must still have one
    Khối trưởng and at least one Khối phó; a role change in a confirmed year is dated by its audit event.
    """
    check_can_manage(actor, membership.bloc)
    if role not in BlocRole.values:
        raise BlocSeatChangeRefused(_("Vai trò không hợp lệ."), fields={"role": [_("Vai trò không hợp lệ.")]})
    with transaction.atomic():
        bloc_lock(membership.bloc)
        seat = _lock_seat(membership)
        if seat.role == role:
            return seat
        if role != BlocRole.MEMBER and seat.has_left:
            raise BlocSeatChangeRefused(
                _("%(unit)s đã rời khối: không thể giữ vai trò Khối trưởng, Khối phó.") % {"unit": seat.unit.name}
            )
        if role == BlocRole.LEADER:
            for old in (
                BlocMembership.objects.select_for_update(of=("self",))
                .select_related("bloc", "unit")
                .filter(bloc=seat.bloc, year=seat.year, role=BlocRole.LEADER)
            ):
                old.role = BlocRole.MEMBER
                old.save(update_fields=["role", "updated_at"])
                audit.bloc_member_role_changed_event(
                    membership=old, actor=actor, old_role=BlocRole.LEADER, legal_basis=legal_basis
                )
        old_role = seat.role
        seat.role = role
        seat.save(update_fields=["role", "updated_at"])
        if bloc_year_is_confirmed(seat.bloc, seat.year):
            _check_confirmed_composition(bloc=seat.bloc, year=seat.year)
        audit.bloc_member_role_changed_event(membership=seat, actor=actor, old_role=old_role, legal_basis=legal_basis)
    return seat
