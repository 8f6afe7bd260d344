"""Permission policy of registrations (issue 4).

- ``REGISTRATION_EDIT``: the unit's emulation officer and head draft and edit the unit's registration.
- ``REGISTRATION_SUBMIT``: the unit head only.
- ``REGISTRATION_VIEW``: the unit's own roles and the province office, over units.
- ``REGISTRATION_REVIEW``: the bloc secretariat of the registration's bloc, and the office of the bloc's province,
  read the bloc's registrations, return them with a reason and set the deadline. They never edit them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q

from thidua.accounts.choices import Role
from thidua.accounts.scoping import bloc_scope, has_permission, permission_roles_define, unit_scope

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit
    from thidua.registrations.models import Registration


class RegistrationsPermission(StrEnum):
    REGISTRATION_VIEW = "registrations.view_registration"
    REGISTRATION_EDIT = "registrations.edit_registration"
    REGISTRATION_SUBMIT = "registrations.submit_registration"
    REGISTRATION_REVIEW = "registrations.review_registration"


permission_roles_define(
    {
        RegistrationsPermission.REGISTRATION_VIEW: {Role.UNIT_OFFICER, Role.UNIT_HEAD, Role.PROVINCE_OFFICE},
        RegistrationsPermission.REGISTRATION_EDIT: {Role.UNIT_OFFICER, Role.UNIT_HEAD},
        RegistrationsPermission.REGISTRATION_SUBMIT: {Role.UNIT_HEAD},
        RegistrationsPermission.REGISTRATION_REVIEW: {Role.BLOC_SECRETARIAT, Role.PROVINCE_OFFICE},
    }
)


def registration_visibility(actor: Actor) -> Q:
    """A filter on registrations: of units the actor reads, or of blocs the actor reviews (two subqueries)."""
    return Q(unit__in=unit_scope(actor, RegistrationsPermission.REGISTRATION_VIEW)) | Q(
        bloc__in=bloc_scope(actor, RegistrationsPermission.REGISTRATION_REVIEW)
    )


def can_edit_registration_of(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, RegistrationsPermission.REGISTRATION_EDIT, unit=unit)


def can_submit_registration_of(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, RegistrationsPermission.REGISTRATION_SUBMIT, unit=unit)


def can_review_registrations_of(actor: Actor, *, bloc: Bloc) -> bool:
    return has_permission(actor, RegistrationsPermission.REGISTRATION_REVIEW, bloc=bloc)


def can_view_registration(actor: Actor, *, registration: Registration) -> bool:
    return has_permission(
        actor, RegistrationsPermission.REGISTRATION_VIEW, unit=registration.unit
    ) or can_review_registrations_of(actor, bloc=registration.bloc)


def can_use_registrations(actor: Actor) -> bool:
    """For the menu: does the actor read registrations anywhere?"""
    return has_permission(actor, RegistrationsPermission.REGISTRATION_VIEW) or has_permission(
        actor, RegistrationsPermission.REGISTRATION_REVIEW
    )
