"""The demo world: one real bloc conference (Quảng Nam, Khối thi đua các cơ quan tham mưu III, 17/01/2020).

Built only through services, so the demo data carries the same audit trail as real data. Every step is idempotent:
running ``loaddemo`` twice changes nothing the second time. Later issues add their steps here.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db import transaction

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.services import role_grant, user_create
from thidua.demo.context import DEMO_STEPS, DemoContext
from thidua.demo.people_data import demo_people
from thidua.emulation.choices import BlocRole, BlocYearStatus
from thidua.emulation.models import Bloc, BlocMembership, BlocYear
from thidua.emulation.services import bloc_create, bloc_member_add, bloc_year_confirm
from thidua.organizations.choices import UnitChangeKind, UnitKind
from thidua.organizations.models import Unit, UnitChange
from thidua.organizations.services import unit_change_record, unit_create

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
BLOC_I_NAME = "Khối thi đua các cơ quan tham mưu I"
# The ten members of Khối tham mưu I in 2022 (QN-K1).
BLOC_I_UNITS: list[tuple[str, str, str, str]] = [
    ("qn-so-noi-vu", "Sở Nội vụ", "Sở Nội vụ", UnitKind.DEPARTMENT),
    ("qn-so-tai-chinh", "Sở Tài chính", "Sở Tài chính", UnitKind.DEPARTMENT),
    ("qn-so-khcn", "Sở Khoa học và Công nghệ", "Sở KH&CN", UnitKind.DEPARTMENT),
    ("qn-so-khdt", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", UnitKind.DEPARTMENT),
    ("qn-so-ngoai-vu", "Sở Ngoại vụ", "Sở Ngoại vụ", UnitKind.DEPARTMENT),
    ("qn-so-tu-phap", "Sở Tư pháp", "Sở Tư pháp", UnitKind.DEPARTMENT),
    ("qn-ban-dan-toc", "Ban Dân tộc", "Ban Dân tộc", UnitKind.AGENCY),
    (
        "qn-vp-doan-dbqh-hdnd",
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "VP Đoàn ĐBQH và HĐND",
        UnitKind.AGENCY,
    ),
    ("qn-vp-ubnd", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", UnitKind.AGENCY),
    ("qn-thanh-tra", "Thanh tra tỉnh", "Thanh tra tỉnh", UnitKind.AGENCY),
]
DA_NANG_CODE = "da-nang"


@dataclass(frozen=True)
class DemoChange:
    """One of the 2025 reorganisations (DOMAIN §6): who merged into whom, when, on which legal basis."""

    kind: str
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    effective_on: dt.date
    decision_number: str
    decision_date: dt.date
    issuer: str
    summary: str


CHANGES = [
    DemoChange(
        UnitChangeKind.MERGE_INTO,
        ("qn-so-tttt",),
        ("qn-so-khcn",),
        dt.date(2025, 2, 1),
        "01/NQ-HĐND",
        dt.date(2025, 2, 1),
        "Hội đồng nhân dân tỉnh Quảng Nam",
        "Hợp nhất Sở Thông tin và Truyền thông vào Sở Khoa học và Công nghệ (QN-NQ01).",
    ),
    DemoChange(
        UnitChangeKind.MERGE_INTO,
        ("qn-so-ldtbxh",),
        ("qn-so-noi-vu",),
        dt.date(2025, 2, 1),
        "01/NQ-HĐND",
        dt.date(2025, 2, 1),
        "Hội đồng nhân dân tỉnh Quảng Nam",
        "Hợp nhất Sở Lao động – Thương binh và Xã hội vào Sở Nội vụ (QN-NQ01).",
    ),
    DemoChange(
        UnitChangeKind.MERGE_INTO,
        ("qn-so-khdt",),
        ("qn-so-tai-chinh",),
        dt.date(2025, 2, 1),
        "01/NQ-HĐND",
        dt.date(2025, 2, 1),
        "Hội đồng nhân dân tỉnh Quảng Nam",
        "Hợp nhất Sở Kế hoạch và Đầu tư vào Sở Tài chính (QN-NQ01).",
    ),
    DemoChange(
        UnitChangeKind.MERGE_INTO,
        ("qn-so-ngoai-vu",),
        ("qn-vp-ubnd",),
        dt.date(2025, 2, 1),
        "01/NQ-HĐND",
        dt.date(2025, 2, 1),
        "Hội đồng nhân dân tỉnh Quảng Nam",
        "Chuyển Sở Ngoại vụ vào Văn phòng Ủy ban nhân dân tỉnh (QN-NQ01).",
    ),
    DemoChange(
        UnitChangeKind.MERGE_INTO,
        (PROVINCE_CODE,),
        (DA_NANG_CODE,),
        dt.date(2025, 7, 1),
        "202/2025/QH15",
        dt.date(2025, 6, 12),
        "Quốc hội",
        "Sắp xếp tỉnh Quảng Nam và thành phố Đà Nẵng thành thành phố Đà Nẵng (NQ202).",
    ),
]
PEOPLE_COUNT = 300
# People who moved between units (index in the generated list, from code, to code, date).
MOVES = [
    (3, "qn-so-yte", "qn-so-gddt", dt.date(2021, 3, 1)),
    (8, "qn-so-vhttdl", "qn-so-tttt", dt.date(2020, 7, 1)),
    (15, "qn-bao-quang-nam", "qn-dai-ptth", dt.date(2022, 1, 1)),
    (21, "qn-so-gddt", "qn-so-noi-vu", dt.date(2023, 5, 15)),
    (34, "qn-so-tttt", "qn-so-vhttdl", dt.date(2019, 9, 1)),
    (42, "qn-so-tu-phap", "qn-thanh-tra", dt.date(2024, 2, 1)),
    (57, "qn-so-ldtbxh", "qn-so-yte", dt.date(2022, 8, 1)),
    (63, "qn-so-tai-chinh", "qn-so-khdt", dt.date(2021, 10, 1)),
]

# Khối trưởng and Khối phó per year: 2019, the two co-chairs of the conference. 2020's Khối trưởng (Sở TTTT) is set
# by the conference's election (thidua.conferences.demo), not here.
LEADERSHIP: dict[int, dict[str, BlocRole]] = {
    2019: {"qn-so-vhttdl": BlocRole.LEADER, "qn-so-tttt": BlocRole.DEPUTY},
    2020: {},
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


def _people(units: dict[str, Unit]) -> None:
    """A few hundred people with Vietnamese names over the units; some moved. Skipped when already loaded."""
    from thidua.people.models import Person
    from thidua.people.services import assignment_move, person_create

    if Person.objects.filter(personnel_code__startswith="QN-").exists():
        return
    codes = [code for code, *_rest in (*UNITS, *BLOC_I_UNITS)]
    directors = [("Nguyễn Thanh Hồng", "qn-so-vhttdl"), ("Phạm Hồng Quảng", "qn-so-tttt")]
    for index, (name, code) in enumerate(directors):
        person_create(
            actor=None,
            full_name=name,
            gender="male",
            unit=units[code],
            category="official",
            starts_on=dt.date(2016, 1, 1),
            position="Giám đốc Sở",
            personnel_code=f"QN-{index:04d}",
        )
    moves = {index: (source, target, day) for index, source, target, day in MOVES}
    people = []
    for index, (name, gender, birth_year, position) in enumerate(demo_people(PEOPLE_COUNT), start=len(directors)):
        source = moves.get(index, (codes[index % len(codes)],))[0]
        people.append(
            (
                index,
                person_create(
                    actor=None,
                    full_name=name,
                    gender=gender,
                    unit=units[source],
                    category="civil_servant" if index % 3 else "public_employee",
                    starts_on=dt.date(2015 + index % 4, 1, 1),
                    position=position,
                    birth_date=dt.date(birth_year, 1 + index % 12, 1 + index % 28),
                    personnel_code=f"QN-{index:04d}",
                ),
            )
        )
    for index, person in people:
        if index in moves:
            _source, target, day = moves[index]
            assignment_move(
                actor=None,
                person=person,
                unit=units[target],
                starts_on=day,
                position="Chuyên viên",
                category="civil_servant",
            )


def _changes(units: dict[str, Unit]) -> None:
    """The 2025 reorganisations, each recorded once, with its date and legal basis."""
    for change in CHANGES:
        predecessor = units[change.predecessors[0]]
        if UnitChange.objects.filter(links__predecessor=predecessor, kind=change.kind).exists():
            continue
        unit_change_record(
            actor=None,
            kind=change.kind,
            effective_on=change.effective_on,
            decision_number=change.decision_number,
            decision_date=change.decision_date,
            issuer=change.issuer,
            summary=change.summary,
            predecessors=[units[code] for code in change.predecessors],
            successors=[units[code] for code in change.successors],
        )


def demo_world_load() -> list[DemoAccount]:
    """Create (or complete) the demo world and return the demo accounts."""
    with transaction.atomic():
        province = _unit(PROVINCE_CODE, name="Tỉnh Quảng Nam", short_name="Quảng Nam", kind=UnitKind.PROVINCE)
        da_nang = _unit(DA_NANG_CODE, name="Thành phố Đà Nẵng", short_name="Đà Nẵng", kind=UnitKind.PROVINCE)
        units = {PROVINCE_CODE: province, DA_NANG_CODE: da_nang}
        for code, name, short_name, kind in (*UNITS, *BLOC_I_UNITS):
            units[code] = _unit(code, name=name, short_name=short_name, kind=kind, parent=province)
        bloc = _bloc(province)
        for year in (2019, 2020):
            for code, *_rest in UNITS:
                if not BlocMembership.objects.filter(bloc=bloc, unit=units[code], year=year).exists():
                    role = LEADERSHIP[year].get(code, BlocRole.MEMBER)
                    bloc_member_add(actor=None, bloc=bloc, unit=units[code], year=year, role=role)
        # 2019's composition is known in full (leader and deputy: the two co-chairs of 17/01/2020): confirmed.
        # 2020's deputy is not in the sources (DOMAIN §1, UNVERIFIED): the year stays a draft.
        if not BlocYear.objects.filter(bloc=bloc, year=2019, status=BlocYearStatus.CONFIRMED).exists():
            bloc_year_confirm(actor=None, bloc=bloc, year=2019)
        bloc_i = Bloc.objects.filter(province=province, name=BLOC_I_NAME).first() or bloc_create(
            actor=None, province=province, name=BLOC_I_NAME, short_name="Khối tham mưu I"
        )
        for code, *_rest in BLOC_I_UNITS:
            if not BlocMembership.objects.filter(unit=units[code], year=2022).exists():
                bloc_member_add(actor=None, bloc=bloc_i, unit=units[code], year=2022)
        for spec in ACCOUNTS:
            user = _account(spec, units, bloc)
            if spec.role == Role.PROVINCE_OFFICE:
                _reference_data_admin(user)
        _people(units)
        context = DemoContext(
            province=province,
            units=units,
            bloc_iii=bloc,
            bloc_i=bloc_i,
            bloc_iii_codes=tuple(code for code, *_rest in UNITS),
        )
        for step in DEMO_STEPS:
            if importlib.util.find_spec(step) is not None:
                importlib.import_module(step).demo_load(context)
        _changes(units)
    return ACCOUNTS
