import pytest

from thidua.demo.world import DEMO_PASSWORD, demo_world_load

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_signs_in_and_reaches_the_vietnamese_home_page(live_server, page, artifacts_dir):
    # given the demo world
    demo_world_load()
    # when the unit officer of Sở Y tế signs in
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("canbo.yte")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    # then the home page tells them, in Vietnamese, what they are
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_text("Xin chào, Nguyễn Văn Minh").is_visible()
    assert page.get_by_text("Cán bộ làm công tác thi đua của đơn vị — Sở Y tế").is_visible()
    page.screenshot(path=str(artifacts_dir / "home-unit-officer.png"), full_page=True)


def test_province_office_is_sent_to_two_factor_setup(live_server, page, artifacts_dir):
    demo_world_load()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("bantdkt")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/accounts/2fa/totp/activate")
    page.screenshot(path=str(artifacts_dir / "totp-setup-province-office.png"), full_page=True)
    assert "xác thực hai lớp" in page.content()


def test_language_switch_to_english(live_server, page):
    demo_world_load()
    page.goto(f"{live_server.url}/accounts/login/")
    page.select_option("#language-select", "en")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
