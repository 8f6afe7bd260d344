"""Database constraints of the facts: one subject (person XOR unit), one rating per subject and year."""

import pytest
from django.db import IntegrityError, transaction

from thidua.awards.models import PendingCase, TaskRating
from thidua.people.tests.factories import PersonFactory


def _insert(**fields):
    # Constraint tests must bypass the services (which refuse earlier): the only direct writes of the suite.
    with transaction.atomic():
        TaskRating(**fields).save()


def test_rating_needs_exactly_one_subject(world):
    person = PersonFactory(unit=world.a)
    with pytest.raises(IntegrityError):
        _insert(person=person, unit=world.a, year=2019, rating="htnv")
    with pytest.raises(IntegrityError):
        _insert(year=2019, rating="htnv")


def test_one_rating_per_person_and_year(world):
    person = PersonFactory(unit=world.a)
    _insert(person=person, year=2019, rating="htnv")
    _insert(person=person, year=2020, rating="htnv")
    with pytest.raises(IntegrityError):
        _insert(person=person, year=2019, rating="httnv")


def test_one_rating_per_unit_and_year(world):
    _insert(unit=world.a, year=2019, rating="htnv")
    _insert(unit=world.b, year=2019, rating="htnv")
    with pytest.raises(IntegrityError):
        _insert(unit=world.a, year=2019, rating="httnv")


def test_pending_case_needs_one_subject(world):
    import datetime as dt

    with pytest.raises(IntegrityError), transaction.atomic():
        PendingCase(kind="complaint", opened_on=dt.date(2020, 1, 1)).save()
