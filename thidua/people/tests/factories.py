"""Factories of the people app: people go through ``person_create`` (S24), so each has a first post and an audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from thidua.organizations.tests.factories import UnitFactory
from thidua.people.choices import Gender, StaffCategory
from thidua.people.models import Person
from thidua.people.services import person_create


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    """A civil servant with a first post in ``unit`` from 01/01/2015, created by the system."""

    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    birth_date = dt.date(1980, 5, 17)
    personnel_code = ""
    unit = factory.SubFactory(UnitFactory)
    position = "Chuyên viên"
    category = StaffCategory.CIVIL_SERVANT
    starts_on = dt.date(2015, 1, 1)

    @classmethod
    def _create(cls, model_class: type[Person], *args: Any, **kwargs: Any) -> Person:
        return person_create(actor=None, **kwargs)
