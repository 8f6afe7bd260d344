"""Permission policy of scoring (issue 5).

- ``SCORING_MANAGE``: the bloc secretariat of the round's bloc and the office of its province build and approve the
  criteria set, set the round's rules, assign checkers, return sheets, consolidate, answer appeals, publish and
  record corrections. They check scores themselves when the bloc's rule says the secretariat checks.
- ``SHEET_EDIT``: a unit's emulation officer and head fill in the unit's self-assessment, and the checking sheets
  their unit is assigned to; ``SHEET_SUBMIT``: the unit head only.
- ``SCORING_VIEW``: a unit's own roles read the unit's own scores; after publication, every member unit of the bloc
  in that year reads the published ranking. Who gave which checking score stays hidden from units unless the round
  reveals scorers after publication.
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
    from thidua.scoring.models import ScoreSheet, ScoringAssignment, ScoringRound


class ScoringPermission(StrEnum):
    SCORING_MANAGE = "scoring.manage_scoring"
    SHEET_EDIT = "scoring.edit_sheet"
    SHEET_SUBMIT = "scoring.submit_sheet"
    SCORING_VIEW = "scoring.view_scores"


permission_roles_define(
    {
        ScoringPermission.SCORING_MANAGE: {Role.BLOC_SECRETARIAT, Role.PROVINCE_OFFICE},
        ScoringPermission.SHEET_EDIT: {Role.UNIT_OFFICER, Role.UNIT_HEAD},
        ScoringPermission.SHEET_SUBMIT: {Role.UNIT_HEAD},
        ScoringPermission.SCORING_VIEW: {Role.UNIT_OFFICER, Role.UNIT_HEAD},
    }
)


def can_manage_scoring(actor: Actor, *, bloc: Bloc) -> bool:
    return has_permission(actor, ScoringPermission.SCORING_MANAGE, bloc=bloc)


def can_edit_sheet_of(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, ScoringPermission.SHEET_EDIT, unit=unit)


def can_submit_sheet_of(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, ScoringPermission.SHEET_SUBMIT, unit=unit)


def can_view_scores_of(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, ScoringPermission.SCORING_VIEW, unit=unit)


def can_check_for(actor: Actor, *, assignment: ScoringAssignment, bloc: Bloc, submit: bool = False) -> bool:
    """May the actor fill in (or, with ``submit``, send) the checking sheet of ``assignment``?"""
    if assignment.scorer_unit is not None:
        check = can_submit_sheet_of if submit else can_edit_sheet_of
        return check(actor, unit=assignment.scorer_unit)
    if assignment.scorer_user_id is not None:
        return actor is not None and actor.is_authenticated and actor.pk == assignment.scorer_user_id
    return can_manage_scoring(actor, bloc=bloc)


def can_fill_sheet(actor: Actor, *, sheet: ScoreSheet, submit: bool = False) -> bool:
    """The role part of filling in (or, with ``submit``, sending) a sheet; the round's state is the services' part."""
    from thidua.scoring.choices import SheetKind

    if sheet.kind == SheetKind.SELF:
        check = can_submit_sheet_of if submit else can_edit_sheet_of
        return check(actor, unit=sheet.unit)
    if sheet.assignment is None:
        return False
    return can_check_for(actor, assignment=sheet.assignment, bloc=sheet.scoring_round.bloc, submit=submit)


def is_active_checker_of(actor: Actor, *, scoring_round: ScoringRound, unit_id: int) -> bool:
    """Is the actor (through its unit or as a panel member) an active checker of ``unit_id`` in the round?"""
    from thidua.scoring.choices import AssignmentStatus, ScorerKind
    from thidua.scoring.models import ScoringAssignment

    assignments = (
        ScoringAssignment.objects.filter(
            scoring_round=scoring_round, scored_unit_id=unit_id, status=AssignmentStatus.ACTIVE
        )
        .exclude(scorer_kind=ScorerKind.SECRETARIAT)
        .select_related("scorer_unit")
    )
    return any(can_check_for(actor, assignment=a, bloc=scoring_round.bloc) for a in assignments)


def can_use_scoring(actor: Actor) -> bool:
    """For the menu: does the actor take part in scoring anywhere?"""
    return any(
        has_permission(actor, permission)
        for permission in (ScoringPermission.SCORING_MANAGE, ScoringPermission.SCORING_VIEW)
    )
