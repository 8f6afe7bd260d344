"""The initiatives tests' world: the shared ``world`` plus an officer of B and people working in A and B."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from thidua.accounts.choices import Role
from thidua.accounts.models import User
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.emulation.tests.factories import member_add
from thidua.people.models import Person
from thidua.people.tests.factories import PersonFactory


@dataclass(frozen=True)
class Lab:
    w: Any
    officer_b: User
    lan: Person
    minh: Person
    binh: Person


@pytest.fixture
def lab(world: Any, settings: Any) -> Lab:
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    officer_b = UserFactory(username="canbo.b", full_name="Trịnh Văn Bình", unit=world.b)
    grant(officer_b, Role.UNIT_OFFICER, unit=world.b)
    # The bloc's 2019 composition, for statistics by bloc of the year of recognition.
    member_add(world.bloc, world.a, year=2019)
    member_add(world.bloc, world.b, year=2019)
    lan = PersonFactory(full_name="Nguyễn Thị Lan", unit=world.a, starts_on=dt.date(2015, 1, 1))
    minh = PersonFactory(full_name="Trần Văn Minh", unit=world.a, starts_on=dt.date(2015, 1, 1))
    binh = PersonFactory(full_name="Lê Thanh Bình", unit=world.b, starts_on=dt.date(2015, 1, 1))
    return Lab(w=world, officer_b=officer_b, lan=lan, minh=minh, binh=binh)
