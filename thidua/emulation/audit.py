"""Audit events of the emulation app: one creator per event type, called inside the service transaction (S8)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent
    from thidua.emulation.models import Bloc, BlocMembership, BlocYear


audit_action_register(
    {
        "emulation.bloc_created": _("Thành lập khối, cụm thi đua"),
        "emulation.bloc_updated": _("Sửa tên khối, cụm thi đua"),
        "emulation.bloc_member_added": _("Xếp đơn vị vào khối"),
        "emulation.bloc_member_removed": _("Đưa đơn vị ra khỏi khối"),
        "emulation.bloc_member_role_changed": _("Đổi vai trò trong khối (Khối trưởng, Khối phó)"),
        "emulation.bloc_year_copied": _("Sao chép thành phần khối từ năm trước"),
        "emulation.bloc_year_confirmed": _("Xác nhận thành phần khối trong năm"),
        "emulation.bloc_seat_succeeded": _("Chuyển chỗ trong khối cho đơn vị kế thừa"),
    }
)


def _seat(membership: BlocMembership) -> dict[str, Any]:
    return {
        "bloc": membership.bloc.name,
        "unit": membership.unit.code,
        "year": membership.year,
        "role": membership.role,
        "joined_on": membership.joined_on.isoformat() if membership.joined_on else None,
        "left_on": membership.left_on.isoformat() if membership.left_on else None,
    }


def bloc_created_event(*, bloc: Bloc, actor: User | None) -> AuditEvent:
    return audit_record(
        action="emulation.bloc_created",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=bloc,
        after={"name": bloc.name, "province": bloc.province.code},
    )


def bloc_updated_event(
    *, bloc: Bloc, actor: User | None, before: Mapping[str, Any], after: Mapping[str, Any]
) -> AuditEvent:
    return audit_record(
        action="emulation.bloc_updated",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=bloc,
        before=before,
        after=after,
    )


def bloc_member_added_event(*, membership: BlocMembership, actor: User | None, legal_basis: str) -> AuditEvent:
    return audit_record(
        action="emulation.bloc_member_added",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=membership,
        after={
            "bloc": membership.bloc.name,
            "unit": membership.unit.code,
            "year": membership.year,
            "role": membership.role,
        },
        legal_basis=legal_basis,
    )


def bloc_member_removed_event(
    *, membership: BlocMembership, actor: User | None, before: Mapping[str, Any], deleted: bool, legal_basis: str
) -> AuditEvent:
    """``deleted``: the seat of a draft year was withdrawn; otherwise it ended on ``left_on`` (a dated change)."""
    return audit_record(
        action="emulation.bloc_member_removed",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=membership,
        before=before,
        after={"deleted": True} if deleted else _seat(membership),
        legal_basis=legal_basis,
    )


def bloc_member_role_changed_event(
    *, membership: BlocMembership, actor: User | None, old_role: str, legal_basis: str
) -> AuditEvent:
    return audit_record(
        action="emulation.bloc_member_role_changed",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=membership,
        before={"role": old_role},
        after=_seat(membership),
        legal_basis=legal_basis,
    )


def bloc_year_copied_event(
    *, bloc_year: BlocYear, actor: User | None, copied: list[str], skipped: list[dict[str, str]]
) -> AuditEvent:
    return audit_record(
        action="emulation.bloc_year_copied",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=bloc_year,
        after={"year": bloc_year.year, "from_year": bloc_year.year - 1, "copied": copied, "skipped": skipped},
    )


def bloc_year_confirmed_event(*, bloc_year: BlocYear, actor: User | None) -> AuditEvent:
    return audit_record(
        action="emulation.bloc_year_confirmed",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=bloc_year,
        before={"status": "draft"},
        after={"status": bloc_year.status, "decision_number": bloc_year.decision_number},
        legal_basis=bloc_year.decision_number,
    )


def bloc_seat_succeeded_event(
    *, membership: BlocMembership, actor: User | None, step: str, legal_basis: str
) -> AuditEvent:
    """One seat touched by a unit's succession; ``step`` is ended, seated, moved or removed (recorded before deletion)."""
    return audit_record(
        action="emulation.bloc_seat_succeeded",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=membership,
        after={"step": step, **_seat(membership)},
        legal_basis=legal_basis,
    )
