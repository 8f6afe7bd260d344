"""Reads of the movements app, scoped to what the actor may see (S12); each runs a constant number of queries."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from thidua.core.exceptions import NotFound
from thidua.movements.models import Movement, MovementReview
from thidua.movements.permissions import can_manage_movement, is_signed_in

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.emulation.models import Bloc


def movement_scope_for_view(actor: Actor) -> QuerySet[Movement]:
    """Every signed-in, active user reads every movement; anonymous callers see none."""
    return Movement.objects.all() if is_signed_in(actor) else Movement.objects.none()


def movements_of_bloc(bloc: Bloc) -> Q:
    """A bloc's movements: those it launched and those its province launched (the bloc's members take part)."""
    return Q(bloc=bloc) | Q(bloc__isnull=True, launched_by_unit=bloc.province_id)


def movements_in_year(year: int) -> Q:
    """Movements whose period touches the year, or launched in it."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Q(starts_on__lte=last, ends_on__gte=first) | Q(launched_on__year=year)


def movement_list_visible_to(
    *, actor: Actor, year: int | None = None, bloc: Bloc | None = None, kind: str = ""
) -> QuerySet[Movement]:
    """Movements the actor may read, filtered by year, bloc and kind, with their launching body (one query)."""
    movements = movement_scope_for_view(actor).select_related("launched_by_unit", "bloc")
    if year is not None:
        movements = movements.filter(movements_in_year(year))
    if bloc is not None:
        movements = movements.filter(movements_of_bloc(bloc))
    if kind:
        movements = movements.filter(kind=kind)
    return movements.order_by("-launched_on", "title", "pk")


def movement_access(*, actor: Actor, movement_id: int, manage: bool = False) -> Movement:
    """One movement with its reviews; NotFound when missing, unreadable, or (``manage``) not the actor's to review."""
    reviews = Prefetch("reviews", queryset=MovementReview.objects.order_by("held_on", "pk"))
    movement = (
        movement_scope_for_view(actor)
        .select_related("launched_by_unit", "bloc", "bloc__province")
        .prefetch_related(reviews)
        .filter(pk=movement_id)
        .first()
    )
    if movement is None or (manage and not can_manage_movement(actor, movement=movement)):
        raise NotFound()
    return movement


def movement_list_for_bloc_year(*, bloc: Bloc, year: int) -> list[Movement]:
    """The bloc's movements of the year with their reviews (two queries), for its year page and timeline."""
    reviews = Prefetch("reviews", queryset=MovementReview.objects.order_by("held_on", "pk"))
    return list(
        Movement.objects.filter(movements_of_bloc(bloc))
        .filter(movements_in_year(year))
        .select_related("launched_by_unit", "bloc")
        .prefetch_related(reviews)
        .order_by("launched_on", "title", "pk")
    )
