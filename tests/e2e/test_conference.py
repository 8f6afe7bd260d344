"""Issue 7's walk: a bloc's conference with three delegates (three units, three accounts). The secretariat checks
them in on the conference page (HTMX, with the live quorum) and opens the poll; a delegate signs in on a phone and
votes on the page, a second votes on the page, the third through the service; the secretariat closes the poll and
publishes the result, which the hall's projector shows (HTMX polling); the receipt check confirms that the first
delegate's ballot was counted, and the minutes and the count record show the result."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_sign_in import _sign_in
from thidua.accounts.choices import Role
from thidua.accounts.services import user_create
from thidua.accounts.tests.factories import grant
from thidua.conferences.models import PollParticipation
from thidua.conferences.services import ballot_cast
from thidua.conferences.tests.factories import conference_build, delegate_build, poll_build
from thidua.demo.world import DEMO_PASSWORD
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.tests.factories import ProvinceFactory, UnitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _signed_in_page(browser, base_url, username, viewport):
    context = browser.new_context(locale="vi-VN", viewport=viewport, is_mobile=viewport == PHONE, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    _sign_in(page, base_url, username)
    page.wait_for_url(f"{base_url}/")
    return context, page


def test_delegates_vote_and_the_hall_sees_the_result(live_server, browser, artifacts_dir, settings):
    # given a bloc of three units, one account per unit, a conference in session and its delegates checked in
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    province = ProvinceFactory(code="tinh-hn", name="Tỉnh Hòa Nhã")
    units = [
        UnitFactory(code="so-vh", name="Sở Văn hóa, Thể thao và Du lịch", parent=province),
        UnitFactory(code="so-yt", name="Sở Y tế", parent=province),
        UnitFactory(code="so-gd", name="Sở Giáo dục và Đào tạo", parent=province),
    ]
    bloc = BlocFactory(province=province, name="Khối các cơ quan văn hóa – xã hội")
    for unit in units:
        member_add(bloc, unit)
    accounts = [
        ("giamdoc.vh", "Nguyễn Thị Hằng"),
        ("giamdoc.yt", "Trần Quốc Bảo"),
        ("giamdoc.gd", "Lê Thị Ánh Tuyết"),
    ]
    users = [
        user_create(actor=None, username=username, full_name=name, password=DEMO_PASSWORD, unit=unit)
        for (username, name), unit in zip(accounts, units, strict=True)
    ]
    secretary = user_create(
        actor=None, username="thuky.khoi", full_name="Phạm Thị Lan", password=DEMO_PASSWORD, unit=units[0]
    )
    grant(secretary, Role.BLOC_SECRETARIAT, bloc=bloc)
    conference = conference_build(bloc)
    for unit, user in zip(units, users, strict=True):
        delegate_build(conference, unit, user=user, present=False)
    poll = poll_build(conference, units, title="Suy tôn đơn vị dẫn đầu khối năm " + str(timezone.localdate().year))
    candidate = {c.unit_id: c for c in poll.candidates.all()}
    base = live_server.url

    # when the secretariat checks the three delegates in on the conference page and opens the poll
    desk_context, desk = _signed_in_page(browser, base, "thuky.khoi", {"width": 1366, "height": 900})
    desk.goto(f"{base}/hoi-nghi/{conference.pk}/")
    assert "Có mặt 0/3 đơn vị — chưa đủ số lượng" in desk.locator("#quorum-badge").inner_text()
    check_in = desk.get_by_role("button", name="Điểm danh", exact=True)
    for left in (2, 1, 0):
        check_in.first.click()
        expect(check_in).to_have_count(left)  # the row was swapped in before the next click
    desk.get_by_text("Có mặt 3/3 đơn vị — đủ số lượng").wait_for()
    desk.goto(f"{base}/hoi-nghi/{conference.pk}/bieu-quyet/{poll.pk}/")
    desk.get_by_role("button", name="Bắt đầu bỏ phiếu").click()
    desk.get_by_role("button", name="Kết thúc bỏ phiếu").wait_for()

    # when the delegate of Sở Văn hóa signs in on a phone, finds the open poll and votes for Sở Y tế
    vh_context, vh = _signed_in_page(browser, base, "giamdoc.vh", PHONE)
    vh.goto(f"{base}/hoi-nghi/bieu-quyet/")
    vh.get_by_role("link", name="Bỏ phiếu", exact=True).click()
    vh.wait_for_url(re.compile(rf".*/hoi-nghi/bieu-quyet/{poll.pk}/$"))
    assert vh.get_by_text("Chọn tối đa 1 trong danh sách.").is_visible()
    vh.get_by_label(re.compile("Sở Y tế")).check()
    vh.screenshot(path=str(artifacts_dir / "conference-ballot-phone.png"), full_page=True)
    vh.get_by_role("button", name="Gửi phiếu bầu").click()
    vh.wait_for_load_state()
    token = vh.locator("#receipt-token").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){5}", token)
    assert vh.get_by_text("mã chỉ hiện một lần").is_visible()
    vh.screenshot(path=str(artifacts_dir / "conference-receipt-phone.png"), full_page=True)

    # and the delegate of Sở Y tế votes on the page too (for Sở Giáo dục), the third through the service
    yt_context, yt = _signed_in_page(browser, base, "giamdoc.yt", PHONE)
    yt.goto(f"{base}/hoi-nghi/bieu-quyet/{poll.pk}/")
    yt.get_by_label(re.compile("Sở Giáo dục")).check()
    yt.get_by_role("button", name="Gửi phiếu bầu").click()
    yt.locator("#receipt-token").wait_for()
    ballot_cast(actor=users[2], poll=poll, choices={candidate[units[1].pk].pk: "chosen"})
    assert PollParticipation.objects.filter(poll=poll).count() == 3

    # then the hall's projector shows everyone voted; once published it shows the result without a reload
    hall_context = browser.new_context(locale="vi-VN", viewport={"width": 1920, "height": 1080})
    hall = hall_context.new_page()
    hall.set_default_timeout(10_000)
    _sign_in(hall, base, "giamdoc.gd")
    hall.wait_for_url(f"{base}/")
    hall.goto(f"{base}/hoi-nghi/{conference.pk}/trinh-chieu/")
    assert hall.get_by_text("Đã bỏ phiếu: 3/3").is_visible()
    desk.get_by_role("button", name="Kết thúc bỏ phiếu").click()
    desk.get_by_role("button", name="Công bố kết quả").click()
    desk.get_by_role("link", name="Biên bản kiểm phiếu").first.wait_for()
    hall.locator("#result").wait_for(timeout=15_000)
    assert hall.get_by_text("Trúng cử").first.is_visible()
    assert "2 phiếu" in hall.locator("#result").inner_text()
    hall.screenshot(path=str(artifacts_dir / "conference-projector.png"), full_page=True)

    # and the receipt check tells the first delegate their ballot was counted
    vh.goto(f"{base}/hoi-nghi/bieu-quyet/{poll.pk}/")
    vh.locator("#receipt-form [name=token]").fill(token)
    vh.get_by_role("button", name="Kiểm tra", exact=True).click()
    vh.wait_for_load_state()
    assert vh.get_by_text("đã được ghi nhận và tính").is_visible()

    # and the count record and the minutes give the figures and the result, ready to print and confirm
    desk.get_by_role("link", name="Biên bản kiểm phiếu").first.click()
    record = desk.locator("#count-record").inner_text()
    assert "BIÊN BẢN KIỂM PHIẾU" in record.upper() and "Trúng cử" in record
    desk.goto(f"{base}/hoi-nghi/{conference.pk}/bien-ban/")
    minutes = desk.locator("#minutes").inner_text()
    assert "Có mặt 3/3 đơn vị thành viên" in minutes and "Sở Y tế" in minutes
    desk.screenshot(path=str(artifacts_dir / "conference-minutes.png"), full_page=True)
    for context in (vh_context, yt_context, hall_context, desk_context):
        context.close()
