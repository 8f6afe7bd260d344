import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from thidua.demo.world import DEMO_PASSWORD, demo_world_load

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_officer_signs_in_and_reaches_the_vietnamese_home_page(live_server, page, artifacts_dir):
    # given the demo world
    demo_world_load()
    # when the unit officer of Sở Y tế signs in
    _sign_in(page, live_server.url, "canbo.yte")
    # then the home page tells them, in Vietnamese, what they are
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_text("Xin chào, Nguyễn Văn Minh").is_visible()
    assert page.get_by_text("Cán bộ làm công tác thi đua của đơn vị — Sở Y tế").is_visible()
    page.screenshot(path=str(artifacts_dir / "home-unit-officer.png"), full_page=True)


def test_province_office_is_sent_to_two_factor_setup(live_server, page, artifacts_dir):
    demo_world_load()
    _sign_in(page, live_server.url, "bantdkt")
    # allauth asks for the password once more before any change to two-factor settings
    page.wait_for_url(re.compile(r".*/accounts/reauthenticate/"))
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(re.compile(r".*/accounts/2fa/totp/activate/$"))
    page.screenshot(path=str(artifacts_dir / "totp-setup-province-office.png"), full_page=True)
    # and, with the code of an authenticator app, activates it and reaches the home page
    secret = page.get_by_label("Khóa bí mật của ứng dụng xác thực").input_value()
    page.get_by_label("Mã xác thực").fill(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.get_by_role("button", name="Kích hoạt").click()
    page.goto(f"{live_server.url}/")
    assert page.get_by_text("Xin chào, Trần Thị Thu Hà").is_visible()
    assert page.get_by_role("link", name="Nhật ký", exact=True).is_visible()


def test_language_switch_to_english(live_server, page):
    demo_world_load()
    page.goto(f"{live_server.url}/accounts/login/")
    with page.expect_navigation():
        page.select_option("#language-select", "en")
    assert page.locator("html").get_attribute("lang") == "en"
