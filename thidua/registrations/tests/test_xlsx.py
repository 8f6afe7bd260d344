"""Import and export of registrations (XLSX): rows of one unit and year form one registration, written all or none."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.core.imports.choices import ImportBatchStatus
from thidua.core.imports.services import import_batch_confirm, import_batch_preview
from thidua.core.models import AuditEvent
from thidua.core.tests.imports.helpers import read_xlsx, upload, xlsx_bytes
from thidua.emulation.tests.factories import member_add
from thidua.people.tests.factories import PersonFactory
from thidua.registrations import xlsx
from thidua.registrations.choices import RegistrationStatus
from thidua.registrations.errors import RegistrationExists
from thidua.registrations.models import Registration, RegistrationEntry
from thidua.registrations.services import registration_submit
from thidua.registrations.tests.factories import registration_draft

pytestmark = pytest.mark.django_db

HEADER = ["Mã đơn vị", "Năm", "Danh hiệu tập thể", "Mã cán bộ", "Danh hiệu cá nhân"]
YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


@pytest.fixture
def mai(world):
    return PersonFactory(unit=world.a, full_name="Hoàng Thị Mai", personnel_code="CB01")


@pytest.fixture
def nam(world):
    return PersonFactory(unit=world.a, full_name="Trương Văn Nam", personnel_code="CB02")


def _preview(actor, rows):
    content = io.BytesIO(xlsx_bytes(HEADER, rows))
    return import_batch_preview(actor=actor, kind_code="registrations", upload=content, file_name="dk.xlsx")


def _snapshot():
    return Registration.objects.count(), RegistrationEntry.objects.count(), AuditEvent.objects.count()


def test_template_has_the_vietnamese_headers(client, world):
    client.force_login(world.officer_a)
    response = client.get(reverse("core:import-template", kwargs={"kind": "registrations"}))
    assert response.status_code == 200
    assert read_xlsx(response.content)[0] == HEADER


def test_preview_reports_every_row_error_and_writes_nothing(world, mai, nam):
    # given a submitted registration of B and a person of B
    registration_submit(actor=None, registration=registration_draft(world.b, YEAR))
    PersonFactory(unit=world.b, personnel_code="CB09")
    before = _snapshot()
    rows = [
        ["khong-co", YEAR, "TTLDXS", "", ""],  # unknown unit
        ["so-b", YEAR, "TTLDXS", "", ""],  # not the officer's unit
        ["so-a", 2019, "TTLDXS", "", ""],  # A sits in no bloc in 2019
        ["so-a", YEAR, "XYZ", "", ""],  # unknown collective title
        ["so-a", YEAR, "TTLDXS", "CB09", "LDTT"],  # works in B
        ["so-a", YEAR, "TTLDXS", "CB02", "TTLDXS"],  # a collective title for a person
        ["so-a", YEAR, "TTLDXS", "CB01", "CSTDCS"],
        ["so-a", YEAR, "", "CB01", "LDTT"],  # twice
    ]
    # when
    batch = _preview(world.officer_a, rows)
    # then
    assert _snapshot() == before
    assert [(e["row"], e["column"]) for e in batch.errors] == [
        (2, "unit_code"),
        (3, "unit_code"),
        (4, "unit_code"),
        (5, "collective_titles"),
        (6, "personnel_code"),
        (7, "individual_title"),
        (9, "personnel_code"),
    ]
    messages = [e["message"] for e in batch.errors]
    assert "Không tìm thấy đơn vị có mã “khong-co”" in messages[0]
    assert "không thuộc khối thi đua nào trong năm 2019" in messages[2]
    assert "không công tác tại" in messages[4]
    assert "đã được ghi ở dòng 8" in messages[6]


def test_a_submitted_registration_is_refused(world):
    registration_submit(actor=None, registration=registration_draft(world.a, YEAR))
    batch = _preview(world.officer_a, [["so-a", YEAR, "TTLDXS", "", ""]])
    assert [e["message"] for e in batch.errors] == [f"Bản đăng ký năm {YEAR} của “{world.a.name}” đã được gửi."]


def test_confirm_drafts_the_registration_through_the_services(world, mai, nam):
    # given
    batch = _preview(
        world.officer_a,
        [["so-a", YEAR, "TTLDXS; TTLDTT", "CB01", "CSTDCS"], ["so-a", YEAR, "TTLDXS", "CB02", "ldtt"]],
    )
    assert batch.errors == []
    # when
    batch = import_batch_confirm(actor=world.officer_a, batch=batch)
    # then
    assert batch.status == ImportBatchStatus.APPLIED
    registration = Registration.objects.get(unit=world.a, year=YEAR)
    assert registration.status == RegistrationStatus.DRAFT
    assert sorted(t.code for t in registration.collective_titles.all()) == ["TTLDTT", "TTLDXS"]
    assert {(e.person.personnel_code, e.title.code) for e in registration.entries.all()} == {
        ("CB01", "CSTDCS"),
        ("CB02", "LDTT"),
    }
    assert AuditEvent.objects.filter(action="registrations.registration_created").count() == 1


def test_a_refusal_at_confirmation_writes_no_row(world, mai):
    # given a valid preview, then B's registration is submitted by someone else meanwhile… for A's second year
    batch = _preview(world.head_a, [["so-a", YEAR, "TTLDXS", "CB01", "LDTT"]])
    assert batch.errors == []
    registration_submit(actor=None, registration=registration_draft(world.a, YEAR))
    before = _snapshot()
    # when
    batch = import_batch_confirm(actor=world.head_a, batch=batch)
    # then the new errors are shown and nothing is written
    assert batch.status == ImportBatchStatus.PREVIEWED
    assert batch.errors
    assert _snapshot() == before


def test_pages_refuse_anonymous_and_unauthorised_users(client, world):
    url = reverse("core:import-upload", kwargs={"kind": "registrations"})
    assert client.get(url).status_code == 302
    client.force_login(world.secretariat)  # reviews, never edits
    assert client.get(url).status_code == 404
    client.force_login(world.plain)
    assert client.get(reverse("core:export", kwargs={"kind": "registrations"})).status_code == 404


def test_export_is_scoped_and_reimports(client, world, mai):
    # given registrations of A and of B
    registration_draft(world.a, YEAR, [mai])
    registration_draft(world.b, YEAR)
    client.force_login(world.officer_a)
    # when
    response = client.get(reverse("core:export", kwargs={"kind": "registrations"}))
    # then only A's
    table = read_xlsx(response.content)
    assert table == [HEADER, ["so-a", YEAR, "TTLDTT", "CB01", "LDTT"]]
    # and the file imports back over the draft
    response = client.post(
        reverse("core:import-upload", kwargs={"kind": "registrations"}), {"file": upload(response.content)}
    )
    assert response.status_code == 302
    batch_id = response["Location"].rstrip("/").split("/")[-1]
    response = client.post(reverse("core:import-confirm", kwargs={"batch_id": batch_id}))
    registration = Registration.objects.get(unit=world.a, year=YEAR)
    assert [(e.person.personnel_code, e.title.code) for e in registration.entries.all()] == [("CB01", "LDTT")]
    assert AuditEvent.objects.filter(action="registrations.registration_updated").count() == 1


def test_a_service_refusal_on_one_registration_rolls_back_the_others(world, mai, monkeypatch):
    # given A seated in last year's bloc as well, and a file of two registrations
    member_add(world.bloc, world.a, year=YEAR - 1)
    batch = _preview(world.officer_a, [["so-a", YEAR - 1, "TTLDXS", "", ""], ["so-a", YEAR, "TTLDXS", "CB01", "LDTT"]])
    assert batch.errors == []
    create = xlsx.registration_create

    def refuse_this_year(**kwargs):
        if kwargs["year"] == YEAR:
            raise RegistrationExists()
        return create(**kwargs)

    monkeypatch.setattr(xlsx, "registration_create", refuse_this_year)
    before = _snapshot()
    # when
    batch = import_batch_confirm(actor=world.officer_a, batch=batch)
    # then
    assert batch.status == ImportBatchStatus.FAILED
    assert batch.errors[0]["row"] == 3
    assert _snapshot() == before
