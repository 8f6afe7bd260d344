"""Reads of registrations, scoped to what the actor may see (S12): the unit's own roles, the bloc's secretariat for
its bloc's registrations, the province office for its province. Lists run a constant number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from thidua.core.exceptions import NotFound
from thidua.emulation.models import Bloc, BlocMembership
from thidua.people.models import Person
from thidua.registrations.models import Registration, RegistrationDeadline, RegistrationEntry
from thidua.registrations.permissions import (
    RegistrationsPermission,
    can_review_registrations_of,
    can_view_registration,
    registration_visibility,
)

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.organizations.models import Unit


def person_list_working_in(*, unit: Unit, year: int) -> QuerySet[Person]:
    """People with a post (Assignment) in ``unit`` at some time during ``year``."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Person.objects.filter(
        Q(assignments__ends_on__isnull=True) | Q(assignments__ends_on__gte=first),
        assignments__unit=unit,
        assignments__starts_on__lte=last,
    ).distinct()


def person_ids_working_in(*, unit: Unit, year: int) -> set[int]:
    return set(person_list_working_in(unit=unit, year=year).values_list("pk", flat=True))


def registration_list_visible_to(
    *, actor: Actor, year: int | None = None, bloc_id: int | None = None, status: str = ""
) -> QuerySet[Registration]:
    """Registrations the actor may read, newest year first."""
    registrations = Registration.objects.filter(registration_visibility(actor)).select_related("unit", "bloc")
    if year is not None:
        registrations = registrations.filter(year=year)
    if bloc_id is not None:
        registrations = registrations.filter(bloc_id=bloc_id)
    if status:
        registrations = registrations.filter(status=status)
    return registrations.order_by("-year", "unit__name", "pk")


def registration_access(*, actor: Actor, registration_id: int) -> Registration:
    """One registration with its titles, people and history; NotFound when missing or not readable."""
    registration = (
        Registration.objects.select_related("unit", "bloc__province")
        .prefetch_related(
            "collective_titles",
            Prefetch("entries", queryset=RegistrationEntry.objects.select_related("person", "title")),
            "events__actor",
        )
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not can_view_registration(actor, registration=registration):
        raise NotFound()
    return registration


def bloc_access_for_review(*, actor: Actor, bloc_id: int) -> Bloc:
    """A bloc whose registrations the actor reviews (its secretariat, its province office); NotFound otherwise."""
    bloc = Bloc.objects.select_related("province").filter(pk=bloc_id).first()
    if bloc is None or not can_review_registrations_of(actor, bloc=bloc):
        raise NotFound()
    return bloc


@dataclass(frozen=True)
class OverviewRow:
    unit: Unit
    registration: Registration | None
    due_on: dt.date | None

    @property
    def is_submitted(self) -> bool:
        return (
            self.registration is not None
            and self.registration.submitted_at is not None
            and (self.registration.status == "submitted")
        )

    @property
    def is_on_time(self) -> bool:
        """Submitted, and (when a deadline is set) first sent by the deadline."""
        if not self.is_submitted or self.registration is None or self.registration.submitted_at is None:
            return False
        return self.due_on is None or self.registration.submitted_at.date() <= self.due_on


@dataclass(frozen=True)
class RegistrationOverview:
    bloc: Bloc
    year: int
    deadline: RegistrationDeadline | None
    rows: list[OverviewRow]

    @property
    def missing(self) -> list[OverviewRow]:
        return [row for row in self.rows if not row.is_submitted]


def registration_overview(*, bloc: Bloc, year: int) -> RegistrationOverview:
    """Who has and has not registered for ``year`` among the bloc's members (three queries)."""
    deadline = RegistrationDeadline.objects.filter(bloc=bloc, year=year).first()
    members = BlocMembership.objects.filter(bloc=bloc, year=year).select_related("unit").order_by("unit__name")
    by_unit = {r.unit_id: r for r in Registration.objects.filter(bloc=bloc, year=year)}
    due_on = deadline.due_on if deadline else None
    rows = [OverviewRow(unit=m.unit, registration=by_unit.get(m.unit_id), due_on=due_on) for m in members]
    return RegistrationOverview(bloc=bloc, year=year, deadline=deadline, rows=rows)


def registration_unit_choices(*, actor: Actor) -> QuerySet[Unit]:
    """Units whose registration the actor may draft (form choices)."""
    from thidua.accounts.scoping import unit_scope

    return unit_scope(actor, RegistrationsPermission.REGISTRATION_EDIT).order_by("name")
