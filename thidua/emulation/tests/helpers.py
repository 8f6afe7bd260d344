"""Helpers shared by the emulation tests: what "nothing changed" means, and who may not organise blocs (S26)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser

from thidua.core.models import AuditEvent
from thidua.emulation.models import Bloc, BlocMembership, BlocYear


def state() -> tuple[int, int, int, int, list[tuple[Any, ...]]]:
    """Row counts and every seat's mutable fields, so a refused call can be shown to have changed nothing."""
    seats = list(
        BlocMembership.objects.order_by("pk").values_list("pk", "unit_id", "year", "role", "joined_on", "left_on")
    )
    return (
        Bloc.objects.count(),
        BlocMembership.objects.count(),
        BlocYear.objects.count(),
        AuditEvent.objects.count(),
        seats,
    )


REFUSED_MANAGERS: list[tuple[str, Callable[[Any], Any]]] = [
    ("anonymous", lambda w: AnonymousUser()),
    ("signed in without a role", lambda w: w.plain),
    ("head of a member unit", lambda w: w.head_a),
    ("officer of a member unit", lambda w: w.officer_a),
    ("the bloc's own secretariat", lambda w: w.secretariat),
    ("another province's office", lambda w: w.q_office),
]
