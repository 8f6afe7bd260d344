"""Permission policy of the people app (STYLE S10–S12).

- ``PERSON_VIEW``: names, positions and units of people. Every role holds it, and it is not scoped: who holds which
  post in a public body is public inside Thi Đua, like the organisation tree.
- ``PERSON_VIEW_PERSONAL``: gender, date of birth and personnel code (personal data, Nghị định 13/2023). Only the
  province office, the unit head and the unit's emulation officer, over the person's *current* unit (the unit of the
  open assignment, or of the last one for someone who left); a grant covers the units below it.
- ``PERSON_MANAGE``: add people, correct them, move them, end their service. The same three roles, over the unit: a
  unit head or officer manages the people of their unit and of the units below it; moving someone needs the
  permission over both the unit they leave and the unit they join, so a move between two sở is the office's.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from thidua.accounts.choices import Role
from thidua.accounts.scoping import has_permission, permission_roles_define, unit_scope

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.organizations.models import Unit


class PeoplePermission(StrEnum):
    PERSON_VIEW = "people.view_person"
    PERSON_VIEW_PERSONAL = "people.view_person_personal"
    PERSON_MANAGE = "people.manage_person"


_UNIT_STAFF_ROLES = {Role.PROVINCE_OFFICE, Role.UNIT_HEAD, Role.UNIT_OFFICER}

permission_roles_define(
    {
        PeoplePermission.PERSON_VIEW: set(Role),
        PeoplePermission.PERSON_VIEW_PERSONAL: _UNIT_STAFF_ROLES,
        PeoplePermission.PERSON_MANAGE: _UNIT_STAFF_ROLES,
    }
)


def can_view_people(actor: Actor) -> bool:
    """May the actor see people at all (names, posts, units)? Any role, anywhere."""
    return has_permission(actor, PeoplePermission.PERSON_VIEW)


def can_view_personal_data(actor: Actor, *, unit: Unit | None) -> bool:
    """May the actor see the personal data of a person whose current unit is ``unit``?"""
    return unit is not None and has_permission(actor, PeoplePermission.PERSON_VIEW_PERSONAL, unit=unit)


def personal_data_unit_scope(actor: Actor) -> QuerySet[Unit]:
    """Units whose people's personal data the actor may see (for list selectors: one subquery, no loop)."""
    return unit_scope(actor, PeoplePermission.PERSON_VIEW_PERSONAL)


def can_manage_people_of(actor: Actor, *, unit: Unit) -> bool:
    """May the actor add, correct, move or end the service of people in ``unit``?"""
    return has_permission(actor, PeoplePermission.PERSON_MANAGE, unit=unit)


def can_manage_people(actor: Actor) -> bool:
    """Does the actor manage people anywhere (for menus and buttons)?"""
    return has_permission(actor, PeoplePermission.PERSON_MANAGE)


def person_manage_unit_scope(actor: Actor) -> QuerySet[Unit]:
    """Units in which the actor may place people (form choices)."""
    return unit_scope(actor, PeoplePermission.PERSON_MANAGE)
