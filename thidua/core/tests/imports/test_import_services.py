"""The import framework, through the units kind: preview writes nothing; confirmation writes all rows or none."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from thidua.core.exceptions import NotFound
from thidua.core.imports.choices import ImportBatchStatus
from thidua.core.imports.errors import ImportBatchExpired, ImportBatchNotPending, ImportNotAllowed
from thidua.core.imports.services import import_batch_access, import_batch_confirm, import_batch_preview
from thidua.core.models import AuditEvent
from thidua.core.spreadsheets import SpreadsheetInvalid
from thidua.core.tests.imports.helpers import UNIT_HEADER, counts, xlsx_bytes
from thidua.organizations.errors import UnitNotManageable
from thidua.organizations.models import Unit
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    ["so-noi-vu", "Sở Nội vụ Phước An", "SNV", "Sở, cơ quan chuyên môn", "tinh-p", "01/01/2008"],
    ["phong-tccb", "Phòng Tổ chức cán bộ", "", "Phòng, ban trực thuộc", "so-noi-vu", dt.date(2010, 3, 1)],
    ["so-tu-phap", "Sở Tư pháp Phước An", "STP", "department", "tinh-p", ""],
]


def _preview(actor, rows, header=UNIT_HEADER):
    content = xlsx_bytes(header, rows)
    return import_batch_preview(actor=actor, kind_code="units", upload=io.BytesIO(content), file_name="don-vi.xlsx")


def test_preview_reports_every_row_error_and_writes_nothing(world):
    # given
    before = counts()
    rows = [
        ["so-noi-vu", "Sở Nội vụ", "", "Sở, cơ quan chuyên môn", "tinh-p", "31/02/2020"],
        ["so-a", "Trùng mã đã có", "", "Sở, cơ quan chuyên môn", "tinh-p", ""],
        ["phong-x", "Phòng X", "", "Loại lạ", "khong-co", ""],
        ["so-noi-vu", "Trùng mã trong tệp", "", "Khác", "tinh-p", ""],
        ["so-ok", "Sở hợp lệ", "", "Khác", "tinh-p", ""],
    ]
    # when
    batch = _preview(world.province_office, rows)
    # then
    assert counts() == before
    assert batch.status == ImportBatchStatus.PREVIEWED
    assert [(e["row"], e["column"]) for e in batch.errors] == [
        (2, "valid_from"),
        (3, "code"),
        (4, "kind"),
        (4, "parent_code"),
        (5, "code"),
    ]
    messages = {(e["row"], e["column"]): e["message"] for e in batch.errors}
    assert "Ngày không hợp lệ: “31/02/2020”" in messages[(2, "valid_from")]
    assert "đã có trong hệ thống" in messages[(3, "code")]
    assert "Không tìm thấy đơn vị cấp trên có mã “khong-co”" in messages[(4, "parent_code")]
    assert "trùng với dòng 2" in messages[(5, "code")]
    assert batch.row_count == 5


def test_confirm_applies_every_row_with_the_services_audit_events(world):
    # given
    batch = _preview(world.province_office, GOOD_ROWS)
    assert batch.errors == []
    events_before = AuditEvent.objects.filter(action="organizations.unit_created").count()
    # when
    batch = import_batch_confirm(actor=world.province_office, batch=batch)
    # then
    assert batch.status == ImportBatchStatus.APPLIED
    assert batch.applied_count == 3
    child = Unit.objects.get(code="phong-tccb")
    assert child.parent.code == "so-noi-vu"
    assert child.path.startswith(world.p.path)
    assert child.valid_from == dt.date(2010, 3, 1)
    assert Unit.objects.get(code="so-noi-vu").short_name == "SNV"
    assert AuditEvent.objects.filter(action="organizations.unit_created").count() == events_before + 3
    assert AuditEvent.objects.filter(action="core.import_applied", actor=world.province_office).count() == 1


def test_a_failure_on_row_n_rolls_back_the_rows_before_it(world, monkeypatch):
    # given a service that refuses the third row only
    from thidua.organizations import xlsx

    real_unit_create = xlsx.unit_create

    def refusing_third(**kwargs):
        if kwargs["code"] == "so-tu-phap":
            raise UnitNotManageable()
        return real_unit_create(**kwargs)

    monkeypatch.setattr(xlsx, "unit_create", refusing_third)
    batch = _preview(world.province_office, GOOD_ROWS)
    before = counts()
    # when
    batch = import_batch_confirm(actor=world.province_office, batch=batch)
    # then nothing of rows 2 and 3 stayed
    assert counts() == before
    assert not Unit.objects.filter(code__in=["so-noi-vu", "phong-tccb"]).exists()
    assert batch.status == ImportBatchStatus.FAILED
    assert batch.applied_count == 0
    assert batch.errors == [{"row": 4, "column": "", "message": "Bạn không có quyền quản lý đơn vị trong phạm vi này."}]


def test_confirm_checks_again_when_the_database_changed_since_the_preview(world):
    # given a clean preview, then someone creates a unit with one of its codes
    batch = _preview(world.province_office, GOOD_ROWS)
    UnitFactory(code="so-tu-phap", parent=world.p)
    before = counts()
    # when
    batch = import_batch_confirm(actor=world.province_office, batch=batch)
    # then
    assert counts() == before
    assert batch.status == ImportBatchStatus.PREVIEWED
    assert [(e["row"], e["column"]) for e in batch.errors] == [(4, "code")]


def test_a_batch_is_applied_once(world):
    batch = _preview(world.province_office, GOOD_ROWS)
    import_batch_confirm(actor=world.province_office, batch=batch)
    before = counts()
    with pytest.raises(ImportBatchNotPending):
        import_batch_confirm(actor=world.province_office, batch=batch)
    assert counts() == before


def test_an_old_preview_expires(world, settings):
    # given
    batch = _preview(world.province_office, GOOD_ROWS)
    before = counts()
    later = timezone.now() + dt.timedelta(hours=settings.THIDUA_IMPORT_PREVIEW_HOURS + 1)
    # when / then
    with pytest.raises(ImportBatchExpired):
        import_batch_confirm(actor=world.province_office, batch=batch, now=later)
    assert counts() == before
    batch.refresh_from_db()
    assert batch.status == ImportBatchStatus.EXPIRED


def test_a_batch_belongs_to_its_uploader(world):
    batch = _preview(world.province_office, GOOD_ROWS)
    other_office = world.q_office
    with pytest.raises(NotFound):
        import_batch_access(actor=other_office, batch_id=batch.pk)
    with pytest.raises(NotFound):
        import_batch_access(actor=world.province_office, batch_id="not-a-uuid")
    before = counts()
    with pytest.raises(NotFound):
        import_batch_confirm(actor=other_office, batch=batch)
    assert counts() == before


@pytest.mark.parametrize("_case", ["unit_officer", "unit_head", "bloc_secretariat", "no_role"])
def test_only_the_office_may_import_units(world, _case):
    actor = {
        "unit_officer": world.officer_a,
        "unit_head": world.head_a,
        "bloc_secretariat": world.secretariat,
        "no_role": world.plain,
    }[_case]
    before = counts()
    with pytest.raises(ImportNotAllowed):
        _preview(actor, GOOD_ROWS)
    assert counts() == before


def test_another_provinces_office_gets_a_row_error_for_each_foreign_parent(world):
    batch = _preview(world.q_office, GOOD_ROWS)
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "parent_code"), (4, "parent_code")]
    assert "Bạn không có quyền thêm đơn vị dưới “Tỉnh Phước An”" in batch.errors[0]["message"]


def test_a_bad_file_is_refused_before_any_batch_is_stored(world):
    from thidua.core.models import ImportBatch

    with pytest.raises(SpreadsheetInvalid):
        _preview(world.province_office, [["x", "y"]], header=["Họ và tên", "Ngày sinh"])
    assert not ImportBatch.objects.exists()
