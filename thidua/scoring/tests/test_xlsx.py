"""XLSX exports of scoring (issue 5, item 6): a unit's scoring table and the bloc's ranking, read back with openpyxl."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.scoring import selectors
from thidua.scoring.models import CriterionResult, UnitResult
from thidua.scoring.services import score_correct
from thidua.scoring.tests.test_api import WHO, actor_of, scoring_world_build

HEADER_ROW = 6  # four title rows, a blank row, then the column titles


@pytest.fixture(autouse=True)
def _no_2fa(settings, tmp_path):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    settings.MEDIA_ROOT = tmp_path


def _download(client, user, url: str):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _workbook(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.content))


def _rows(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _row_labelled(rows: list[list[object]], label: str) -> list[object]:
    return next(row for row in rows if row[1] == label)


def _sheet_url(sheet) -> str:
    return reverse("scoring:sheet_xlsx", kwargs={"sheet_id": sheet.pk})


def _ranking_url(scoring_round) -> str:
    return reverse("scoring:ranking_xlsx", kwargs={"round_id": scoring_round.pk})


def test_the_secretariat_exports_a_units_table_with_checkers_named_and_stored_totals(client, world):
    # given
    sw = scoring_world_build(world, stage="published")
    result = UnitResult.objects.get(scoring_round=sw.scoring_round, unit=world.a)
    # when
    response = _download(client, world.secretariat, _sheet_url(sw.self_sheet(world.a)))
    # then
    ws = _workbook(response).active
    rows = _rows(ws)
    assert rows[0][0] == f"BẢNG CHẤM ĐIỂM THI ĐUA NĂM {sw.scoring_round.year}"
    assert rows[1][0] == f"Khối thi đua: {world.bloc.name}"
    assert rows[2][0] == f"Đơn vị: {world.a.name}"
    headers = rows[HEADER_ROW - 1]
    ranking = selectors.ranking_get(actor=world.secretariat, scoring_round=sw.scoring_round)
    row_a = next(row for row in ranking.rows if row.result.unit_id == world.a.pk)
    labels = list(dict.fromkeys(m.label for line in row_a.lines for m in line.marks if m.is_counted))
    assert sorted(labels) == sorted([world.b.name, sw.c.name])
    assert headers == [
        "STT",
        "Nhóm / tiêu chí",
        "Điểm tối đa",
        "Tự chấm",
        *(f"Điểm kiểm tra — {label}" for label in labels),
        "Điểm cuối cùng",
    ]
    assert ws.freeze_panes == f"C{HEADER_ROW + 1}"
    assert ws.column_dimensions["B"].width == 60
    group = rows[HEADER_ROW]
    assert group[:3] == ["I", "Thực hiện nhiệm vụ chuyên môn", 30]
    criterion = rows[HEADER_ROW + 1]
    assert criterion[0] == "1"
    assert all(isinstance(value, int | float) for value in criterion[2:])
    assert ws.cell(row=HEADER_ROW + 2, column=3).number_format == "0.00"
    final = CriterionResult.objects.get(scoring_round=sw.scoring_round, unit=world.a, criterion=sw.criteria[0])
    assert Decimal(str(criterion[-1])) == final.final_points
    assert Decimal(str(criterion[3])) == Decimal(9)
    assert _row_labelled(rows, "Điểm thưởng")[0] in ("", None)
    totals = {label: _row_labelled(rows, label)[-1] for label in ("Tổng điểm chấm", "Điểm trừ", "Tổng điểm")}
    assert Decimal(str(totals["Tổng điểm chấm"])) == result.scored_points
    assert Decimal(str(totals["Điểm trừ"])) == result.penalty_points
    assert Decimal(str(totals["Tổng điểm"])) == result.total
    assert Decimal(str(_row_labelled(rows, "Tổng điểm")[3])) == result.self_total


def test_a_unit_sees_its_checkers_anonymous_before_publication(client, world):
    # given: the appeal window, when the unit sees its own detail
    sw = scoring_world_build(world, stage="appeal")
    # when
    response = _download(client, world.head_a, _sheet_url(sw.self_sheet(world.a)))
    # then
    rows = _rows(_workbook(response).active)
    detail = selectors.unit_detail_get(actor=world.head_a, scoring_round=sw.scoring_round, unit=world.a)
    labels = list(dict.fromkeys(m.label for line in detail.lines for m in line.marks if m.is_counted))
    assert len(labels) == 2
    assert all(label.startswith("Người chấm ") for label in labels)
    assert rows[HEADER_ROW - 1][4:6] == [f"Điểm kiểm tra — {label}" for label in labels]
    text = " ".join(str(value) for row in rows for value in row if value is not None)
    assert world.b.name not in text
    assert sw.c.name not in text
    total = UnitResult.objects.get(scoring_round=sw.scoring_round, unit=world.a).total
    assert Decimal(str(_row_labelled(rows, "Tổng điểm")[-1])) == total


def test_before_consolidation_a_checker_sees_self_and_its_own_points_and_no_final(client, world):
    # given: every self-assessment sent; B has not yet checked A
    sw = scoring_world_build(world, stage="self_sent")
    check = sw.check_sheet(world.a, world.b)
    # when
    response = _download(client, world.head_b, _sheet_url(check))
    # then
    rows = _rows(_workbook(response).active)
    assert rows[HEADER_ROW - 1] == [
        "STT",
        "Nhóm / tiêu chí",
        "Điểm tối đa",
        "Tự chấm",
        f"Điểm kiểm tra — {world.b.name}",
        "Điểm cuối cùng",
    ]
    criterion = rows[HEADER_ROW + 1]
    assert criterion[3] == 9
    assert criterion[4] is None
    assert criterion[5] is None
    assert _row_labelled(rows, "Tổng điểm")[-1] is None
    assert any(row[1] == "Chưa tổng hợp kết quả: cột “Điểm cuối cùng” để trống." for row in rows)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("head_a", 200),
        ("officer_a", 200),
        ("head_b", 404),  # a draft of another unit
        ("secretariat", 200),
        ("province_office", 200),
        ("q_office", 404),
        ("plain", 404),
    ],
)
def test_who_may_export_a_units_table(client, world, who, status):
    # given
    assert who in WHO
    sw = scoring_world_build(world)
    # when
    response = _download(client, actor_of(world, who), _sheet_url(sw.self_sheet(world.a)))
    # then
    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "during_appeals", "published"),
    [
        ("anonymous", 302, 302),
        ("head_a", 404, 200),
        ("head_b", 404, 200),
        ("secretariat", 200, 200),
        ("province_office", 200, 200),
        ("q_office", 404, 404),
        ("plain", 404, 404),
    ],
)
def test_who_may_export_the_ranking(client, world, who, during_appeals, published):
    # given
    sw = scoring_world_build(world, stage="appeal")
    url = _ranking_url(sw.scoring_round)
    user = actor_of(world, who)
    # when
    before = _download(client, user, url)
    from thidua.scoring.services import PUBLISH_CONFIRMATION, scoring_round_publish

    scoring_round_publish(actor=None, scoring_round=sw.scoring_round, confirmation=PUBLISH_CONFIRMATION)
    after = client.get(url)
    # then
    assert before.status_code == during_appeals
    assert after.status_code == published


def test_the_ranking_export_lists_ranks_totals_criteria_and_corrections(client, world):
    # given: a published ranking with one correction
    sw = scoring_world_build(world, stage="published")
    score_correct(
        actor=world.secretariat,
        scoring_round=sw.scoring_round,
        unit=world.b,
        criterion=sw.criteria[0],
        points="10",
        reason="Sai sót khi cộng điểm minh chứng",
    )
    results = list(
        UnitResult.objects.filter(scoring_round=sw.scoring_round).select_related("unit").order_by("rank", "unit__name")
    )
    # when
    response = _download(client, world.head_a, _ranking_url(sw.scoring_round))
    # then
    workbook = _workbook(response)
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert "X%E1%BA%BFp%20h%E1%BA%A1ng" in response["Content-Disposition"]
    ranking, detail = workbook.worksheets
    rows = _rows(ranking)
    assert rows[0][0] == f"BẢNG XẾP HẠNG THI ĐUA NĂM {sw.scoring_round.year}"
    header = rows.index(["Xếp hạng", "Đơn vị", "Điểm chấm", "Điểm thưởng", "Điểm trừ", "Tổng điểm", "Tự chấm"])
    body = rows[header + 1 : header + 1 + len(results)]
    assert [row[1] for row in body] == [r.unit.name for r in results]
    for row, result in zip(body, results, strict=True):
        assert row[0] == result.rank
        assert all(isinstance(value, int | float) for value in row[2:])
        assert Decimal(str(row[5])) == result.total
        assert Decimal(str(row[6])) == result.self_total
    assert ranking.cell(row=header + 2, column=6).number_format == "0.00"
    assert ranking.freeze_panes == f"C{header + 2}"
    correction = next(row for row in rows if row[5] == "Sai sót khi cộng điểm minh chứng")
    assert correction[1] == world.b.name
    assert correction[4] == 10
    detail_rows = _rows(detail)
    assert detail.title == "Điểm theo tiêu chí"
    assert detail_rows[0][:3] == ["Xếp hạng", "Đơn vị", "1. Hoàn thành kế hoạch công tác năm (tối đa 10.00)"]
    finals = {
        (r.unit.name, r.criterion.code): r.final_points
        for r in CriterionResult.objects.filter(scoring_round=sw.scoring_round).select_related("unit", "criterion")
    }
    for row in detail_rows[1:]:
        for code, value in zip(["1", "2", "3", "4"], row[2:], strict=True):
            assert isinstance(value, int | float)
            assert Decimal(str(value)) == finals[(row[1], code)]
    assert finals[(world.b.name, "1")] == Decimal(10)
