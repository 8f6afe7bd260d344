"""Pages of results: ranking with its detail and corrections, a unit's own results and appeals (issue 5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from thidua.emulation.tests.factories import member_add
from thidua.organizations.tests.factories import UnitFactory
from thidua.scoring.choices import AppealStatus, RoundStatus, SheetKind
from thidua.scoring.models import Appeal, Correction, CriterionResult, ScoreSheet, ScoringRound
from thidua.scoring.services import (
    PUBLISH_CONFIRMATION,
    appeal_file,
    appeal_window_open,
    scoring_round_consolidate,
    scoring_round_publish,
)
from thidua.scoring.tests.test_views_sheets import PDF, criteria_of, fill, open_round, snapshot

POINTS = ["8", "18", "2", "1"]


def consolidated(world, *, extra_units: int = 0, appeal: bool = False, publish: bool = False) -> ScoringRound:
    for i in range(extra_units):
        member_add(world.bloc, UnitFactory(code=f"so-them-{i}", name=f"Sở Thêm Số {i}", parent=world.p))
    scoring_round = open_round(world)
    for sheet in ScoreSheet.objects.filter(scoring_round=scoring_round, kind=SheetKind.SELF):
        fill(sheet, POINTS)
    for n, sheet in enumerate(ScoreSheet.objects.filter(scoring_round=scoring_round, kind=SheetKind.CHECK)):
        fill(sheet, [str(5 + n % 5), "15", "2", "1"])
    scoring_round = scoring_round_consolidate(actor=None, scoring_round=scoring_round)
    if appeal or publish:
        scoring_round = appeal_window_open(
            actor=None, scoring_round=scoring_round, due_on=timezone.localdate() + dt.timedelta(days=7)
        )
    if publish:
        scoring_round = scoring_round_publish(
            actor=None, scoring_round=scoring_round, confirmation=PUBLISH_CONFIRMATION
        )
    return scoring_round


@pytest.fixture(autouse=True)
def _no_2fa(settings, tmp_path):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    settings.MEDIA_ROOT = tmp_path


def test_manager_sees_draft_ranking_with_expandable_detail(client, world):
    scoring_round = consolidated(world)
    client.force_login(world.secretariat)

    response = client.get(reverse("scoring:ranking", kwargs={"round_id": scoring_round.pk}))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Kết quả dự kiến: đã tổng hợp, chưa công bố." in page
    assert world.a.name in page and world.b.name in page
    assert "<details hx-get=" in page
    assert "Ghi đính chính" not in page  # only after publication
    # and each unit's row expands, on demand, to every criterion and the marks behind it
    row_url = reverse("scoring:ranking_row", kwargs={"round_id": scoring_round.pk, "unit_id": world.a.pk})
    assert row_url in page
    fragment = client.get(row_url, headers={"HX-Request": "true"}).content.decode()
    assert "không tính" in fragment and "Tự chấm" in fragment and "<html" not in fragment
    full = client.get(row_url).content.decode()
    assert "<html" in full and "không tính" in full


def test_ranking_row_is_refused_like_the_ranking(client, world):
    scoring_round = consolidated(world, appeal=True)
    row_url = reverse("scoring:ranking_row", kwargs={"round_id": scoring_round.pk, "unit_id": world.a.pk})
    client.force_login(world.head_a)
    assert client.get(row_url).status_code == 404
    client.force_login(world.secretariat)
    missing = reverse("scoring:ranking_row", kwargs={"round_id": scoring_round.pk, "unit_id": world.q1.pk})
    assert client.get(missing).status_code == 404


def test_units_do_not_see_the_ranking_before_publication(client, world):
    scoring_round = consolidated(world, appeal=True)
    client.force_login(world.head_a)
    assert client.get(reverse("scoring:ranking", kwargs={"round_id": scoring_round.pk})).status_code == 404


def test_unit_detail_is_anonymous_and_appeal_is_filed_and_answered(client, world):
    scoring_round = consolidated(world, appeal=True)
    criterion = criteria_of(scoring_round)[0]
    client.force_login(world.head_a)
    url = reverse("scoring:unit_detail", kwargs={"round_id": scoring_round.pk, "unit_id": world.a.pk})

    page = client.get(url).content.decode()
    assert "Người chấm 1" in page or "Người chấm 2" in page
    assert world.b.name not in page  # B checked A: never named before publication
    assert "Đang nhận khiếu nại" in page

    empty = client.post(url, {"criterion": str(criterion.pk), "text": " "})
    assert empty.status_code == 422 and "Vui lòng nêu nội dung khiếu nại." in empty.content.decode()
    response = client.post(
        url,
        {
            "criterion": str(criterion.pk),
            "text": "Đơn vị đã hoàn thành vượt kế hoạch",
            "evidence": SimpleUploadedFile("kn.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.text == "Đơn vị đã hoàn thành vượt kế hoạch"
    assert client.get(reverse("scoring:appeal_evidence", kwargs={"appeal_id": appeal.pk})).status_code == 200

    client.force_login(world.secretariat)
    appeals_url = reverse("scoring:appeals", kwargs={"round_id": scoring_round.pk})
    assert "Đơn vị đã hoàn thành vượt kế hoạch" in client.get(appeals_url).content.decode()
    bad = client.post(appeals_url, {"appeal": str(appeal.pk), "decision": "accept", "points": "99", "answer": "Đồng ý"})
    assert bad.status_code == 422 and "Điểm phải từ 0 đến 10." in bad.content.decode()
    assert 'value="99"' in bad.content.decode()
    no_answer = client.post(appeals_url, {"appeal": str(appeal.pk), "decision": "reject", "answer": ""})
    assert no_answer.status_code == 422 and "Vui lòng nêu nội dung trả lời." in no_answer.content.decode()
    response = client.post(
        appeals_url, {"appeal": str(appeal.pk), "decision": "accept", "points": "9,5", "answer": "Đồng ý sửa điểm"}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.ACCEPTED and appeal.points == Decimal("9.5")
    final = CriterionResult.objects.get(scoring_round=scoring_round, unit=world.a, criterion=criterion)
    assert final.final_points == Decimal("9.5") and final.is_override

    client.force_login(world.head_a)
    page = client.get(url).content.decode()
    assert "Đồng ý sửa điểm" in page and "9,5" in page
    assert "Đồng ý sửa điểm" in client.get(appeals_url).content.decode()


def test_a_unit_sees_neither_another_units_detail_nor_its_appeals(client, world):
    scoring_round = consolidated(world, appeal=True)
    appeal_file(
        actor=world.head_b,
        scoring_round=scoring_round,
        unit=world.b,
        criterion=criteria_of(scoring_round)[1],
        text="Khiếu nại của đơn vị B",
    )
    client.force_login(world.head_a)
    url = reverse("scoring:unit_detail", kwargs={"round_id": scoring_round.pk, "unit_id": world.b.pk})
    assert client.get(url).status_code == 404
    page = client.get(reverse("scoring:appeals", kwargs={"round_id": scoring_round.pk})).content.decode()
    assert "Khiếu nại của đơn vị B" not in page


def test_published_ranking_and_correction_with_reason(client, world):
    scoring_round = consolidated(world, publish=True)
    criterion = criteria_of(scoring_round)[0]
    client.force_login(world.head_b)
    page = client.get(reverse("scoring:ranking", kwargs={"round_id": scoring_round.pk})).content.decode()
    assert "Kết quả đã công bố lúc" in page and "Ghi đính chính" not in page

    client.force_login(world.secretariat)
    url = reverse("scoring:ranking", kwargs={"round_id": scoring_round.pk})
    bad = client.post(url, {"unit": str(world.a.pk), "criterion": str(criterion.pk), "points": "abc", "reason": ""})
    assert bad.status_code == 422
    assert "Vui lòng nêu lý do." in bad.content.decode() and 'value="abc"' in bad.content.decode()
    response = client.post(
        url,
        {"unit": str(world.a.pk), "criterion": str(criterion.pk), "points": "9,25", "reason": "Nhầm số liệu"},
    )
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.new_points == Decimal("9.25")

    client.force_login(world.head_b)
    page = client.get(url).content.decode()
    assert "Đính chính sau công bố" in page and "Nhầm số liệu" in page and "9,25" in page


# Session, user, round, permission checks, then the five queries of ranking_get: the same for any bloc size.
RANKING_QUERIES = 7


@pytest.mark.parametrize("who", ["anonymous", "plain", "head_b", "q_office"])
def test_permission_matrix_on_results_pages_and_posts(client, world, who):
    scoring_round = consolidated(world, appeal=True)
    criterion = criteria_of(scoring_round)[0]
    appeal = appeal_file(
        actor=world.head_a, scoring_round=scoring_round, unit=world.a, criterion=criterion, text="Khiếu nại A"
    )
    if who != "anonymous":
        client.force_login(getattr(world, who))
    before = snapshot()
    ranking = reverse("scoring:ranking", kwargs={"round_id": scoring_round.pk})
    detail = reverse("scoring:unit_detail", kwargs={"round_id": scoring_round.pk, "unit_id": world.a.pk})
    appeals = reverse("scoring:appeals", kwargs={"round_id": scoring_round.pk})
    row = reverse("scoring:ranking_row", kwargs={"round_id": scoring_round.pk, "unit_id": world.a.pk})
    requests = [
        ("get", ranking, {}),
        ("get", row, {}),
        ("post", ranking, {"unit": str(world.a.pk), "criterion": str(criterion.pk), "points": "1", "reason": "x"}),
        ("get", detail, {}),
        ("post", detail, {"criterion": str(criteria_of(scoring_round)[1].pk), "text": "Khiếu nại"}),
        ("post", appeals, {"appeal": str(appeal.pk), "decision": "reject", "answer": "Không"}),
        ("get", reverse("scoring:appeal_evidence", kwargs={"appeal_id": appeal.pk}), {}),
    ]
    if who in ("anonymous", "plain", "q_office"):
        requests.append(("get", appeals, {}))
    for method, url, data in requests:
        response = getattr(client, method)(url, data)
        if who == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
        else:
            assert response.status_code == 404, (method, url)
    assert snapshot() == before
    assert Appeal.objects.get().status == AppealStatus.OPEN


def test_unit_detail_before_appeal_window_is_hidden_from_the_unit(client, world):
    scoring_round = consolidated(world)
    assert scoring_round.status == RoundStatus.CONSOLIDATED
    client.force_login(world.head_a)
    url = reverse("scoring:unit_detail", kwargs={"round_id": scoring_round.pk, "unit_id": world.a.pk})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("extra_units", [1, 6], ids=["3-units", "8-units"])
def test_ranking_queries_do_not_grow_with_the_bloc(client, world, django_assert_num_queries, extra_units):
    scoring_round = consolidated(world, extra_units=extra_units, publish=True)
    client.force_login(world.secretariat)
    url = reverse("scoring:ranking", kwargs={"round_id": scoring_round.pk})
    with django_assert_num_queries(RANKING_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<details hx-get=") == 2 + extra_units
