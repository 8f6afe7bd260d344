"""Pages of a score sheet: save, submit, check, return, evidence, optimistic locking, permissions (issue 5)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.core.models import AuditEvent
from thidua.scoring.choices import CriterionKind, SheetKind, SheetStatus
from thidua.scoring.models import Appeal, Correction, Criterion, Evidence, Score, ScoreSheet, ScoringRound
from thidua.scoring.services import (
    CriterionInput,
    RoundRules,
    ScoreInput,
    assignments_generate,
    criteria_set_approve,
    criteria_set_create,
    criterion_group_save,
    criterion_save,
    evidence_add,
    score_sheet_save,
    score_sheet_submit,
    scoring_round_create,
    scoring_round_open,
)

YEAR = timezone.localdate().year
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def open_round(world, *, per_unit: int = 1) -> ScoringRound:
    """An open cross-scoring round of the world's bloc: groups I (two scored criteria) and II (bonus, penalty)."""
    criteria_set = criteria_set_create(actor=None, bloc=world.bloc, year=YEAR, title="Bảng chấm điểm khối")
    one = criterion_group_save(actor=None, criteria_set=criteria_set, code="I", name="Thực hiện nhiệm vụ")
    two = criterion_group_save(actor=None, criteria_set=criteria_set, code="II", name="Điểm thưởng, điểm trừ")
    for group, code, kind, maximum in [
        (one, "1", CriterionKind.SCORED, "10"),
        (one, "2", CriterionKind.SCORED, "20"),
        (two, "3", CriterionKind.BONUS, "5"),
        (two, "4", CriterionKind.PENALTY, "5"),
    ]:
        criterion_save(
            actor=None,
            group=group,
            data=CriterionInput(
                code=code,
                name=f"Tiêu chí số {code}",
                kind=kind,
                max_points=maximum,
                guidance="Chấm theo kết quả thực hiện",
                required_evidence="Báo cáo tổng kết",
            ),
        )
    criteria_set_approve(actor=None, criteria_set=criteria_set, reference="Biên bản họp khối")
    scoring_round = scoring_round_create(
        actor=None, bloc=world.bloc, year=YEAR, criteria_set=criteria_set, rules=RoundRules(scorers_per_unit=per_unit)
    )
    assignments_generate(actor=None, scoring_round=scoring_round)
    return scoring_round_open(actor=None, scoring_round=scoring_round)


def criteria_of(scoring_round: ScoringRound) -> list[Criterion]:
    return list(
        Criterion.objects.filter(group__criteria_set_id=scoring_round.criteria_set_id).order_by(
            "group__position", "position", "id"
        )
    )


def self_sheet(scoring_round: ScoringRound, unit) -> ScoreSheet:
    return ScoreSheet.objects.get(scoring_round=scoring_round, unit=unit, kind=SheetKind.SELF)


def check_sheet(scoring_round: ScoringRound, scored, scorer) -> ScoreSheet:
    return ScoreSheet.objects.get(
        scoring_round=scoring_round, unit=scored, kind=SheetKind.CHECK, assignment__scorer_unit=scorer
    )


def fill(sheet: ScoreSheet, points: list[str], *, submit: bool = True) -> ScoreSheet:
    criteria = criteria_of(sheet.scoring_round)
    sheet = score_sheet_save(
        actor=None,
        sheet=sheet,
        version=sheet.version,
        scores=[
            ScoreInput(criterion_id=c.pk, points=p, comment=f"Giải trình {c.code}")
            for c, p in zip(criteria, points, strict=True)
        ],
    )
    return score_sheet_submit(actor=None, sheet=sheet) if submit else sheet


def snapshot() -> tuple[int, ...]:
    return (
        Score.objects.count(),
        Evidence.objects.count(),
        Appeal.objects.count(),
        Correction.objects.count(),
        AuditEvent.objects.count(),
        ScoreSheet.objects.filter(status=SheetStatus.SUBMITTED).count(),
    )


def sheet_data(scoring_round: ScoringRound, sheet: ScoreSheet, points: list[str], **extra: str) -> dict[str, str]:
    data = {"version": str(sheet.version), **extra}
    for criterion, value in zip(criteria_of(scoring_round), points, strict=True):
        data[f"points_{criterion.pk}"] = value
        data[f"comment_{criterion.pk}"] = f"Ghi chú {criterion.code}"
    return data


@pytest.fixture(autouse=True)
def _no_2fa(settings, tmp_path):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def sheet_round(world):
    return open_round(world)


@pytest.fixture
def officer_b(world):
    user = UserFactory(username="canbo.b.sheet", full_name="Đặng Thị Bích", unit=world.b)
    grant(user, Role.UNIT_OFFICER, unit=world.b)
    return user


def test_officer_saves_points_with_comma_and_comment(client, world, sheet_round):
    sheet = self_sheet(sheet_round, world.a)
    client.force_login(world.officer_a)
    url = reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "Chấm theo kết quả thực hiện" in page.content.decode()
    assert "Lưu và gửi bảng điểm" not in page.content.decode()  # the officer cannot send

    response = client.post(url, sheet_data(sheet_round, sheet, ["8,5", "19.25", "", "1"], action="save"))

    assert response.status_code == 302
    scores = {s.criterion.code: s for s in Score.objects.filter(sheet=sheet).select_related("criterion")}
    assert scores["1"].points == Decimal("8.5") and scores["2"].points == Decimal("19.25")
    assert scores["1"].comment == "Ghi chú 1" and "3" not in scores
    page = client.get(url).content.decode()
    assert 'value="8,5"' in page
    assert "26,75" in page  # 8,5 + 19,25 − 1


def test_head_submits_and_sheet_becomes_read_only(client, world, sheet_round):
    sheet = self_sheet(sheet_round, world.a)
    client.force_login(world.head_a)
    url = reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk})
    assert "Lưu và gửi bảng điểm" in client.get(url).content.decode()

    response = client.post(url, sheet_data(sheet_round, sheet, ["8", "18", "2", "0"], action="submit"))

    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED and sheet.submitted_by == world.head_a
    page = client.get(url).content.decode()
    assert "Bảng điểm chỉ xem, không sửa được." in page
    assert 'name="points_' not in page
    assert "Gửi bảng điểm" in page  # history


def test_submit_incomplete_names_missing_criteria_and_keeps_values(client, world, sheet_round):
    sheet = self_sheet(sheet_round, world.a)
    client.force_login(world.head_a)
    url = reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk})

    response = client.post(url, sheet_data(sheet_round, sheet, ["8", "", "2", "0"], action="submit"))

    assert response.status_code == 422
    page = response.content.decode()
    assert "Chưa chấm tiêu chí này." in page
    assert 'value="8"' in page
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT


def test_bad_points_show_per_field_and_keep_every_value(client, world, sheet_round):
    sheet = self_sheet(sheet_round, world.a)
    client.force_login(world.officer_a)
    before = snapshot()

    response = client.post(
        reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk}),
        sheet_data(sheet_round, sheet, ["11", "abc", "2,5", "1,234"], action="save"),
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Điểm phải từ 0 đến 10." in page
    assert "Điểm phải là một số." in page
    assert "tối đa hai chữ số thập phân" in page
    for value in ["11", "abc", "2,5", "1,234"]:
        assert f'value="{value}"' in page
    assert "Ghi chú 3" in page
    assert snapshot() == before
    # the message sits under the right input
    first = criteria_of(sheet_round)[0]
    assert f'id="id_points_{first.pk}_error"' in page


def test_stale_version_is_refused_with_the_conflict_message_and_values_kept(client, world, sheet_round):
    sheet = self_sheet(sheet_round, world.a)
    stale = sheet.version
    fill(sheet, ["5", "5", "0", "0"], submit=False)  # someone else saved meanwhile
    client.force_login(world.officer_a)
    data = sheet_data(sheet_round, sheet, ["9,75", "15", "1", "0"], action="save")
    data["version"] = str(stale)

    response = client.post(reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk}), data)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Bảng điểm vừa được người khác lưu sau khi bạn mở" in page
    assert 'value="9,75"' in page
    assert Score.objects.get(sheet=sheet, criterion=criteria_of(sheet_round)[0]).points == Decimal("5")


def test_missing_version_is_a_form_error_not_a_500(client, world, sheet_round):
    sheet = self_sheet(sheet_round, world.a)
    client.force_login(world.officer_a)
    data = sheet_data(sheet_round, sheet, ["1", "1", "1", "1"], action="save")
    data["version"] = "x"
    response = client.post(reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk}), data)
    assert response.status_code == 422
    assert "hãy tải lại trang" in response.content.decode()


def test_evidence_upload_download_and_remove(client, world, sheet_round):
    sheet = self_sheet(sheet_round, world.a)
    criterion = criteria_of(sheet_round)[0]
    client.force_login(world.officer_a)

    response = client.post(
        reverse("scoring:evidence_add", kwargs={"sheet_id": sheet.pk}),
        {"criterion": str(criterion.pk), "file": SimpleUploadedFile("bao-cao.pdf", PDF, "application/pdf")},
    )

    assert response.status_code == 302
    evidence = Evidence.objects.get(sheet=sheet)
    assert evidence.criterion == criterion
    download = client.get(reverse("scoring:evidence", kwargs={"evidence_id": evidence.pk}))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF
    response = client.post(reverse("scoring:evidence_remove", kwargs={"evidence_id": evidence.pk}))
    assert response.status_code == 302
    assert not Evidence.objects.exists()


def test_evidence_without_file_or_with_a_bad_type_is_refused(client, world, sheet_round):
    sheet = self_sheet(sheet_round, world.a)
    criterion = criteria_of(sheet_round)[0]
    client.force_login(world.officer_a)
    url = reverse("scoring:evidence_add", kwargs={"sheet_id": sheet.pk})

    empty = client.post(url, {"criterion": str(criterion.pk)})
    bad = client.post(
        url, {"criterion": str(criterion.pk), "file": SimpleUploadedFile("x.exe", b"MZ\x90\x00", "application/x-dos")}
    )

    assert empty.status_code == 422 and "Vui lòng chọn tệp minh chứng." in empty.content.decode()
    assert bad.status_code == 422
    assert not Evidence.objects.exists()


def test_checker_sees_self_scores_and_evidence_and_returns_with_reason(client, world, sheet_round):
    own = self_sheet(sheet_round, world.b)
    evidence_add(
        actor=None,
        sheet=own,
        criterion=criteria_of(sheet_round)[0],
        upload=SimpleUploadedFile("minh-chung-b.pdf", PDF, "application/pdf"),
    )
    fill(own, ["7", "16", "3", "1"])
    check = check_sheet(sheet_round, world.b, world.a)
    client.force_login(world.head_a)

    page = client.get(reverse("scoring:sheet", kwargs={"sheet_id": check.pk})).content.decode()
    assert "minh-chung-b.pdf" in page and "Giải trình 1" in page
    assert client.get(reverse("scoring:sheet", kwargs={"sheet_id": own.pk})).status_code == 200
    evidence = Evidence.objects.get(sheet=own)
    assert client.get(reverse("scoring:evidence", kwargs={"evidence_id": evidence.pk})).status_code == 200

    url = reverse("scoring:sheet_return", kwargs={"sheet_id": own.pk})
    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 422 and "Vui lòng nêu lý do." in empty.content.decode()
    response = client.post(url, {"reason": "Thiếu minh chứng tiêu chí 2"})

    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == SheetStatus.RETURNED and own.return_reason == "Thiếu minh chứng tiêu chí 2"
    client.force_login(world.head_b)
    page = client.get(reverse("scoring:sheet", kwargs={"sheet_id": own.pk})).content.decode()
    assert "Thiếu minh chứng tiêu chí 2" in page
    assert world.head_a.get_full_name() not in page  # the unit does not learn who returned it


def test_checker_saves_and_submits_check_sheet(client, world, sheet_round):
    fill(self_sheet(sheet_round, world.b), ["7", "16", "3", "1"])
    check = check_sheet(sheet_round, world.b, world.a)
    client.force_login(world.head_a)
    url = reverse("scoring:sheet", kwargs={"sheet_id": check.pk})

    response = client.post(url, sheet_data(sheet_round, check, ["6,5", "15", "3", "1"], action="submit"))

    assert response.status_code == 302
    check.refresh_from_db()
    assert check.status == SheetStatus.SUBMITTED


def test_manager_returns_any_sent_sheet(client, world, sheet_round):
    own = fill(self_sheet(sheet_round, world.a), ["7", "16", "3", "1"])
    client.force_login(world.secretariat)
    page = client.get(reverse("scoring:sheet", kwargs={"sheet_id": own.pk})).content.decode()
    assert "Trả lại bảng điểm" in page
    response = client.post(reverse("scoring:sheet_return", kwargs={"sheet_id": own.pk}), {"reason": "Sai số liệu"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == SheetStatus.RETURNED


def test_a_unit_never_sees_another_units_sheet_draft_or_sent(client, world, sheet_round, officer_b):
    draft_a = self_sheet(sheet_round, world.a)
    client.force_login(world.head_b)
    # B checks A, but A's self-assessment is still a draft
    assert client.get(reverse("scoring:sheet", kwargs={"sheet_id": draft_a.pk})).status_code == 404
    # B's check sheet of A is B's; A's check of B is A's: B never reads it, even once sent
    fill(self_sheet(sheet_round, world.b), ["7", "16", "3", "1"])
    a_checks_b = fill(check_sheet(sheet_round, world.b, world.a), ["7", "16", "3", "1"])
    for user in (world.head_b, officer_b):
        client.force_login(user)
        assert client.get(reverse("scoring:sheet", kwargs={"sheet_id": a_checks_b.pk})).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "plain", "head_b", "q_office"])
def test_permission_matrix_on_every_sheet_page_and_post(client, world, sheet_round, who):
    sheet = self_sheet(sheet_round, world.a)
    evidence = evidence_add(
        actor=None,
        sheet=sheet,
        criterion=criteria_of(sheet_round)[0],
        upload=SimpleUploadedFile("a.pdf", PDF, "application/pdf"),
    )
    if who != "anonymous":
        client.force_login(getattr(world, who))
    before = snapshot()
    requests = [
        ("get", reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk}), {}),
        ("post", reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk}), sheet_data(sheet_round, sheet, ["1"] * 4)),
        (
            "post",
            reverse("scoring:sheet", kwargs={"sheet_id": sheet.pk}),
            sheet_data(sheet_round, sheet, ["1"] * 4, action="submit"),
        ),
        ("post", reverse("scoring:sheet_return", kwargs={"sheet_id": sheet.pk}), {"reason": "Lý do"}),
        (
            "post",
            reverse("scoring:evidence_add", kwargs={"sheet_id": sheet.pk}),
            {"criterion": "1", "file": SimpleUploadedFile("b.pdf", PDF, "application/pdf")},
        ),
        ("get", reverse("scoring:evidence", kwargs={"evidence_id": evidence.pk}), {}),
        ("post", reverse("scoring:evidence_remove", kwargs={"evidence_id": evidence.pk}), {}),
    ]
    for method, url, data in requests:
        response = getattr(client, method)(url, data)
        if who == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
        else:
            assert response.status_code == 404, (method, url)
    assert snapshot() == before


def test_checker_cannot_return_a_check_sheet_nor_edit_the_self_sheet(client, world, sheet_round):
    own = fill(self_sheet(sheet_round, world.b), ["7", "16", "3", "1"])
    client.force_login(world.head_a)
    before = snapshot()
    saved = client.post(reverse("scoring:sheet", kwargs={"sheet_id": own.pk}), sheet_data(sheet_round, own, ["1"] * 4))
    other_check = check_sheet(sheet_round, world.a, world.b)
    returned = client.post(reverse("scoring:sheet_return", kwargs={"sheet_id": other_check.pk}), {"reason": "x"})
    assert saved.status_code == 404 and returned.status_code == 404
    assert snapshot() == before
