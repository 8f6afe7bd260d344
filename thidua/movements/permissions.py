"""Permission policy of the movements app.

Everyone signed in reads every movement. Launching, and recording its reviews, belongs to the launching body: the
province office for the province's movements (and, as the parent, for its units' and blocs'); the bloc secretariat
for its bloc's; a unit's head or emulation officer for their unit's (Luật TĐKT 06/2022/QH15, Điều 8).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from thidua.accounts.choices import Role
from thidua.accounts.scoping import actor_grants, has_permission, has_role_over, permission_roles_define
from thidua.organizations.choices import UnitKind

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.emulation.models import Bloc
    from thidua.movements.models import Movement
    from thidua.organizations.models import Unit


class MovementsPermission(StrEnum):
    MOVEMENT_VIEW = "movements.view_movement"
    MOVEMENT_LAUNCH = "movements.launch_movement"


# Roles that launch a unit's own movement, and those that launch a bloc's.
UNIT_LAUNCH_ROLES = (Role.PROVINCE_OFFICE, Role.UNIT_HEAD, Role.UNIT_OFFICER)
BLOC_LAUNCH_ROLES = (Role.PROVINCE_OFFICE, Role.BLOC_SECRETARIAT)

permission_roles_define(
    {
        MovementsPermission.MOVEMENT_VIEW: set(Role),
        MovementsPermission.MOVEMENT_LAUNCH: {*UNIT_LAUNCH_ROLES, *BLOC_LAUNCH_ROLES},
    }
)


def is_signed_in(actor: Actor) -> bool:
    return actor is not None and actor.is_authenticated and actor.is_active


def can_launch_movement(actor: Actor, *, unit: Unit, bloc: Bloc | None = None) -> bool:
    """May ``actor`` launch a movement in the name of ``unit`` (of ``bloc`` when a bloc launches it)?"""
    if bloc is not None:
        return any(has_role_over(actor, role, bloc=bloc) for role in BLOC_LAUNCH_ROLES)
    roles = (Role.PROVINCE_OFFICE,) if unit.kind == UnitKind.PROVINCE else UNIT_LAUNCH_ROLES
    return any(has_role_over(actor, role, unit=unit) for role in roles)


def can_manage_movement(actor: Actor, *, movement: Movement) -> bool:
    """Its launching body records the reviews of a movement."""
    return can_launch_movement(actor, unit=movement.launched_by_unit, bloc=movement.bloc)


def can_launch_movements(actor: Actor) -> bool:
    """For menus and buttons: does the actor launch movements anywhere?"""
    return has_permission(actor, MovementsPermission.MOVEMENT_LAUNCH)


def launch_unit_scope(actor: Actor) -> QuerySet[Unit]:
    """Units in whose name the actor may launch: under its unit grants, plus its own unit when it serves a bloc.

    A province is offered only to its office; the service re-checks every choice.
    """
    from thidua.organizations.models import Unit

    grants = [g for g in actor_grants(actor) if g.role in {*UNIT_LAUNCH_ROLES, Role.BLOC_SECRETARIAT}]
    condition = Q(pk__in=[])
    for grant in grants:
        if grant.unit_path and grant.role in UNIT_LAUNCH_ROLES:
            within = Q(path__startswith=grant.unit_path)
            if grant.role != Role.PROVINCE_OFFICE:
                within &= ~Q(kind=UnitKind.PROVINCE)
            condition |= within
    if actor is not None and any(g.bloc_id for g in grants) and getattr(actor, "unit_id", None):
        condition |= Q(pk=actor.unit_id)  # type: ignore[union-attr]
    return Unit.objects.filter(condition) if grants else Unit.objects.none()


def launch_bloc_scope(actor: Actor) -> QuerySet[Bloc]:
    """Blocs in whose name the actor may launch (its secretariat grants, and its province's blocs for the office)."""
    from thidua.emulation.models import Bloc

    grants = [g for g in actor_grants(actor) if g.role in BLOC_LAUNCH_ROLES]
    if not grants:
        return Bloc.objects.none()
    condition = Q(pk__in={g.bloc_id for g in grants if g.bloc_id and g.role == Role.BLOC_SECRETARIAT})
    for grant in grants:
        if grant.unit_path and grant.role == Role.PROVINCE_OFFICE:
            condition |= Q(province__path__startswith=grant.unit_path)
    return Bloc.objects.filter(condition)
