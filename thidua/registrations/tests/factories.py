"""Factories of registrations: made through the services, as the system (S24)."""

from __future__ import annotations

from thidua.awards.models import Title
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.registrations.models import Registration
from thidua.registrations.services import EntryInput, registration_create


def registration_draft(unit: Unit, year: int, people: list[Person] | None = None) -> Registration:
    """A draft registration aiming for TTLDTT, with each given person aiming for LDTT."""
    titles = {t.code: t for t in Title.objects.filter(code__in=["LDTT", "TTLDTT"])}
    entries = [EntryInput(person=p, title=titles["LDTT"]) for p in people or []]
    return registration_create(actor=None, unit=unit, year=year, collective_titles=[titles["TTLDTT"]], entries=entries)
