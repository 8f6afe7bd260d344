"""REST operations on units: the permission matrix (S26) with "nothing changed" on refusal, and their answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from thidua.core.models import AuditEvent
from thidua.organizations.choices import UnitChangeKind, UnitKind
from thidua.organizations.models import Unit, UnitChange, UnitChangeLink, UnitName, UnitParentage
from thidua.organizations.tests.factories import change_record

Login = Callable[[Client, Any], None]


@pytest.fixture
def api(world: Any, settings: Any) -> Any:
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    return world


def _as(name: str) -> Login:
    return lambda client, w: client.force_login(getattr(w, name))


def _anonymous(client: Client, w: Any) -> None:
    """Nobody signs in."""


def _state() -> tuple[Any, ...]:
    return (
        Unit.objects.count(),
        UnitName.objects.count(),
        UnitParentage.objects.count(),
        UnitChange.objects.count(),
        UnitChangeLink.objects.count(),
        AuditEvent.objects.count(),
        *Unit.objects.order_by("pk").values_list("name", "short_name", "kind", "path", "valid_from", "valid_to"),
    )


READERS = [
    ("wrong province office", _as("q_office")),
    ("right unit without the role", _as("officer_a")),
    ("unit head", _as("head_a")),
    ("province office", _as("province_office")),
]


def _read_urls(w: Any) -> list[str]:
    return [
        "/api/v1/units",
        f"/api/v1/units?q=so%20y%20te&province={w.p.pk}&active_on=2025-01-01&kind=department",
        f"/api/v1/units/{w.a.pk}",
        "/api/v1/units/tree",
        f"/api/v1/units/tree?root={w.p.pk}&as_of=2019-01-01",
    ]


@pytest.mark.parametrize(("_case", "login"), READERS)
def test_every_signed_in_caller_reads(api: Any, client: Client, _case: str, login: Login) -> None:
    login(client, api)
    for url in _read_urls(api):
        assert client.get(url).status_code == 200, url


def test_anonymous_reads_nothing(api: Any, client: Client) -> None:
    for url in _read_urls(api):
        response = client.get(url)
        assert response.status_code == 401, url
        assert response.json()["code"] == "not_authenticated"


def test_missing_unit_is_not_found(api: Any, client: Client) -> None:
    client.force_login(api.officer_a)
    assert client.get("/api/v1/units/999999").status_code == 404
    assert client.get("/api/v1/units/tree?root=999999").status_code == 404


def test_list_searches_without_diacritics(api: Any, client: Client) -> None:
    client.force_login(api.officer_a)
    body = client.get("/api/v1/units?q=so%20y%20te").json()
    assert [item["code"] for item in body["items"]] == ["so-b"]


def test_get_returns_names_parents_and_lineage(api: Any, client: Client) -> None:
    # given
    change_record(
        kind=UnitChangeKind.RENAME, effective_on=dt.date(2020, 1, 1), predecessors=[api.a], new_name="Sở Văn hóa Mới"
    )
    change_record(
        kind=UnitChangeKind.MERGE_INTO, effective_on=dt.date(2025, 7, 1), predecessors=[api.a], successors=[api.b]
    )
    client.force_login(api.officer_a)
    # when
    body = client.get(f"/api/v1/units/{api.a.pk}").json()
    # then
    assert [(n["name"], n["valid_to"]) for n in body["names"]] == [
        ("Sở Văn hóa An Phú", "2019-12-31"),
        ("Sở Văn hóa Mới", "2025-06-30"),
    ]
    assert [(p["parent_id"], p["valid_to"]) for p in body["parentages"]] == [(api.p.pk, "2025-06-30")]
    assert [(s["unit_id"], s["change_kind"], s["effective_on"]) for s in body["successors"]] == [
        (api.b.pk, "merge_into", "2025-07-01")
    ]
    assert body["predecessors"] == []


def test_tree_as_of_a_day(api: Any, client: Client) -> None:
    # given
    change_record(
        kind=UnitChangeKind.MERGE_INTO, effective_on=dt.date(2025, 7, 1), predecessors=[api.a], successors=[api.b]
    )
    client.force_login(api.officer_a)
    # when
    before = client.get(f"/api/v1/units/tree?root={api.p.pk}&as_of=2025-06-30").json()
    after = client.get(f"/api/v1/units/tree?root={api.p.pk}&as_of=2025-07-01").json()
    # then
    assert [(n["code"], n["depth"]) for n in before] == [("tinh-p", 0), ("so-a", 1), ("phong-a1", 2), ("so-b", 1)]
    assert [(n["code"], n["depth"], n["parent_id"]) for n in after] == [
        ("tinh-p", 0, None),
        ("so-b", 1, api.p.pk),
        ("phong-a1", 2, api.b.pk),
    ]


def _create_body(w: Any, **values: Any) -> dict[str, Any]:
    return {"code": "phong-moi", "name": "Phòng Mới", "kind": UnitKind.DIVISION, "parent_id": w.a.pk, **values}


def _update_body(**values: Any) -> dict[str, Any]:
    return {"kind": UnitKind.AGENCY, "short_name": "Sở VH", "valid_from": "2010-01-01", **values}


def _change_body(w: Any, **values: Any) -> dict[str, Any]:
    return {
        "kind": UnitChangeKind.MERGE_INTO,
        "effective_on": "2025-07-01",
        "decision_number": "202/2025/QH15",
        "decision_date": "2025-06-12",
        "predecessor_ids": [w.a.pk],
        "successor_ids": [w.b.pk],
        **values,
    }


WRITES: list[tuple[str, Callable[[Any], str], str, Callable[[Any], dict[str, Any]]]] = [
    ("unit_create", lambda w: "/api/v1/units", "post", _create_body),
    ("unit_update", lambda w: f"/api/v1/units/{w.a.pk}", "put", lambda w: _update_body()),
    ("unit_change_create", lambda w: "/api/v1/units/changes", "post", _change_body),
]

REFUSED = [
    ("anonymous", _anonymous, 401),
    ("wrong province office", _as("q_office"), 403),
    ("right unit without the role", _as("officer_a"), 403),
    ("unit head", _as("head_a"), 403),
]


@pytest.mark.parametrize(("operation", "url", "method", "body"), WRITES)
@pytest.mark.parametrize(("_case", "login", "status"), REFUSED)
def test_refused_write_changes_nothing(
    api: Any,
    client: Client,
    operation: str,
    url: Callable[[Any], str],
    method: str,
    body: Callable[[Any], dict[str, Any]],
    _case: str,
    login: Login,
    status: int,
) -> None:
    # given
    login(client, api)
    before = _state()
    # when
    response = getattr(client, method)(url(api), body(api), content_type="application/json")
    # then
    assert response.status_code == status
    assert set(response.json()) == {"detail", "code", "fields"}
    assert _state() == before


def test_office_creates_a_unit(api: Any, client: Client) -> None:
    client.force_login(api.province_office)
    response = client.post("/api/v1/units", _create_body(api), content_type="application/json")
    assert response.status_code == 201
    unit = Unit.objects.get(code="phong-moi")
    assert (response.json()["id"], unit.parent, unit.path) == (unit.pk, api.a, f"{api.a.path}{unit.pk}/")


def test_office_updates_a_unit(api: Any, client: Client) -> None:
    client.force_login(api.province_office)
    response = client.put(f"/api/v1/units/{api.a.pk}", _update_body(), content_type="application/json")
    api.a.refresh_from_db()
    assert response.status_code == 200
    assert (api.a.kind, api.a.short_name, api.a.valid_from) == (UnitKind.AGENCY, "Sở VH", dt.date(2010, 1, 1))


def test_office_records_a_change(api: Any, client: Client) -> None:
    client.force_login(api.province_office)
    response = client.post("/api/v1/units/changes", _change_body(api), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["predecessor_ids"], body["successor_ids"]) == ("merge_into", [api.a.pk], [api.b.pk])
    api.a.refresh_from_db()
    assert api.a.valid_to == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("_case", "path", "body"),
    [
        ("taken code", "/api/v1/units", lambda w: _create_body(w, code="so-a")),
        ("code with capitals", "/api/v1/units", lambda w: _create_body(w, code="Phong")),
        ("name with a NUL", "/api/v1/units", lambda w: _create_body(w, name="Phòng\x00")),
        ("change of a bad shape", "/api/v1/units/changes", lambda w: _change_body(w, successor_ids=[])),
        ("the first day there is", "/api/v1/units/changes", lambda w: _change_body(w, effective_on="0001-01-01")),
        ("a date as a number", "/api/v1/units/changes", lambda w: _change_body(w, effective_on=0)),
    ],
)
def test_invalid_write_answers_422_and_changes_nothing(
    api: Any, client: Client, _case: str, path: str, body: Callable[[Any], dict[str, Any]]
) -> None:
    # given
    client.force_login(api.province_office)
    before = _state()
    # when
    response = client.post(path, body(api), content_type="application/json")
    # then
    assert response.status_code == 422
    assert response.json()["detail"]
    assert _state() == before


def test_unknown_unit_in_a_change_is_not_found(api: Any, client: Client) -> None:
    client.force_login(api.province_office)
    before = _state()
    response = client.post(
        "/api/v1/units/changes", _change_body(api, successor_ids=[999_999]), content_type="application/json"
    )
    assert response.status_code == 404
    assert _state() == before
