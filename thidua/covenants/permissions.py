"""Permission policy of the covenants app (giao ước thi đua).

- The bloc secretariat of the bloc (a BLOC_SECRETARIAT grant on it) or the office of the bloc's province drafts a
  bloc covenant, sets its targets and opens it for acknowledgement.
- The unit's own roles acknowledge on behalf of the unit: its head (Thủ trưởng) or its emulation officer, who does
  the unit's emulation paperwork (issue 4: "a unit officer ... acknowledges the covenant"). The acknowledgement
  records who acknowledged and when (HD 1479/HD-BTĐKT 2016: units sign the bloc's covenant).
- Members of the bloc-year (the officer and head of a member unit) read their bloc's covenant once it is opened; the
  managers read it at every stage.
- A unit's covenant with UBND tỉnh is recorded by the unit's own roles (officer, head) and read by them, by the
  secretariat of the unit's bloc of that year and by the province office. Progress is reported by the unit's roles.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from thidua.accounts.choices import Role
from thidua.accounts.scoping import has_permission, permission_roles_define

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit


class CovenantsPermission(StrEnum):
    BLOC_COVENANT_MANAGE = "covenants.manage_bloc_covenant"
    BLOC_COVENANT_VIEW_AS_MEMBER = "covenants.view_bloc_covenant"
    COVENANT_ACKNOWLEDGE = "covenants.acknowledge_covenant"
    UNIT_COVENANT_RECORD = "covenants.record_unit_covenant"
    UNIT_COVENANT_VIEW = "covenants.view_unit_covenant"
    PROGRESS_REPORT = "covenants.report_progress"


permission_roles_define(
    {
        CovenantsPermission.BLOC_COVENANT_MANAGE: {Role.BLOC_SECRETARIAT, Role.PROVINCE_OFFICE},
        CovenantsPermission.BLOC_COVENANT_VIEW_AS_MEMBER: {Role.UNIT_OFFICER, Role.UNIT_HEAD},
        CovenantsPermission.COVENANT_ACKNOWLEDGE: {Role.UNIT_HEAD, Role.UNIT_OFFICER},
        CovenantsPermission.UNIT_COVENANT_RECORD: {Role.UNIT_OFFICER, Role.UNIT_HEAD},
        CovenantsPermission.UNIT_COVENANT_VIEW: {Role.UNIT_OFFICER, Role.UNIT_HEAD, Role.PROVINCE_OFFICE},
        CovenantsPermission.PROGRESS_REPORT: {Role.UNIT_OFFICER, Role.UNIT_HEAD},
    }
)


def can_manage_bloc_covenant(actor: Actor, *, bloc: Bloc) -> bool:
    return has_permission(actor, CovenantsPermission.BLOC_COVENANT_MANAGE, bloc=bloc)


def can_read_bloc_covenant_as_member(actor: Actor, *, member_units: list[Unit]) -> bool:
    return any(has_permission(actor, CovenantsPermission.BLOC_COVENANT_VIEW_AS_MEMBER, unit=u) for u in member_units)


def can_acknowledge_for(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, CovenantsPermission.COVENANT_ACKNOWLEDGE, unit=unit)


def can_record_unit_covenant(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, CovenantsPermission.UNIT_COVENANT_RECORD, unit=unit)


def can_report_progress(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, CovenantsPermission.PROGRESS_REPORT, unit=unit)


def can_read_unit_covenant(actor: Actor, *, unit: Unit, blocs: list[Bloc]) -> bool:
    """The unit's roles and the province office, or the secretariat of a bloc the unit sat in that year."""
    if has_permission(actor, CovenantsPermission.UNIT_COVENANT_VIEW, unit=unit):
        return True
    return any(can_manage_bloc_covenant(actor, bloc=bloc) for bloc in blocs)
