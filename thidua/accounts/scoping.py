"""The permission engine: roles granted in a scope, inherited down the unit tree (STYLE S10–S12).

Each app names its permissions once in its ``permissions.py`` (a ``StrEnum``) and declares which roles hold each one
with :func:`permission_roles_define`. Predicates ask :func:`has_permission` about one unit or bloc; list selectors
build on :func:`unit_scope` and :func:`bloc_scope`. The user's active grants are loaded in one query and cached on
the user object for the request.

A grant on a unit covers that unit and every unit under it; a grant on a province's unit also covers the province's
blocs; a grant on a bloc covers the bloc and the units that are its members in the current year.

History follows the successor (DOMAIN R30, §6.3): a unit that ended through a recorded change (merged, split,
transferred) keeps its old place in the tree, so a grant on a unit also covers every unit that ended into a successor
under it, and the units that stood under that one. After 01/07/2025 the office of TP Đà Nẵng thus reads the history of
Quảng Nam and its former departments. One step of lineage is followed; a unit whose successor itself ended later is
covered through the tree of the first successor when that one stood under the second (the 2025 mergers' shape).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.lookups import StartsWith
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleAssignment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from thidua.accounts.models import User
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit

    Actor = User | AnonymousUser | None


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int | None
    unit_path: str | None
    bloc_id: int | None


_permission_roles: dict[str, frozenset[str]] = {}


def permission_roles_define(mapping: Mapping[str, Iterable[Role]]) -> None:
    """Declare which roles hold each permission. Called once per app, at import of its ``permissions.py``."""
    for permission, roles in mapping.items():
        _permission_roles[str(permission)] = frozenset(str(role) for role in roles)


def roles_for(permission: str) -> frozenset[str]:
    try:
        return _permission_roles[str(permission)]
    except KeyError:
        raise LookupError(f"Permission {permission!r} is not declared by any app.") from None


_CACHE_ATTR = "_thidua_grants"


def actor_grants(actor: Actor) -> tuple[Grant, ...]:
    """The actor's active grants today, loaded once per request (one query)."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return ()
    cached: tuple[Grant, ...] | None = getattr(actor, _CACHE_ATTR, None)
    if cached is None:
        rows = (
            RoleAssignment.objects.active()
            .filter(user_id=actor.pk)
            .values_list("role", "unit_id", "unit__path", "bloc_id")
        )
        cached = tuple(Grant(role=r, unit_id=u, unit_path=p, bloc_id=b) for r, u, p, b in rows)
        setattr(actor, _CACHE_ATTR, cached)
    return cached


def actor_grants_clear(actor: Any) -> None:
    """Forget cached grants (after a grant or revoke for the same user object)."""
    if actor is not None and hasattr(actor, _CACHE_ATTR):
        delattr(actor, _CACHE_ATTR)


def _grants_with(actor: Actor, permission: str) -> list[Grant]:
    roles = roles_for(permission)
    return [g for g in actor_grants(actor) if g.role in roles]


def _current_bloc_unit_ids(bloc_ids: set[int]) -> set[int]:
    from thidua.emulation.models import BlocMembership

    if not bloc_ids:
        return set()
    year = timezone.localdate().year
    return set(BlocMembership.objects.filter(bloc_id__in=bloc_ids, year=year).values_list("unit_id", flat=True))


def _inherited_from(paths: set[str], outer_path: OuterRef | Value) -> Exists:
    """EXISTS a merger or split whose successor lies under one of ``paths`` and whose ended predecessor is the unit at
    ``outer_path`` or one of its ancestors. A transfer of functions leaves the giving unit alive: it covers nothing."""
    from thidua.organizations.choices import UnitChangeKind
    from thidua.organizations.models import UnitChangeLink

    successor_in = Q()
    for path in paths:
        successor_in |= Q(successor__path__startswith=path)
    links = UnitChangeLink.objects.filter(
        successor_in,
        StartsWith(outer_path, F("predecessor__path")),
        change__kind__in=(UnitChangeKind.MERGE_INTO, UnitChangeKind.SPLIT),
        predecessor__valid_to__isnull=False,
    )
    return Exists(links)


def _inherits(unit: Unit, paths: set[str]) -> bool:
    """Is the ended ``unit`` covered through lineage by a grant on one of ``paths``? One query, asked only for a unit
    that has ended and that the tree did not already cover (a unit still active is never inherited)."""
    from thidua.organizations.models import Unit as UnitModel

    if not paths or unit.valid_to is None:
        return False
    return UnitModel.objects.filter(
        _inherited_from(paths, Value(unit.path, output_field=CharField())), pk=unit.pk
    ).exists()


def has_permission(actor: Actor, permission: str, *, unit: Unit | None = None, bloc: Bloc | None = None) -> bool:
    """Does ``actor`` hold ``permission`` on ``unit`` or ``bloc``? With neither, anywhere at all (for menus)."""
    grants = _grants_with(actor, permission)
    if not grants:
        return False
    if unit is None and bloc is None:
        return True
    if unit is not None:
        if any(g.unit_path and unit.path.startswith(g.unit_path) for g in grants):
            return True
        bloc_ids = {g.bloc_id for g in grants if g.bloc_id}
        if bloc_ids and unit.pk in _current_bloc_unit_ids(bloc_ids):
            return True
        if _inherits(unit, {g.unit_path for g in grants if g.unit_path}):
            return True
    if bloc is not None:
        if any(g.bloc_id == bloc.pk for g in grants):
            return True
        province_path = bloc.province.path
        if any(g.unit_path and province_path.startswith(g.unit_path) for g in grants):
            return True
    return False


def has_role_over(actor: Actor, role: Role, *, unit: Unit | None = None, bloc: Bloc | None = None) -> bool:
    """Does the actor hold ``role`` itself (not merely a role with the same permission) over the unit or bloc?"""
    for grant in actor_grants(actor):
        if grant.role != role:
            continue
        if unit is not None and grant.unit_path and unit.path.startswith(grant.unit_path):
            return True
        if bloc is not None and grant.bloc_id == bloc.pk:
            return True
        if bloc is not None and grant.unit_path and bloc.province.path.startswith(grant.unit_path):
            return True
    return False


def unit_scope(actor: Actor, permission: str) -> QuerySet[Unit]:
    """Every unit on which ``actor`` holds ``permission``."""
    from thidua.organizations.models import Unit

    grants = _grants_with(actor, permission)
    if not grants:
        return Unit.objects.none()
    condition = Q()
    paths = {g.unit_path for g in grants if g.unit_path}
    for path in paths:
        condition |= Q(path__startswith=path)
    if paths:
        condition |= Q(_inherited_from(paths, OuterRef("path")), valid_to__isnull=False)
    member_ids = _current_bloc_unit_ids({g.bloc_id for g in grants if g.bloc_id})
    if member_ids:
        condition |= Q(pk__in=member_ids)
    return Unit.objects.filter(condition)


def bloc_scope(actor: Actor, permission: str) -> QuerySet[Bloc]:
    """Every bloc on which ``actor`` holds ``permission``."""
    from thidua.emulation.models import Bloc

    grants = _grants_with(actor, permission)
    if not grants:
        return Bloc.objects.none()
    condition = Q(pk__in={g.bloc_id for g in grants if g.bloc_id})
    for path in {g.unit_path for g in grants if g.unit_path}:
        condition |= Q(province__path__startswith=path)
    return Bloc.objects.filter(condition)


def actor_has_province_role(actor: Actor) -> bool:
    """True when the actor holds a role over a whole province (such users must use two-factor authentication)."""
    from thidua.accounts.choices import PROVINCE_ROLES

    return any(
        g.role in PROVINCE_ROLES or (g.unit_path is not None and g.unit_path.count("/") == 2)
        for g in actor_grants(actor)
    )
