"""Import and export of people (XLSX): duplicates, unknown units and bad dates are refused row by row."""

import datetime as dt
import io

import pytest

from thidua.core.imports.choices import ImportBatchStatus
from thidua.core.imports.errors import ImportNotAllowed
from thidua.core.imports.registry import import_kind_get
from thidua.core.imports.services import import_batch_confirm, import_batch_preview
from thidua.core.models import AuditEvent
from thidua.core.tests.imports.helpers import counts, read_xlsx, xlsx_bytes
from thidua.people.choices import Gender, StaffCategory
from thidua.people.models import Person
from thidua.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Mã cán bộ", "Mã đơn vị", "Chức vụ", "Ngạch/loại", "Từ ngày"]


def _preview(actor, rows, header=HEADER):
    content = io.BytesIO(xlsx_bytes(header, rows))
    return import_batch_preview(actor=actor, kind_code="people", upload=content, file_name="nhan-su.xlsx")


def _errors(batch):
    return [(e["row"], e["column"]) for e in batch.errors]


def test_preview_reports_bad_date_unknown_unit_and_duplicates_and_writes_nothing(world):
    # given someone already known
    PersonFactory(full_name="Nguyễn Văn Minh", birth_date=dt.date(1979, 3, 8), personnel_code="QN-1", unit=world.a)
    before = counts()
    rows = [
        ["Lê Thị Hoa", "Nữ", "31/02/2020", "", "so-a", "", "Công chức", "01/01/2020"],
        ["Phạm Văn Nam", "Nam", "", "", "khong-co", "", "Viên chức", "01/01/2020"],
        ["Nguyen Van  Minh", "Nam", "08/03/1979", "", "so-a", "", "Công chức", "01/01/2020"],
        ["Trần Văn Tú", "Nam", "01/01/1990", "", "so-a", "", "Công chức", "01/01/2020"],
        ["TRẦN VĂN TÚ", "Nam", "01/01/1990", "", "so-b", "", "Công chức", "01/01/2020"],
        ["Đỗ Thị Lan", "Nữ", "", "QN-1", "so-a", "", "Công chức", "01/01/2020"],
        ["Hồ Văn Sơn", "Khác", "", "", "so-a", "", "Hợp đồng", "01/01/2020"],
        ["Võ Thị Hạnh", "nu", "02/02/1985", "QN-9", "phong-a1", "Chuyên viên", "nguoi lao dong", "2020-01-01"],
    ]
    # when
    batch = _preview(world.province_office, rows)
    # then
    assert counts() == before
    assert _errors(batch) == [
        (2, "birth_date"),
        (3, "unit_code"),
        (4, "full_name"),
        (6, "full_name"),
        (7, "personnel_code"),
        (8, "gender"),
        (8, "category"),
    ]
    messages = [e["message"] for e in batch.errors]
    assert "Ngày không hợp lệ: “31/02/2020”" in messages[0]
    assert "Không tìm thấy đơn vị có mã “khong-co”" in messages[1]
    assert "Trùng người đã có trong hệ thống" in messages[2]
    assert "Trùng người ở dòng 5" in messages[3]
    assert "Mã cán bộ “QN-1” đã có" in messages[4]


def test_confirm_creates_every_person_with_their_post_and_audit(world):
    # given
    rows = [
        ["Võ Thị Hạnh", "Nữ", "02/02/1985", "QN-9", "phong-a1", "Chuyên viên", "Người lao động", "01/01/2020"],
        ["Lê Văn Tám", "Nam", "", "", "so-b", "", "Công chức", "15/06/2021"],
    ]
    batch = _preview(world.province_office, rows)
    assert batch.errors == []
    events = AuditEvent.objects.filter(action="people.person_created").count()
    # when
    batch = import_batch_confirm(actor=world.province_office, batch=batch)
    # then
    assert batch.status == ImportBatchStatus.APPLIED
    hanh = Person.objects.get(personnel_code="QN-9")
    assert (hanh.gender, hanh.birth_date) == (Gender.FEMALE, dt.date(1985, 2, 2))
    post = hanh.assignments.get()
    assert (post.unit, post.category, post.position, post.starts_on) == (
        world.a1,
        StaffCategory.WORKER,
        "Chuyên viên",
        dt.date(2020, 1, 1),
    )
    assert AuditEvent.objects.filter(action="people.person_created").count() == events + 2


def test_a_unit_officer_imports_into_their_unit_only(world):
    rows = [
        ["Võ Thị Hạnh", "Nữ", "", "", "phong-a1", "", "Công chức", "01/01/2020"],
        ["Lê Văn Tám", "Nam", "", "", "so-b", "", "Công chức", "01/01/2020"],
    ]
    batch = _preview(world.officer_a, rows)
    assert _errors(batch) == [(3, "unit_code")]
    assert "Bạn không có quyền quản lý nhân sự của “Sở Y tế Bình Minh”" in batch.errors[0]["message"]


def test_another_provinces_office_cannot_import_into_this_province(world):
    batch = _preview(world.q_office, [["Lê Văn Tám", "Nam", "", "", "so-b", "", "Công chức", "01/01/2020"]])
    assert _errors(batch) == [(2, "unit_code")]


@pytest.mark.parametrize("_case", ["bloc_secretariat", "no_role"])
def test_roles_without_people_management_may_not_import(world, _case):
    actor = {"bloc_secretariat": world.secretariat, "no_role": world.plain}[_case]
    before = counts()
    with pytest.raises(ImportNotAllowed):
        _preview(actor, [["Lê Văn Tám", "Nam", "", "", "so-b", "", "Công chức", "01/01/2020"]])
    assert counts() == before


def test_export_has_personal_columns_only_for_who_may_see_them(world):
    # given
    PersonFactory(full_name="Nguyễn Văn Minh", birth_date=dt.date(1979, 3, 8), personnel_code="QN-1", unit=world.a1)
    kind = import_kind_get("people")
    # when
    office_columns = [str(c.title) for c in kind.export_columns(world.province_office)]
    office_rows = list(kind.export_rows(actor=world.province_office))
    secretariat_columns = [str(c.title) for c in kind.export_columns(world.secretariat)]
    secretariat_rows = list(kind.export_rows(actor=world.secretariat))
    # then
    assert office_columns == HEADER
    assert office_rows == [
        [
            "Nguyễn Văn Minh",
            "Nam",
            dt.date(1979, 3, 8),
            "QN-1",
            "phong-a1",
            "Chuyên viên",
            "Công chức",
            dt.date(2015, 1, 1),
        ]
    ]
    assert secretariat_columns == ["Họ và tên", "Mã đơn vị", "Chức vụ", "Ngạch/loại", "Từ ngày"]
    assert secretariat_rows == [["Nguyễn Văn Minh", "phong-a1", "Chuyên viên", "Công chức", dt.date(2015, 1, 1)]]


def test_personal_data_of_people_outside_the_scope_stays_blank(world):
    # given someone in B, seen by the head of A (who sees personal data in A only)
    PersonFactory(full_name="Lê Văn Tám", birth_date=dt.date(1980, 1, 1), personnel_code="QN-7", unit=world.b)
    kind = import_kind_get("people")
    # when
    rows = list(kind.export_rows(actor=world.head_a))
    # then
    assert rows == [["Lê Văn Tám", "", "", "", "so-b", "Chuyên viên", "Công chức", dt.date(2015, 1, 1)]]


def test_export_by_the_office_reimports_as_duplicates_only(client, world, settings):
    # given
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    PersonFactory(full_name="Nguyễn Văn Minh", birth_date=dt.date(1979, 3, 8), personnel_code="QN-1", unit=world.a1)
    client.force_login(world.province_office)
    from django.urls import reverse

    exported = client.get(reverse("core:export", kwargs={"kind": "people"})).content
    assert read_xlsx(exported)[0] == HEADER
    # when
    batch = import_batch_preview(
        actor=world.province_office, kind_code="people", upload=io.BytesIO(exported), file_name="x.xlsx"
    )
    # then
    assert _errors(batch) == [(2, "full_name"), (2, "personnel_code")]
