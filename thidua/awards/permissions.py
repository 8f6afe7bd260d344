"""Permission policy of the awards app (STYLE S10–S12).

- ``FACTS_VIEW``: read the facts the eligibility rules use (ratings, awards received, discipline, pending cases) of
  a person or a collective: the province office over its province, the unit's head and officer over their unit and
  the units below, the bloc secretariat over the bloc's members.
- ``FACTS_RECORD``: record, import and correct those facts: the province office of the subject's province, and the
  unit's head or officer for their own unit (and the units below) and its people.
- ``PARAMETER_SET``: adjust a configurable rule parameter with a dated decision: the province office only.

A person is within the actor's reach when the actor holds the permission over the unit of one of the person's posts
in the fact's year, or over the person's current unit: the person's history follows them (DOMAIN §6.3).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import F, Q

from thidua.accounts.choices import Role
from thidua.accounts.scoping import actor_grants, has_permission, has_role_over, permission_roles_define
from thidua.organizations.choices import UnitKind
from thidua.people.models import Assignment

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit


class AwardsPermission(StrEnum):
    FACTS_VIEW = "awards.view_facts"
    FACTS_RECORD = "awards.record_facts"
    PARAMETER_SET = "awards.set_parameter"


permission_roles_define(
    {
        AwardsPermission.FACTS_VIEW: {
            Role.PROVINCE_OFFICE,
            Role.BLOC_SECRETARIAT,
            Role.UNIT_HEAD,
            Role.UNIT_OFFICER,
        },
        AwardsPermission.FACTS_RECORD: {Role.PROVINCE_OFFICE, Role.UNIT_HEAD, Role.UNIT_OFFICER},
        AwardsPermission.PARAMETER_SET: {Role.PROVINCE_OFFICE},
    }
)


def can_record_facts(actor: Actor) -> bool:
    """Does the actor record facts anywhere (the edge check of the import operations)?"""
    return has_permission(actor, AwardsPermission.FACTS_RECORD)


def can_view_facts(actor: Actor) -> bool:
    return has_permission(actor, AwardsPermission.FACTS_VIEW)


def can_record_facts_of_unit(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, AwardsPermission.FACTS_RECORD, unit=unit)


def can_view_facts_of_unit(actor: Actor, *, unit: Unit) -> bool:
    return has_permission(actor, AwardsPermission.FACTS_VIEW, unit=unit)


def can_set_parameter(actor: Actor, *, province: Unit) -> bool:
    """Only the office of that province, and only on a province."""
    return province.kind == UnitKind.PROVINCE and has_permission(actor, AwardsPermission.PARAMETER_SET, unit=province)


def people_within_reach(
    actor: Actor, permission: AwardsPermission, *, person_years: Iterable[tuple[int, int]]
) -> set[tuple[int, int]]:
    """The (person id, year) pairs whose facts ``actor`` may touch with ``permission``: one query for all pairs.

    Allowed when the actor holds the permission over the unit of a post of the person during that year, or over the
    unit of the person's current (open, or else last) post.
    """
    pairs = set(person_years)
    if not pairs or not has_permission(actor, permission):
        return set()
    rows = (
        Assignment.objects.filter(person_id__in={p for p, _ in pairs})
        .select_related("unit")
        .order_by("person_id", F("ends_on").desc(nulls_first=True), "-starts_on")
    )
    posts: dict[int, list[Assignment]] = defaultdict(list)
    for row in rows:
        posts[row.person_id].append(row)
    allowed_units: dict[int, bool] = {}

    def allowed(unit: Unit) -> bool:
        if unit.pk not in allowed_units:
            allowed_units[unit.pk] = has_permission(actor, permission, unit=unit)
        return allowed_units[unit.pk]

    result: set[tuple[int, int]] = set()
    for person_id, year in pairs:
        person_posts = posts.get(person_id, [])
        if not person_posts:
            continue
        current = person_posts[0]
        in_year = [
            a for a in person_posts if a.starts_on.year <= year and (a.ends_on is None or a.ends_on.year >= year)
        ]
        if allowed(current.unit) or any(allowed(a.unit) for a in in_year):
            result.add((person_id, year))
    return result


def person_within_reach(actor: Actor, permission: AwardsPermission, *, person_id: int, year: int) -> bool:
    return (person_id, year) in people_within_reach(actor, permission, person_years=[(person_id, year)])


# --- Proposals and decisions (issue 6) ---------------------------------------------------------------------------------
#
# - ``DOSSIER_VIEW``: read a dossier: the proposer unit's head and officer (and those of the units above it), the
#   bloc's secretariat for a bloc dossier, the office of the dossier's province.
# - ``DOSSIER_EDIT``: draft it (nominees, documents, reference date): the proposer unit's officer or head; for a bloc
#   dossier, the bloc's secretariat.
# - ``DOSSIER_SUBMIT``: submit or resubmit it: the proposer unit's head; the bloc's secretariat for a bloc dossier.
# - ``DOSSIER_REVIEW``: receive, appraise, return, record the council's vote, issue and revoke decisions: the office of
#   the dossier's province.


class DossierPermission(StrEnum):
    DOSSIER_VIEW = "awards.view_dossier"
    DOSSIER_EDIT = "awards.edit_dossier"
    DOSSIER_SUBMIT = "awards.submit_dossier"
    DOSSIER_REVIEW = "awards.review_dossier"


permission_roles_define(
    {
        DossierPermission.DOSSIER_VIEW: {
            Role.PROVINCE_OFFICE,
            Role.BLOC_SECRETARIAT,
            Role.UNIT_HEAD,
            Role.UNIT_OFFICER,
        },
        DossierPermission.DOSSIER_EDIT: {Role.BLOC_SECRETARIAT, Role.UNIT_HEAD, Role.UNIT_OFFICER},
        DossierPermission.DOSSIER_SUBMIT: {Role.BLOC_SECRETARIAT, Role.UNIT_HEAD},
        DossierPermission.DOSSIER_REVIEW: {Role.PROVINCE_OFFICE},
    }
)


def can_draft_dossier_for(actor: Actor, *, unit: Unit | None = None, bloc: Bloc | None = None) -> bool:
    """The unit's officer or head (or of a unit above it); for a bloc, its secretariat. A bloc's secretariat does not
    draft the dossiers of its member units, which the generic grant on the members would otherwise allow."""
    if unit is not None:
        return has_role_over(actor, Role.UNIT_OFFICER, unit=unit) or has_role_over(actor, Role.UNIT_HEAD, unit=unit)
    return bloc is not None and _is_bloc_secretariat(actor, bloc)


def can_submit_dossier_for(actor: Actor, *, unit: Unit | None = None, bloc: Bloc | None = None) -> bool:
    """The unit's head; for a bloc dossier, the bloc's secretariat."""
    if unit is not None:
        return has_role_over(actor, Role.UNIT_HEAD, unit=unit)
    return bloc is not None and _is_bloc_secretariat(actor, bloc)


def can_review_dossiers_of(actor: Actor, *, province: Unit) -> bool:
    """The office of the province (and nobody from another province)."""
    return has_permission(actor, DossierPermission.DOSSIER_REVIEW, unit=province)


def can_view_dossier_of(actor: Actor, *, province: Unit, unit: Unit | None = None, bloc: Bloc | None = None) -> bool:
    return can_review_dossiers_of(actor, province=province) or can_draft_dossier_for(actor, unit=unit, bloc=bloc)


def _is_bloc_secretariat(actor: Actor, bloc: Bloc) -> bool:
    return any(g.role == Role.BLOC_SECRETARIAT and g.bloc_id == bloc.pk for g in actor_grants(actor))


def dossier_scope_filter(actor: Actor) -> Q:
    """The ``Dossier`` rows the actor may read, as a filter (no query): an empty ``pk__in`` when none."""
    condition = Q(pk__in=[])
    for grant in actor_grants(actor):
        if grant.role == Role.PROVINCE_OFFICE and grant.unit_path:
            condition |= Q(province__path__startswith=grant.unit_path)
        elif grant.role in (Role.UNIT_HEAD, Role.UNIT_OFFICER) and grant.unit_path:
            condition |= Q(proposer_unit__path__startswith=grant.unit_path)
        elif grant.role == Role.BLOC_SECRETARIAT and grant.bloc_id:
            condition |= Q(bloc_id=grant.bloc_id)
    return condition
