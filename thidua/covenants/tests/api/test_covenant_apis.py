"""Covenant API operations: the permission matrix with nothing changed on refusal, and the life cycle."""

import pytest

from thidua.covenants.models import CovenantTarget
from thidua.covenants.tests.factories import covenant_draft, covenant_open, state, this_year, unit_covenant
from thidua.emulation.tests.factories import member_add

pytestmark = pytest.mark.django_db
API = "/api/v1"
EVERYONE = ["anonymous", "plain", "head_a", "officer_a", "head_b", "secretariat", "province_office", "q_office"]


def _login(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))


def _writes(world):
    member_add(world.bloc, world.a, year=this_year() - 1)
    draft = covenant_draft(world.bloc, [world.a], year=this_year() - 1)
    opened = covenant_open(world.bloc, [world.a, world.b])
    target = CovenantTarget.objects.get(unit_covenant=unit_covenant(world.a))
    return {
        "bloc_covenant_create": (
            f"{API}/covenants",
            {"bloc_id": world.bloc.pk, "year": this_year() + 1, "content": "Nội dung"},
            {"secretariat", "province_office"},
        ),
        "bloc_covenant_open": (f"{API}/covenants/{draft.pk}/open", None, {"secretariat", "province_office"}),
        "covenant_acknowledge": (
            f"{API}/covenants/{opened.pk}/acknowledgements/{world.a.pk}",
            None,
            {"head_a", "officer_a"},
        ),
        "unit_covenant_create": (
            f"{API}/unit-covenants",
            {"unit_id": world.a.pk, "year": this_year() + 1, "content": "Giao ước"},
            {"head_a", "officer_a"},
        ),
        "covenant_progress_report_create": (
            f"{API}/covenant-targets/{target.pk}/reports",
            {"period": "mid_term", "value": "50"},
            {"head_a", "officer_a"},
        ),
    }


@pytest.mark.parametrize("who", EVERYONE)
@pytest.mark.parametrize(
    "operation",
    [
        "bloc_covenant_create",
        "bloc_covenant_open",
        "covenant_acknowledge",
        "unit_covenant_create",
        "covenant_progress_report_create",
    ],
)
def test_write_matrix(client, world, who, operation):
    # given
    url, body, allowed = _writes(world)[operation]
    _login(client, world, who)
    before = state()
    # when
    response = client.post(url, body or {}, content_type="application/json")
    # then
    if who in allowed:
        assert response.status_code in (200, 201), response.json()
        assert state() != before
        return
    assert response.status_code in ((401,) if who == "anonymous" else (403, 404)), response.json()
    assert set(response.json()) == {"detail", "code", "fields"}
    assert state() == before


@pytest.mark.parametrize("who", EVERYONE)
def test_read_matrix(client, world, who):
    opened = covenant_open(world.bloc, [world.a, world.b])
    mine = unit_covenant(world.a)
    _login(client, world, who)
    bloc_readers = {"head_a", "officer_a", "head_b", "secretariat", "province_office"}
    unit_readers = {"head_a", "officer_a", "secretariat", "province_office"}
    expected_bloc = 401 if who == "anonymous" else 200 if who in bloc_readers else 404
    expected_unit = 401 if who == "anonymous" else 200 if who in unit_readers else 404
    assert client.get(f"{API}/covenants/{opened.pk}").status_code == expected_bloc
    assert client.get(f"{API}/unit-covenants/{mine.pk}").status_code == expected_unit


def test_members_do_not_read_a_draft(client, world):
    draft = covenant_draft(world.bloc, [world.a])
    client.force_login(world.head_a)
    assert client.get(f"{API}/covenants/{draft.pk}").status_code == 404


def test_the_covenant_comes_into_force_through_the_api(client, world):
    # given
    covenant = covenant_open(world.bloc, [world.a, world.b])
    # when
    client.force_login(world.head_a)
    client.post(f"{API}/covenants/{covenant.pk}/acknowledgements/{world.a.pk}")
    again = client.post(f"{API}/covenants/{covenant.pk}/acknowledgements/{world.a.pk}")
    client.force_login(world.head_b)
    body = client.post(f"{API}/covenants/{covenant.pk}/acknowledgements/{world.b.pk}").json()
    # then
    assert again.status_code == 409
    assert again.json()["code"] == "covenant_already_acknowledged"
    assert body["status"] == "in_force"
    assert {m["acknowledged_by"] for m in body["members"]} == {world.head_a.full_name, world.head_b.full_name}
