"""Permission policy of the emulation app.

Reading blocs is open to every signed-in user (a bloc's composition is a public fact inside Thi Đua, like the
organisation tree); organising them (creating, seating units, roles, confirming a year) is the province office's,
for the blocs of its own province (HD 1479/HD-BTĐKT: the province organises its khối, cụm).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from thidua.accounts.choices import Role
from thidua.accounts.scoping import has_permission, permission_roles_define

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit


class EmulationPermission(StrEnum):
    BLOC_VIEW = "emulation.view_bloc"
    BLOC_MANAGE = "emulation.manage_bloc"
    YEAR_BOARD_VIEW = "emulation.view_year_board"


permission_roles_define(
    {
        EmulationPermission.BLOC_VIEW: set(Role),
        EmulationPermission.BLOC_MANAGE: {Role.PROVINCE_OFFICE},
        EmulationPermission.YEAR_BOARD_VIEW: {Role.PROVINCE_OFFICE, Role.BLOC_SECRETARIAT},
    }
)


def is_signed_in(actor: Actor) -> bool:
    return actor is not None and actor.is_authenticated and actor.is_active


def bloc_scope_for_view(actor: Actor) -> QuerySet[Bloc]:
    """Every signed-in, active user may read every bloc and its years; anonymous callers see none."""
    from thidua.emulation.models import Bloc

    return Bloc.objects.all() if is_signed_in(actor) else Bloc.objects.none()


def can_manage_blocs_of(actor: Actor, *, province: Unit) -> bool:
    return has_permission(actor, EmulationPermission.BLOC_MANAGE, unit=province)


def can_manage_bloc(actor: Actor, *, bloc: Bloc) -> bool:
    """The office of the bloc's own province manages it (a bloc-level grant such as the secretariat does not)."""
    return can_manage_blocs_of(actor, province=bloc.province)


def can_create_blocs(actor: Actor) -> bool:
    """For menus and buttons: does the actor manage the blocs of some province?"""
    return has_permission(actor, EmulationPermission.BLOC_MANAGE)


def can_view_year_board(actor: Actor, *, bloc: Bloc) -> bool:
    """The year board (each member's progress) is for the province office and the bloc's secretariat."""
    return has_permission(actor, EmulationPermission.YEAR_BOARD_VIEW, bloc=bloc)
