"""Movement API operations: the permission matrix, with "nothing happened" on refusal (S26)."""

import pytest

from thidua.movements.models import Movement
from thidua.movements.tests.factories import movement_make
from thidua.movements.tests.helpers import state

pytestmark = pytest.mark.django_db


def _login(client, world, request, who):
    if who == "other_secretariat":
        client.force_login(request.getfixturevalue(who))
    elif who != "anonymous":
        client.force_login(getattr(world, who))


def _body(unit, bloc=None, **overrides):
    body = {
        "kind": "thematic",
        "title": "Chung tay xây dựng nông thôn mới",
        "launched_by_unit_id": unit.pk,
        "bloc_id": bloc.pk if bloc else None,
        "launched_on": "2019-03-05",
        "starts_on": "2019-01-01",
        "ends_on": "2019-12-31",
    }
    return body | overrides


@pytest.mark.parametrize("who", ["plain", "officer_a", "secretariat", "q_office", "province_office"])
def test_every_signed_in_caller_reads(client, world, request, who):
    movement = movement_make(world.p)
    _login(client, world, request, who)
    listing = client.get("/api/v1/movements", {"year": 2019, "bloc_id": world.bloc.pk})
    detail = client.get(f"/api/v1/movements/{movement.pk}")
    assert listing.status_code == detail.status_code == 200
    assert [item["id"] for item in listing.json()["items"]] == [movement.pk]
    assert detail.json()["status"] == "launched"


def test_anonymous_callers_get_the_envelope(client, world):
    movement = movement_make(world.p)
    for response in (
        client.get("/api/v1/movements"),
        client.get(f"/api/v1/movements/{movement.pk}"),
        client.post("/api/v1/movements", _body(world.p), content_type="application/json"),
    ):
        assert response.status_code == 401
        assert set(response.json()) == {"detail", "code", "fields"}


@pytest.mark.parametrize(
    ("_case", "who", "body", "expected"),
    [
        ("signed in without a role", "plain", "p", 403),
        ("unit officer of another unit", "officer_a", "b", 403),
        ("bloc secretariat of another bloc", "other_secretariat", "bloc", 403),
        ("another province's office", "q_office", "p", 403),
        ("the province office", "province_office", "p", 201),
        ("the unit's officer", "officer_a", "a", 201),
        ("the bloc secretariat", "secretariat", "bloc", 201),
    ],
)
def test_movement_create_matrix(client, world, request, _case, who, body, expected):
    # given
    _login(client, world, request, who)
    payload = _body(world.a, world.bloc) if body == "bloc" else _body(getattr(world, body))
    before = state()
    # when
    response = client.post("/api/v1/movements", payload, content_type="application/json")
    # then
    assert response.status_code == expected, response.content
    assert (state() == before) == (expected != 201)


def test_movement_create_refuses_a_period_that_ends_first(client, world):
    client.force_login(world.province_office)
    response = client.post("/api/v1/movements", _body(world.p, ends_on="2018-12-31"), content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (409, "movement_period_invalid")
    assert not Movement.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("plain", 404), ("officer_a", 404), ("secretariat", 404), ("q_office", 404), ("province_office", 201)],
)
def test_movement_review_create_matrix(client, world, request, who, expected):
    # given
    movement = movement_make(world.p)
    _login(client, world, request, who)
    before = state()
    # when
    response = client.post(
        f"/api/v1/movements/{movement.pk}/reviews",
        {"kind": "final", "held_on": "2019-12-20", "summary": "Tổng kết năm 2019"},
        content_type="application/json",
    )
    # then
    assert response.status_code == expected
    assert (state() == before) == (expected != 201)


def test_a_second_final_review_conflicts(client, world):
    movement = movement_make(world.p)
    client.force_login(world.province_office)
    url = f"/api/v1/movements/{movement.pk}/reviews"
    body = {"kind": "final", "held_on": "2019-12-20", "summary": "Tổng kết"}
    assert client.post(url, body, content_type="application/json").status_code == 201
    before = state()
    response = client.post(url, body, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (409, "movement_closed")
    assert state() == before
