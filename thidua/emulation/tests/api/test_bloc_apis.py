"""Bloc API operations: the permission matrix, the refusals' envelope, and the members of a year as of that year."""

import datetime as dt

import pytest

from thidua.emulation.choices import BlocRole
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.tests.factories import member_add
from thidua.emulation.tests.helpers import state
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
YEAR = 2030
API = "/api/v1"
NON_MANAGERS = ["plain", "head_a", "officer_a", "secretariat", "q_office"]


@pytest.fixture
def seat(world):
    return member_add(world.bloc, world.a1, year=YEAR)


def _writes(world, seat):
    bloc = world.bloc.pk
    return {
        "bloc_create": (f"{API}/blocs", {"province_id": world.p.pk, "name": "Khối mới"}),
        "bloc_member_add": (f"{API}/blocs/{bloc}/years/{YEAR}/members", {"unit_id": world.b.pk}),
        "bloc_member_remove": (f"{API}/blocs/{bloc}/members/{seat.pk}/remove", {}),
        "bloc_member_set_role": (f"{API}/blocs/{bloc}/members/{seat.pk}/role", {"role": "deputy"}),
        "bloc_year_copy": (f"{API}/blocs/{bloc}/years/{YEAR + 1}/copy", None),
        "bloc_year_confirm": (f"{API}/blocs/{bloc}/years/{YEAR}/confirm", {}),
    }


WRITES = [
    "bloc_create",
    "bloc_member_add",
    "bloc_member_remove",
    "bloc_member_set_role",
    "bloc_year_copy",
    "bloc_year_confirm",
]


def _login(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))


@pytest.mark.parametrize("who", ["anonymous", *NON_MANAGERS])
@pytest.mark.parametrize("operation", WRITES)
def test_writes_are_refused_to_all_but_the_province_office_with_nothing_changed(client, world, seat, who, operation):
    # given
    _login(client, world, who)
    url, body = _writes(world, seat)[operation]
    before = state()
    # when
    response = client.post(url, body, content_type="application/json")
    # then: 401 without credentials; 403 creating in another province; 404 (not found == forbidden) otherwise
    expected = 401 if who == "anonymous" else 403 if operation == "bloc_create" else 404
    assert response.status_code == expected
    assert set(response.json()) == {"detail", "code", "fields"}
    assert state() == before


@pytest.mark.parametrize("who", ["anonymous", *NON_MANAGERS, "province_office"])
def test_reads_are_open_to_every_signed_in_caller(client, world, seat, who):
    _login(client, world, who)
    expected = 401 if who == "anonymous" else 200
    assert client.get(f"{API}/blocs").status_code == expected
    assert client.get(f"{API}/blocs/{world.bloc.pk}").status_code == expected
    assert client.get(f"{API}/blocs/{world.bloc.pk}/years/{YEAR}").status_code == expected


def test_the_province_office_runs_a_year_through_the_api(client, world, seat):
    # given
    client.force_login(world.province_office)
    bloc = world.bloc.pk
    # when
    created = client.post(
        f"{API}/blocs/{bloc}/years/{YEAR}/members",
        {"unit_id": world.b.pk, "role": "leader"},
        content_type="application/json",
    )
    role = client.post(
        f"{API}/blocs/{bloc}/members/{seat.pk}/role", {"role": "deputy"}, content_type="application/json"
    )
    confirmed = client.post(
        f"{API}/blocs/{bloc}/years/{YEAR}/confirm", {"decision_number": "15/QĐ-UBND"}, content_type="application/json"
    )
    copied = client.post(f"{API}/blocs/{bloc}/years/{YEAR + 1}/copy")
    # then
    assert (created.status_code, role.status_code, confirmed.status_code, copied.status_code) == (201, 200, 200, 201)
    assert confirmed.json()["status"] == "confirmed"
    assert {m["role"] for m in copied.json()["year"]["members"]} == {"leader", "deputy"}
    detail = client.get(f"{API}/blocs/{bloc}").json()
    assert [y["year"] for y in detail["years"]][:2] == [YEAR + 1, YEAR]


def test_the_province_office_creates_a_bloc_and_removes_a_seat(client, world, seat):
    client.force_login(world.province_office)
    response = client.post(
        f"{API}/blocs",
        {"province_id": world.p.pk, "name": "Cụm các huyện", "kind": "cluster"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Bloc.objects.filter(name="Cụm các huyện", kind="cluster").exists()
    removed = client.post(f"{API}/blocs/{world.bloc.pk}/members/{seat.pk}/remove", {}, content_type="application/json")
    assert removed.status_code == 200
    assert not BlocMembership.objects.filter(pk=seat.pk).exists()


@pytest.mark.parametrize(
    ("_case", "body", "status", "code"),
    [
        ("a unit already seated elsewhere that year", {"unit_id": "a1"}, 409, "bloc_unit_already_seated"),
        ("a unit of another province", {"unit_id": "q1"}, 404, "not_found"),
        ("a second leader", {"unit_id": "b", "role": "leader"}, 409, "bloc_leader_taken"),
        ("an unknown role", {"unit_id": "b", "role": "chief"}, 422, "validation_error"),
    ],
)
def test_refused_seats_answer_the_envelope_and_change_nothing(client, world, seat, _case, body, status, code):
    # given
    client.force_login(world.province_office)
    member_add(world.bloc, world.a, year=YEAR, role=BlocRole.LEADER)
    payload = {**body, "unit_id": getattr(world, body["unit_id"]).pk}
    before = state()
    # when
    response = client.post(
        f"{API}/blocs/{world.bloc.pk}/years/{YEAR}/members", payload, content_type="application/json"
    )
    # then
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert state() == before


def test_a_refused_confirmation_says_what_is_missing(client, world, seat):
    client.force_login(world.province_office)
    response = client.post(f"{API}/blocs/{world.bloc.pk}/years/{YEAR}/confirm", {}, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (422, "bloc_year_not_ready")
    assert "chưa có Khối trưởng" in response.json()["detail"]


def test_year_members_carry_the_names_of_that_year(client, world):
    # given
    unit = UnitFactory(parent=world.p, name="Sở Thông tin và Truyền thông")
    member_add(world.bloc, unit, year=2019, role=BlocRole.DEPUTY)
    from thidua.organizations.choices import UnitChangeKind
    from thidua.organizations.services import unit_change_record

    unit_change_record(
        actor=None,
        kind=UnitChangeKind.RENAME,
        effective_on=dt.date(2022, 1, 1),
        decision_number="1/QĐ",
        decision_date=dt.date(2021, 12, 1),
        predecessors=[unit],
        new_name="Sở Truyền thông",
    )
    client.force_login(world.plain)
    # when
    members = client.get(f"{API}/blocs/{world.bloc.pk}/years/2019").json()["members"]
    # then
    assert [(m["unit_name"], m["role"]) for m in members] == [("Sở Thông tin và Truyền thông", "deputy")]


@pytest.mark.parametrize("url", [f"{API}/blocs/99999999999", f"{API}/blocs/1/years/1999", f"{API}/blocs/1/years/2101"])
def test_out_of_range_paths_are_refused_not_errors(client, world, url):
    client.force_login(world.plain)
    assert client.get(url).status_code == 422
