"""Helpers of the awards tests: facts go through the services as the system (S24)."""

from __future__ import annotations

import datetime as dt

from thidua.awards.models import AwardRecord, Title
from thidua.awards.services import AwardRecordInput, award_record_create
from thidua.organizations.models import Unit
from thidua.people.models import Person


def award_give(
    code: str, year: int, *, person: Person | None = None, unit: Unit | None = None, kind: str = "merit"
) -> AwardRecord:
    return award_record_create(
        actor=None,
        person=person,
        unit=unit,
        data=AwardRecordInput(
            title=Title.objects.get(code=code),
            year=year,
            decision_number=f"{code}-{year}/QĐ",
            decided_on=dt.date(year, 12, 20),
            kind=kind,
        ),
    )
