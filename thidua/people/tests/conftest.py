"""The people tests' world: the shared ``world`` plus the roles the personal-data matrix needs.

Person "Nguyễn Văn Minh" works in A1 (a division of A). Around him: an officer of A1 (his unit), the head of A (the
parent unit), an officer of B (another unit), a delegate of A1, a council member of P, the bloc secretariat, the
province office of P and the office of province Q.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from thidua.accounts.choices import Role
from thidua.accounts.models import User
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.core.models import AuditEvent
from thidua.people.choices import Gender
from thidua.people.models import Assignment, Person
from thidua.people.tests.factories import PersonFactory

BIRTH = dt.date(1979, 3, 8)
CODE = "QN-000123"


@dataclass(frozen=True)
class Staff:
    w: Any
    minh: Person
    officer_a1: User
    officer_b: User
    delegate: User
    council: User


@pytest.fixture
def staff(world: Any, settings: Any) -> Staff:
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    officer_a1 = UserFactory(username="canbo.a1", full_name="Hồ Thị Mai", unit=world.a1)
    grant(officer_a1, Role.UNIT_OFFICER, unit=world.a1)
    officer_b = UserFactory(username="canbo.b", full_name="Trịnh Văn Bình", unit=world.b)
    grant(officer_b, Role.UNIT_OFFICER, unit=world.b)
    delegate = UserFactory(username="daibieu.a1", full_name="Lý Thị Thu", unit=world.a1)
    grant(delegate, Role.DELEGATE, unit=world.a1)
    council = UserFactory(username="hoidong", full_name="Vũ Đức Thắng", unit=world.p)
    grant(council, Role.COUNCIL_MEMBER, unit=world.p)
    minh = PersonFactory(
        full_name="Nguyễn Văn Minh",
        gender=Gender.MALE,
        birth_date=BIRTH,
        personnel_code=CODE,
        unit=world.a1,
        position="Trưởng phòng",
    )
    return Staff(w=world, minh=minh, officer_a1=officer_a1, officer_b=officer_b, delegate=delegate, council=council)


def actor_of(name: str) -> Callable[[Staff], User | None]:
    """``name`` is an attribute of Staff or of the world; "anonymous" is nobody."""

    def pick(s: Staff) -> User | None:
        if name == "anonymous":
            return None
        return getattr(s, name, None) or getattr(s.w, name)

    return pick


# (case, actor, sees personal data) over Minh, who works in A1.
VISIBILITY = [
    ("bloc secretariat", "secretariat", False),
    ("delegate of his unit", "delegate", False),
    ("council member of the province", "council", False),
    ("officer of another unit", "officer_b", False),
    ("office of another province", "q_office", False),
    ("officer of his unit", "officer_a1", True),
    ("head of the parent unit", "head_a", True),
    ("province office", "province_office", True),
]


def state() -> tuple[int, int, int, int]:
    """What a refusal must leave unchanged: people, posts, open posts, audit events."""
    return (
        Person.objects.count(),
        Assignment.objects.count(),
        Assignment.objects.filter(ends_on__isnull=True).count(),
        AuditEvent.objects.count(),
    )


def login(client: Client, user: User | None) -> None:
    if user is not None:
        client.force_login(user)
