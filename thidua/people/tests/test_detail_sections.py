"""The person page's extension API (people.detail_sections): providers, their order, and empty contributions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.urls import reverse

from thidua.people.detail_sections import (
    PersonSection,
    person_section_provider_register,
    person_section_provider_unregister,
    person_sections_for,
)
from thidua.people.selectors import PersonView, person_view_get
from thidua.people.tests.conftest import Staff

PARTIAL = "people/_partials/unit_people.html"


def _late(request: HttpRequest, person: PersonView) -> list[PersonSection]:
    return [PersonSection(title="Mục sau", template_name=PARTIAL, context={"people": [], "people_total": 0}, order=90)]


def _early(request: HttpRequest, person: PersonView) -> list[PersonSection]:
    return [
        PersonSection(
            title=f"Mục trước của {person.full_name}",
            template_name=PARTIAL,
            context={"people": [], "people_total": 0},
            order=10,
        )
    ]


def _nothing(request: HttpRequest, person: PersonView) -> list[PersonSection]:
    return []


@pytest.fixture
def providers() -> Iterator[None]:
    for provider in (_late, _nothing, _early):
        person_section_provider_register(provider)
    yield
    for provider in (_late, _nothing, _early):
        person_section_provider_unregister(provider)


def _request(staff: Staff) -> HttpRequest:
    request = RequestFactory().get("/")
    request.user = staff.officer_a1
    return request


def test_sections_come_from_every_provider_ordered_by_order(staff: Staff, providers: None) -> None:
    # given
    person = person_view_get(actor=staff.officer_a1, person_id=staff.minh.pk)
    # when
    titles = [str(s.title) for s in person_sections_for(_request(staff), person)]
    # then
    assert titles.index("Mục trước của Nguyễn Văn Minh") < titles.index("Mục sau")


def test_a_provider_that_returns_nothing_adds_no_section(staff: Staff) -> None:
    # given
    person = person_view_get(actor=staff.officer_a1, person_id=staff.minh.pk)
    before = person_sections_for(_request(staff), person)
    person_section_provider_register(_nothing)
    # when
    try:
        after = person_sections_for(_request(staff), person)
    finally:
        person_section_provider_unregister(_nothing)
    # then
    assert after == before


def test_registering_twice_adds_the_provider_once_and_unregister_removes_it(staff: Staff) -> None:
    # given
    person = person_view_get(actor=staff.officer_a1, person_id=staff.minh.pk)
    before = len(person_sections_for(_request(staff), person))
    # when
    person_section_provider_register(_late)
    person_section_provider_register(_late)
    registered = len(person_sections_for(_request(staff), person))
    person_section_provider_unregister(_late)
    person_section_provider_unregister(_late)
    # then
    assert registered == before + 1
    assert len(person_sections_for(_request(staff), person)) == before


def test_the_person_page_renders_each_section_under_its_title(staff: Staff, client: Client, providers: None) -> None:
    # given
    client.force_login(staff.officer_a1)
    # when
    response = client.get(reverse("people:person-detail", kwargs={"person_id": staff.minh.pk}))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 class="h5">Mục trước của Nguyễn Văn Minh</h2>' in html
    assert html.index("Mục trước của Nguyễn Văn Minh") < html.index("Mục sau")
    assert html.count("Chưa có cá nhân nào công tác tại đơn vị.") == 2
