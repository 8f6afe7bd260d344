"""The demo world: one real bloc conference (Quảng Nam, Khối thi đua các cơ quan tham mưu III, 17/01/2020).

Built only through services, so the demo data carries the same audit trail as real data. Every step is idempotent:
running ``loaddemo`` twice changes nothing the second time. Later issues add their steps here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db import transaction

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.services import role_grant, user_create
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.services import bloc_create, bloc_member_add
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit
from thidua.organizations.services import unit_create

DEMO_PASSWORD = "ThiDua@2020"  # noqa: S105  (printed by `make run`; demo only)

PROVINCE_CODE = "quang-nam"
BLOC_NAME = "Khối thi đua các cơ quan tham mưu III"

# The seven members named in the article, in its order (QN-ART).
UNITS: list[tuple[str, str, str, str]] = [
    ("qn-so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", UnitKind.DEPARTMENT),
    ("qn-so-ldtbxh", "Sở Lao động – Thương binh và Xã hội", "Sở LĐTBXH", UnitKind.DEPARTMENT),
    ("qn-so-yte", "Sở Y tế", "Sở Y tế", UnitKind.DEPARTMENT),
    ("qn-so-gddt", "Sở Giáo dục và Đào tạo", "Sở GDĐT", UnitKind.DEPARTMENT),
    ("qn-so-tttt", "Sở Thông tin và Truyền thông", "Sở TTTT", UnitKind.DEPARTMENT),
    ("qn-bao-quang-nam", "Báo Quảng Nam", "Báo Quảng Nam", UnitKind.PRESS),
    ("qn-dai-ptth", "Đài Phát thanh và Truyền hình tỉnh Quảng Nam", "Đài PTTH Quảng Nam", UnitKind.PRESS),
]
# Khối trưởng and Khối phó per year (2019: the two co-chairs of the conference; 2020: Sở TTTT elected leader).
LEADERSHIP = {
    2019: {"qn-so-vhttdl": BlocRole.LEADER, "qn-so-tttt": BlocRole.DEPUTY},
    2020: {"qn-so-tttt": BlocRole.LEADER},
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    unit_code: str
    position: str
    role: Role
    scope: str  # "province", "bloc" or "unit"


ACCOUNTS = [
    DemoAccount(
        "bantdkt",
        "Trần Thị Thu Hà",
        PROVINCE_CODE,
        "Chuyên viên Ban Thi đua – Khen thưởng",
        Role.PROVINCE_OFFICE,
        "province",
    ),
    DemoAccount(
        "hoidong",
        "Lê Văn Dũng",
        PROVINCE_CODE,
        "Ủy viên Hội đồng Thi đua – Khen thưởng tỉnh",
        Role.COUNCIL_MEMBER,
        "province",
    ),
    DemoAccount("thuky.khoi3", "Phạm Thị Lan", "qn-so-tttt", "Chuyên viên Văn phòng Sở", Role.BLOC_SECRETARIAT, "bloc"),
    DemoAccount("giamdoc.vhttdl", "Nguyễn Thanh Hồng", "qn-so-vhttdl", "Giám đốc Sở", Role.UNIT_HEAD, "unit"),
    DemoAccount("giamdoc.tttt", "Phạm Hồng Quảng", "qn-so-tttt", "Giám đốc Sở", Role.UNIT_HEAD, "unit"),
    DemoAccount("canbo.yte", "Nguyễn Văn Minh", "qn-so-yte", "Cán bộ làm công tác thi đua", Role.UNIT_OFFICER, "unit"),
    DemoAccount("daibieu.baoqn", "Võ Thị Hoa", "qn-bao-quang-nam", "Phó Tổng Biên tập", Role.DELEGATE, "unit"),
]


def _unit(code: str, **fields: object) -> Unit:
    existing = Unit.objects.filter(code=code).first()
    return existing or unit_create(actor=None, code=code, **fields)  # type: ignore[arg-type]


def _bloc(province: Unit) -> Bloc:
    existing = Bloc.objects.filter(province=province, name=BLOC_NAME).first()
    return existing or bloc_create(actor=None, province=province, name=BLOC_NAME, short_name="Khối tham mưu III")


def _account(spec: DemoAccount, units: dict[str, Unit], bloc: Bloc) -> User:
    user = User.objects.filter(username=spec.username).first()
    if user is None:
        user = user_create(
            actor=None,
            username=spec.username,
            full_name=spec.full_name,
            email=f"{spec.username}@demo.thidua.local",
            password=DEMO_PASSWORD,
            unit=units[spec.unit_code],
            position=spec.position,
        )
    scope_unit = None if spec.scope == "bloc" else units[spec.unit_code]
    scope_bloc = bloc if spec.scope == "bloc" else None
    if not RoleAssignment.objects.filter(user=user, role=spec.role, unit=scope_unit, bloc=scope_bloc).exists():
        role_grant(actor=None, user=user, role=spec.role, unit=scope_unit, bloc=scope_bloc, note="Dữ liệu mẫu")
    return user


def _reference_data_admin(user: User) -> None:
    """The province office maintains reference data in Django's admin too."""
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    codenames = ["view_unit", "view_bloc", "view_blocmembership", "view_auditevent", "view_user", "view_roleassignment"]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


def demo_world_load() -> list[DemoAccount]:
    """Create (or complete) the demo world and return the demo accounts."""
    with transaction.atomic():
        province = _unit(
            PROVINCE_CODE,
            name="Tỉnh Quảng Nam",
            short_name="Quảng Nam",
            kind=UnitKind.PROVINCE,
            valid_to=dt.date(2025, 6, 30),
        )
        units = {PROVINCE_CODE: province}
        for code, name, short_name, kind in UNITS:
            units[code] = _unit(code, name=name, short_name=short_name, kind=kind, parent=province)
        bloc = _bloc(province)
        for year in (2019, 2020):
            for code, *_rest in UNITS:
                if not BlocMembership.objects.filter(bloc=bloc, unit=units[code], year=year).exists():
                    role = LEADERSHIP[year].get(code, BlocRole.MEMBER)
                    bloc_member_add(actor=None, bloc=bloc, unit=units[code], year=year, role=role)
        for spec in ACCOUNTS:
            user = _account(spec, units, bloc)
            if spec.role == Role.PROVINCE_OFFICE:
                _reference_data_admin(user)
    return ACCOUNTS
