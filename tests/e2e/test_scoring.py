"""Issue 5's walk: a unit's self-assessment, a cross-scorer's check, an appeal and the publication of the ranking."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.e2e.test_sign_in import _sign_in
from thidua.accounts.services import role_grant, user_create
from thidua.demo.world import DEMO_PASSWORD, demo_world_load
from thidua.emulation.services import bloc_create, bloc_member_add
from thidua.organizations.models import Unit
from thidua.scoring.models import Appeal, ScoreSheet, ScoringAssignment, UnitResult
from thidua.scoring.services import (
    CriterionInput,
    RoundRules,
    ScoreInput,
    appeal_answer,
    appeal_window_open,
    assignments_generate,
    criteria_set_approve,
    criteria_set_create,
    criterion_group_save,
    criterion_save,
    score_sheet_save,
    score_sheet_submit,
    scoring_round_consolidate,
    scoring_round_create,
    scoring_round_open,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _account(username, full_name, unit, role, *, bloc=None):
    user = user_create(actor=None, username=username, full_name=full_name, password=DEMO_PASSWORD, unit=unit)
    if bloc is not None:
        role_grant(actor=None, user=user, role=role, bloc=bloc)
    else:
        role_grant(actor=None, user=user, role=role, unit=unit)
    return user


def _fill_and_submit(sheet, criteria, points):
    sheet = score_sheet_save(
        actor=None,
        sheet=sheet,
        version=sheet.version,
        scores=[ScoreInput(criterion_id=c.pk, points=p) for c, p in zip(criteria, points, strict=True)],
    )
    score_sheet_submit(actor=None, sheet=sheet)


def _signed_in_page(browser, base_url, username):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    _sign_in(page, base_url, username)
    page.wait_for_url(f"{base_url}/")
    return context, page


def test_self_assessment_check_appeal_and_publication(live_server, browser, artifacts_dir):
    # given a bloc of three units this year, scored by cross-scoring on an approved criteria set
    demo_world_load()
    year = timezone.localdate().year
    da_nang = Unit.objects.get(code="da-nang")
    health = Unit.objects.get(code="qn-so-yte")
    education = Unit.objects.get(code="qn-so-gddt")
    justice = Unit.objects.get(code="qn-so-tu-phap")
    bloc = bloc_create(actor=None, province=da_nang, name="Khối thi đua văn hóa – xã hội")
    for unit, role in ((health, "leader"), (education, "deputy"), (justice, "member")):
        bloc_member_add(actor=None, bloc=bloc, unit=unit, year=year, role=role)
    _account("giamdoc.yte.e2e", "Trần Văn Hải", health, "unit_head")
    _account("thuky.vhxh", "Lê Thị Thu", health, "bloc_secretariat", bloc=bloc)
    criteria_set = criteria_set_create(actor=None, bloc=bloc, year=year, title="Bảng tiêu chí năm nay")
    group = criterion_group_save(actor=None, criteria_set=criteria_set, code="I", name="Thực hiện nhiệm vụ")
    criteria = [
        criterion_save(actor=None, group=group, data=CriterionInput("1", "Hoàn thành kế hoạch năm", "scored", "60")),
        criterion_save(actor=None, group=group, data=CriterionInput("2", "Cải cách hành chính", "scored", "40")),
        criterion_save(actor=None, group=group, data=CriterionInput("3", "Cờ thi đua năm trước", "bonus", "10")),
    ]
    criteria_set_approve(actor=None, criteria_set=criteria_set, reference="Biên bản họp khối")
    scoring_round = scoring_round_create(
        actor=None, bloc=bloc, year=year, criteria_set=criteria_set, rules=RoundRules(scorers_per_unit=1)
    )
    assignments_generate(actor=None, scoring_round=scoring_round)
    scoring_round_open(actor=None, scoring_round=scoring_round)
    health_checker = ScoringAssignment.objects.get(scoring_round=scoring_round, scored_unit=health).scorer_unit
    checker_head = _account("giamdoc.checker.e2e", "Võ Minh Tâm", health_checker, "unit_head")
    self_sheet = ScoreSheet.objects.get(scoring_round=scoring_round, unit=health, kind="self")
    browser_contexts = []
    try:
        # when the unit officer of Sở Y tế scores the unit, with comments
        context, page = _signed_in_page(browser, live_server.url, "canbo.yte")
        browser_contexts.append(context)
        page.goto(f"{live_server.url}/cham-diem/bang-diem/{self_sheet.pk}/")
        page.get_by_label("Điểm tiêu chí 1", exact=True).fill("58,5")
        page.get_by_label("Điểm tiêu chí 2", exact=True).fill("45")  # above the maximum of 40
        page.get_by_label("Điểm tiêu chí 3", exact=True).fill("0")
        page.get_by_label("Giải trình, nhận xét tiêu chí 1").fill("Hoàn thành 98% kế hoạch")
        page.get_by_role("button", name="Lưu", exact=True).click()
        page.wait_for_load_state()
        # then the wrong cell is refused in Vietnamese and everything typed is kept
        assert page.get_by_text("Điểm phải từ 0 đến 40.").first.is_visible()
        assert page.get_by_label("Điểm tiêu chí 1", exact=True).input_value() == "58,5"
        page.get_by_label("Điểm tiêu chí 2", exact=True).fill("38")
        page.get_by_role("button", name="Lưu", exact=True).click()
        page.wait_for_load_state()

        # and the unit head sends it
        context, page = _signed_in_page(browser, live_server.url, "giamdoc.yte.e2e")
        browser_contexts.append(context)
        page.goto(f"{live_server.url}/cham-diem/bang-diem/{self_sheet.pk}/")
        assert page.get_by_label("Điểm tiêu chí 1", exact=True).input_value() in ("58,5", "58,50", "58.5", "58.50")
        page.get_by_role("button", name="Lưu và gửi bảng điểm").click()
        page.wait_for_load_state()
        self_sheet.refresh_from_db()
        assert self_sheet.status == "submitted"

        # the other units assess themselves (outside the browser)
        for unit in (education, justice):
            sheet = ScoreSheet.objects.get(scoring_round=scoring_round, unit=unit, kind="self")
            _fill_and_submit(sheet, criteria, ["55", "35", "0"])

        # when the cross-scorer's head checks Sở Y tế, seeing its self-assessment beside each criterion
        check_sheet = ScoreSheet.objects.get(scoring_round=scoring_round, unit=health, kind="check")
        context, page = _signed_in_page(browser, live_server.url, "giamdoc.checker.e2e")
        browser_contexts.append(context)
        page.goto(f"{live_server.url}/cham-diem/bang-diem/{check_sheet.pk}/")
        assert page.get_by_text("Hoàn thành 98% kế hoạch").is_visible()
        page.get_by_label("Điểm tiêu chí 1", exact=True).fill("55")
        page.get_by_label("Điểm tiêu chí 2", exact=True).fill("36")
        page.get_by_label("Điểm tiêu chí 3", exact=True).fill("0")
        page.get_by_role("button", name="Lưu và gửi bảng điểm").click()
        page.wait_for_load_state()
        page.screenshot(path=str(artifacts_dir / "scoring-check-sent.png"), full_page=True)
        check_sheet.refresh_from_db()
        assert check_sheet.status == "submitted"
        assert checker_head.unit == health_checker

        # the other checks are sent, the secretariat consolidates and opens appeals (outside the browser)
        for sheet in ScoreSheet.objects.filter(scoring_round=scoring_round, kind="check").exclude(pk=check_sheet.pk):
            _fill_and_submit(sheet, criteria, ["50", "30", "0"])
        scoring_round_consolidate(actor=None, scoring_round=scoring_round)
        appeal_window_open(actor=None, scoring_round=scoring_round, due_on=timezone.localdate() + dt.timedelta(days=5))

        # when Sở Y tế appeals its score on criterion 2, seeing only anonymous checkers
        context, page = _signed_in_page(browser, live_server.url, "canbo.yte")
        browser_contexts.append(context)
        page.goto(f"{live_server.url}/cham-diem/dot/{scoring_round.pk}/don-vi/{health.pk}/")
        assert health_checker.name not in page.content()
        row = page.locator("tr", has_text="Cải cách hành chính")
        row.get_by_text("Khiếu nại tiêu chí này").click()
        row.get_by_label("Nội dung khiếu nại").fill("Đơn vị đã hoàn thành 100% thủ tục trực tuyến mức độ 4.")
        row.get_by_role("button", name="Gửi khiếu nại").click()
        page.wait_for_load_state()
        appeal = Appeal.objects.get(scoring_round=scoring_round, unit=health)
        assert appeal.criterion == criteria[1]
        appeal_answer(actor=None, appeal=appeal, is_accepted=True, answer="Chấp nhận theo minh chứng", points="38")

        # and the secretariat publishes, typing the confirmation
        context, page = _signed_in_page(browser, live_server.url, "thuky.vhxh")
        browser_contexts.append(context)
        page.goto(f"{live_server.url}/cham-diem/dot/{scoring_round.pk}/")
        page.get_by_label(re.compile("để xác nhận")).fill("CÔNG BỐ")
        page.get_by_role("button", name="Công bố", exact=True).click()
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/cham-diem/dot/{scoring_round.pk}/xep-hang/")
        # and expands Sở Y tế's row to the marks behind each number (loaded on demand)
        page.locator("summary", has_text="Sở Y tế").click()
        expanded = page.locator("details[open] .ranking-row-detail")
        expanded.get_by_text("Cải cách hành chính").wait_for()
        assert "không tính" in expanded.inner_text()
        page.screenshot(path=str(artifacts_dir / "scoring-ranking-published.png"), full_page=True)

        # then the published ranking counts the checker's scores and the accepted appeal, never the self-assessment
        scoring_round.refresh_from_db()
        assert scoring_round.status == "published"
        result = UnitResult.objects.get(scoring_round=scoring_round, unit=health)
        assert result.total == Decimal("93.00")  # 55 (checked) + 38 (appeal accepted) + 0
        assert result.self_total == Decimal("96.50")
        assert page.get_by_text("Sở Y tế").first.is_visible()
    finally:
        for context in browser_contexts:
            context.close()
