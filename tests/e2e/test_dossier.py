"""Issue 6's walk: a unit head drafts a dossier and proposes a person of the unit, submits it; the province office
receives and appraises it, returns it with a reason; the head resubmits; the office appraises again and issues the
decision, which records the award."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.e2e.test_sign_in import _sign_in
from thidua.accounts.services import role_grant, user_create
from thidua.awards.models import AwardRecord, Dossier, DossierStatus, Nomination, Title
from thidua.awards.services import task_rating_set
from thidua.demo.world import DEMO_PASSWORD, demo_world_load
from thidua.organizations.models import Unit
from thidua.people.tests.factories import PersonFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _account(username, full_name, unit, role):
    user = user_create(actor=None, username=username, full_name=full_name, password=DEMO_PASSWORD, unit=unit)
    role_grant(actor=None, user=user, role=role, unit=unit)
    return user


def _signed_in_page(browser, base_url, username):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    _sign_in(page, base_url, username)
    page.wait_for_url(f"{base_url}/")
    return context, page


def _click(page, name):
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_a_unit_dossier_goes_to_a_decision(live_server, browser, artifacts_dir, settings):
    # given the demo world, a person of Sở Y tế with a 2024 task rating, the unit's head and the province office
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    demo_world_load()
    health = Unit.objects.get(code="qn-so-yte")
    province = Unit.objects.get(pk=int(health.path.strip("/").split("/")[0]))
    person = PersonFactory(full_name="Hồ Thị Mai Anh", unit=health, starts_on=dt.date(2015, 1, 1))
    task_rating_set(actor=None, person=person, year=2024, rating="htxsnv")
    _account("giamdoc.yte.hoso", "Trần Quang Vinh", health, "unit_head")
    _account("bantdkt.hoso", "Phan Thị Ngọc", province, "province_office")
    base = live_server.url

    # when the head drafts the dossier
    head_context, head = _signed_in_page(browser, base, "giamdoc.yte.hoso")
    head.goto(f"{base}/khen-thuong/ho-so/")
    head.locator("#create-form [name=proposer]").select_option(f"u:{health.pk}")
    head.locator("#create-form [name=year]").fill("2024")
    head.locator("#create-form [name=reference_date]").fill("2024-12-05")
    head.locator("#create-form [name=awarding_body]").fill("Giám đốc Sở Y tế")
    _click(head, "Tạo hồ sơ")
    head.wait_for_url(re.compile(r".*/ho-so/\d+/$"))
    dossier = Dossier.objects.get(proposer_unit=health, year=2024, created_by__username="giamdoc.yte.hoso")
    dossier_url = head.url

    # and proposes the person for Lao động tiên tiến: the stored verdict shows its lines and citations
    head.get_by_text("Thêm người, tập thể được đề nghị").click()
    # (the person picker searches as one types, without diacritics, instead of listing the province)
    head.locator("#nomination-form [data-person-picker-search]").fill("ho thi mai anh")
    head.locator(f"#nomination-form [name=person] option[value='{person.pk}']").wait_for(state="attached")
    head.locator("#nomination-form [name=person]").select_option(str(person.pk))
    head.locator("#nomination-form [name=title]").select_option(str(Title.objects.get(code="LDTT").pk))
    head.locator("#nomination-form [name=achievement_summary]").fill("Hoàn thành xuất sắc nhiệm vụ năm 2024")
    _click(head, "Thêm vào hồ sơ")
    nomination = Nomination.objects.get(dossier=dossier)
    assert nomination.evaluation["lines"]
    head.locator(f"#nomination-{nomination.pk} summary").click()
    assert head.get_by_text(nomination.evaluation["lines"][0]["citation"]).first.is_visible()
    # the required documents are recorded as placeholders, then the head submits
    for kind in ("to_trinh", "bao_cao", "bien_ban"):
        head.locator("#document-form [name=kind]").select_option(kind)
        _click(head, "Thêm tài liệu")
    assert head.locator("#missing-documents").count() == 0
    head.screenshot(path=str(artifacts_dir / "dossier-draft.png"), full_page=True)
    _click(head, "Trình hồ sơ")
    assert "Đã trình hồ sơ" in head.content()

    # then the province office receives, appraises and returns it with a reason
    office_context, office = _signed_in_page(browser, base, "bantdkt.hoso")
    office.goto(dossier_url)
    _click(office, "Tiếp nhận hồ sơ")
    office.locator(f"[name=result_{nomination.pk}]").select_option("passed")
    office.locator(f"[name=note_{nomination.pk}]").fill("Đủ tiêu chuẩn")
    _click(office, "Ghi kết quả thẩm định")
    office.locator("#return-form [name=reason]").fill("Bổ sung chữ ký trên biên bản bình xét")
    _click(office, "Trả lại hồ sơ")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED

    # the head sees the reason and resubmits
    head.goto(dossier_url)
    assert head.get_by_text("Bổ sung chữ ký trên biên bản bình xét").first.is_visible()
    _click(head, "Trình lại hồ sơ")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.SUBMITTED

    # the office receives and appraises it again, and issues the decision
    office.goto(dossier_url)
    _click(office, "Tiếp nhận hồ sơ")
    office.locator(f"[name=result_{nomination.pk}]").select_option("passed")
    _click(office, "Ghi kết quả thẩm định")
    office.locator("#decision-form [name=number]").fill("125/QĐ-SYT")
    office.locator("#decision-form [name=decided_on]").fill(timezone.localdate().isoformat())
    office.locator("#decision-form [name=signer_name]").fill("Trần Quang Vinh")
    office.locator("#decision-form [name=signer_title]").fill("Giám đốc")
    _click(office, "Ban hành quyết định")
    office.wait_for_url(re.compile(r".*/quyet-dinh/\d+/$"))
    assert "125/QĐ-SYT" in office.content() and "Hồ Thị Mai Anh" in office.content()
    office.screenshot(path=str(artifacts_dir / "dossier-decision.png"), full_page=True)

    # and the award is in the person's history
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED
    assert AwardRecord.objects.filter(
        person=person, title__code="LDTT", year=2024, decision_number="125/QĐ-SYT"
    ).exists()
    head_context.close()
    office_context.close()
