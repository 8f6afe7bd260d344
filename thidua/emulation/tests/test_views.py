"""Bloc pages: everyone signed in reads; the office of the bloc's province organises (S26 matrix, S28 query counts)."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import BlocMembership
from thidua.emulation.templatetags.emulation_links import unit_url
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.emulation.tests.helpers import state
from thidua.organizations.choices import UnitChangeKind
from thidua.organizations.services import unit_change_record
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
YEAR = 2030


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


READERS = ["plain", "head_a", "officer_a", "secretariat", "q_office", "province_office"]
NON_MANAGERS = ["plain", "head_a", "officer_a", "secretariat", "q_office"]


def _login(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))


@pytest.fixture
def seat(world):
    return member_add(world.bloc, world.a1, year=YEAR)


def _writes(world, seat):
    """Every write page with a valid body: (url name, kwargs, data)."""
    bloc = world.bloc.pk
    return {
        "bloc-create": ("emulation:bloc-create", {}, {"province": world.p.pk, "kind": "bloc", "name": "Khối mới"}),
        "bloc-update": ("emulation:bloc-update", {"bloc_id": bloc}, {"name": "Tên mới"}),
        "membership-add": (
            "emulation:membership-add",
            {"bloc_id": bloc, "year": YEAR},
            {"unit": world.b.pk, "role": "member"},
        ),
        "membership-remove": (
            "emulation:membership-remove",
            {"bloc_id": bloc, "membership_id": seat.pk},
            {"left_on": ""},
        ),
        "membership-set-role": (
            "emulation:membership-set-role",
            {"bloc_id": bloc, "membership_id": seat.pk},
            {"role": "deputy"},
        ),
        "year-copy": ("emulation:year-copy", {"bloc_id": bloc, "year": YEAR + 1}, {}),
        "year-confirm": ("emulation:year-confirm", {"bloc_id": bloc, "year": YEAR}, {}),
    }


WRITE_PAGES = [
    "bloc-create",
    "bloc-update",
    "membership-add",
    "membership-remove",
    "membership-set-role",
    "year-copy",
    "year-confirm",
]


# --- the matrix ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["emulation:bloc-list", "emulation:bloc-detail"])
def test_anonymous_is_sent_to_sign_in(client, world, page):
    kwargs = {"bloc_id": world.bloc.pk} if page.endswith("detail") else {}
    response = client.get(reverse(page, kwargs=kwargs))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", READERS)
def test_every_signed_in_user_reads_the_blocs(client, world, who):
    _login(client, world, who)
    assert client.get(reverse("emulation:bloc-list")).status_code == 200
    response = client.get(reverse("emulation:bloc-detail", kwargs={"bloc_id": world.bloc.pk}))
    assert response.status_code == 200
    assert ("Xếp vào khối" in response.content.decode()) == (who == "province_office")


@pytest.mark.parametrize("who", ["anonymous", *NON_MANAGERS])
@pytest.mark.parametrize("page", WRITE_PAGES)
def test_write_pages_refuse_everyone_but_the_province_office_and_change_nothing(client, world, seat, who, page):
    # given
    _login(client, world, who)
    url_name, kwargs, data = _writes(world, seat)[page]
    before = state()
    # when
    response = client.post(reverse(url_name, kwargs=kwargs), data)
    # then: anonymous signs in first; others get "not found", except another office choosing a province not its own,
    # which its form does not offer
    expected = 302 if who == "anonymous" else 422 if (who, page) == ("q_office", "bloc-create") else 404
    assert response.status_code == expected
    assert state() == before


@pytest.mark.parametrize("who", ["anonymous", *NON_MANAGERS])
def test_the_update_page_is_hidden_from_non_managers(client, world, who):
    _login(client, world, who)
    response = client.get(reverse("emulation:bloc-update", kwargs={"bloc_id": world.bloc.pk}))
    assert response.status_code == (302 if who == "anonymous" else 404)


@pytest.mark.parametrize("who", ["anonymous", "plain", "head_a", "officer_a", "secretariat"])
def test_the_create_page_is_hidden_from_users_who_organise_no_province(client, world, who):
    _login(client, world, who)
    assert client.get(reverse("emulation:bloc-create")).status_code == (302 if who == "anonymous" else 404)


def test_another_province_office_creates_only_in_its_own_province(client, world):
    client.force_login(world.q_office)
    content = client.get(reverse("emulation:bloc-create")).content.decode()
    assert world.q.name in content
    assert world.p.name not in content


def test_the_province_office_creates_a_bloc(client, world):
    client.force_login(world.province_office)
    assert client.get(reverse("emulation:bloc-create")).status_code == 200
    response = client.post(
        reverse("emulation:bloc-create"), {"province": world.p.pk, "kind": "cluster", "name": "Cụm các huyện"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.latest("id").action == "emulation.bloc_created"


def test_the_province_office_renames_a_bloc(client, world):
    client.force_login(world.province_office)
    url = reverse("emulation:bloc-update", kwargs={"bloc_id": world.bloc.pk})
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "Khối tham mưu", "short_name": "KTM"}).status_code == 302
    world.bloc.refresh_from_db()
    assert world.bloc.short_name == "KTM"


def test_the_province_office_seats_sets_a_role_confirms_and_records_a_departure(client, world, seat):
    # given
    client.force_login(world.province_office)
    bloc = world.bloc.pk
    # when: B joins as leader and C as member, A1 becomes deputy, the year is confirmed, then C leaves on a date
    c = UnitFactory(parent=world.p, name="Sở Tư pháp Phước An")
    add = reverse("emulation:membership-add", kwargs={"bloc_id": bloc, "year": YEAR})
    assert client.post(add, {"unit": world.b.pk, "role": "leader"}).status_code == 302
    assert client.post(add, {"unit": c.pk, "role": "member"}).status_code == 302
    role = reverse("emulation:membership-set-role", kwargs={"bloc_id": bloc, "membership_id": seat.pk})
    assert client.post(role, {"role": "deputy"}).status_code == 302
    confirm = reverse("emulation:year-confirm", kwargs={"bloc_id": bloc, "year": YEAR})
    assert client.post(confirm, {"decision_number": "15/QĐ-UBND"}).status_code == 302
    c_seat = BlocMembership.objects.get(unit=c, year=YEAR)
    remove = reverse("emulation:membership-remove", kwargs={"bloc_id": bloc, "membership_id": c_seat.pk})
    assert client.post(remove, {"left_on": "30/09/2030"}).status_code == 302
    # then
    c_seat.refresh_from_db()
    assert c_seat.left_on == dt.date(2030, 9, 30)
    page = client.get(reverse("emulation:bloc-detail", kwargs={"bloc_id": bloc}) + f"?year={YEAR}").content.decode()
    assert "Đã xác nhận" in page
    assert "30/09/2030" in page


def test_a_refused_seat_keeps_the_form_values_and_says_why_in_vietnamese(client, world, seat):
    # given: A1 already sits in 2030; B takes the leader's seat; a second leader is asked for
    client.force_login(world.province_office)
    member_add(world.bloc, world.b, year=YEAR, role=BlocRole.LEADER)
    c = UnitFactory(parent=world.p, name="Sở Tư pháp Phước An")
    before = state()
    # when
    response = client.post(
        reverse("emulation:membership-add", kwargs={"bloc_id": world.bloc.pk, "year": YEAR}),
        {"unit": c.pk, "role": "leader", "legal_basis": "Biên bản họp khối"},
    )
    # then
    assert response.status_code == 422
    content = response.content.decode()
    assert "Khối đã có Khối trưởng trong năm này" in content
    assert 'value="Biên bản họp khối"' in content
    assert state() == before


def test_a_refused_confirmation_lists_what_is_missing(client, world, seat):
    client.force_login(world.province_office)
    before = state()
    response = client.post(
        reverse("emulation:year-confirm", kwargs={"bloc_id": world.bloc.pk, "year": YEAR}), {"decision_number": "1/QĐ"}
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "chưa có Khối trưởng" in content
    assert 'value="1/QĐ"' in content
    assert state() == before


def test_a_refused_role_change_is_shown_on_its_row(client, world, seat):
    client.force_login(world.province_office)
    response = client.post(
        reverse("emulation:membership-set-role", kwargs={"bloc_id": world.bloc.pk, "membership_id": seat.pk}),
        {"role": "president"},
    )
    assert response.status_code == 422


def test_copy_from_the_previous_year_reports_skipped_units(client, world, seat):
    # given: A1 sits in 2030; B sits in another bloc in 2031
    client.force_login(world.province_office)
    member_add(world.bloc, world.b, year=YEAR)
    member_add(BlocFactory(province=world.p, name="Khối khác"), world.b, year=YEAR + 1)
    # when
    response = client.post(
        reverse("emulation:year-copy", kwargs={"bloc_id": world.bloc.pk, "year": YEAR + 1}), follow=True
    )
    # then
    content = response.content.decode()
    assert "Đã sao chép 1 đơn vị" in content
    assert "Không sao chép Sở Y tế Bình Minh" in content
    assert BlocMembership.objects.get(unit=world.a1, year=YEAR + 1).bloc == world.bloc


def test_a_refused_copy_answers_422(client, world):
    client.force_login(world.province_office)
    before = state()
    response = client.post(reverse("emulation:year-copy", kwargs={"bloc_id": world.bloc.pk, "year": YEAR}))
    assert response.status_code == 422
    assert "Năm trước khối không có thành viên nào" in response.content.decode()
    assert state() == before


# --- history -------------------------------------------------------------------------------------------------------


def test_a_past_year_shows_the_names_of_that_year_and_links_to_the_units(client, world):
    # given: in 2019 Sở TTTT was the deputy; it was renamed in 2022, then merged into Sở KH&CN in 2025
    tttt = UnitFactory(parent=world.p, code="so-tttt", name="Sở Thông tin và Truyền thông")
    khcn = UnitFactory(parent=world.p, code="so-khcn", name="Sở Khoa học và Công nghệ")
    member_add(world.bloc, tttt, year=2019, role=BlocRole.DEPUTY)
    member_add(world.bloc, tttt, year=2025)
    common = {"decision_number": "01/NQ-HĐND", "decision_date": dt.date(2022, 1, 1), "predecessors": [tttt]}
    unit_change_record(
        actor=None, kind=UnitChangeKind.RENAME, effective_on=dt.date(2022, 1, 1), new_name="Sở Truyền thông", **common
    )
    unit_change_record(
        actor=None, kind=UnitChangeKind.MERGE_INTO, effective_on=dt.date(2025, 3, 1), successors=[khcn], **common
    )
    client.force_login(world.officer_a)
    url = reverse("emulation:bloc-detail", kwargs={"bloc_id": world.bloc.pk})
    # when
    page_2019 = client.get(f"{url}?year=2019").content.decode()
    page_2025 = client.get(f"{url}?year=2025").content.decode()
    # then
    assert "Sở Thông tin và Truyền thông" in page_2019
    assert "Sở Truyền thông" not in page_2019
    assert f'href="{unit_url(tttt.pk)}"' in page_2019
    assert "Sở Truyền thông" in page_2025
    assert "Sở Khoa học và Công nghệ" in page_2025
    assert "28/02/2025" in page_2025


def test_year_tabs_list_every_year_and_a_bad_year_falls_back(client, world):
    for year in (2019, 2020, 2022):
        member_add(world.bloc, world.b, year=year)
    client.force_login(world.plain)
    url = reverse("emulation:bloc-detail", kwargs={"bloc_id": world.bloc.pk})
    content = client.get(f"{url}?year=abc").content.decode()
    for year in ("2019", "2020", "2022"):
        assert f"?year={year}" in content
    assert client.get(f"{url}?year=99999").status_code == 200


def test_the_nav_shows_blocs_to_users_with_a_role(client, world):
    client.force_login(world.officer_a)
    assert reverse("emulation:bloc-list") in client.get(reverse("core:home")).content.decode()


def test_the_list_searches_by_name(client, world):
    BlocFactory(province=world.p, name="Cụm thi đua các huyện")
    client.force_login(world.plain)
    content = client.get(reverse("emulation:bloc-list") + "?q=huyện").content.decode()
    assert "Cụm thi đua các huyện" in content
    assert "Khối các cơ quan tham mưu" not in content


# --- query counts ----------------------------------------------------------------------------------------------------


def _populate(world, *, members, years):
    units = [UnitFactory(parent=world.p, name=f"Đơn vị {i:03d}") for i in range(members)]
    for year in range(2015, 2015 + years):
        for index, unit in enumerate(units):
            role = BlocRole.LEADER if index == 0 else BlocRole.DEPUTY if index == 1 else BlocRole.MEMBER
            member_add(world.bloc, unit, year=year, role=role)


def _count_queries(client, world, year):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("emulation:bloc-detail", kwargs={"bloc_id": world.bloc.pk}) + f"?year={year}"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["plain", "province_office"])
def test_bloc_page_queries_do_not_grow_with_members_or_years(client, world, who):
    # given
    client.force_login(getattr(world, who))
    _populate(world, members=7, years=2)
    small = _count_queries(client, world, 2015)
    more = [UnitFactory(parent=world.p, name=f"Đơn vị thêm {i:03d}") for i in range(63)]
    for year in range(2015, 2025):
        for unit in more:
            member_add(world.bloc, unit, year=year)
    # when
    large = _count_queries(client, world, 2015)
    # then
    assert large == small
    assert large <= 20  # includes one or two queries per year-board provider (the summary lines)
