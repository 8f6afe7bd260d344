"""Import and export of award history (XLSX): rows checked at preview, written through the services, all or none."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.awards import xlsx
from thidua.awards.errors import FactConflict
from thidua.awards.models import AwardRecord, AwardRecordKind, AwardRecordSource, TaskRating
from thidua.awards.services import task_rating_set
from thidua.awards.tests.factories import award_give
from thidua.core.imports.choices import ImportBatchStatus
from thidua.core.imports.services import import_batch_confirm, import_batch_preview
from thidua.core.models import AuditEvent
from thidua.core.tests.imports.helpers import read_xlsx, sheet_titles, upload, xlsx_bytes
from thidua.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

KIND = "award-history"
HEADER = [
    "Loại đối tượng",
    "Mã cán bộ",
    "Họ và tên",
    "Mã đơn vị",
    "Mã danh hiệu",
    "Năm thành tích",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan quyết định",
    "Loại khen thưởng",
    "Ghi chú",
]


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


@pytest.fixture
def mai(world):
    return PersonFactory(unit=world.a, full_name="Hoàng Thị Mai", personnel_code="CB01")


@pytest.fixture
def nam(world):
    return PersonFactory(unit=world.a, full_name="Trương Văn Nam", personnel_code="")


@pytest.fixture
def binh(world):
    return PersonFactory(unit=world.b, full_name="Lê Thanh Bình", personnel_code="CB09")


def _person(code, title="LDTT", year=2022, number="12/QĐ-SVH", on="20/12/2022", *, name="", unit="", kind=""):
    return ["Cá nhân", code, name, unit, title, year, number, on, "Giám đốc Sở", kind, ""]


def _unit(code, title="TTLDXS", year=2022, number="45/QĐ-UBND", on="15/01/2023", kind=""):
    return ["Tập thể", "", "", code, title, year, number, on, "UBND tỉnh", kind, ""]


def _preview(actor, rows):
    content = io.BytesIO(xlsx_bytes(HEADER, rows))
    return import_batch_preview(actor=actor, kind_code=KIND, upload=content, file_name="khen-thuong.xlsx")


def _errors(batch):
    return [(e["row"], e["column"]) for e in batch.errors]


def _messages(batch):
    return {(e["row"], e["column"]): e["message"] for e in batch.errors}


def _snapshot():
    return AwardRecord.objects.count(), AuditEvent.objects.count()


def test_template_has_the_headers_an_example_and_instructions(client, world):
    client.force_login(world.officer_a)
    response = client.get(reverse("core:import-template", kwargs={"kind": KIND}))
    assert response.status_code == 200
    table = read_xlsx(response.content)
    assert table[0] == HEADER
    assert [row[0] for row in table[1:]] == ["Cá nhân", "Tập thể"]
    assert sheet_titles(response.content) == ["Lịch sử khen thưởng", "Hướng dẫn"]


def test_a_valid_file_previews_then_applies_through_the_services(world, mai, nam):
    # given a person by code, a person by name and unit, a collective, a title by its name and a kind by label
    rows = [
        _person("CB01", "CSTDCS", kind="Phong trào"),
        _person("", "Lao động tiên tiến", 2021, "7/QĐ", "05/01/2022", name="truong van nam", unit="so-a"),
        _unit("so-a", kind="Đột xuất"),
        _unit("phong-a1", "GK", 2023, "3/QĐ-SVH", "10/12/2023"),
    ]
    before = _snapshot()
    batch = _preview(world.officer_a, rows)
    assert batch.errors == []
    assert _snapshot() == before  # the preview writes nothing
    # when
    batch = import_batch_confirm(actor=world.officer_a, batch=batch)
    # then
    assert batch.status == ImportBatchStatus.APPLIED
    assert batch.applied_count == 4
    first = AwardRecord.objects.get(person=mai)
    assert (first.title.code, first.year, first.decision_number, first.decided_on, first.kind, first.source) == (
        "CSTDCS",
        2022,
        "12/QĐ-SVH",
        dt.date(2022, 12, 20),
        AwardRecordKind.MOVEMENT,
        AwardRecordSource.IMPORTED,
    )
    assert first.decided_by_body == "Giám đốc Sở"
    assert AwardRecord.objects.get(person=nam).title.code == "LDTT"
    assert AwardRecord.objects.get(unit=world.a).kind == AwardRecordKind.SPECIAL
    assert AwardRecord.objects.get(unit=world.a1).kind == AwardRecordKind.MERIT
    events = AuditEvent.objects.filter(action__startswith="awards.")
    assert sorted(events.values_list("action", flat=True)) == ["awards.award_record_created"] * 4 + [
        "awards.facts_imported"
    ]
    assert set(events.values_list("actor", flat=True)) == {world.officer_a.pk}


def test_bad_rows_get_vietnamese_messages_and_nothing_is_written(world, mai):
    before = _snapshot()
    rows = [
        _person("CB01", "XYZ"),  # 2: unknown title
        ["Đơn vị", "", "", "so-a", "TTLDXS", 2022, "1/QĐ", "01/02/2023", "", "", ""],  # 3: unknown subject kind
        _person("CB77"),  # 4: unknown personnel code
        _person("CB01", on="31/02/2023"),  # 5: bad date
        _person("CB01", year=2019, on="01/01/2018"),  # 6: decision before the achievement year
        _person("CB01", "TTLDXS"),  # 7: a collective title for a person
        _unit("khong-co"),  # 8: unknown unit
        _person("CB01", number=""),  # 9: no decision number
        _person("CB01", kind="Thường niên"),  # 10: unknown kind
        _person("", name="Ai Đó", unit="so-a"),  # 11: nobody of that name in A
        _person("CB01", year=timezone.localdate().year + 1, on="01/01/2020"),  # 12: a future year
    ]
    # when
    batch = _preview(world.officer_a, rows)
    # then
    assert _snapshot() == before
    assert _errors(batch) == [
        (2, "title"),
        (3, "subject"),
        (4, "personnel_code"),
        (5, "decided_on"),
        (6, "decided_on"),
        (7, "title"),
        (8, "unit_code"),
        (9, "decision_number"),
        (10, "kind"),
        (11, "full_name"),
        (12, "year"),
    ]
    messages = _messages(batch)
    assert messages[(2, "title")] == "Mã danh hiệu “XYZ” không có trong danh mục."
    assert "ghi Cá nhân hoặc Tập thể" in messages[(3, "subject")]
    assert messages[(4, "personnel_code")] == "Không tìm thấy cán bộ có mã “CB77”."
    assert "Ngày không hợp lệ: “31/02/2023”" in messages[(5, "decided_on")]
    assert messages[(6, "decided_on")] == "Quyết định không thể trước năm đạt thành tích."
    assert "không dành cho loại đối tượng" in messages[(7, "title")]
    assert "Không tìm thấy đơn vị có mã “khong-co”" in messages[(8, "unit_code")]
    assert messages[(9, "decision_number")] == "Chưa ghi “Số quyết định”."
    assert "Công trạng, Phong trào, Đột xuất, Chuyên đề" in messages[(10, "kind")]
    assert "Không tìm thấy cán bộ “Ai Đó”" in messages[(11, "full_name")]
    assert messages[(12, "year")] == "Không thể ghi nhận cho một năm chưa đến."
    # and confirming is refused with the same errors
    batch = import_batch_confirm(actor=world.officer_a, batch=batch)
    assert batch.status == ImportBatchStatus.PREVIEWED
    assert _snapshot() == before


def test_the_result_page_shows_the_row_number(client, world, mai):
    client.force_login(world.officer_a)
    url = reverse("core:import-upload", kwargs={"kind": KIND})
    response = client.post(url, {"file": upload(xlsx_bytes(HEADER, [_person("CB01"), _person("CB01", "XYZ")]))})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Mã danh hiệu “XYZ” không có trong danh mục." in page


def test_rows_outside_the_actors_scope_are_refused(world, mai, binh):
    before = _snapshot()
    rows = [
        _person("CB01"),
        _person("CB09"),  # works in B
        _unit("so-b"),
        _unit("so-q1"),  # another province
        _person("", "GK", name="Lê Thanh Bình", unit="so-b"),
    ]
    # when
    batch = _preview(world.officer_a, rows)
    # then
    assert _errors(batch) == [(3, "personnel_code"), (4, "unit_code"), (5, "unit_code"), (6, "full_name")]
    messages = _messages(batch)
    assert messages[(3, "personnel_code")] == "Không tìm thấy hoặc bạn không có quyền ghi nhận cho cán bộ này."
    assert messages[(4, "unit_code")] == "Bạn không có quyền ghi nhận khen thưởng cho “Sở Y tế Bình Minh”."
    assert _snapshot() == before
    # while the province office records all of them but Q's
    batch = _preview(world.province_office, rows)
    assert _errors(batch) == [(5, "unit_code")]


def test_duplicates_in_the_file_and_in_the_database_are_reported(world, mai):
    # given an award already recorded (decision "LDTT-2021/QĐ")
    award_give("LDTT", 2021, person=mai)
    before = _snapshot()
    rows = [
        _person("CB01", "LDTT", 2021, "LDTT-2021/QĐ", "20/12/2021"),  # already recorded
        _person("CB01"),
        _person("CB01", "ldtt"),  # the same as row 3 (the code without regard to case)
        _person("CB01", "GK"),  # the same decision may give another title
    ]
    # when
    batch = _preview(world.officer_a, rows)
    # then
    assert _errors(batch) == [(2, "decision_number"), (4, "decision_number")]
    messages = _messages(batch)
    assert "đã được ghi nhận cho đối tượng này" in messages[(2, "decision_number")]
    assert messages[(4, "decision_number")].startswith("Trùng với dòng 3")
    assert _snapshot() == before


def test_homonyms_need_a_personnel_code_and_a_wrong_name_is_reported(world, mai):
    PersonFactory(unit=world.a, full_name="Trần Văn Hùng")
    PersonFactory(unit=world.a, full_name="Trần Văn Hùng")
    batch = _preview(
        world.officer_a, [_person("", name="Trần Văn Hùng", unit="so-a"), _person("CB01", name="Hoàng Văn Mai")]
    )
    assert _errors(batch) == [(2, "full_name"), (3, "full_name")]
    messages = _messages(batch)
    assert "hãy ghi mã cán bộ" in messages[(2, "full_name")]
    assert "Hoàng Thị Mai" in messages[(3, "full_name")]


def test_a_refusal_by_the_service_rolls_back_every_row(world, mai, monkeypatch):
    # given a valid preview, and a service that refuses the second row (written by someone else meanwhile)
    batch = _preview(world.officer_a, [_person("CB01"), _unit("so-a")])
    assert batch.errors == []
    real = xlsx.award_record_create

    def refuse_units(**kwargs):
        if kwargs["unit"] is not None:
            raise FactConflict()
        return real(**kwargs)

    monkeypatch.setattr(xlsx, "award_record_create", refuse_units)
    before = _snapshot()
    # when
    batch = import_batch_confirm(actor=world.officer_a, batch=batch)
    # then
    assert batch.status == ImportBatchStatus.FAILED
    assert [e["row"] for e in batch.errors] == [3]
    assert _snapshot() == before


def test_who_may_not_record_facts_may_not_import(client, world):
    url = reverse("core:import-upload", kwargs={"kind": KIND})
    assert client.get(url).status_code == 302
    for user in (world.secretariat, world.plain):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(world.head_a)
    assert client.get(url).status_code == 200


def test_export_is_scoped_and_reimports(client, world, mai, nam, binh):
    # given awards of A's people and of A, and of B's person (not seen by A's officer)
    award_give("CSTDCS", 2022, person=mai)
    award_give("LDTT", 2021, person=nam)
    award_give("TTLDXS", 2022, unit=world.a)
    award_give("LDTT", 2022, person=binh)
    client.force_login(world.officer_a)
    # when
    exported = client.get(reverse("core:export", kwargs={"kind": KIND})).content
    # then
    rows = read_xlsx(exported)
    assert rows[0] == HEADER
    assert [row[:6] for row in rows[1:]] == [
        ["Cá nhân", None, "Trương Văn Nam", "so-a", "LDTT", 2021],
        ["Cá nhân", "CB01", "Hoàng Thị Mai", None, "CSTDCS", 2022],
        ["Tập thể", None, None, "so-a", "TTLDXS", 2022],
    ]
    assert rows[1][7].date() == dt.date(2021, 12, 20)
    # and it re-imports once the awards are deleted
    AwardRecord.objects.exclude(person=binh).delete()
    batch = import_batch_preview(actor=world.officer_a, kind_code=KIND, upload=io.BytesIO(exported), file_name="x")
    assert batch.errors == []
    assert import_batch_confirm(actor=world.officer_a, batch=batch).applied_count == 3
    assert read_xlsx(client.get(reverse("core:export", kwargs={"kind": KIND})).content) == rows


# Xếp loại mức độ hoàn thành nhiệm vụ

RATING_KIND = "task-rating-history"
RATING_HEADER = [*HEADER[:4], "Năm", "Mức xếp loại", "Nguồn", "Ghi chú"]


def _rating(code, year, rating, *, unit="", name="", source=""):
    subject = "Tập thể" if unit and not name else "Cá nhân"
    return [subject, code, name, unit, year, rating, source, ""]


def _rating_preview(actor, rows):
    content = io.BytesIO(xlsx_bytes(RATING_HEADER, rows))
    return import_batch_preview(actor=actor, kind_code=RATING_KIND, upload=content, file_name="xep-loai.xlsx")


def _rating_snapshot():
    return TaskRating.objects.count(), AuditEvent.objects.count()


def test_rating_template_has_the_headers(client, world):
    client.force_login(world.head_a)
    response = client.get(reverse("core:import-template", kwargs={"kind": RATING_KIND}))
    assert response.status_code == 200
    assert read_xlsx(response.content)[0] == RATING_HEADER


def test_ratings_apply_through_the_service_and_identical_ones_are_skipped(world, mai, nam):
    # given a rating already recorded for Mai in 2021
    task_rating_set(actor=None, person=mai, year=2021, rating="httnv")
    rows = [
        _rating("CB01", 2021, "Hoàn thành tốt nhiệm vụ"),  # identical: skipped
        _rating("CB01", 2022, "HTXSNV", source="Biên bản 2022"),
        _rating("", 2022, "hoan thanh nhiem vu", name="Trương Văn Nam", unit="so-a"),
        _rating("", 2022, "Hoàn thành xuất sắc nhiệm vụ", unit="so-a"),
    ]
    batch = _rating_preview(world.officer_a, rows)
    assert batch.errors == []
    # when
    batch = import_batch_confirm(actor=world.officer_a, batch=batch)
    # then
    assert (batch.status, batch.applied_count) == (ImportBatchStatus.APPLIED, 3)
    assert {(r.person_id, r.unit_id, r.year, r.rating) for r in TaskRating.objects.all()} == {
        (mai.pk, None, 2021, "httnv"),
        (mai.pk, None, 2022, "htxsnv"),
        (nam.pk, None, 2022, "htnv"),
        (None, world.a.pk, 2022, "htxsnv"),
    }
    assert TaskRating.objects.get(person=mai, year=2022).source == "Biên bản 2022"
    actions = AuditEvent.objects.filter(action__startswith="awards.").values_list("action", flat=True)
    assert sorted(actions) == ["awards.facts_imported"] + ["awards.task_rating_set"] * 4


def test_rating_errors_conflicts_duplicates_and_scope(world, mai, binh):
    task_rating_set(actor=None, person=mai, year=2021, rating="httnv")
    before = _rating_snapshot()
    rows = [
        _rating("CB01", 2021, "HTXSNV"),  # 2: another level already recorded
        _rating("CB01", 2022, "HTNV"),
        _rating("CB01", 2022, "HTTNV"),  # 4: the same subject and year as row 3
        _rating("CB09", 2022, "HTNV"),  # 5: works in B
        _rating("", 2022, "HTNV", unit="so-b"),  # 6: B
        _rating("CB01", 2022, "Giỏi"),  # 7: unknown level
        _rating("CB01", timezone.localdate().year + 1, "HTNV"),  # 8: a future year
    ]
    # when
    batch = _rating_preview(world.officer_a, rows)
    # then
    assert _errors(batch) == [
        (2, "rating"),
        (4, "year"),
        (5, "personnel_code"),
        (6, "unit_code"),
        (7, "rating"),
        (8, "year"),
    ]
    messages = _messages(batch)
    assert messages[(2, "rating")] == "Năm 2021 đã ghi nhận mức “Hoàn thành tốt nhiệm vụ”."
    assert messages[(4, "year")].startswith("Trùng với dòng 3")
    assert _rating_snapshot() == before


def test_ratings_export_reimports(client, world, mai):
    task_rating_set(actor=None, person=mai, year=2022, rating="htxsnv", source="Biên bản")
    task_rating_set(actor=None, unit=world.a, year=2022, rating="httnv")
    task_rating_set(actor=None, unit=world.b, year=2022, rating="httnv")  # not seen by A's officer
    client.force_login(world.officer_a)
    exported = client.get(reverse("core:export", kwargs={"kind": RATING_KIND})).content
    rows = read_xlsx(exported)
    assert rows[1:] == [
        ["Cá nhân", "CB01", "Hoàng Thị Mai", None, 2022, "Hoàn thành xuất sắc nhiệm vụ", "Biên bản", None],
        ["Tập thể", None, None, "so-a", 2022, "Hoàn thành tốt nhiệm vụ", None, None],
    ]
    TaskRating.objects.exclude(unit=world.b).delete()
    batch = import_batch_preview(
        actor=world.officer_a, kind_code=RATING_KIND, upload=io.BytesIO(exported), file_name="x"
    )
    assert batch.errors == []
    assert import_batch_confirm(actor=world.officer_a, batch=batch).applied_count == 2
    assert read_xlsx(client.get(reverse("core:export", kwargs={"kind": RATING_KIND})).content) == rows
