"""The person page's section "Danh hiệu, khen thưởng" (awards.detail_sections.person_awards_section)."""

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.accounts.choices import Role
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.awards.detail_sections import person_awards_section
from thidua.awards.models import Title
from thidua.awards.services import AwardRecordInput, award_record_create, award_record_revoke, task_rating_set
from thidua.awards.tests.factories import award_give
from thidua.people.choices import StaffCategory
from thidua.people.selectors import person_view_get
from thidua.people.services import assignment_move
from thidua.people.tests.factories import PersonFactory

SECTION = "Danh hiệu, khen thưởng"


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


@pytest.fixture
def lan(world):
    """Lan works in A1 (a division of A): rated 2018 and 2019, CSTDCS both years, LDTT 2016 revoked."""
    person = PersonFactory(unit=world.a1, full_name="Nguyễn Thị Lan")
    for year in (2018, 2019):
        task_rating_set(actor=None, person=person, year=year, rating="htxsnv")
        award_give("CSTDCS", year, person=person)
    award_record_create(
        actor=None,
        person=person,
        data=AwardRecordInput(
            title=Title.objects.get(code="LDTT"),
            year=2016,
            decision_number="125/QĐ-UBND",
            decided_on=dt.date(2017, 1, 10),
            decided_by_body="Chủ tịch UBND tỉnh Phước An",
        ),
    )
    revoked = award_give("LDTT", 2017, person=person)
    award_record_revoke(
        actor=None, record=revoked, revoked_on=dt.date(2019, 5, 1), reference="QĐ 9/QĐ-UBND", reason="Khai man"
    )
    return person


@pytest.fixture
def officer_a1(world):
    user = UserFactory(username="canbo.a1", full_name="Hồ Thị Mai", unit=world.a1)
    grant(user, Role.UNIT_OFFICER, unit=world.a1)
    return user


def _page(client, user, person):
    client.force_login(user)
    response = client.get(reverse("people:person-detail", kwargs={"person_id": person.pk}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("_case", "pick"),
    [
        ("officer of her own unit", lambda world, officer_a1: officer_a1),
        ("head of the parent unit", lambda world, officer_a1: world.head_a),
        ("officer of the parent unit", lambda world, officer_a1: world.officer_a),
        ("province office", lambda world, officer_a1: world.province_office),
    ],
)
def test_those_who_read_her_facts_see_ratings_and_awards_by_year_newest_first(
    client, world, lan, officer_a1, _case, pick
):
    # when
    html = _page(client, pick(world, officer_a1), lan)
    # then
    assert f'<h2 class="h5">{SECTION}</h2>' in html
    assert "Hoàn thành xuất sắc nhiệm vụ" in html
    assert "CSTDCS-2019/QĐ" in html and "20/12/2019" in html
    assert "QĐ số 125/QĐ-UBND ngày 10/01/2017 của Chủ tịch UBND tỉnh Phước An" in html
    assert html.index("CSTDCS-2019/QĐ") < html.index("CSTDCS-2018/QĐ") < html.index("LDTT-2017/QĐ")


@pytest.mark.parametrize(
    ("_case", "who"),
    [
        ("head of another unit", "head_b"),
        ("office of another province", "q_office"),
        ("bloc secretariat (A1 is not a member of the bloc)", "secretariat"),
    ],
)
def test_others_see_her_page_without_the_section_or_any_of_its_data(client, world, lan, _case, who):
    # when
    html = _page(client, getattr(world, who), lan)
    # then
    assert "Nguyễn Thị Lan" in html
    assert SECTION not in html
    for leak in ("CSTDCS", "125/QĐ-UBND", "Hoàn thành xuất sắc nhiệm vụ", "Khai man", "QĐ 9/QĐ-UBND"):
        assert leak not in html


def test_a_revoked_award_is_struck_and_marked_revoked_with_the_revoking_decision(client, world, lan):
    html = _page(client, world.head_a, lan)
    revoked = '<del>Lao động tiên tiến <span class="text-muted small">(QĐ số LDTT-2017/QĐ ngày 20/12/2017)</span></del>'
    assert revoked in html
    assert "đã hủy bỏ (QĐ 9/QĐ-UBND): Khai man" in html
    assert '<del>Lao động tiên tiến <span class="text-muted small">(QĐ số 125/QĐ-UBND' not in html


def test_a_unit_she_left_sees_only_the_years_she_worked_there(client, world):
    # given: Lan worked in B from 2015, then in A from 01/01/2019
    lan = PersonFactory(unit=world.b, full_name="Nguyễn Thị Lan")
    award_give("CSTDCS", 2017, person=lan)
    award_give("CSTDCS", 2020, person=lan)
    assignment_move(
        actor=None, person=lan, unit=world.a, starts_on=dt.date(2019, 1, 1), category=StaffCategory.CIVIL_SERVANT
    )
    # when
    former = _page(client, world.head_b, lan)
    current = _page(client, world.head_a, lan)
    # then
    assert "CSTDCS-2017/QĐ" in former and "CSTDCS-2020/QĐ" not in former
    assert "1 năm khác không hiển thị" in former
    assert "CSTDCS-2017/QĐ" in current and "CSTDCS-2020/QĐ" in current
    assert "năm khác không hiển thị" not in current


def test_a_person_without_history_shows_an_empty_section_to_her_unit(client, world):
    person = PersonFactory(unit=world.a, full_name="Lê Văn Mới")
    html = _page(client, world.officer_a, person)
    assert SECTION in html and "Chưa có xếp loại hay khen thưởng nào được ghi nhận." in html


def _section_queries(world, person):
    request = RequestFactory().get("/")
    request.user = world.head_a
    view = person_view_get(actor=world.head_a, person_id=person.pk)  # also loads the actor's grants
    with CaptureQueriesContext(connection) as queries:
        sections = person_awards_section(request, view)
    return len(queries), sum(len(row.records) for row in sections[0].context["award_years"])


def test_the_section_runs_three_queries_whatever_the_history(world, lan):
    # given
    few, few_records = _section_queries(world, lan)
    for year in range(2005, 2016):
        task_rating_set(actor=None, person=lan, year=year, rating="htnv")
        award_give("LDTT", year, person=lan)
        award_give("CSTDCS", year, person=lan)
    # when
    many, many_records = _section_queries(world, lan)
    # then
    assert (few, few_records) == (3, 4)
    assert (many, many_records) == (3, 26)


def test_the_person_page_runs_a_constant_number_of_queries(client, world, lan):
    client.force_login(world.head_a)
    url = reverse("people:person-detail", kwargs={"person_id": lan.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in range(2005, 2016):
        award_give("LDTT", year, person=lan)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
