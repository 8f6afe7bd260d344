"""Permission policy of the initiatives app (STYLE S10–S12).

- ``INITIATIVE_VIEW``: the unit's own roles (officer, head) over their unit and the units below, the bloc
  secretariat over its bloc's members, the province office over its whole province.
- ``INITIATIVE_MANAGE``: record and correct initiatives: only the unit's own roles (issue 4 rule 1).
- ``RECOGNISE_BASE``: record a cơ sở recognition: the unit head (ND 13/2012 Art 5).
- ``RECOGNISE_PROVINCE``: record a tỉnh or toàn quốc recognition: the province office, for the Chủ tịch UBND tỉnh.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from thidua.accounts.choices import Role
from thidua.accounts.scoping import bloc_scope, has_permission, permission_roles_define, unit_scope
from thidua.initiatives.choices import RecognitionLevel

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.organizations.models import Unit


class InitiativesPermission(StrEnum):
    INITIATIVE_VIEW = "initiatives.view_initiative"
    INITIATIVE_MANAGE = "initiatives.manage_initiative"
    RECOGNISE_BASE = "initiatives.recognise_base"
    RECOGNISE_PROVINCE = "initiatives.recognise_province"


permission_roles_define(
    {
        InitiativesPermission.INITIATIVE_VIEW: {
            Role.PROVINCE_OFFICE,
            Role.BLOC_SECRETARIAT,
            Role.UNIT_HEAD,
            Role.UNIT_OFFICER,
        },
        InitiativesPermission.INITIATIVE_MANAGE: {Role.UNIT_HEAD, Role.UNIT_OFFICER},
        InitiativesPermission.RECOGNISE_BASE: {Role.UNIT_HEAD},
        InitiativesPermission.RECOGNISE_PROVINCE: {Role.PROVINCE_OFFICE},
    }
)


def can_view_initiatives(actor: Actor) -> bool:
    return has_permission(actor, InitiativesPermission.INITIATIVE_VIEW)


def initiative_view_condition(actor: Actor) -> Q:
    """The initiatives the actor may read, as one condition (subqueries, no loop).

    A bloc grant covers the units that are, or were in any year, members of the bloc: the secretariat reads its
    members' past initiatives too.
    """
    from thidua.emulation.models import BlocMembership

    if not can_view_initiatives(actor):
        return Q(pk__in=[])
    permission = InitiativesPermission.INITIATIVE_VIEW
    members = BlocMembership.objects.filter(bloc__in=bloc_scope(actor, permission)).values("unit_id")
    return Q(unit__in=unit_scope(actor, permission).values("pk")) | Q(unit__in=members)


def can_manage_initiatives_of(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, InitiativesPermission.INITIATIVE_MANAGE, unit=unit)


def can_manage_initiatives(actor: Actor) -> bool:
    return has_permission(actor, InitiativesPermission.INITIATIVE_MANAGE)


def initiative_manage_unit_scope(actor: Actor) -> QuerySet[Unit]:
    return unit_scope(actor, InitiativesPermission.INITIATIVE_MANAGE)


def can_recognise_at(actor: Actor, *, unit: Unit, level: str) -> bool:
    """Cơ sở: the head of the unit; tỉnh and toàn quốc: the office of the unit's province."""
    permission = (
        InitiativesPermission.RECOGNISE_BASE
        if level == RecognitionLevel.BASE
        else InitiativesPermission.RECOGNISE_PROVINCE
    )
    return has_permission(actor, permission, unit=unit)


def can_recognise_any(actor: Actor, *, unit: Unit) -> bool:
    return any(can_recognise_at(actor, unit=unit, level=level) for level in RecognitionLevel)
