"""Import and export of bloc memberships (XLSX): the seat rules are checked row by row before anything is written."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from thidua.core.imports.choices import ImportBatchStatus
from thidua.core.imports.errors import ImportNotAllowed
from thidua.core.imports.registry import import_kind_get
from thidua.core.imports.services import import_batch_confirm, import_batch_preview
from thidua.core.models import AuditEvent
from thidua.core.tests.imports.helpers import counts, xlsx_bytes
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import BlocMembership
from thidua.emulation.services import bloc_year_confirm
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

HEADER = ["Tên khối", "Năm", "Mã đơn vị", "Vai trò", "Tham gia từ ngày"]
BLOC = "Khối các cơ quan tham mưu"


def _preview(actor, rows):
    content = io.BytesIO(xlsx_bytes(HEADER, rows))
    return import_batch_preview(actor=actor, kind_code="bloc-memberships", upload=content, file_name="khoi.xlsx")


def _errors(batch):
    return [(e["row"], e["column"]) for e in batch.errors]


def test_preview_checks_every_seat_rule_and_writes_nothing(world):
    # given
    this_year = timezone.localdate().year
    before = counts()
    rows = [
        ["Khối không có", 2019, "so-a", "Thành viên", ""],
        [BLOC, 1999, "so-a", "Thành viên", ""],
        [BLOC, this_year, "so-b", "Thành viên", ""],  # B already sits in the bloc this year
        [BLOC, 2019, "so-q1", "Thành viên", ""],  # another province's unit
        [BLOC, 2019, "khong-co", "Phó", ""],
        [BLOC, 2019, "so-a", "Khối trưởng", "31/02/2019"],
        [BLOC, 2019, "so-b", "khoi truong", ""],  # second leader of the same year
        [BLOC, 2019, "so-b", "Thành viên", ""],  # B twice in 2019
        [BLOC, this_year, "phong-a1", "Khối trưởng", ""],  # A leads this year already
    ]
    # when
    batch = _preview(world.province_office, rows)
    # then
    assert counts() == before
    assert _errors(batch) == [
        (2, "bloc"),
        (3, "year"),
        (4, "unit_code"),
        (5, "unit_code"),
        (6, "unit_code"),
        (6, "role"),
        (7, "joined_on"),
        (8, "role"),
        (9, "unit_code"),
        (10, "role"),
    ]
    messages = {(e["row"], e["column"]): e["message"] for e in batch.errors}
    assert "Không tìm thấy khối “Khối không có”" in messages[(2, "bloc")]
    assert "đã là thành viên của “Khối các cơ quan tham mưu”" in messages[(4, "unit_code")]
    assert "không thuộc tỉnh của khối" in messages[(5, "unit_code")]
    assert "Ngày không hợp lệ: “31/02/2019”" in messages[(7, "joined_on")]
    assert "Khối trưởng năm 2019 đã ghi ở dòng 7" in messages[(8, "role")]
    assert "ở dòng 8" in messages[(9, "unit_code")]
    assert "Khối đã có Khối trưởng" in messages[(10, "role")]


def test_confirm_seats_every_unit_with_its_role_and_audit(world):
    # given
    rows = [
        [BLOC, 2019, "so-a", "Khối trưởng", ""],
        [str(world.bloc.pk), 2019, "so-b", "Khối phó", "01/07/2019"],
        [BLOC.upper(), 2019, "phong-a1", "Thành viên", ""],
    ]
    batch = _preview(world.province_office, rows)
    assert batch.errors == []
    events = AuditEvent.objects.filter(action="emulation.bloc_member_added").count()
    # when
    batch = import_batch_confirm(actor=world.province_office, batch=batch)
    # then
    assert batch.status == ImportBatchStatus.APPLIED
    seats = {m.unit.code: (m.role, m.joined_on) for m in BlocMembership.objects.filter(bloc=world.bloc, year=2019)}
    assert seats == {
        "so-a": (BlocRole.LEADER, None),
        "so-b": (BlocRole.DEPUTY, dt.date(2019, 7, 1)),
        "phong-a1": (BlocRole.MEMBER, None),
    }
    assert AuditEvent.objects.filter(action="emulation.bloc_member_added").count() == events + 3


def test_a_confirmed_year_takes_only_dated_seats(world):
    # given a confirmed 2019
    member_add(world.bloc, world.a, year=2019, role=BlocRole.LEADER)
    member_add(world.bloc, world.b, year=2019, role=BlocRole.DEPUTY)
    bloc_year_confirm(actor=None, bloc=world.bloc, year=2019)
    # when
    batch = _preview(
        world.province_office,
        [
            [BLOC, 2019, "phong-a1", "Thành viên", ""],
            [BLOC, 2019, UnitFactory(parent=world.p).code, "Thành viên", "01/09/2019"],
        ],
    )
    # then
    assert _errors(batch) == [(2, "joined_on")]


def test_another_provinces_office_does_not_find_the_bloc(world):
    batch = _preview(world.q_office, [[BLOC, 2019, "so-a", "Thành viên", ""]])
    assert _errors(batch) == [(2, "bloc")]


@pytest.mark.parametrize("_case", ["unit_officer", "unit_head", "bloc_secretariat", "no_role"])
def test_only_the_office_imports_memberships(world, _case):
    actor = {
        "unit_officer": world.officer_a,
        "unit_head": world.head_a,
        "bloc_secretariat": world.secretariat,
        "no_role": world.plain,
    }[_case]
    before = counts()
    with pytest.raises(ImportNotAllowed):
        _preview(actor, [[BLOC, 2019, "so-a", "Thành viên", ""]])
    assert counts() == before


def test_export_lists_the_seats_in_the_import_columns(world):
    # given a second bloc in the other province
    other = BlocFactory(province=world.q, name="Khối Quảng Thịnh")
    member_add(other, world.q1, year=2019)
    kind = import_kind_get("bloc-memberships")
    this_year = timezone.localdate().year
    # when
    rows = list(kind.export_rows(actor=world.province_office))
    # then
    assert [str(c.title) for c in kind.export_columns(world.province_office)] == HEADER
    assert rows == [
        (BLOC, this_year, "so-a", "Khối trưởng", ""),
        (BLOC, this_year, "so-b", "Thành viên", ""),
        ("Khối Quảng Thịnh", 2019, "so-q1", "Thành viên", ""),
    ]
