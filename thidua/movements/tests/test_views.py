"""Movement pages: everyone signed in reads; the launching body launches and reviews (S26 matrix, S28 counts)."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.emulation.tests.factories import BlocFactory
from thidua.movements.models import Movement
from thidua.movements.tests.factories import movement_make
from thidua.movements.tests.helpers import fake_pdf, pdf, state

pytestmark = pytest.mark.django_db

READERS = ["plain", "head_a", "officer_a", "secretariat", "q_office", "province_office"]


def _login(client, world, request, who):
    if who == "other_secretariat":
        client.force_login(request.getfixturevalue(who))
    elif who != "anonymous":
        client.force_login(getattr(world, who))


def _create_data(world, **overrides):
    data = {
        "kind": "annual",
        "title": "Phong trào thi đua yêu nước năm 2019",
        "launched_by_unit": world.p.pk,
        "launched_on": "20/02/2019",
        "starts_on": "01/01/2019",
        "ends_on": "31/12/2019",
        "goals": "Hoàn thành thắng lợi nhiệm vụ chính trị năm 2019",
    }
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_sign_in(client, world):
    movement = movement_make(world.p)
    for url in (
        reverse("movements:movement-list"),
        reverse("movements:movement-detail", kwargs={"movement_id": movement.pk}),
        reverse("movements:movement-create"),
        reverse("movements:review-create", kwargs={"movement_id": movement.pk}),
        reverse("movements:bloc-year", kwargs={"bloc_id": world.bloc.pk, "year": 2019}),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", READERS)
def test_every_signed_in_user_reads_the_movements(client, world, request, who):
    # given
    movement = movement_make(world.p)
    _login(client, world, request, who)
    # when
    listing = client.get(reverse("movements:movement-list"))
    detail = client.get(reverse("movements:movement-detail", kwargs={"movement_id": movement.pk}))
    # then
    assert listing.status_code == detail.status_code == 200
    assert movement.title in listing.content.decode()
    assert ("Sơ kết, tổng kết" in detail.content.decode().split("<h2")[0]) == (who == "province_office")


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("plain", 404), ("head_a", 200), ("secretariat", 200), ("province_office", 200)],
)
def test_the_create_page_is_for_those_who_launch(client, world, request, who, expected):
    _login(client, world, request, who)
    assert client.get(reverse("movements:movement-create")).status_code == expected


@pytest.mark.parametrize(
    ("who", "body", "expected"),
    [
        ("plain", "p", 404),
        ("officer_a", "b", 422),
        ("other_secretariat", "bloc", 422),
        ("q_office", "p", 422),
        ("province_office", "p", 302),
        ("officer_a", "a", 302),
        ("secretariat", "bloc", 302),
    ],
)
def test_launching_from_the_page(client, world, request, who, body, expected):
    # given
    _login(client, world, request, who)
    extra = {"launched_by_unit": world.a.pk, "bloc": world.bloc.pk} if body == "bloc" else {}
    data = _create_data(world, **({"launched_by_unit": getattr(world, body).pk} | extra))
    before = state()
    # when
    response = client.post(reverse("movements:movement-create"), data)
    # then
    assert response.status_code == expected
    assert (state() == before) == (expected != 302)


def test_a_plan_refused_by_content_keeps_the_other_values(client, world):
    # given
    client.force_login(world.province_office)
    before = state()
    # when
    response = client.post(reverse("movements:movement-create"), _create_data(world, plan_document=fake_pdf()))
    # then
    assert response.status_code == 422
    content = response.content.decode()
    assert "không phải PDF, DOCX, XLSX, JPEG hoặc PNG" in content
    assert 'value="Phong trào thi đua yêu nước năm 2019"' in content
    assert "Hoàn thành thắng lợi nhiệm vụ chính trị năm 2019" in content
    assert state() == before


def test_the_province_office_launches_with_a_plan_then_reviews(client, world):
    # given
    client.force_login(world.province_office)
    # when
    response = client.post(reverse("movements:movement-create"), _create_data(world, plan_document=pdf()))
    movement = Movement.objects.get()
    review_url = reverse("movements:review-create", kwargs={"movement_id": movement.pk})
    mid = client.post(
        review_url, {"kind": "mid_term", "held_on": "15/07/2019", "summary": "Sơ kết 6 tháng", "attachment": pdf()}
    )
    final = client.post(review_url, {"kind": "final", "held_on": "20/12/2019", "summary": "Tổng kết năm"})
    # then
    assert (response.status_code, mid.status_code, final.status_code) == (302, 302, 302)
    page = client.get(reverse("movements:movement-detail", kwargs={"movement_id": movement.pk})).content.decode()
    assert "Đã tổng kết" in page
    assert "Sơ kết 6 tháng" in page


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("plain", 404),
        ("officer_a", 404),
        ("secretariat", 404),
        ("q_office", 404),
        ("province_office", 302),
    ],
)
def test_the_review_page_matrix(client, world, request, who, expected):
    # given
    movement = movement_make(world.p)
    _login(client, world, request, who)
    url = reverse("movements:review-create", kwargs={"movement_id": movement.pk})
    before = state()
    # when
    response = client.post(url, {"kind": "mid_term", "held_on": "15/07/2019", "summary": "Sơ kết"})
    # then
    assert response.status_code == expected
    assert (state() == before) == (expected != 302 or who == "anonymous")


def test_a_review_before_the_launch_keeps_the_form_and_says_why(client, world):
    movement = movement_make(world.p)
    client.force_login(world.province_office)
    before = state()
    response = client.post(
        reverse("movements:review-create", kwargs={"movement_id": movement.pk}),
        {"kind": "mid_term", "held_on": "01/02/2019", "summary": "Sơ kết quá sớm"},
    )
    assert response.status_code == 422
    assert "Không thể sơ kết, tổng kết trước ngày phát động" in response.content.decode()
    assert "Sơ kết quá sớm" in response.content.decode()
    assert state() == before


def test_the_list_filters_by_year_bloc_and_kind(client, world):
    # given: a province movement (the bloc takes part), a bloc movement, a unit's own and another year's
    movement_make(world.p, title="Yêu nước 2019")
    movement_make(world.a, bloc=world.bloc, title="Khối thi đua 2019", kind="campaign")
    movement_make(world.b, title="Của Sở Y tế")
    movement_make(
        world.p,
        title="Yêu nước 2020",
        launched_on=dt.date(2020, 2, 1),
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2020, 12, 31),
    )
    client.force_login(world.plain)
    # when
    content = client.get(reverse("movements:movement-list"), {"year": 2019, "bloc": world.bloc.pk}).content.decode()
    campaigns = client.get(reverse("movements:movement-list"), {"kind": "campaign"}).content.decode()
    # then
    assert "Yêu nước 2019" in content and "Khối thi đua 2019" in content
    assert "Của Sở Y tế" not in content and "Yêu nước 2020" not in content
    assert "Khối thi đua 2019" in campaigns and "Yêu nước 2019" not in campaigns


def test_the_list_runs_a_constant_number_of_queries(client, world, django_assert_max_num_queries):
    # given
    client.force_login(world.plain)
    url = reverse("movements:movement-list")
    movement_make(world.a, bloc=world.bloc)
    client.get(url)
    with django_assert_max_num_queries(50) as few:
        client.get(url)
    for index in range(6):
        other_bloc = BlocFactory(province=world.p, name=f"Khối số {index}")
        movement_make(world.b, bloc=other_bloc, title=f"Phong trào {index}")
    # when / then
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_bloc_year_page_lists_its_movements_and_their_dates(client, world):
    # given
    movement = movement_make(world.p)
    movement_make(world.q, title="Phong trào của tỉnh khác")
    from thidua.movements.services import movement_review_add

    movement_review_add(actor=None, movement=movement, kind="mid_term", held_on=dt.date(2019, 7, 15), summary="Sơ kết")
    client.force_login(world.head_b)
    # when
    content = client.get(
        reverse("movements:bloc-year", kwargs={"bloc_id": world.bloc.pk, "year": 2019})
    ).content.decode()
    # then
    assert movement.title in content
    assert "Phong trào của tỉnh khác" not in content
    assert "20/02/2019" in content and "15/07/2019" in content
