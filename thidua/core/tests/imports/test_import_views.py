"""Pages of import and export: the permission matrix, the preview with row-by-row errors, confirm, template, export."""

import io

import pytest
from django.urls import reverse

from thidua.core.imports.choices import ImportBatchStatus
from thidua.core.models import ImportBatch
from thidua.core.tests.imports.helpers import UNIT_HEADER, counts, read_xlsx, sheet_titles, upload, xlsx_bytes
from thidua.organizations.models import Unit

pytestmark = pytest.mark.django_db

ROWS = [
    ["so-noi-vu", "Sở Nội vụ Phước An", "SNV", "Sở, cơ quan chuyên môn", "tinh-p", "01/01/2008"],
    ["phong-tccb", "Phòng Tổ chức cán bộ", "", "Phòng, ban trực thuộc", "so-noi-vu", ""],
]
BAD_ROWS = [
    ["so-noi-vu", "Sở Nội vụ Phước An", "", "Sở, cơ quan chuyên môn", "tinh-p", "31/02/2020"],
    ["phong-x", "Phòng X", "", "Khác", "khong-co", ""],
    ["so-hop-le", "Sở hợp lệ", "", "Khác", "tinh-p", ""],
]


def _upload_url(kind="units"):
    return reverse("core:import-upload", kwargs={"kind": kind})


def _post_file(client, rows, header=UNIT_HEADER, kind="units"):
    return client.post(_upload_url(kind), {"file": upload(xlsx_bytes(header, rows))})


def _user(world, case):
    return {
        "unit_officer": world.officer_a,
        "unit_head": world.head_a,
        "bloc_secretariat": world.secretariat,
        "no_role": world.plain,
        "other_province_office": world.q_office,
        "province_office": world.province_office,
    }[case]


@pytest.mark.parametrize("url_name", ["core:import-upload", "core:import-template", "core:export"])
def test_anonymous_is_sent_to_sign_in(client, world, url_name):
    response = client.get(reverse(url_name, kwargs={"kind": "units"}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_anonymous_upload_changes_nothing(client, world):
    before = counts()
    response = _post_file(client, ROWS)
    assert response.status_code == 302
    assert counts() == before
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("_case", ["unit_officer", "unit_head", "bloc_secretariat", "no_role"])
def test_unit_import_pages_do_not_exist_for_roles_below_the_office(client, world, _case):
    # given
    client.force_login(_user(world, _case))
    before = counts()
    # when
    page = client.get(_upload_url())
    template = client.get(reverse("core:import-template", kwargs={"kind": "units"}))
    posted = _post_file(client, ROWS)
    # then
    assert (page.status_code, template.status_code, posted.status_code) == (404, 404, 404)
    assert counts() == before
    assert not ImportBatch.objects.exists()


def test_unknown_kind_is_a_404(client, world):
    client.force_login(world.province_office)
    assert client.get(_upload_url("khong-co")).status_code == 404


def test_another_provinces_office_sees_row_errors_and_cannot_confirm(client, world):
    # given
    client.force_login(world.q_office)
    before = counts()
    # when
    response = _post_file(client, ROWS)
    preview = client.get(response["Location"])
    # then
    assert response.status_code == 302
    content = preview.content.decode()
    assert "Bạn không có quyền thêm đơn vị dưới “Tỉnh Phước An”" in content
    assert preview.context["can_confirm"] is False
    batch = ImportBatch.objects.get()
    assert client.post(reverse("core:import-confirm", kwargs={"batch_id": batch.pk})).status_code == 302
    assert counts() == before
    batch.refresh_from_db()
    assert batch.status == ImportBatchStatus.PREVIEWED


def test_province_office_previews_errors_row_by_row_and_nothing_is_written(client, world):
    # given
    client.force_login(world.province_office)
    before = counts()
    # when
    response = _post_file(client, BAD_ROWS)
    preview = client.get(response["Location"])
    # then
    assert counts() == before
    content = preview.content.decode()
    assert "Ngày không hợp lệ: “31/02/2020”" in content
    assert "Không tìm thấy đơn vị cấp trên có mã “khong-co”" in content
    assert "2 dòng có lỗi (2 lỗi)" in content
    assert "Chưa có dữ liệu nào được ghi vào hệ thống." in content
    assert reverse("core:import-confirm", kwargs={"batch_id": ImportBatch.objects.get().pk}) not in content
    rows = preview.context["rows"]
    assert [row["number"] for row in rows] == [2, 3, 4]
    assert [len(row["errors"]) for row in rows] == [1, 1, 0]
    assert rows[0]["errors"][0]["column"] == "Hiệu lực từ ngày"


def test_confirm_is_refused_while_rows_have_errors(client, world):
    client.force_login(world.province_office)
    _post_file(client, BAD_ROWS)
    batch = ImportBatch.objects.get()
    before = counts()
    client.post(reverse("core:import-confirm", kwargs={"batch_id": batch.pk}))
    assert counts() == before
    batch.refresh_from_db()
    assert batch.status == ImportBatchStatus.PREVIEWED


def test_province_office_confirms_and_sees_the_result(client, world):
    # given
    client.force_login(world.province_office)
    response = _post_file(client, ROWS)
    preview = client.get(response["Location"])
    batch = ImportBatch.objects.get()
    confirm_url = reverse("core:import-confirm", kwargs={"batch_id": batch.pk})
    assert confirm_url in preview.content.decode()
    # when
    result = client.post(confirm_url, follow=True)
    # then
    assert Unit.objects.get(code="phong-tccb").parent == Unit.objects.get(code="so-noi-vu")
    content = result.content.decode()
    assert "Đã ghi 2 dòng vào hệ thống." in content
    assert "Kết quả nhập dữ liệu" in content
    # and a second confirmation writes nothing more
    before = counts()
    again = client.post(confirm_url, follow=True)
    assert counts() == before
    assert "đã được xử lý" in again.content.decode()


def test_a_batch_is_invisible_to_anyone_but_its_uploader(client, world):
    # given
    client.force_login(world.province_office)
    _post_file(client, ROWS)
    batch = ImportBatch.objects.get()
    before = counts()
    # when another office user tries to look at it or confirm it
    client.force_login(world.q_office)
    preview = client.get(reverse("core:import-preview", kwargs={"batch_id": batch.pk}))
    confirm = client.post(reverse("core:import-confirm", kwargs={"batch_id": batch.pk}))
    # then
    assert (preview.status_code, confirm.status_code) == (404, 404)
    assert counts() == before
    batch.refresh_from_db()
    assert batch.status == ImportBatchStatus.PREVIEWED


def test_confirm_needs_post(client, world):
    client.force_login(world.province_office)
    _post_file(client, ROWS)
    batch = ImportBatch.objects.get()
    assert client.get(reverse("core:import-confirm", kwargs={"batch_id": batch.pk})).status_code == 405


@pytest.mark.parametrize(
    ("_case", "content", "name", "message"),
    [
        ("not_xlsx", b"hello, this is text", "ghi-chu.txt", "Tệp không đọc được"),
        ("pdf_named_xlsx", b"%PDF-1.7 ...", "du-lieu.xlsx", "Tệp không đọc được"),
        ("empty", b"", "du-lieu.xlsx", "Tệp rỗng."),
        (
            "wrong_headers",
            xlsx_bytes(["Họ và tên", "Ngày sinh"], [["A", "B"]]),
            "du-lieu.xlsx",
            "Dòng tiêu đề thiếu cột",
        ),
        ("header_only", xlsx_bytes(UNIT_HEADER), "du-lieu.xlsx", "không có dòng dữ liệu"),
    ],
)
def test_bad_files_get_a_vietnamese_error_and_no_batch(client, world, _case, content, name, message):
    client.force_login(world.province_office)
    response = client.post(_upload_url(), {"file": upload(content, name)})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_too_large_and_too_long_files_are_refused(client, world, settings):
    client.force_login(world.province_office)
    settings.THIDUA_IMPORT_MAX_ROWS = 1
    long_file = client.post(_upload_url(), {"file": upload(xlsx_bytes(UNIT_HEADER, ROWS))})
    settings.THIDUA_IMPORT_MAX_ROWS = 5000
    settings.THIDUA_IMPORT_MAX_BYTES = 100
    large_file = client.post(_upload_url(), {"file": upload(xlsx_bytes(UNIT_HEADER, ROWS))})
    assert long_file.status_code == large_file.status_code == 422
    assert "quá nhiều dòng" in long_file.content.decode()
    assert "Tệp quá lớn" in large_file.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("kind", "header"),
    [
        ("units", UNIT_HEADER),
        (
            "people",
            ["Họ và tên", "Giới tính", "Ngày sinh", "Mã cán bộ", "Mã đơn vị", "Chức vụ", "Ngạch/loại", "Từ ngày"],
        ),
        ("bloc-memberships", ["Tên khối", "Năm", "Mã đơn vị", "Vai trò", "Tham gia từ ngày"]),
    ],
)
def test_template_download_opens_with_the_right_headers(client, world, kind, header):
    client.force_login(world.province_office)
    response = client.get(reverse("core:import-template", kwargs={"kind": kind}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    assert read_xlsx(response.content)[0] == header
    assert sheet_titles(response.content)[1] == "Hướng dẫn"


def test_upload_page_links_the_template(client, world):
    client.force_login(world.province_office)
    content = client.get(_upload_url()).content.decode()
    assert reverse("core:import-template", kwargs={"kind": "units"}) in content
    assert "Tải mẫu" in content


def test_units_export_reimports(client, world):
    # given units imported from a file
    client.force_login(world.province_office)
    _post_file(client, ROWS)
    client.post(reverse("core:import-confirm", kwargs={"batch_id": ImportBatch.objects.get().pk}))
    # when
    response = client.get(reverse("core:export", kwargs={"kind": "units"}))
    # then the export has the import's columns and the imported rows as they were
    assert response.status_code == 200
    rows = read_xlsx(response.content)
    assert rows[0] == UNIT_HEADER
    by_code = {row[0]: [value if value is not None else "" for value in row] for row in rows[1:]}
    exported = by_code["so-noi-vu"]
    assert exported[:5] == ROWS[0][:5]
    assert f"{exported[5]:%d/%m/%Y}" == ROWS[0][5]
    assert by_code["phong-tccb"][:5] == ROWS[1][:5]
    # and re-uploading the export parses every column: the only errors are the codes that now exist
    reupload = client.post(_upload_url(), {"file": upload(response.content)})
    assert reupload.status_code == 302
    batch = ImportBatch.objects.latest("created_at")
    assert batch.row_count == Unit.objects.count()
    problems = {(e["column"], e["message"].split("“")[0]) for e in batch.errors}
    assert problems <= {
        ("code", "Mã đơn vị "),
        ("parent_code", "Chưa ghi "),  # the provinces, which only the system creates
        ("parent_code", "Bạn không có quyền thêm đơn vị dưới "),  # the units of the other province
    }


def test_a_large_import_is_confirmed_as_a_background_job(client, world, settings, django_capture_on_commit_callbacks):
    # given a batch above the synchronous limit
    from thidua.core.choices import JobStatus
    from thidua.core.jobs import job_run
    from thidua.core.models import Job

    settings.THIDUA_IMPORT_SYNC_MAX_ROWS = 1
    client.force_login(world.province_office)
    _post_file(client, ROWS)
    batch = ImportBatch.objects.get()
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("core:import-confirm", kwargs={"batch_id": batch.pk}))
    # then the page follows a job, and nothing is written until it runs
    job = Job.objects.get(owner=world.province_office)
    assert response["Location"] == reverse("core:job-detail", kwargs={"job_id": job.pk})
    assert len(callbacks) == 1
    assert not Unit.objects.filter(code="so-noi-vu").exists()
    # when the worker runs it
    job_run(job_id=str(job.pk))
    # then
    job.refresh_from_db()
    batch.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.SUCCEEDED, 2, 2)
    assert job.message == "Đã ghi 2 dòng vào hệ thống."
    assert batch.status == ImportBatchStatus.APPLIED
    assert Unit.objects.filter(code__in=["so-noi-vu", "phong-tccb"]).count() == 2


def test_a_background_job_reports_a_batch_already_applied(world):
    from thidua.core.imports.jobs import import_batch_confirm_later
    from thidua.core.imports.services import import_batch_confirm, import_batch_preview
    from thidua.core.jobs import job_run

    batch = import_batch_preview(
        actor=world.province_office,
        kind_code="units",
        upload=io.BytesIO(xlsx_bytes(UNIT_HEADER, ROWS)),
        file_name="x.xlsx",
    )
    job = import_batch_confirm_later(actor=world.province_office, batch=batch)
    import_batch_confirm(actor=world.province_office, batch=batch)
    before = counts()
    job_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert "đã được xử lý" in job.message
    assert counts() == before


def test_a_background_job_reports_the_row_that_failed(world, monkeypatch):
    from thidua.core.imports.jobs import import_batch_confirm_later
    from thidua.core.imports.services import import_batch_preview
    from thidua.core.jobs import job_run
    from thidua.organizations import xlsx
    from thidua.organizations.errors import UnitNotManageable

    def refusing(**kwargs):
        raise UnitNotManageable()

    monkeypatch.setattr(xlsx, "unit_create", refusing)
    batch = import_batch_preview(
        actor=world.province_office, kind_code="units", upload=io.BytesIO(xlsx_bytes(UNIT_HEADER, ROWS)), file_name="x"
    )
    job = import_batch_confirm_later(actor=world.province_office, batch=batch)
    before = counts()
    job_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert job.message == "Không dòng nào được ghi. Dòng 2: Bạn không có quyền quản lý đơn vị trong phạm vi này."
    assert counts() == before
