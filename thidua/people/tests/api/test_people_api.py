"""The people API: personal data null unless allowed, the permission matrix with nothing changed, the envelope."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from thidua.accounts.services import api_token_create
from thidua.people.models import Assignment
from thidua.people.tests.conftest import BIRTH, CODE, VISIBILITY, Staff, actor_of, state

ENVELOPE = {"detail", "code", "fields"}


def _headers(user: Any) -> dict[str, str]:
    if user is None:
        return {}
    _token, raw = api_token_create(actor=user, name="Hệ thống nhân sự", expires_on=None)
    return {"Authorization": f"Bearer {raw}"}


def _create_body(unit: Any, **values: Any) -> dict[str, Any]:
    return {
        "full_name": "Trần Thị Hoa",
        "gender": "female",
        "birth_date": "1990-01-02",
        "personnel_code": "QN-777",
        "unit_id": unit.pk,
        "position": "Chuyên viên",
        "category": "public_employee",
        "starts_on": "2020-03-01",
        **values,
    }


def _update_body(**values: Any) -> dict[str, Any]:
    return {
        "full_name": "Nguyễn Văn Minh",
        "gender": "male",
        "birth_date": "1979-03-09",
        "personnel_code": "",
        **values,
    }


def _move_body(unit: Any, **values: Any) -> dict[str, Any]:
    return {"unit_id": unit.pk, "position": "Phó Giám đốc", "category": "official", "starts_on": "2022-07-01", **values}


@pytest.mark.parametrize(("_case", "actor", "sees"), VISIBILITY)
def test_personal_fields_are_null_unless_the_caller_may_see_them(
    client: Client, staff: Staff, _case: str, actor: str, sees: bool
) -> None:
    headers = _headers(actor_of(actor)(staff))
    one = client.get(f"/api/v1/people/{staff.minh.pk}", headers=headers)
    listed = client.get("/api/v1/people", {"q": "nguyen van minh"}, headers=headers)
    assert (one.status_code, listed.status_code) == (200, 200)
    (item,) = listed.json()["items"]
    for body in (one.json(), item):
        assert body["full_name"] == "Nguyễn Văn Minh"
        assert body["personal_data_visible"] is sees
        expected = ("male", BIRTH.isoformat(), CODE) if sees else (None, None, None)
        assert (body["gender"], body["birth_date"], body["personnel_code"]) == expected
    assert [a["unit_name"] for a in one.json()["assignments"]] == ["Phòng Tổ chức An Phú"]


@pytest.mark.parametrize(
    ("_case", "actor", "status"), [("anonymous", "anonymous", 401), ("signed in without a role", "plain", 404)]
)
def test_reads_are_closed_to_anonymous_and_roleless_callers(
    client: Client, staff: Staff, _case: str, actor: str, status: int
) -> None:
    headers = _headers(actor_of(actor)(staff))
    one = client.get(f"/api/v1/people/{staff.minh.pk}", headers=headers)
    assert one.status_code == status and set(one.json()) == ENVELOPE
    listed = client.get("/api/v1/people", headers=headers)
    if status == 401:
        assert listed.status_code == 401
    else:
        assert listed.json() == {"items": [], "count": 0}


def test_the_list_filters_by_unit_and_pages(client: Client, staff: Staff) -> None:
    headers = _headers(staff.council)
    assert client.get("/api/v1/people", {"unit_id": staff.w.b.pk}, headers=headers).json() == {"items": [], "count": 0}
    assert client.get("/api/v1/people", {"unit_id": staff.w.a.pk}, headers=headers).json()["count"] == 1
    assert client.get("/api/v1/people", {"page": 2}, headers=headers).json()["items"] == []
    assert client.get("/api/v1/people", {"unit_id": 2**31 - 1}, headers=headers).status_code == 404


# --- writes: the matrix -----------------------------------------------------------------------------------------------

CREATE_REFUSED = [
    ("anonymous", "anonymous", 401),
    ("no role", "plain", 403),
    ("bloc secretariat", "secretariat", 403),
    ("delegate", "delegate", 403),
    ("council member", "council", 403),
    ("head of another unit", "head_b", 403),
    ("officer of a unit below", "officer_a1", 403),
    ("office of another province", "q_office", 403),
]


@pytest.mark.parametrize(("_case", "actor", "status"), CREATE_REFUSED)
def test_person_create_refusals_change_nothing(
    client: Client, staff: Staff, _case: str, actor: str, status: int
) -> None:
    headers = _headers(actor_of(actor)(staff))
    before = state()
    response = client.post("/api/v1/people", _create_body(staff.w.a), content_type="application/json", headers=headers)
    assert response.status_code == status and set(response.json()) == ENVELOPE
    assert state() == before


@pytest.mark.parametrize(
    ("_case", "actor"), [("office", "province_office"), ("head of A", "head_a"), ("officer", "officer_a")]
)
def test_person_create(client: Client, staff: Staff, _case: str, actor: str) -> None:
    response = client.post(
        "/api/v1/people",
        _create_body(staff.w.a),
        content_type="application/json",
        headers=_headers(actor_of(actor)(staff)),
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["full_name"], body["unit_id"], body["personnel_code"]) == ("Trần Thị Hoa", staff.w.a.pk, "QN-777")


@pytest.mark.parametrize(
    ("_case", "body", "status", "code"),
    [
        ("duplicate code", {"personnel_code": CODE}, 409, "personnel_code_taken"),
        ("unknown unit", {"unit_id": 2**31 - 1}, 404, "not_found"),
        ("blank name", {"full_name": "   "}, 422, "validation_error"),
        ("control character", {"full_name": "Trần\x00Hoa"}, 422, "validation_error"),
        ("control character in the code", {"personnel_code": "QN\x07"}, 422, "validation_error"),
    ],
)
def test_person_create_bad_input(
    client: Client, staff: Staff, _case: str, body: dict[str, Any], status: int, code: str
) -> None:
    headers = _headers(staff.w.province_office)
    before = state()
    response = client.post(
        "/api/v1/people", _create_body(staff.w.a, **body), content_type="application/json", headers=headers
    )
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert state() == before


UPDATE_REFUSED = [
    ("anonymous", "anonymous", 401),
    ("no role", "plain", 404),
    ("delegate of his unit", "delegate", 403),
    ("officer of another unit", "officer_b", 403),
    ("office of another province", "q_office", 403),
    ("bloc secretariat", "secretariat", 403),
]


@pytest.mark.parametrize(("_case", "actor", "status"), UPDATE_REFUSED)
def test_person_update_refusals_change_nothing(
    client: Client, staff: Staff, _case: str, actor: str, status: int
) -> None:
    headers = _headers(actor_of(actor)(staff))
    before = state()
    response = client.put(
        f"/api/v1/people/{staff.minh.pk}",
        _update_body(full_name="Tên Khác"),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == status
    assert state() == before
    staff.minh.refresh_from_db()
    assert staff.minh.full_name == "Nguyễn Văn Minh"


def test_person_update(client: Client, staff: Staff) -> None:
    response = client.put(
        f"/api/v1/people/{staff.minh.pk}",
        _update_body(),
        content_type="application/json",
        headers=_headers(staff.officer_a1),
    )
    assert response.status_code == 200
    assert (response.json()["birth_date"], response.json()["personnel_code"]) == ("1979-03-09", "")


MOVE_REFUSED = [
    ("anonymous", "anonymous", "b", 401),
    ("no role", "plain", "b", 404),
    ("delegate", "delegate", "a1", 403),
    ("officer of his unit, to another sở", "officer_a1", "b", 403),
    ("head of the destination only", "head_b", "b", 403),
    ("office of another province", "q_office", "q1", 403),
]


@pytest.mark.parametrize(("_case", "actor", "target", "status"), MOVE_REFUSED)
def test_assignment_move_refusals_change_nothing(
    client: Client, staff: Staff, _case: str, actor: str, target: str, status: int
) -> None:
    headers = _headers(actor_of(actor)(staff))
    before = state()
    response = client.post(
        f"/api/v1/people/{staff.minh.pk}/moves",
        _move_body(getattr(staff.w, target)),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == status
    assert state() == before


def test_assignment_move(client: Client, staff: Staff) -> None:
    response = client.post(
        f"/api/v1/people/{staff.minh.pk}/moves",
        _move_body(staff.w.b),
        content_type="application/json",
        headers=_headers(staff.w.province_office),
    )
    assert response.status_code == 201
    assert (response.json()["unit_id"], response.json()["position"]) == (staff.w.b.pk, "Phó Giám đốc")
    assert Assignment.objects.filter(person=staff.minh).count() == 2
    too_early = client.post(
        f"/api/v1/people/{staff.minh.pk}/moves",
        _move_body(staff.w.a, starts_on="2022-07-01"),
        content_type="application/json",
        headers=_headers(staff.w.province_office),
    )
    assert (too_early.status_code, too_early.json()["code"]) == (422, "move_date_invalid")


def test_operations_are_in_the_schema_with_their_ids(client: Client, db: None) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"person_list", "person_get", "person_create", "person_update", "assignment_move"} <= ids
