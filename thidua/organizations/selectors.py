"""Reads of the organisations app, scoped to what the actor may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from thidua.core.exceptions import NotFound
from thidua.organizations.models import Unit
from thidua.organizations.permissions import unit_scope_for_view

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor


def unit_list_visible_to(*, actor: Actor, search: str = "", kind: str = "") -> QuerySet[Unit]:
    qs = unit_scope_for_view(actor).select_related("parent").order_by("path")
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(short_name__icontains=search) | Q(code__icontains=search))
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def unit_access(*, actor: Actor, unit_id: int) -> Unit:
    unit = unit_scope_for_view(actor).select_related("parent").filter(pk=unit_id).first()
    if unit is None:
        raise NotFound()
    return unit


def unit_get_by_code(*, code: str) -> Unit | None:
    """Unscoped lookup for system code (demo loader, imports run by the office)."""
    return Unit.objects.filter(code=code).first()
