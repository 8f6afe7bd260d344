import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_requires_sign_in(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_login_page_is_vietnamese_by_default(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert '<html lang="vi">' in response.content.decode()


def test_home_tells_a_unit_officer_their_role(client, world):
    client.force_login(world.officer_a)
    response = client.get(reverse("core:home"))
    content = response.content.decode()
    assert "Cán bộ làm công tác thi đua của đơn vị" in content
    assert world.a.name in content


def test_home_tells_a_user_without_role_whom_to_ask(client, world):
    client.force_login(world.plain)
    content = client.get(reverse("core:home")).content.decode()
    assert "Bạn chưa được phân quyền" in content


def test_navigation_shows_only_what_the_role_allows(client, world, settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    client.force_login(world.officer_a)
    officer_page = client.get(reverse("core:home")).content.decode()
    client.force_login(world.province_office)
    office_page = client.get(reverse("core:home")).content.decode()
    audit_url = reverse("core:audit-list")
    assert f'href="{audit_url}"' not in officer_page
    assert f'href="{audit_url}"' in office_page


def test_language_switch_to_english(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()


def test_unknown_page_is_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_server_error_page_renders_without_context(client):
    from django.template import loader

    html = loader.render_to_string("500.html", {})
    assert "Lỗi hệ thống" in html


def test_vietnamese_even_when_the_browser_prefers_english(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies["thidua_language"] = "fr"
    response = client.get(reverse("account_login"))
    assert '<html lang="vi">' in response.content.decode()


def test_the_admin_has_no_login_of_its_own(client):
    response = client.get("/quan-tri/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_province_office_reads_reference_data_in_the_admin(client, world, settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    from thidua.demo.world import _reference_data_admin

    _reference_data_admin(world.province_office)
    client.force_login(world.province_office)
    assert client.get("/quan-tri/organizations/unit/").status_code == 200
    assert client.get("/quan-tri/organizations/unit/add/").status_code == 404  # forbidden looks like not found
