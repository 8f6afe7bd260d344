"""Pages of the accounts app: the users list, a user's roles (grant and revoke), the profile and its API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.accounts.choices import Role
from thidua.accounts.models import ApiToken, RoleAssignment, User
from thidua.accounts.services import api_token_create
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.core.models import AuditEvent

Login = Callable[[Client, Any], None]
Form = Callable[[Any], dict[str, str]]


@pytest.fixture
def web(world: Any) -> Any:
    """The world, with an authenticator for the province-level users so the two-factor middleware lets them through."""
    TOTP.activate(world.province_office, generate_totp_secret())
    TOTP.activate(world.q_office, generate_totp_secret())
    return world


def _as(name: str) -> Login:
    return lambda client, w: client.force_login(getattr(w, name))


def _anonymous(client: Client, w: Any) -> None:
    """Nobody signs in."""


def _form(role: str, **values: str) -> dict[str, str]:
    return {"role": role, "unit": "", "bloc": "", "starts_on": "", "ends_on": "", "note": "", **values}


def _detail_url(user: User) -> str:
    return reverse("accounts:user-detail", kwargs={"user_id": user.pk})


def _revoke_url(assignment: RoleAssignment) -> str:
    return reverse("accounts:role-revoke", kwargs={"user_id": assignment.user_id, "assignment_id": assignment.pk})


def _state() -> tuple[int, int, int]:
    return RoleAssignment.objects.count(), RoleAssignment.objects.active().count(), AuditEvent.objects.count()


def _login_url() -> str:
    return reverse("account_login")


# --- grant: the authorization matrix over HTTP -----------------------------------------------------------------------


GRANT_REFUSED = [
    ("anonymous", _anonymous, lambda w: _form(Role.UNIT_OFFICER, unit=str(w.a.pk)), 302),
    ("wrong unit: head of B", _as("head_b"), lambda w: _form(Role.UNIT_OFFICER, unit=str(w.a.pk)), 404),
    ("wrong province: office of Q", _as("q_office"), lambda w: _form(Role.UNIT_OFFICER, unit=str(w.a.pk)), 404),
    (
        "right unit without the role: officer",
        _as("officer_a"),
        lambda w: _form(Role.UNIT_OFFICER, unit=str(w.a.pk)),
        422,
    ),
    ("no role at all: the user themself", _as("plain"), lambda w: _form(Role.UNIT_OFFICER, unit=str(w.a.pk)), 422),
    (
        "right role, role not grantable: unit head",
        _as("head_a"),
        lambda w: _form(Role.UNIT_HEAD, unit=str(w.a.pk)),
        422,
    ),
    ("right role, scope not theirs: sibling", _as("head_a"), lambda w: _form(Role.UNIT_OFFICER, unit=str(w.b.pk)), 422),
    ("right role, province role", _as("head_a"), lambda w: _form(Role.PROVINCE_OFFICE, unit=str(w.p.pk)), 422),
    ("right role, bloc role", _as("head_a"), lambda w: _form(Role.BLOC_SECRETARIAT, bloc=str(w.bloc.pk)), 422),
    (
        "parent role, province role on a unit",
        _as("province_office"),
        lambda w: _form(Role.PROVINCE_OFFICE, unit=str(w.a.pk)),
        422,
    ),
]


@pytest.mark.parametrize(("_case", "login", "form", "status"), GRANT_REFUSED)
def test_refused_grant_over_http_changes_nothing(
    client: Client, web: Any, _case: str, login: Login, form: Form, status: int
) -> None:
    # given
    login(client, web)
    before = _state()
    # when
    response = client.post(_detail_url(web.plain), form(web))
    # then
    assert response.status_code == status
    assert _state() == before
    assert not RoleAssignment.objects.filter(user=web.plain).exists()


def test_anonymous_grant_is_sent_to_the_login_page(client: Client, web: Any) -> None:
    # given
    url = _detail_url(web.plain)
    # when
    response = client.post(url, _form(Role.UNIT_OFFICER, unit=str(web.a.pk)))
    # then
    assert response.status_code == 302
    assert response.url == f"{_login_url()}?next={url}"


GRANT_ALLOWED = [
    ("right role: head grants officer", "head_a", Role.UNIT_OFFICER, lambda w: {"unit": w.a}),
    ("right role, child unit: head grants delegate", "head_a", Role.DELEGATE, lambda w: {"unit": w.a1}),
    ("parent role: office grants unit head", "province_office", Role.UNIT_HEAD, lambda w: {"unit": w.a1}),
    ("parent role: office grants council member", "province_office", Role.COUNCIL_MEMBER, lambda w: {"unit": w.p}),
    (
        "parent role: office grants bloc secretariat",
        "province_office",
        Role.BLOC_SECRETARIAT,
        lambda w: {"bloc": w.bloc},
    ),
]


@pytest.mark.parametrize(("_case", "actor", "role", "scope"), GRANT_ALLOWED)
def test_allowed_grant_over_http_redirects_and_adds_one_row(
    client: Client, web: Any, _case: str, actor: str, role: Role, scope: Callable[[Any], dict[str, Any]]
) -> None:
    # given
    who = getattr(web, actor)
    client.force_login(who)
    where = scope(web)
    fields = {name: str(value.pk) for name, value in where.items()}
    count_before, active_before, events_before = _state()
    # when
    response = client.post(_detail_url(web.plain), _form(role, note="Quyết định 3/QĐ-SVH", **fields))
    # then
    assert response.status_code == 302
    assert response.url == _detail_url(web.plain)
    assert _state() == (count_before + 1, active_before + 1, events_before + 1)
    assignment = RoleAssignment.objects.get(user=web.plain)
    assert (assignment.role, assignment.unit, assignment.bloc) == (role, where.get("unit"), where.get("bloc"))
    assert (assignment.granted_by, assignment.note) == (who, "Quyết định 3/QĐ-SVH")
    assert AuditEvent.objects.latest("id").actor == who


def test_grant_reads_dates_as_day_month_year(client: Client, web: Any) -> None:
    # given
    client.force_login(web.head_a)
    # when
    response = client.post(
        _detail_url(web.plain),
        _form(Role.DELEGATE, unit=str(web.a.pk), starts_on="05/02/2025", ends_on="31/12/2025"),
    )
    # then
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=web.plain)
    assert (assignment.starts_on, assignment.ends_on) == (dt.date(2025, 2, 5), dt.date(2025, 12, 31))


def test_success_message_is_shown_after_the_redirect(client: Client, web: Any) -> None:
    # given
    client.force_login(web.head_a)
    # when
    response = client.post(_detail_url(web.plain), _form(Role.DELEGATE, unit=str(web.a.pk)), follow=True)
    # then
    assert response.status_code == 200
    assert "Đã cấp vai trò." in response.content.decode()


# --- grant: a form with errors ---------------------------------------------------------------------------------------


NOTE = "Quyết định số 789/QĐ-UBND ngày 05 tháng 02 năm 2025"


@pytest.mark.parametrize(
    ("_case", "form", "field", "message"),
    [
        (
            "unit role without a unit",
            lambda w: _form(Role.UNIT_HEAD, starts_on="05/02/2025", note=NOTE),
            "unit",
            "Vai trò này được cấp theo đơn vị: hãy chọn đơn vị.",
        ),
        (
            "bloc role without a bloc",
            lambda w: _form(Role.BLOC_SECRETARIAT, starts_on="05/02/2025", note=NOTE),
            "bloc",
            "Vai trò này được cấp theo khối: hãy chọn khối, cụm thi đua.",
        ),
        (
            "ends before it starts",
            lambda w: _form(
                Role.UNIT_OFFICER, unit=str(w.a.pk), starts_on="05/02/2025", ends_on="04/02/2025", note=NOTE
            ),
            "ends_on",
            "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.",
        ),
    ],
)
def test_form_with_errors_is_rendered_again_with_the_values_and_the_error_at_its_field(
    client: Client, web: Any, _case: str, form: Form, field: str, message: str
) -> None:
    # given
    client.force_login(web.province_office)
    before = _state()
    data = form(web)
    # when
    response = client.post(_detail_url(web.plain), data)
    # then
    content = response.content.decode()
    assert response.status_code == 422
    assert _state() == before
    assert f'id="id_{field}_error">{message}</div>' in content
    assert f'value="{NOTE}"' in content
    assert 'value="05/02/2025"' in content
    assert f'<option value="{data["role"]}" selected>' in content


def test_refusal_by_the_service_is_shown_on_the_form_with_the_values_kept(client: Client, web: Any) -> None:
    # given: a unit head may not appoint another unit head
    client.force_login(web.head_a)
    before = _state()
    # when
    response = client.post(_detail_url(web.plain), _form(Role.UNIT_HEAD, unit=str(web.a.pk), note=NOTE))
    # then
    content = response.content.decode()
    assert response.status_code == 422
    assert _state() == before
    assert "Bạn không có quyền cấp vai trò này trong phạm vi đã chọn." in content
    assert f'value="{NOTE}"' in content


def test_duplicate_grant_is_shown_on_the_form(client: Client, web: Any) -> None:
    # given: officer_a already is an officer of A
    client.force_login(web.head_a)
    before = _state()
    # when
    response = client.post(_detail_url(web.officer_a), _form(Role.UNIT_OFFICER, unit=str(web.a.pk)))
    # then
    assert response.status_code == 422
    assert _state() == before
    assert "Người dùng đã có vai trò này trong phạm vi đã chọn." in response.content.decode()


def test_grant_form_offers_only_the_units_and_blocs_in_the_actor_scope(client: Client, web: Any) -> None:
    # given
    client.force_login(web.head_a)
    # when
    response = client.get(_detail_url(web.plain))
    # then
    form = response.context["form"]
    assert response.status_code == 200
    assert set(form.fields["unit"].queryset) == {web.a, web.a1}
    assert list(form.fields["bloc"].queryset) == []


def test_user_without_grant_permission_sees_no_grant_form(client: Client, web: Any) -> None:
    # given
    client.force_login(web.officer_a)
    # when
    response = client.get(_detail_url(web.plain))
    # then
    assert response.status_code == 200
    assert response.context["form"] is None
    assert "Cấp vai trò" not in response.content.decode()


# --- revoke: the authorization matrix over HTTP ----------------------------------------------------------------------


REVOKE_REFUSED = [
    ("anonymous", _anonymous, lambda w: w.officer_a_grant, 302),
    ("wrong unit: head of B", _as("head_b"), lambda w: w.officer_a_grant, 404),
    ("wrong province: office of Q", _as("q_office"), lambda w: w.officer_a_grant, 404),
    ("right unit without the role: officer", _as("officer_a"), lambda w: grant(w.plain, Role.DELEGATE, unit=w.a), 302),
    ("right role, role not revocable: unit head", _as("head_a"), lambda w: w.head_a_grant, 302),
    ("right role, bloc role", _as("head_a"), lambda w: w.secretariat_grant, 302),
]


@pytest.mark.parametrize(("_case", "login", "target", "status"), REVOKE_REFUSED)
def test_refused_revoke_over_http_changes_nothing(
    client: Client, web: Any, _case: str, login: Login, target: Callable[[Any], RoleAssignment], status: int
) -> None:
    # given
    assignment = target(web)
    login(client, web)
    before = _state()
    # when
    response = client.post(_revoke_url(assignment))
    # then
    assert response.status_code == status
    assert _state() == before
    assignment.refresh_from_db()
    assert assignment.revoked_at is None


def test_refused_revoke_shows_the_reason(client: Client, web: Any) -> None:
    # given
    client.force_login(web.head_a)
    # when
    response = client.post(_revoke_url(web.head_a_grant), follow=True)
    # then
    assert response.redirect_chain == [(_detail_url(web.head_a), 302)]
    assert "Bạn không có quyền cấp vai trò này trong phạm vi đã chọn." in response.content.decode()


def test_anonymous_revoke_is_sent_to_the_login_page(client: Client, web: Any) -> None:
    # given
    url = _revoke_url(web.officer_a_grant)
    # when
    response = client.post(url)
    # then
    assert response.url == f"{_login_url()}?next={url}"


def test_revoke_of_a_grant_through_another_users_address_is_not_found(client: Client, web: Any) -> None:
    # given: the officer's grant, addressed under the plain user
    client.force_login(web.province_office)
    url = reverse("accounts:role-revoke", kwargs={"user_id": web.plain.pk, "assignment_id": web.officer_a_grant.pk})
    before = _state()
    # when
    response = client.post(url)
    # then
    assert response.status_code == 404
    assert _state() == before


REVOKE_ALLOWED = [
    ("right role: head revokes an officer", "head_a", lambda w: w.officer_a_grant),
    ("parent role: office revokes a unit head", "province_office", lambda w: w.head_a_grant),
    ("parent role: office revokes the bloc secretariat", "province_office", lambda w: w.secretariat_grant),
]


@pytest.mark.parametrize(("_case", "actor", "target"), REVOKE_ALLOWED)
def test_allowed_revoke_over_http_redirects_and_stamps_the_row(
    client: Client, web: Any, _case: str, actor: str, target: Callable[[Any], RoleAssignment]
) -> None:
    # given
    assignment = target(web)
    who = getattr(web, actor)
    client.force_login(who)
    count_before, active_before, events_before = _state()
    # when
    response = client.post(_revoke_url(assignment))
    # then
    assert response.status_code == 302
    assert response.url == reverse("accounts:user-detail", kwargs={"user_id": assignment.user_id})
    assert _state() == (count_before, active_before - 1, events_before + 1)
    assignment.refresh_from_db()
    assert assignment.revoked_by == who
    assert AuditEvent.objects.latest("id").action == "accounts.role_revoked"


def test_revoking_twice_over_http_shows_an_error_and_changes_nothing(client: Client, web: Any) -> None:
    # given
    client.force_login(web.head_a)
    client.post(_revoke_url(web.officer_a_grant))
    before = _state()
    # when
    response = client.post(_revoke_url(web.officer_a_grant), follow=True)
    # then
    assert _state() == before
    assert "Vai trò này đã được thu hồi trước đó." in response.content.decode()


# --- user detail ----------------------------------------------------------------------------------------------------


def test_user_detail_shows_the_roles(client: Client, web: Any) -> None:
    # given
    client.force_login(web.head_a)
    # when
    response = client.get(_detail_url(web.officer_a))
    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert "Cán bộ làm công tác thi đua của đơn vị" in content
    assert web.a.name in content


def test_user_detail_of_a_hidden_user_is_not_found(client: Client, web: Any) -> None:
    # given
    client.force_login(web.head_b)
    # when
    response = client.get(_detail_url(web.officer_a))
    # then
    assert response.status_code == 404


def test_user_detail_of_a_missing_user_is_not_found(client: Client, web: Any) -> None:
    # given
    client.force_login(web.province_office)
    # when
    response = client.get(reverse("accounts:user-detail", kwargs={"user_id": 999_999}))
    # then
    assert response.status_code == 404


# --- user list -------------------------------------------------------------------------------------------------------


def _listed(response: Any) -> set[str]:
    return {user.username for user in response.context["page"]}


def test_user_list_shows_only_the_users_in_scope(client: Client, web: Any) -> None:
    # given
    colleague_b = UserFactory(unit=web.b)
    client.force_login(web.head_b)
    # when
    response = client.get(reverse("accounts:user-list"))
    # then
    assert response.status_code == 200
    assert _listed(response) == {web.head_b.username, colleague_b.username}
    assert web.officer_a.username not in response.content.decode()


def test_user_list_of_a_unit_head_covers_the_units_below(client: Client, web: Any) -> None:
    # given
    below = UserFactory(unit=web.a1)
    client.force_login(web.head_a)
    # when
    response = client.get(reverse("accounts:user-list"))
    # then
    assert _listed(response) == {
        web.head_a.username,
        web.officer_a.username,
        web.secretariat.username,
        web.plain.username,
        below.username,
    }


def test_user_list_of_the_province_office_is_its_province_only(client: Client, web: Any) -> None:
    # given
    client.force_login(web.province_office)
    # when
    response = client.get(reverse("accounts:user-list"))
    # then
    listed = _listed(response)
    assert {web.head_a.username, web.head_b.username, web.plain.username} <= listed
    assert web.q_office.username not in listed


def test_user_list_is_not_found_without_the_permission(client: Client, web: Any) -> None:
    # given
    client.force_login(web.plain)
    # when
    response = client.get(reverse("accounts:user-list"))
    # then
    assert response.status_code == 404


def test_user_list_sends_anonymous_to_the_login_page(client: Client, web: Any) -> None:
    # given
    url = reverse("accounts:user-list")
    # when
    response = client.get(url)
    # then
    assert response.url == f"{_login_url()}?next={url}"


@pytest.mark.parametrize(
    ("_case", "query", "expected"),
    [
        ("by full name", "Hoa", {"chuyenvien.a"}),
        ("by username", "giamdoc", {"giamdoc.a", "giamdoc.b"}),
        ("by e-mail", "canbo.a@", {"canbo.a"}),
        ("nothing matches", "không-ai-cả", set()),
    ],
)
def test_user_list_search(client: Client, web: Any, _case: str, query: str, expected: set[str]) -> None:
    # given
    client.force_login(web.province_office)
    # when
    response = client.get(reverse("accounts:user-list"), {"q": query})
    # then
    assert _listed(response) == expected
    assert response.context["q"] == query


def test_user_list_search_cannot_reach_outside_the_scope(client: Client, web: Any) -> None:
    # given
    client.force_login(web.head_b)
    # when
    response = client.get(reverse("accounts:user-list"), {"q": "canbo.a"})
    # then
    assert _listed(response) == set()


def test_user_list_answers_htmx_with_the_table_only(client: Client, web: Any) -> None:
    # given
    client.force_login(web.province_office)
    # when
    response = client.get(reverse("accounts:user-list"), {"q": "Hoa"}, headers={"HX-Request": "true"})
    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert web.plain.full_name in content


def test_user_list_is_paginated_and_keeps_the_search(client: Client, web: Any) -> None:
    # given: 30 more people in A, all named alike
    UserFactory.create_batch(30, unit=web.a, full_name="Trần Văn Trang")
    client.force_login(web.head_a)
    # when
    first = client.get(reverse("accounts:user-list"), {"q": "Trang"})
    second = client.get(reverse("accounts:user-list"), {"q": "Trang", "page": "2"})
    beyond = client.get(reverse("accounts:user-list"), {"q": "Trang", "page": "99"})
    # then
    assert first.context["page"].paginator.count == 30
    assert (len(first.context["page"]), len(second.context["page"])) == (25, 5)
    assert _listed(first).isdisjoint(_listed(second))
    assert beyond.context["page"].number == 2
    assert first.context["querystring"] == "q=Trang"


def test_user_list_query_count_does_not_grow_with_the_users(
    client: Client, web: Any, django_assert_max_num_queries: Any
) -> None:
    # given: a warm-up request, then the count with 3 more users
    url = reverse("accounts:user-list")
    client.force_login(web.province_office)
    client.get(url)
    UserFactory.create_batch(3, unit=web.a1)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    UserFactory.create_batch(27, unit=web.b)
    # when / then
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"]) == 25


# --- profile and API tokens ------------------------------------------------------------------------------------------


def test_profile_creates_a_token_and_shows_it_once(client: Client, web: Any) -> None:
    # given
    client.force_login(web.head_a)
    # when
    created = client.post(reverse("accounts:profile"), {"name": "Hệ thống văn bản", "expires_on": "31/12/2030"})
    again = client.get(reverse("accounts:profile"))
    # then
    raw = created.context["new_token"]
    token = ApiToken.objects.get(user=web.head_a)
    assert created.status_code == 200
    assert f'<code class="user-select-all" id="new-token">{raw}</code>' in created.content.decode()
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert (token.name, token.expires_on) == ("Hệ thống văn bản", dt.date(2030, 12, 31))
    assert again.status_code == 200
    assert raw not in again.content.decode()
    assert token.prefix in again.content.decode()


def test_profile_token_form_with_errors_creates_nothing(client: Client, web: Any) -> None:
    # given
    client.force_login(web.head_a)
    # when
    response = client.post(reverse("accounts:profile"), {"name": "", "expires_on": "31/02/2030"})
    # then
    assert response.status_code == 422
    assert not ApiToken.objects.exists()
    assert 'value="31/02/2030"' in response.content.decode()


def test_profile_lists_only_own_tokens(client: Client, web: Any) -> None:
    # given
    api_token_create(actor=web.head_b, name="Khóa của Sở Y tế", expires_on=None)
    client.force_login(web.head_a)
    # when
    response = client.get(reverse("accounts:profile"))
    # then
    assert list(response.context["tokens"]) == []
    assert "Khóa của Sở Y tế" not in response.content.decode()


def test_profile_revokes_own_token(client: Client, web: Any) -> None:
    # given
    token, _ = api_token_create(actor=web.head_a, name="Hệ thống", expires_on=None)
    client.force_login(web.head_a)
    events_before = AuditEvent.objects.count()
    # when
    response = client.post(reverse("accounts:api-token-revoke", kwargs={"token_id": token.pk}))
    # then
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.count() == events_before + 1


def test_profile_cannot_revoke_another_users_token(client: Client, web: Any) -> None:
    # given
    token, _ = api_token_create(actor=web.head_b, name="Hệ thống", expires_on=None)
    client.force_login(web.head_a)
    events_before = AuditEvent.objects.count()
    # when
    response = client.post(reverse("accounts:api-token-revoke", kwargs={"token_id": token.pk}))
    # then
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert AuditEvent.objects.count() == events_before


def test_profile_revoking_a_revoked_token_shows_an_error(client: Client, web: Any) -> None:
    # given
    token, _ = api_token_create(actor=web.head_a, name="Hệ thống", expires_on=None)
    client.force_login(web.head_a)
    client.post(reverse("accounts:api-token-revoke", kwargs={"token_id": token.pk}))
    events_before = AuditEvent.objects.count()
    # when
    response = client.post(reverse("accounts:api-token-revoke", kwargs={"token_id": token.pk}), follow=True)
    # then
    assert "Khóa API này đã bị thu hồi." in response.content.decode()
    assert AuditEvent.objects.count() == events_before


def test_profile_sends_anonymous_to_the_login_page(client: Client, web: Any) -> None:
    # given
    url = reverse("accounts:profile")
    # when
    response = client.post(url, {"name": "Hệ thống"})
    # then
    assert response.url == f"{_login_url()}?next={url}"
    assert not ApiToken.objects.exists()


# --- two-factor authentication for province roles --------------------------------------------------------------------


def test_province_user_without_an_authenticator_is_sent_to_set_one_up(client: Client, world: Any) -> None:
    # given
    client.force_login(world.province_office)
    # when
    response = client.get(reverse("accounts:user-list"))
    # then
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_province_user_without_an_authenticator_may_not_grant(client: Client, world: Any) -> None:
    # given
    client.force_login(world.province_office)
    before = _state()
    # when
    response = client.post(_detail_url(world.plain), _form(Role.UNIT_OFFICER, unit=str(world.a.pk)))
    # then
    assert response.url == reverse("mfa_activate_totp")
    assert _state() == before


def test_province_user_is_let_through_to_the_set_up_pages(client: Client, world: Any) -> None:
    # given: a session without a recent password entry, so allauth asks for it first
    client.force_login(world.province_office)
    # when
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    # then: no redirect loop; the reauthentication page renders
    assert response.status_code == 200
    assert response.redirect_chain == [
        (f"{reverse('account_reauthenticate')}?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F", 302)
    ]


def test_unit_officer_is_not_sent_to_set_up_two_factor(client: Client, world: Any) -> None:
    # given
    client.force_login(world.officer_a)
    # when
    response = client.get(reverse("accounts:user-list"))
    # then
    assert response.status_code == 200


def test_province_user_with_an_authenticator_gets_through(client: Client, world: Any) -> None:
    # given
    TOTP.activate(world.province_office, generate_totp_secret())
    client.force_login(world.province_office)
    # when
    response = client.get(reverse("accounts:user-list"))
    # then
    assert response.status_code == 200


def test_two_factor_requirement_can_be_switched_off(client: Client, world: Any, settings: Any) -> None:
    # given
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    client.force_login(world.province_office)
    # when
    response = client.get(reverse("accounts:user-list"))
    # then
    assert response.status_code == 200
