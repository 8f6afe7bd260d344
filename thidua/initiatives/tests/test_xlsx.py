"""Import and export of initiatives (XLSX): checked row by row at preview, written through the services, all or nothing."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from thidua.core.imports.choices import ImportBatchStatus
from thidua.core.imports.services import import_batch_confirm, import_batch_preview
from thidua.core.models import AuditEvent, ImportBatch
from thidua.core.tests.imports.helpers import read_xlsx, upload, xlsx_bytes
from thidua.initiatives import xlsx
from thidua.initiatives.choices import InitiativeField, RecognitionLevel
from thidua.initiatives.errors import InitiativeNotEditable
from thidua.initiatives.models import Initiative, InitiativeAuthor, InitiativeRecognition
from thidua.initiatives.tests.factories import initiative_make, recognise
from thidua.people.models import Person

pytestmark = pytest.mark.django_db

HEADER = [
    "Mã đơn vị",
    "Tên sáng kiến",
    "Lĩnh vực",
    "Ngày áp dụng",
    "Lợi ích",
    "Có tính mới",
    "Đã áp dụng",
    "Không thuộc đối tượng loại trừ",
    "Tác giả",
    "Tỷ lệ đóng góp",
    "Cấp công nhận",
    "Cơ quan công nhận",
    "Số quyết định",
    "Ngày quyết định",
]


@pytest.fixture
def coded(lab):
    for person, code in ((lab.lan, "QN-LAN"), (lab.minh, "QN-MINH"), (lab.binh, "QN-BINH")):
        Person.objects.filter(pk=person.pk).update(personnel_code=code)
    return lab


def _row(unit="so-a", title="Cải tiến quy trình", authors="QN-LAN;QN-MINH", shares="60;40", *recognition, **over):
    row = [unit, title, "Giải pháp quản lý", "01/03/2019", "Nhanh hơn"]
    row += [over.get("novel", "Có"), "Có", "Có", authors, shares]
    return row + (list(recognition) or ["", "", "", ""])


def _preview(actor, rows):
    content = io.BytesIO(xlsx_bytes(HEADER, rows))
    return import_batch_preview(actor=actor, kind_code="initiatives", upload=content, file_name="sang-kien.xlsx")


def _errors(batch):
    return [(e["row"], e["column"]) for e in batch.errors]


def _counts():
    return (
        Initiative.objects.count(),
        InitiativeAuthor.objects.count(),
        InitiativeRecognition.objects.count(),
        AuditEvent.objects.count(),
    )


def test_template_has_the_import_headers(client, coded):
    client.force_login(coded.w.officer_a)
    response = client.get(reverse("core:import-template", kwargs={"kind": "initiatives"}))
    assert response.status_code == 200
    assert read_xlsx(response.content)[0] == HEADER


def test_preview_reports_every_row_error_and_writes_nothing(coded):
    # given
    before = _counts()
    base = ["Cấp cơ sở", "Giám đốc Sở", "12/QĐ", "01/02/2019"]
    rows = [
        _row("khong-co", "Một"),
        _row("so-b", "Hai", "QN-BINH", "100"),  # an officer of A may not manage B
        ["so-a", "Ba", "Giải pháp quản lý", "31/02/2019", "", "Có", "Có", "Có", "QN-LAN", "100"],
        _row("so-a", "Bốn", "QN-LAN;QN-KHONG", "50;50"),
        _row("so-a", "Năm", "QN-LAN;QN-BINH", "50;50"),  # Bình works in B
        _row("so-a", "Sáu", "QN-LAN;QN-MINH", "60;50"),
        _row("so-a", "Bảy", "QN-LAN", "100", *base),  # before applied; and an officer may not recognise
        _row("so-a", "Tám"),
        _row("so-a", "tam"),
    ]
    # when
    batch = _preview(coded.w.officer_a, rows)
    # then
    assert _counts() == before
    assert _errors(batch) == [
        (2, "unit_code"),
        (3, "unit_code"),
        (4, "applied_on"),
        (5, "authors"),
        (6, "authors"),
        (7, "shares"),
        (8, "level"),
        (8, "decision_date"),
        (10, "title"),
    ]
    messages = {(e["row"], e["column"]): e["message"] for e in batch.errors}
    assert "Không tìm thấy đơn vị có mã “khong-co”" in messages[(2, "unit_code")]
    assert "Bạn không có quyền quản lý sáng kiến của “Sở Y tế Bình Minh”" in messages[(3, "unit_code")]
    assert "Ngày không hợp lệ: “31/02/2019”" in messages[(4, "applied_on")]
    assert "“QN-KHONG”" in messages[(5, "authors")]
    assert "Lê Thanh Bình" in messages[(6, "authors")]
    assert "Tổng tỷ lệ đóng góp lớn hơn 100" in messages[(7, "shares")]
    assert "trước ngày áp dụng" in messages[(8, "decision_date")]
    assert "Trùng sáng kiến ở dòng 9" in messages[(10, "title")]


def test_confirm_writes_every_row_through_the_services(coded):
    # given the head of A, who may also record a cơ sở recognition
    rows = [
        _row(
            "so-a", "Cải tiến quy trình", "QN-LAN;QN-MINH", "60;40", "Cấp cơ sở", "Giám đốc Sở", "12/QĐ", "15/11/2019"
        ),
        _row("so-a", "Số hóa hồ sơ", "QN-MINH", "100"),
    ]
    batch = _preview(coded.w.head_a, rows)
    assert batch.errors == []
    # when
    batch = import_batch_confirm(actor=coded.w.head_a, batch=batch)
    # then
    assert batch.status == ImportBatchStatus.APPLIED
    first = Initiative.objects.get(title="Cải tiến quy trình")
    assert (first.unit, first.field, first.applied_on, first.current_level) == (
        coded.w.a,
        InitiativeField.MANAGEMENT,
        dt.date(2019, 3, 1),
        RecognitionLevel.BASE,
    )
    assert {(a.person, a.share) for a in first.authors.all()} == {
        (coded.lan, Decimal("60.00")),
        (coded.minh, Decimal("40.00")),
    }
    assert Initiative.objects.get(title="Số hóa hồ sơ").current_level == ""
    actions = list(AuditEvent.objects.filter(action__startswith="initiatives.").values_list("action", flat=True))
    assert sorted(actions) == [
        "initiatives.initiative_created",
        "initiatives.initiative_created",
        "initiatives.initiative_recognised",
    ]


def test_a_refusal_by_a_service_writes_no_row(coded, monkeypatch):
    # given a service that refuses the second row (as when the grant was withdrawn meanwhile)
    batch = _preview(coded.w.officer_a, [_row("so-a", "Một"), _row("so-a", "Hai")])
    assert batch.errors == []
    real = xlsx.initiative_create

    def refuse_second(**kwargs):
        if kwargs["data"].title == "Hai":
            raise InitiativeNotEditable()
        return real(**kwargs)

    monkeypatch.setattr(xlsx, "initiative_create", refuse_second)
    before = _counts()
    # when
    batch = import_batch_confirm(actor=coded.w.officer_a, batch=batch)
    # then
    assert batch.status == ImportBatchStatus.FAILED
    assert [e["row"] for e in batch.errors] == [3]
    assert _counts()[:3] == before[:3]
    assert not AuditEvent.objects.filter(action="initiatives.initiative_created").exists()


def test_anonymous_is_sent_to_sign_in(client, coded):
    response = client.get(reverse("core:import-upload", kwargs={"kind": "initiatives"}))
    assert response.status_code == 302


@pytest.mark.parametrize("_case", ["province_office", "bloc_secretariat", "no_role"])
def test_who_may_not_record_initiatives_may_not_import(client, coded, _case):
    user = {"province_office": coded.w.province_office, "bloc_secretariat": coded.w.secretariat}.get(
        _case, coded.w.plain
    )
    client.force_login(user)
    response = client.get(reverse("core:import-upload", kwargs={"kind": "initiatives"}))
    assert response.status_code == 404


def test_a_unit_officer_imports_for_their_own_unit_only(client, coded):
    client.force_login(coded.w.officer_a)
    url = reverse("core:import-upload", kwargs={"kind": "initiatives"})
    assert client.get(url).status_code == 200
    content = xlsx_bytes(HEADER, [_row("so-a", "Một"), _row("so-b", "Hai", "QN-BINH", "100")])
    response = client.post(url, {"file": upload(content)})
    assert response.status_code == 302
    batch = ImportBatch.objects.get(owner=coded.w.officer_a)
    assert _errors(batch) == [(3, "unit_code")]


def test_export_reimports_as_the_same_initiatives(client, coded):
    # given
    first = initiative_make(unit=coded.w.a, authors=[coded.lan, coded.minh], title="Cải tiến quy trình")
    recognise(first)
    initiative_make(unit=coded.w.b, authors=[coded.binh], title="Số hóa hồ sơ")  # not seen by the head of A
    client.force_login(coded.w.head_a)
    exported = client.get(reverse("core:export", kwargs={"kind": "initiatives"})).content
    rows = read_xlsx(exported)
    assert rows[0] == HEADER
    assert rows[1][:2] == ["so-a", "Cải tiến quy trình"]
    assert rows[1][8:13] == ["QN-LAN;QN-MINH", "50;50", "Cấp cơ sở", "Giám đốc Sở", f"{first.pk}/QĐ-base"]
    assert len(rows) == 2
    Initiative.objects.filter(unit=coded.w.a).delete()
    # when
    batch = import_batch_preview(
        actor=coded.w.head_a, kind_code="initiatives", upload=io.BytesIO(exported), file_name="x.xlsx"
    )
    assert batch.errors == []
    import_batch_confirm(actor=coded.w.head_a, batch=batch)
    # then
    again = read_xlsx(client.get(reverse("core:export", kwargs={"kind": "initiatives"})).content)
    assert again == rows
