"""Reads of the organisations app, scoped to what the actor may see.

The tree "as of" a date and a unit's lineage are built from the history tables (``UnitName``, ``UnitParentage``,
``UnitChangeLink``) in a fixed number of queries, assembled in Python: never one query per unit (S28).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL

from thidua.core.exceptions import NotFound
from thidua.core.text import fold
from thidua.organizations.models import Unit, UnitChange, UnitChangeLink, UnitName, UnitParentage
from thidua.organizations.permissions import unit_scope_for_view

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor

# How far a unit page follows predecessors and successors (a sở merged into a sở that was later merged again...).
LINEAGE_DEPTH = 3


def valid_on(day: dt.date, prefix: str = "") -> Q:
    """Rows whose [valid_from, valid_to] range (either end open) contains ``day``."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def unit_list_visible_to(
    *,
    actor: Actor,
    search: str = "",
    kind: str = "",
    province_id: int | None = None,
    active_on: dt.date | None = None,
) -> QuerySet[Unit]:
    """Units the actor may see, in tree order, filtered by name (diacritics ignored), kind, province and date.

    ``search`` is folded like ``Unit.search_name`` ("so y te" finds "Sở Y tế"). ``province_id`` keeps the units now
    under that province; ``active_on`` those in operation on that day.
    """
    qs = unit_scope_for_view(actor).select_related("parent").order_by("path")
    folded = fold(search)
    if folded:
        qs = qs.filter(search_name__contains=folded)
    if kind:
        qs = qs.filter(kind=kind)
    if province_id is not None:
        province_path = Unit.objects.filter(pk=province_id).values_list("path", flat=True).first()
        qs = qs.filter(path__startswith=province_path) if province_path else qs.none()
    if active_on is not None:
        qs = qs.filter(valid_on(active_on))
    return qs


def unit_access(*, actor: Actor, unit_id: int) -> Unit:
    """One unit the actor may see; ``NotFound`` for a missing one and a hidden one alike (S12)."""
    unit = unit_scope_for_view(actor).select_related("parent").filter(pk=unit_id).first()
    if unit is None:
        raise NotFound()
    return unit


def unit_list_by_ids(*, actor: Actor, unit_ids: Iterable[int]) -> list[Unit]:
    """The units with these ids, in the order given; ``NotFound`` unless the actor may see every one of them."""
    wanted = list(dict.fromkeys(unit_ids))
    if not wanted:
        return []
    found = {unit.pk: unit for unit in unit_scope_for_view(actor).filter(pk__in=wanted)}
    if len(found) != len(wanted):
        raise NotFound()
    return [found[pk] for pk in wanted]


def unit_get_by_code(*, code: str) -> Unit | None:
    """Unscoped lookup for system code (demo loader, imports run by the office)."""
    return Unit.objects.filter(code=code).first()


def unit_province_list(*, actor: Actor, day: dt.date) -> QuerySet[Unit]:
    """The roots of the tree (provinces) that were in operation on ``day``: the tree page's province selector."""
    return unit_scope_for_view(actor).filter(valid_on(day), parent__isnull=True).order_by("path")


def unit_name_on(unit: Unit, day: dt.date) -> str:
    """The full name ``unit`` bore on ``day`` (a 2019 record reads with the 2019 name); its current name otherwise."""
    name = UnitName.objects.filter(valid_on(day), unit=unit).order_by("-valid_from").values_list("name", flat=True)
    return name.first() or unit.name


@dataclass(frozen=True)
class TreeNode:
    """One unit in the tree as it stood on a day: the name and the parent of that day."""

    unit: Unit
    name: str
    short_name: str
    depth: int
    parent_id: int | None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


# The subtree under a root on a day, following the parentage rows valid that day. UNION (not UNION ALL) stops at a
# cycle in bad data. Portable: SQLite and PostgreSQL both run recursive common table expressions.
_SUBTREE_SQL = """
WITH RECURSIVE subtree(unit_id, parent_id) AS (
    SELECT CAST(%s AS BIGINT), CAST(NULL AS BIGINT)
    UNION
    SELECT p.unit_id, p.parent_id
    FROM organizations_unitparentage p JOIN subtree s ON p.parent_id = s.unit_id
    WHERE (p.valid_from IS NULL OR p.valid_from <= %s) AND (p.valid_to IS NULL OR p.valid_to >= %s)
)
"""
# Constant text joined at import: no value ever reaches the SQL except as a parameter.
_SUBTREE_EDGES_SQL = _SUBTREE_SQL + "SELECT unit_id, parent_id FROM subtree"  # noqa: S608
_SUBTREE_IDS_SQL = _SUBTREE_SQL + "SELECT unit_id FROM subtree"  # noqa: S608
# What a tree node needs of a unit: not the timestamps or the search key (2,000 rows, every field costs).
_TREE_FIELDS = ("id", "code", "name", "short_name", "kind", "parent_id", "path", "valid_from", "valid_to")


def unit_tree_as_of(*, actor: Actor, root: Unit | None, day: dt.date) -> list[TreeNode]:
    """The tree of units in operation on ``day``, under ``root`` (or every root), depth-first, siblings by id.

    Three queries whatever the size: the parentages of the day (under ``root``: a recursive query), then the units
    and their names of that day, assembled in Python. A unit with no parent that day (or whose parent was not in
    operation) is a root. Every signed-in user may read it.
    """
    units_qs = unit_scope_for_view(actor).filter(valid_on(day)).only(*_TREE_FIELDS)
    names_qs = UnitName.objects.filter(valid_on(day))
    edges: list[tuple[int, int]]
    if root is None:
        edges = list(UnitParentage.objects.filter(valid_on(day)).values_list("unit_id", "parent_id"))
    else:
        on = connection.ops.adapt_datefield_value(day)
        params = (root.pk, on, on)
        with connection.cursor() as cursor:
            cursor.execute(_SUBTREE_EDGES_SQL, params)
            edges = [(unit_id, parent_id) for unit_id, parent_id in cursor.fetchall() if parent_id is not None]
        subtree = RawSQL(_SUBTREE_IDS_SQL, params)  # noqa: S611 (constant SQL; the values are parameters)
        units_qs = units_qs.filter(pk__in=subtree)
        names_qs = names_qs.filter(unit_id__in=subtree)
    units = {unit.pk: unit for unit in units_qs.order_by("pk")}
    names = {unit_id: (name, short) for unit_id, name, short in names_qs.values_list("unit_id", "name", "short_name")}
    parent_of_day = dict(edges)
    parent_of = {unit_id: parent_id for unit_id, parent_id in edges if unit_id in units and parent_id in units}
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit_id in units:  # ascending ids, so siblings come out in creation order
        children[parent_of.get(unit_id)].append(unit_id)
    starts = children[None] if root is None else [pk for pk in (root.pk,) if pk in units]
    nodes: list[TreeNode] = []
    stack = [(unit_id, 0) for unit_id in reversed(starts)]
    seen: set[int] = set()
    while stack:
        unit_id, depth = stack.pop()
        if unit_id in seen:  # a cycle in bad data must not loop forever
            continue
        seen.add(unit_id)
        unit = units[unit_id]
        name, short_name = names.get(unit_id, (unit.name, unit.short_name))
        nodes.append(
            TreeNode(unit=unit, name=name, short_name=short_name, depth=depth, parent_id=parent_of_day.get(unit_id))
        )
        stack.extend((child, depth + 1) for child in reversed(children[unit_id]))
    return nodes


@dataclass(frozen=True)
class LineageLink:
    """A unit reached through a recorded change: ``unit`` came before (or after) ``via`` through ``change``."""

    unit: Unit
    via: Unit
    change: UnitChange
    level: int


@dataclass(frozen=True)
class Lineage:
    """Predecessors and successors of a unit (nearest first), each with the change that links it (DOMAIN §6.3)."""

    predecessors: list[LineageLink]
    successors: list[LineageLink]


def _lineage_side(*, unit: Unit, towards_predecessors: bool, depth: int) -> list[LineageLink]:
    """Follow the links one level per query (select_related brings the change and both units)."""
    near, far = ("successor", "predecessor") if towards_predecessors else ("predecessor", "successor")
    found: list[LineageLink] = []
    seen, frontier = {unit.pk}, [unit.pk]
    for level in range(1, depth + 1):
        links = (
            UnitChangeLink.objects.filter(**{f"{near}_id__in": frontier, f"{far}__isnull": False})
            .select_related("change", near, far)
            .order_by("change__effective_on", "change_id", "id")
        )
        frontier = []
        for link in links:
            other: Unit = getattr(link, far)
            if other.pk in seen:  # rename links point at the unit itself; diamonds are shown once
                continue
            seen.add(other.pk)
            frontier.append(other.pk)
            found.append(LineageLink(unit=other, via=getattr(link, near), change=link.change, level=level))
        if not frontier:
            break
    return found


def unit_lineage(*, unit: Unit, depth: int = LINEAGE_DEPTH) -> Lineage:
    """Predecessors and successors of ``unit``, ``depth`` levels each way, one query per level and direction."""
    return Lineage(
        predecessors=_lineage_side(unit=unit, towards_predecessors=True, depth=depth),
        successors=_lineage_side(unit=unit, towards_predecessors=False, depth=depth),
    )


def unit_name_history(*, unit: Unit) -> QuerySet[UnitName]:
    """The names a unit bore, oldest first."""
    return UnitName.objects.filter(unit=unit).order_by(F("valid_from").asc(nulls_first=True), "id")


def unit_parentage_history(*, unit: Unit) -> QuerySet[UnitParentage]:
    """The units a unit stood under, oldest first."""
    return (
        UnitParentage.objects.filter(unit=unit)
        .select_related("parent")
        .order_by(F("valid_from").asc(nulls_first=True), "id")
    )


def unit_children_on(*, unit: Unit, day: dt.date) -> QuerySet[Unit]:
    """The units directly under ``unit`` today (its current position), in operation on ``day``."""
    return Unit.objects.filter(valid_on(day), parent=unit).order_by("path")
