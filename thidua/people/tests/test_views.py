"""Pages of the people app: the permission matrix, personal data on the page, refusals that keep the form, queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.organizations.detail_sections import unit_sections_for
from thidua.people.models import Assignment, Person
from thidua.people.sections import unit_people_section
from thidua.people.tests.conftest import VISIBILITY, Staff, actor_of, login, state
from thidua.people.tests.factories import PersonFactory

BIRTH_SHOWN = "08/03/1979"


def _create_form(unit: Any, **values: str) -> dict[str, str]:
    return {
        "full_name": "Trần Thị Hoa",
        "gender": "female",
        "birth_date": "02/01/1990",
        "personnel_code": "QN-777",
        "unit": str(unit.pk),
        "position": "Chuyên viên",
        "category": "public_employee",
        "starts_on": "01/03/2020",
        **values,
    }


def _update_form(**values: str) -> dict[str, str]:
    return {
        "full_name": "Nguyễn Văn Minh",
        "gender": "male",
        "birth_date": "09/03/1979",
        "personnel_code": "",
        **values,
    }


def _move_form(unit: Any, **values: str) -> dict[str, str]:
    return {
        "unit": str(unit.pk),
        "position": "Phó Giám đốc",
        "category": "official",
        "starts_on": "01/07/2022",
        **values,
    }


# --- reading: list and person page -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("_case", "actor", "sees"), VISIBILITY)
def test_pages_show_personal_data_only_to_those_who_may_see_it(
    client: Client, staff: Staff, _case: str, actor: str, sees: bool
) -> None:
    login(client, actor_of(actor)(staff))
    detail = client.get(reverse("people:person-detail", kwargs={"person_id": staff.minh.pk}))
    listing = client.get(reverse("people:person-list"), {"q": "nguyen van minh"})
    assert (detail.status_code, listing.status_code) == (200, 200)
    detail_page, list_page = detail.content.decode(), listing.content.decode()
    assert "Nguyễn Văn Minh" in detail_page and "Nguyễn Văn Minh" in list_page
    assert (BIRTH_SHOWN in detail_page, "QN-000123" in detail_page, "Ngày sinh" in detail_page) == (sees, sees, sees)
    assert BIRTH_SHOWN not in list_page and "QN-000123" not in list_page


@pytest.mark.parametrize(
    ("_case", "actor", "status"), [("anonymous", "anonymous", 302), ("signed in without a role", "plain", 404)]
)
@pytest.mark.parametrize("page", ["person-list", "person-detail", "person-create", "person-update", "assignment-move"])
def test_pages_are_closed_to_anonymous_and_roleless_users(
    client: Client, staff: Staff, _case: str, actor: str, status: int, page: str
) -> None:
    login(client, actor_of(actor)(staff))
    kwargs = {} if page in ("person-list", "person-create") else {"person_id": staff.minh.pk}
    assert client.get(reverse(f"people:{page}", kwargs=kwargs)).status_code == status


def test_the_list_searches_live_with_htmx_and_filters_by_unit(client: Client, staff: Staff) -> None:
    PersonFactory(full_name="Lê Thị Lan", unit=staff.w.b)
    login(client, staff.delegate)
    partial = client.get(reverse("people:person-list"), {"q": "le thi", "unit": ""}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode() and "Lê Thị Lan" in partial.content.decode()
    by_unit = client.get(reverse("people:person-list"), {"unit": str(staff.w.a.pk)}).content.decode()
    assert "Nguyễn Văn Minh" in by_unit and "Lê Thị Lan" not in by_unit


def test_the_list_runs_the_same_queries_for_30_and_300_people(client: Client, staff: Staff) -> None:
    login(client, staff.w.head_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("people:person-list"), {"page": "2"}).status_code == 200
        return len(captured)

    for n in range(29):
        PersonFactory(full_name=f"Phạm Văn Nhóm {n}", unit=staff.w.a1 if n % 2 else staff.w.b)
    at_30 = queries()
    for n in range(270):
        PersonFactory(full_name=f"Phạm Thị Đông {n}", unit=staff.w.a1 if n % 2 else staff.w.b)
    assert Person.objects.count() == 300
    assert queries() == at_30


def test_the_menu_has_people_for_roles_only(client: Client, staff: Staff) -> None:
    url = reverse("people:person-list")
    login(client, staff.delegate)
    assert f'href="{url}"' in client.get(reverse("core:home")).content.decode()
    client.force_login(staff.w.plain)
    assert f'href="{url}"' not in client.get(reverse("core:home")).content.decode()


# --- adding ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "actor", "unit", "status"),
    [
        ("anonymous", "anonymous", "a", 302),
        ("no role", "plain", "a", 404),
        ("bloc secretariat", "secretariat", "a", 404),
        ("delegate", "delegate", "a", 404),
        ("council member", "council", "a", 404),
        ("head of another unit", "head_b", "a", 422),
        ("officer of a unit below", "officer_a1", "a", 422),
        ("office of another province", "q_office", "a", 422),
    ],
)
def test_adding_is_refused_and_nothing_changes(
    client: Client, staff: Staff, _case: str, actor: str, unit: str, status: int
) -> None:
    login(client, actor_of(actor)(staff))
    before = state()
    response = client.post(reverse("people:person-create"), _create_form(getattr(staff.w, unit)))
    assert response.status_code == status
    assert state() == before


@pytest.mark.parametrize(
    ("_case", "actor", "unit"),
    [("province office", "province_office", "b"), ("head of A", "head_a", "a1"), ("officer of A", "officer_a", "a")],
)
def test_adding_a_person(client: Client, staff: Staff, _case: str, actor: str, unit: str) -> None:
    login(client, actor_of(actor)(staff))
    assert client.get(reverse("people:person-create")).status_code == 200
    response = client.post(reverse("people:person-create"), _create_form(getattr(staff.w, unit)))
    person = Person.objects.get(full_name="Trần Thị Hoa")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:person-detail", kwargs={"person_id": person.pk})
    assert Assignment.objects.get(person=person).unit == getattr(staff.w, unit)


def test_a_refused_form_keeps_its_values_and_says_why_in_vietnamese(client: Client, staff: Staff) -> None:
    login(client, staff.w.province_office)
    before = state()
    response = client.post(reverse("people:person-create"), _create_form(staff.w.a, personnel_code="QN-000123"))
    page = response.content.decode()
    assert response.status_code == 422
    assert "Mã cán bộ này đã được dùng cho một người khác." in page
    assert 'value="Trần Thị Hoa"' in page and 'value="QN-000123"' in page
    assert state() == before
    bad_date = client.post(reverse("people:person-create"), _create_form(staff.w.a, starts_on="31/02/2020"))
    assert bad_date.status_code == 422 and "Nhập một ngày hợp lệ." in bad_date.content.decode()


# --- correcting ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "actor", "status"),
    [
        ("anonymous", "anonymous", 302),
        ("no role", "plain", 404),
        ("bloc secretariat", "secretariat", 404),
        ("delegate of his unit", "delegate", 404),
        ("council member", "council", 404),
        ("officer of another unit", "officer_b", 404),
        ("office of another province", "q_office", 404),
    ],
)
def test_correcting_is_refused_and_nothing_changes(
    client: Client, staff: Staff, _case: str, actor: str, status: int
) -> None:
    login(client, actor_of(actor)(staff))
    url = reverse("people:person-update", kwargs={"person_id": staff.minh.pk})
    before = state()
    assert client.get(url).status_code == status
    assert client.post(url, _update_form(full_name="Tên Khác")).status_code == status
    assert state() == before
    staff.minh.refresh_from_db()
    assert staff.minh.full_name == "Nguyễn Văn Minh"


@pytest.mark.parametrize(
    ("_case", "actor"),
    [("officer of his unit", "officer_a1"), ("head of the parent unit", "head_a"), ("office", "province_office")],
)
def test_correcting_a_person(client: Client, staff: Staff, _case: str, actor: str) -> None:
    login(client, actor_of(actor)(staff))
    url = reverse("people:person-update", kwargs={"person_id": staff.minh.pk})
    assert BIRTH_SHOWN in client.get(url).content.decode()
    assert client.post(url, _update_form()).status_code == 302
    staff.minh.refresh_from_db()
    assert (staff.minh.birth_date, staff.minh.personnel_code) == (dt.date(1979, 3, 9), "")


def test_a_refused_correction_keeps_the_values(client: Client, staff: Staff) -> None:
    PersonFactory(unit=staff.w.a1, personnel_code="QN-555")
    login(client, staff.officer_a1)
    before = state()
    response = client.post(
        reverse("people:person-update", kwargs={"person_id": staff.minh.pk}),
        _update_form(full_name="Nguyễn Văn Minh Tuấn", personnel_code="QN-555"),
    )
    assert response.status_code == 422
    assert 'value="Nguyễn Văn Minh Tuấn"' in response.content.decode()
    assert "Mã cán bộ này đã được dùng" in response.content.decode()
    assert state() == before


# --- moving ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "actor", "target", "status"),
    [
        ("anonymous", "anonymous", "b", 302),
        ("no role", "plain", "b", 404),
        ("delegate of his unit", "delegate", "a1", 404),
        ("council member", "council", "b", 404),
        ("bloc secretariat", "secretariat", "b", 404),
        ("officer of another unit", "officer_b", "b", 404),
        ("office of another province", "q_office", "q1", 404),
        ("officer of his unit, to another sở", "officer_a1", "b", 422),
        ("head of the parent unit, to another sở", "head_a", "b", 422),
    ],
)
def test_moving_is_refused_and_nothing_changes(
    client: Client, staff: Staff, _case: str, actor: str, target: str, status: int
) -> None:
    login(client, actor_of(actor)(staff))
    before = state()
    response = client.post(
        reverse("people:assignment-move", kwargs={"person_id": staff.minh.pk}), _move_form(getattr(staff.w, target))
    )
    assert response.status_code == status
    assert state() == before


@pytest.mark.parametrize(
    ("_case", "actor", "target"),
    [("head of the parent unit, within A", "head_a", "a"), ("office", "province_office", "b")],
)
def test_moving_a_person(client: Client, staff: Staff, _case: str, actor: str, target: str) -> None:
    login(client, actor_of(actor)(staff))
    url = reverse("people:assignment-move", kwargs={"person_id": staff.minh.pk})
    assert client.get(url).status_code == 200
    assert client.post(url, _move_form(getattr(staff.w, target))).status_code == 302
    assert Assignment.objects.get(person=staff.minh, ends_on__isnull=True).unit == getattr(staff.w, target)
    page = client.get(reverse("people:person-detail", kwargs={"person_id": staff.minh.pk})).content.decode()
    assert "Phòng Tổ chức An Phú" in page and "30/06/2022" in page


def test_a_move_dated_too_early_is_refused_with_the_reason(client: Client, staff: Staff) -> None:
    login(client, staff.w.province_office)
    before = state()
    response = client.post(
        reverse("people:assignment-move", kwargs={"person_id": staff.minh.pk}),
        _move_form(staff.w.b, starts_on="01/01/2014"),
    )
    assert response.status_code == 422
    assert "phải sau ngày bắt đầu của vị trí công tác hiện tại" in response.content.decode()
    assert 'value="01/01/2014"' in response.content.decode()
    assert state() == before


# --- the unit page section -------------------------------------------------------------------------------------------


def test_the_unit_page_lists_current_people_capped_with_a_link_to_all(staff: Staff) -> None:
    for n in range(51):
        PersonFactory(full_name=f"Hoàng Văn Số {n:02d}", unit=staff.w.a1)
    request = RequestFactory().get("/")
    request.user = staff.delegate
    with CaptureQueriesContext(connection) as captured:
        (section,) = unit_people_section(request, staff.w.a1)
    assert len(captured) == 3  # the delegate's grants, the count, the first 50
    assert section in unit_sections_for(request, staff.w.a1)
    assert str(section.title) == "Cán bộ, công chức, viên chức"
    html = render_to_string(section.template_name, section.context)
    assert html.count("/nhan-su/") == 51  # 50 people and the link to the filtered list
    assert f"?unit={staff.w.a1.pk}" in html and "Xem tất cả 52 cá nhân" in html
    assert BIRTH_SHOWN not in html


def test_no_people_section_for_users_without_a_role(staff: Staff) -> None:
    request = RequestFactory().get("/")
    request.user = staff.w.plain
    assert [s for s in unit_sections_for(request, staff.w.a1) if s.template_name.startswith("people/")] == []
