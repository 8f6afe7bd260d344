"""Pages of the organisations app: the permission matrix (S26), forms that keep their values, and query counts (S28)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.organizations.choices import UnitChangeKind, UnitKind
from thidua.organizations.detail_sections import (
    UnitSection,
    unit_section_provider_register,
    unit_section_provider_unregister,
)
from thidua.organizations.models import Unit, UnitChange, UnitChangeLink, UnitName, UnitParentage
from thidua.organizations.tests.factories import ProvinceFactory, UnitFactory, change_record

Login = Callable[[Client, Any], None]


@pytest.fixture
def web(world: Any, settings: Any) -> Any:
    """The world, with two-factor not required of province roles (the middleware has its own tests)."""
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
    ("no role at all", _as("plain")),
]


def _read_urls(w: Any) -> list[str]:
    return [
        reverse("organizations:unit-list"),
        reverse("organizations:unit-list") + "?q=so+y+te&kind=department&active=1&province=" + str(w.p.pk),
        reverse("organizations:unit-tree"),
        reverse("organizations:unit-tree") + f"?as_of=30/06/2025&province={w.q.pk}",
        reverse("organizations:unit-detail", kwargs={"unit_id": w.a.pk}),
    ]


@pytest.mark.parametrize(("_case", "login"), READERS)
def test_every_signed_in_user_reads_the_tree_list_and_unit_pages(
    web: Any, client: Client, _case: str, login: Login
) -> None:
    # given
    login(client, web)
    # when / then
    for url in _read_urls(web):
        assert client.get(url).status_code == 200, url


def test_anonymous_is_sent_to_sign_in_for_every_page(web: Any, client: Client) -> None:
    urls = [
        *_read_urls(web),
        reverse("organizations:unit-create"),
        reverse("organizations:unit-update", kwargs={"unit_id": web.a.pk}),
        reverse("organizations:unit-change-create"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login"))


def test_a_missing_unit_is_not_found(web: Any, client: Client) -> None:
    client.force_login(web.officer_a)
    assert client.get(reverse("organizations:unit-detail", kwargs={"unit_id": 999_999})).status_code == 404


def test_unit_page_shows_names_parents_lineage_and_sections(web: Any, client: Client) -> None:
    # given
    change_record(
        kind=UnitChangeKind.RENAME, effective_on=dt.date(2020, 1, 1), predecessors=[web.a], new_name="Sở Văn hóa Mới"
    )
    change_record(
        kind=UnitChangeKind.MERGE_INTO,
        effective_on=dt.date(2025, 7, 1),
        decision_number="07/NQ-HĐND",
        predecessors=[web.a],
        successors=[web.b],
    )

    def provider(request: HttpRequest, unit: Unit) -> list[UnitSection]:
        return [UnitSection(title="Khối thi đua", template_name="organizations/_partials/period.html", context={})]

    unit_section_provider_register(provider)
    client.force_login(web.officer_a)
    # when
    try:
        response = client.get(reverse("organizations:unit-detail", kwargs={"unit_id": web.a.pk}))
    finally:
        unit_section_provider_unregister(provider)
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sở Văn hóa An Phú" in html
    assert "Sở Văn hóa Mới" in html
    assert "31/12/2019" in html
    assert "Đơn vị kế thừa" in html
    assert "Sở Y tế Bình Minh" in html
    assert "Sáp nhập vào đơn vị khác" in html
    assert "07/NQ-HĐND ngày 01/07/2025" in html
    assert "Khối thi đua" in html


def test_tree_shows_the_names_of_the_day(web: Any, client: Client) -> None:
    # given
    change_record(
        kind=UnitChangeKind.RENAME, effective_on=dt.date(2020, 1, 1), predecessors=[web.a], new_name="Sở Văn hóa Mới"
    )
    client.force_login(web.officer_a)
    # when
    then = client.get(reverse("organizations:unit-tree") + "?as_of=31/12/2019").content.decode()
    now = client.get(reverse("organizations:unit-tree")).content.decode()
    # then
    assert "Sở Văn hóa An Phú" in then
    assert "sau đổi tên thành Sở Văn hóa Mới" in then
    assert "Sở Văn hóa Mới" in now
    assert "Sở Văn hóa An Phú" not in now


def test_tree_with_a_bad_date_says_so_and_shows_today(web: Any, client: Client) -> None:
    client.force_login(web.officer_a)
    response = client.get(reverse("organizations:unit-tree") + "?as_of=31/02/2025")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="31/02/2025"' in html
    assert "Ngày chưa hợp lệ" in html


def test_list_searches_without_diacritics_and_answers_htmx_with_the_table(web: Any, client: Client) -> None:
    client.force_login(web.officer_a)
    response = client.get(reverse("organizations:unit-list") + "?q=so+y+te", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Sở Y tế Bình Minh" in html
    assert "Sở Văn hóa An Phú" not in html
    assert "<html" not in html


# --- the office's forms: permission matrix with "nothing changed" on refusal ------------------------------------


def _create_form(w: Any, **values: str) -> dict[str, str]:
    return {
        "parent": str(w.a.pk),
        "name": "Phòng Kế hoạch An Phú",
        "short_name": "",
        "code": "phong-ke-hoach",
        "kind": UnitKind.DIVISION,
        "valid_from": "01/01/2025",
        "legal_basis": "Quyết định 12/QĐ-UBND",
        **values,
    }


def _update_form(**values: str) -> dict[str, str]:
    return {"kind": UnitKind.AGENCY, "short_name": "Sở VH", "valid_from": "01/01/2010", **values}


def _change_form(w: Any, **values: Any) -> dict[str, Any]:
    return {
        "kind": UnitChangeKind.MERGE_INTO,
        "effective_on": "01/07/2025",
        "decision_number": "202/2025/QH15",
        "decision_date": "12/06/2025",
        "issuer": "Quốc hội",
        "summary": "",
        "predecessors": [str(w.a.pk)],
        "successors": [str(w.b.pk)],
        "new_name": "",
        "new_short_name": "",
        "new_parent": "",
        **values,
    }


REFUSED = [
    ("anonymous", _anonymous, 302),
    ("wrong province office", _as("q_office"), None),  # 404 where the unit is named in the URL, 422 on the form
    ("right unit without the role", _as("officer_a"), 404),
    ("unit head", _as("head_a"), 404),
]


@pytest.mark.parametrize(("_case", "login", "status"), REFUSED)
def test_refused_unit_creation_changes_nothing(
    web: Any, client: Client, _case: str, login: Login, status: int | None
) -> None:
    # given
    login(client, web)
    before = _state()
    # when
    response = client.post(reverse("organizations:unit-create"), _create_form(web))
    # then
    assert response.status_code == (status or 422)
    assert _state() == before


@pytest.mark.parametrize(("_case", "login", "status"), REFUSED)
def test_refused_unit_update_changes_nothing(
    web: Any, client: Client, _case: str, login: Login, status: int | None
) -> None:
    # given
    login(client, web)
    before = _state()
    url = reverse("organizations:unit-update", kwargs={"unit_id": web.a.pk})
    # when
    page, response = client.get(url), client.post(url, _update_form())
    # then
    assert (page.status_code, response.status_code) == (status or 404, status or 404)
    assert _state() == before


@pytest.mark.parametrize(("_case", "login", "status"), REFUSED)
def test_refused_change_changes_nothing(web: Any, client: Client, _case: str, login: Login, status: int | None) -> None:
    # given
    login(client, web)
    before = _state()
    # when
    response = client.post(reverse("organizations:unit-change-create"), _change_form(web))
    # then
    assert response.status_code == (status or 422)
    assert _state() == before


def test_office_gets_its_forms(web: Any, client: Client) -> None:
    client.force_login(web.province_office)
    for url in (
        reverse("organizations:unit-create"),
        reverse("organizations:unit-update", kwargs={"unit_id": web.a.pk}),
        reverse("organizations:unit-change-create") + f"?unit={web.a.pk}&kind=rename",
    ):
        assert client.get(url).status_code == 200, url


def test_office_creates_a_unit(web: Any, client: Client) -> None:
    # given
    client.force_login(web.province_office)
    # when
    response = client.post(reverse("organizations:unit-create"), _create_form(web))
    # then
    unit = Unit.objects.get(code="phong-ke-hoach")
    assert response.status_code == 302
    assert response.url == reverse("organizations:unit-detail", kwargs={"unit_id": unit.pk})
    assert (unit.parent, unit.valid_from, unit.path) == (web.a, dt.date(2025, 1, 1), f"{web.a.path}{unit.pk}/")


def test_office_updates_a_unit_without_touching_its_name(web: Any, client: Client) -> None:
    # given
    client.force_login(web.province_office)
    # when
    response = client.post(reverse("organizations:unit-update", kwargs={"unit_id": web.a.pk}), _update_form())
    # then
    web.a.refresh_from_db()
    assert response.status_code == 302
    assert (web.a.name, web.a.short_name, web.a.kind) == ("Sở Văn hóa An Phú", "Sở VH", UnitKind.AGENCY)


def test_office_records_a_merge_in_one_form(web: Any, client: Client) -> None:
    # given
    client.force_login(web.province_office)
    # when
    response = client.post(reverse("organizations:unit-change-create"), _change_form(web))
    # then
    web.a.refresh_from_db()
    assert response.status_code == 302
    assert web.a.valid_to == dt.date(2025, 6, 30)
    change = UnitChange.objects.get()
    assert (change.decision_number, change.recorded_by) == ("202/2025/QH15", web.province_office)


@pytest.mark.parametrize(
    ("_case", "values", "message"),
    [
        ("rename without a name", {"kind": UnitChangeKind.RENAME, "successors": []}, "Nhập tên mới của đơn vị."),
        ("merge into two", {"successors": [], "predecessors": []}, "Trường này là bắt buộc."),
        ("impossible date", {"effective_on": "31/02/2025"}, "Nhập một ngày hợp lệ."),
        ("date out of range", {"effective_on": "01/01/1800"}, "Ngày phải trong khoảng 01/01/1900 đến 31/12/2100."),
        ("split into one", {"kind": UnitChangeKind.SPLIT}, "Chia tách cần một đơn vị cũ và ít nhất hai đơn vị mới."),
        ("close a unit with children", {"kind": UnitChangeKind.CLOSE, "successors": []}, "còn đơn vị trực thuộc"),
    ],
)
def test_change_form_with_errors_keeps_every_value(
    web: Any, client: Client, _case: str, values: dict[str, Any], message: str
) -> None:
    # given
    client.force_login(web.province_office)
    before = _state()
    # when
    response = client.post(
        reverse("organizations:unit-change-create"),
        _change_form(web, summary="Sắp xếp theo Nghị quyết 18-NQ/TW", **values),
    )
    # then
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert "202/2025/QH15" in html
    assert "Sắp xếp theo Nghị quyết 18-NQ/TW" in html
    assert "Quốc hội" in html
    assert _state() == before


def test_create_form_with_a_taken_code_keeps_every_value(web: Any, client: Client) -> None:
    # given
    client.force_login(web.province_office)
    before = _state()
    # when
    response = client.post(reverse("organizations:unit-create"), _create_form(web, code="so-a"))
    # then
    html = response.content.decode()
    assert response.status_code == 422
    assert "Phòng Kế hoạch An Phú" in html
    assert 'value="so-a"' in html
    assert "đã tồn tại" in html
    assert _state() == before


# --- query counts: the same bound for a small tree and one ten times the demo ----------------------------------


@pytest.fixture
def big(web: Any) -> Iterator[Any]:
    """300 units over three levels under a second province, P's units untouched."""
    province = ProvinceFactory(code="tinh-lon", name="Tỉnh Lớn")
    departments = [UnitFactory(parent=province) for _ in range(30)]
    divisions = [UnitFactory(parent=departments[i % 30], kind=UnitKind.DIVISION) for i in range(90)]
    for i in range(179):
        UnitFactory(parent=divisions[i % 90], kind=UnitKind.OTHER)
    change_record(
        kind=UnitChangeKind.MERGE_INTO,
        effective_on=dt.date(2025, 7, 1),
        predecessors=[departments[1]],
        successors=[departments[0]],
    )
    yield province


MAX_QUERIES = 16


@pytest.mark.parametrize("size", ["small", "big"])
def test_pages_render_in_a_constant_number_of_queries(
    web: Any, client: Client, request: pytest.FixtureRequest, size: str, django_assert_max_num_queries: Any
) -> None:
    # given
    province = request.getfixturevalue("big") if size == "big" else web.p
    unit = Unit.objects.filter(path__startswith=province.path, kind=UnitKind.DEPARTMENT).order_by("pk").first()
    client.force_login(web.province_office)
    urls = [
        reverse("organizations:unit-tree") + f"?province={province.pk}&as_of=30/06/2025",
        reverse("organizations:unit-list") + f"?province={province.pk}",
        reverse("organizations:unit-detail", kwargs={"unit_id": unit.pk if unit else province.pk}),
    ]
    # when / then
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(url).status_code == 200
