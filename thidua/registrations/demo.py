"""Demo step: bloc III's seven members registered for 2019 (issue 4), through the services; idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from thidua.awards.models import Title
from thidua.demo.context import DemoContext
from thidua.emulation.models import BlocMembership
from thidua.registrations.models import Registration, RegistrationDeadline
from thidua.registrations.selectors import person_list_working_in
from thidua.registrations.services import (
    EntryInput,
    registration_create,
    registration_deadline_set,
    registration_submit,
)

YEAR = 2019
PEOPLE_PER_UNIT = 6


def demo_load(context: DemoContext) -> None:
    titles = {t.code: t for t in Title.objects.filter(code__in=["LDTT", "CSTDCS", "TTLDTT", "TTLDXS"])}
    if not RegistrationDeadline.objects.filter(bloc=context.bloc_iii, year=YEAR).exists():
        registration_deadline_set(actor=None, bloc=context.bloc_iii, year=YEAR, due_on=dt.date(YEAR, 1, 31))
    sent_at = dt.datetime(YEAR, 1, 25, 9, 0, tzinfo=timezone.get_current_timezone())
    for index, code in enumerate(context.bloc_iii_codes):
        unit = context.units[code]
        if Registration.objects.filter(unit=unit, year=YEAR).exists():
            continue
        if not BlocMembership.objects.filter(unit=unit, year=YEAR).exists():
            continue
        people = list(person_list_working_in(unit=unit, year=YEAR)[:PEOPLE_PER_UNIT])
        entries = [
            EntryInput(person=person, title=titles["CSTDCS" if position < 2 else "LDTT"])
            for position, person in enumerate(people)
        ]
        collective = [titles["TTLDXS" if index % 2 == 0 else "TTLDTT"]]
        registration = registration_create(
            actor=None, unit=unit, year=YEAR, collective_titles=collective, entries=entries, now=sent_at
        )
        registration_submit(actor=None, registration=registration, now=sent_at)
