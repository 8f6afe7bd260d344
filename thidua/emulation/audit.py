from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent
    from thidua.emulation.models import Bloc, BlocMembership


audit_action_register(
    {
        "emulation.bloc_created": _("Thành lập khối, cụm thi đua"),
        "emulation.bloc_member_added": _("Xếp đơn vị vào khối"),
    }
)


def bloc_created_event(*, bloc: Bloc, actor: User | None) -> AuditEvent:
    return audit_record(
        action="emulation.bloc_created",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=bloc,
        after={"name": bloc.name, "province": bloc.province.code},
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
