"""Permission policy of the organisations app."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from thidua.accounts.choices import Role
from thidua.accounts.scoping import has_permission, permission_roles_define

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.organizations.models import Unit


class OrganizationsPermission(StrEnum):
    UNIT_VIEW = "organizations.view_unit"
    UNIT_MANAGE = "organizations.manage_unit"


permission_roles_define(
    {
        OrganizationsPermission.UNIT_VIEW: set(Role),
        OrganizationsPermission.UNIT_MANAGE: {Role.PROVINCE_OFFICE},
    }
)


def unit_scope_for_view(actor: Actor) -> QuerySet[Unit]:
    """The organisation tree is public inside Thi Đua: every signed-in user may browse every unit and its lineage.

    What is private (drafts, scores, ballots, personal data) is scoped by the apps that own it.
    """
    from thidua.organizations.models import Unit

    if actor is None or not actor.is_authenticated or not actor.is_active:
        return Unit.objects.none()
    return Unit.objects.all()


def can_change_unit(actor: Actor, *, unit: Unit) -> bool:
    """May the actor record a change (rename, merge, close...) that involves ``unit``? The office over it may."""
    return has_permission(actor, OrganizationsPermission.UNIT_MANAGE, unit=unit)


def can_manage_unit(actor: Actor, *, parent: Unit | None) -> bool:
    """Creating a root (a province) is for the system only; units under a province are the province office's."""
    return parent is not None and has_permission(actor, OrganizationsPermission.UNIT_MANAGE, unit=parent)
