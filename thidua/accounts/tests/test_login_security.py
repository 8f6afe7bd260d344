"""Sign-in security: throttling of password guessing, and two-factor authentication for province roles."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.cache import cache
from django.urls import reverse

from thidua.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "mật-khẩu-dài-đủ-10"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password):
    return client.post(reverse("account_login"), {"login": username, "password": password})


def test_repeated_wrong_passwords_are_throttled_even_for_the_right_one(client, settings):
    # given an account and the default limit of 5 failures per account
    user = UserFactory(password=PASSWORD)
    # when someone guesses five times
    for _ in range(5):
        assert _login(client, user.username, "sai-mat-khau").status_code == 200
    # then the sixth attempt is refused, even with the right password
    response = _login(client, user.username, PASSWORD)
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_password_signs_in_a_unit_officer(client, world):
    world.officer_a.set_password(PASSWORD)
    world.officer_a.save()
    response = _login(client, world.officer_a.username, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.officer_a.pk)


def test_province_office_without_totp_must_set_it_up_before_anything_else(client, world):
    client.force_login(world.province_office)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    setup = client.get(reverse("mfa_activate_totp"), follow=True)
    assert setup.status_code == 200
    assert setup.request["PATH_INFO"].startswith("/accounts/")


def test_province_office_with_totp_is_asked_for_a_code_at_sign_in(client, world):
    # given the office user has activated TOTP
    secret = generate_totp_secret()
    TOTP.activate(world.province_office, secret)
    world.province_office.set_password(PASSWORD)
    world.province_office.save()
    # when they enter the right password
    response = _login(client, world.province_office.username, PASSWORD)
    # then they are not signed in yet: a code is asked
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    # and a wrong code is refused
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "_auth_user_id" not in client.session
    # and the right code signs them in and lets them reach the home page
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.province_office.pk)
    assert client.get(reverse("core:home")).status_code == 200


def test_there_is_no_public_sign_up(client):
    response = client.get(reverse("account_signup"))
    assert "Đăng ký" not in response.content.decode() or response.status_code != 200
    assert response.status_code in (200, 302)
    assert not UserFactory._meta.model.objects.filter(username="ke-la").exists()
    client.post(reverse("account_signup"), {"username": "ke-la", "password1": PASSWORD, "password2": PASSWORD})
    assert not UserFactory._meta.model.objects.filter(username="ke-la").exists()
