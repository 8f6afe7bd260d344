"""Shared fixtures: a small province with two sibling units, a child unit, a bloc, and one user per role (S24, S31).

P (province)          Q (another province)
├── A                 └── Q1
│   └── A1
└── B
bloc K of P: A (Khối trưởng) and B are members this year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import Bloc
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit
from thidua.organizations.tests.factories import ProvinceFactory, UnitFactory


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Bytes parameters (generated files) get a stable test id: the suite runs on several processes
    (pytest-xdist), which must collect the same ids, and a generated XLSX or ZIP differs from run to run."""
    if isinstance(val, bytes | bytearray):
        return f"{argname}-bytes"
    return None


@dataclass(frozen=True)
class World:
    p: Unit
    a: Unit
    a1: Unit
    b: Unit
    q: Unit
    q1: Unit
    bloc: Bloc
    province_office: User
    head_a: User
    officer_a: User
    head_b: User
    secretariat: User
    plain: User
    q_office: User
    officer_a_grant: RoleAssignment
    head_a_grant: RoleAssignment
    secretariat_grant: RoleAssignment


@pytest.fixture
def world(db: None) -> World:
    p = ProvinceFactory(code="tinh-p", name="Tỉnh Phước An")
    a = UnitFactory(code="so-a", name="Sở Văn hóa An Phú", parent=p)
    a1 = UnitFactory(code="phong-a1", name="Phòng Tổ chức An Phú", kind=UnitKind.DIVISION, parent=a)
    b = UnitFactory(code="so-b", name="Sở Y tế Bình Minh", parent=p)
    q = ProvinceFactory(code="tinh-q", name="Tỉnh Quảng Thịnh")
    q1 = UnitFactory(code="so-q1", name="Sở Giáo dục Quảng Thịnh", parent=q)
    bloc = BlocFactory(province=p, name="Khối các cơ quan tham mưu")
    member_add(bloc, a, role=BlocRole.LEADER)
    member_add(bloc, b)

    province_office = UserFactory(username="bantdkt", full_name="Trần Thị Thu Hà", unit=p)
    head_a = UserFactory(username="giamdoc.a", full_name="Nguyễn Thanh Hồng", unit=a)
    officer_a = UserFactory(username="canbo.a", full_name="Lê Văn Dũng", unit=a)
    head_b = UserFactory(username="giamdoc.b", full_name="Phạm Hồng Quảng", unit=b)
    secretariat = UserFactory(username="thuky.khoi", full_name="Phạm Thị Lan", unit=a)
    plain = UserFactory(username="chuyenvien.a", full_name="Võ Thị Hoa", unit=a)
    q_office = UserFactory(username="bantdkt.q", full_name="Đỗ Minh Khôi", unit=q)

    grant(province_office, Role.PROVINCE_OFFICE, unit=p)
    head_a_grant = grant(head_a, Role.UNIT_HEAD, unit=a)
    officer_a_grant = grant(officer_a, Role.UNIT_OFFICER, unit=a)
    grant(head_b, Role.UNIT_HEAD, unit=b)
    secretariat_grant = grant(secretariat, Role.BLOC_SECRETARIAT, bloc=bloc)
    grant(q_office, Role.PROVINCE_OFFICE, unit=q)
    return World(
        p=p,
        a=a,
        a1=a1,
        b=b,
        q=q,
        q1=q1,
        bloc=bloc,
        province_office=province_office,
        head_a=head_a,
        officer_a=officer_a,
        head_b=head_b,
        secretariat=secretariat,
        plain=plain,
        q_office=q_office,
        officer_a_grant=officer_a_grant,
        head_a_grant=head_a_grant,
        secretariat_grant=secretariat_grant,
    )


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()
