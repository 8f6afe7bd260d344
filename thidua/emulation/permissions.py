"""Permission policy of the emulation app."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from thidua.accounts.choices import Role
from thidua.accounts.scoping import has_permission, permission_roles_define

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.organizations.models import Unit


class EmulationPermission(StrEnum):
    BLOC_VIEW = "emulation.view_bloc"
    BLOC_MANAGE = "emulation.manage_bloc"


permission_roles_define(
    {
        EmulationPermission.BLOC_VIEW: set(Role),
        EmulationPermission.BLOC_MANAGE: {Role.PROVINCE_OFFICE},
    }
)


def can_manage_blocs_of(actor: Actor, *, province: Unit) -> bool:
    return has_permission(actor, EmulationPermission.BLOC_MANAGE, unit=province)
