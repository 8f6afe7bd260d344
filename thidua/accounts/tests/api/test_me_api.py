"""The REST API as another government system sees it: bearer tokens, /me, the unit list, and the error envelope."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.services import api_token_create, api_token_revoke
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.organizations.tests.factories import UnitFactory

ENVELOPE_KEYS = {"detail", "code", "fields"}


def _bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def _token_for(user: Any) -> str:
    _, raw = api_token_create(actor=user, name="Hệ thống văn bản", expires_on=None)
    return raw


# --- /me -------------------------------------------------------------------------------------------------------------


def test_me_returns_the_caller_and_their_active_roles(client: Client, world: Any) -> None:
    # given: a head of A who is also a delegate of B, and an ended grant that must not show
    head = world.head_a
    grant(head, Role.DELEGATE, unit=world.b)
    grant(head, Role.UNIT_OFFICER, unit=world.a1, ends_on=timezone.localdate() - dt.timedelta(days=1))
    raw = _token_for(head)
    # when
    response = client.get("/api/v1/me", headers=_bearer(raw))
    # then
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("id", "username", "full_name", "unit_id")} == {
        "id": head.pk,
        "username": "giamdoc.a",
        "full_name": "Nguyễn Thanh Hồng",
        "unit_id": world.a.pk,
    }
    assert sorted(body["roles"], key=lambda role: role["role"]) == [
        {
            "role": "delegate",
            "role_label": "Đại biểu dự hội nghị",
            "unit_id": world.b.pk,
            "bloc_id": None,
            "scope_name": world.b.name,
        },
        {
            "role": "unit_head",
            "role_label": "Thủ trưởng đơn vị",
            "unit_id": world.a.pk,
            "bloc_id": None,
            "scope_name": world.a.name,
        },
    ]


def test_me_shows_a_bloc_role_with_its_bloc(client: Client, world: Any) -> None:
    # given
    raw = _token_for(world.secretariat)
    # when
    response = client.get("/api/v1/me", headers=_bearer(raw))
    # then
    assert response.json()["roles"] == [
        {
            "role": "bloc_secretariat",
            "role_label": "Thư ký khối (đơn vị Khối trưởng)",
            "unit_id": None,
            "bloc_id": world.bloc.pk,
            "scope_name": world.bloc.name,
        }
    ]


def test_me_works_with_a_session_too(client: Client, world: Any) -> None:
    # given
    client.force_login(world.officer_a)
    # when
    response = client.get("/api/v1/me")
    # then
    assert response.status_code == 200
    assert response.json()["username"] == "canbo.a"


def test_province_user_without_two_factor_may_still_use_a_token(client: Client, world: Any) -> None:
    # given: the two-factor set-up redirect is for pages, not for the API
    raw = _token_for(world.province_office)
    # when
    response = client.get("/api/v1/me", headers=_bearer(raw))
    # then
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("_case", "headers"),
    [
        ("no credentials", lambda w: {}),
        ("garbage token", lambda w: _bearer("td_khong-phai-khoa-that")),
        ("not a bearer scheme", lambda w: {"Authorization": f"Basic {_token_for(w.head_a)}"}),
        ("empty bearer", lambda w: {"Authorization": "Bearer "}),
    ],
)
def test_me_without_valid_credentials_is_401_with_the_envelope(
    client: Client, world: Any, _case: str, headers: Any
) -> None:
    # given
    sent = headers(world)
    # when
    response = client.get("/api/v1/me", headers=sent)
    # then
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Cần đăng nhập hoặc khóa API hợp lệ.",
        "code": "not_authenticated",
        "fields": {},
    }


def test_revoked_token_is_401(client: Client, world: Any) -> None:
    # given
    token, raw = api_token_create(actor=world.head_a, name="Hệ thống", expires_on=None)
    api_token_revoke(actor=world.head_a, token=token)
    # when
    response = client.get("/api/v1/me", headers=_bearer(raw))
    # then
    assert response.status_code == 401
    assert set(response.json()) == ENVELOPE_KEYS


def test_expired_token_is_401(client: Client, world: Any) -> None:
    # given
    _, raw = api_token_create(
        actor=world.head_a, name="Hệ thống", expires_on=timezone.localdate() - dt.timedelta(days=1)
    )
    # when
    response = client.get("/api/v1/me", headers=_bearer(raw))
    # then
    assert response.status_code == 401


def test_token_of_an_inactive_user_is_401(client: Client, world: Any) -> None:
    # given
    inactive = UserFactory(unit=world.a, is_active=False)
    raw = _token_for(inactive)
    # when
    response = client.get("/api/v1/me", headers=_bearer(raw))
    # then
    assert response.status_code == 401


def test_me_records_the_token_use(client: Client, world: Any) -> None:
    # given
    token, raw = api_token_create(actor=world.head_a, name="Hệ thống", expires_on=None)
    # when
    client.get("/api/v1/me", headers=_bearer(raw))
    # then
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_me_runs_a_fixed_number_of_queries(client: Client, world: Any, django_assert_max_num_queries: Any) -> None:
    # given: a caller with several roles
    grant(world.head_a, Role.DELEGATE, unit=world.b)
    grant(world.head_a, Role.BLOC_SECRETARIAT, bloc=world.bloc)
    raw = _token_for(world.head_a)
    # when / then: token (1), last-use stamp (1), roles with their scopes (1)
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/me", headers=_bearer(raw))
    assert len(response.json()["roles"]) == 3


# --- /units ----------------------------------------------------------------------------------------------------------


def test_unit_list_shows_the_organisation_tree_to_every_signed_in_caller(client: Client, world: Any) -> None:
    # given: the organisation tree is public inside Thi Đua (private data is scoped by the apps that own it)
    raw = _token_for(world.head_b)
    # when
    response = client.get("/api/v1/units", headers=_bearer(raw))
    # then
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 6
    item = next(unit for unit in body["items"] if unit["id"] == world.b.pk)
    assert item == {
        "id": world.b.pk,
        "code": "so-b",
        "name": "Sở Y tế Bình Minh",
        "short_name": "",
        "kind": "department",
        "parent_id": world.p.pk,
        "valid_from": None,
        "valid_to": None,
    }


def test_unit_list_of_the_province_office_is_its_province_in_tree_order(client: Client, world: Any) -> None:
    # given
    raw = _token_for(world.province_office)
    # when
    response = client.get("/api/v1/units", headers=_bearer(raw))
    # then
    body = response.json()
    codes = [unit["code"] for unit in body["items"]]
    assert codes[: codes.index("so-b") + 1] == ["tinh-p", "so-a", "phong-a1", "so-b"]


def test_unit_list_filters_by_search_and_kind(client: Client, world: Any) -> None:
    # given
    raw = _token_for(world.province_office)
    # when
    by_name = client.get("/api/v1/units", {"q": "Y tế"}, headers=_bearer(raw))
    by_kind = client.get("/api/v1/units", {"kind": "division"}, headers=_bearer(raw))
    # then
    assert [unit["code"] for unit in by_name.json()["items"]] == ["so-b"]
    assert [unit["code"] for unit in by_kind.json()["items"]] == ["phong-a1"]


def test_unit_list_rejects_an_unknown_kind_with_the_envelope(client: Client, world: Any) -> None:
    # given
    raw = _token_for(world.province_office)
    # when
    response = client.get("/api/v1/units", {"kind": "galaxy"}, headers=_bearer(raw))
    # then
    body = response.json()
    assert response.status_code == 422
    assert set(body) == ENVELOPE_KEYS
    assert body["code"] == "validation_error"
    assert list(body["fields"]) == ["kind"]


def test_unit_list_is_paginated(client: Client, world: Any) -> None:
    # given: 55 more units under B, so 61 in all
    UnitFactory.create_batch(55, parent=world.b)
    raw = _token_for(world.head_b)
    # when
    first = client.get("/api/v1/units", headers=_bearer(raw))
    second = client.get("/api/v1/units", {"page": 2}, headers=_bearer(raw))
    # then
    assert set(first.json()) == {"items", "count"}
    assert (first.json()["count"], len(first.json()["items"])) == (61, 50)
    assert (second.json()["count"], len(second.json()["items"])) == (61, 11)
    first_ids = {unit["id"] for unit in first.json()["items"]}
    assert first_ids.isdisjoint(unit["id"] for unit in second.json()["items"])


def test_unit_list_query_count_does_not_grow_with_the_units(
    client: Client, world: Any, django_assert_max_num_queries: Any
) -> None:
    # given
    UnitFactory.create_batch(40, parent=world.b)
    raw = _token_for(world.head_b)
    # when / then: token, last use, grants, count, page
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/units", headers=_bearer(raw))
    assert response.json()["count"] == 46


def test_unit_list_without_credentials_is_401(client: Client, world: Any) -> None:
    # given / when
    response = client.get("/api/v1/units")
    # then
    assert response.status_code == 401
    assert set(response.json()) == ENVELOPE_KEYS


def test_unit_list_of_an_inactive_user_is_refused(client: Client, world: Any) -> None:
    # given
    raw = _token_for(world.plain)
    world.plain.is_active = False
    world.plain.save(update_fields=["is_active"])
    # when
    response = client.get("/api/v1/units", headers=_bearer(raw))
    # then
    assert response.status_code == 401


# --- /units/{id} -----------------------------------------------------------------------------------------------------


def test_unit_get_returns_a_visible_unit(client: Client, world: Any) -> None:
    # given
    raw = _token_for(world.head_a)
    # when
    response = client.get(f"/api/v1/units/{world.a1.pk}", headers=_bearer(raw))
    # then
    assert response.status_code == 200
    assert (response.json()["code"], response.json()["parent_id"]) == ("phong-a1", world.a.pk)


@pytest.mark.parametrize(
    ("_case", "unit"),
    [("a missing unit", lambda w: 999_999)],
)
def test_unit_get_of_a_missing_unit_is_404_with_the_envelope(client: Client, world: Any, _case: str, unit: Any) -> None:
    # given
    raw = _token_for(world.head_b)
    # when
    response = client.get(f"/api/v1/units/{unit(world)}", headers=_bearer(raw))
    # then
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Không tìm thấy hoặc bạn không có quyền truy cập.",
        "code": "not_found",
        "fields": {},
    }
