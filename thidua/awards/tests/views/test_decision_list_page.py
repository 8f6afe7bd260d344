"""The list of award decisions: scoped like the dossiers (S12), filtered by year and searched by number or awardee,
paginated, and in a constant number of queries (S28)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards.models import DecisionAward
from thidua.awards.services import DecisionInput, decision_award_revoke, decision_issue, dossier_create
from thidua.awards.tests.dossiers.helpers import REF_B, appraised, dossier_make, nominate
from thidua.core.navigation import nav_entries_for
from thidua.emulation.tests.factories import member_add
from thidua.people.tests.factories import PersonFactory

LIST = reverse("awards:decision_list")


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


def _decide(dossier, number, decided_on):
    appraised(dossier)
    data = DecisionInput(number=number, decided_on=decided_on, signer_name="Lê Văn Thành", signer_title="Chủ tịch")
    return decision_issue(actor=None, dossier=dossier, data=data)


def _person(world, unit=None, name=None):
    kwargs = {"full_name": name} if name else {}
    return PersonFactory(unit=unit or world.a, starts_on=dt.date(2015, 1, 1), **kwargs)


@pytest.fixture
def decisions(world):
    """Unit A: 15/QĐ-UBND (2025, two awardees, one revoked); unit B: 20/QĐ-UBND (2025); the bloc: 7/QĐ-UBND (2025);
    unit A again: 3/QĐ-UBND (2024)."""
    a = dossier_make(world.a)
    nominate(a, "LDTT", person=_person(world, name="Nguyễn Thị Lan"))
    nominate(a, "LDTT", person=_person(world, name="Trần Văn Bình"))
    first = _decide(a, "15/QĐ-UBND", dt.date(2025, 1, 20))
    award = DecisionAward.objects.get(decision=first, person__full_name="Trần Văn Bình")
    decision_award_revoke(
        actor=None, award=award, revoked_on=dt.date(2025, 3, 1), reference="30/QĐ-UBND", reason="Khai man"
    )
    b = dossier_make(world.b)
    nominate(b, "LDTT", person=_person(world, unit=world.b, name="Phạm Minh Châu"))
    second = _decide(b, "20/QĐ-UBND", dt.date(2025, 2, 10))
    member_add(world.bloc, world.b, year=2024)
    bloc = dossier_create(actor=None, bloc=world.bloc, year=2024, reference_date=REF_B, awarding_body="UBND tỉnh")
    nominate(bloc, "BK_TINH", unit=world.b)
    third = _decide(bloc, "7/QĐ-UBND", dt.date(2025, 2, 15))
    older = dossier_make(world.a, year=2023, reference_date=dt.date(2024, 1, 10))
    nominate(older, "LDTT", person=_person(world, name="Lê Thị Dung"))
    fourth = _decide(older, "3/QĐ-UBND", dt.date(2024, 2, 1))
    return {"a": first, "b": second, "bloc": third, "a_2024": fourth}


def _listed(response):
    return [d.number for d in response.context["page"]]


# --- Scope -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "numbers"),
    [
        ("province_office", ["7/QĐ-UBND", "20/QĐ-UBND", "15/QĐ-UBND", "3/QĐ-UBND"]),
        ("officer_a", ["15/QĐ-UBND", "3/QĐ-UBND"]),
        ("head_a", ["15/QĐ-UBND", "3/QĐ-UBND"]),
        ("head_b", ["20/QĐ-UBND"]),
        ("secretariat", ["7/QĐ-UBND"]),
        ("plain", []),
        ("q_office", []),
    ],
)
def test_each_user_sees_the_decisions_of_the_dossiers_in_reach(client, world, decisions, who, numbers):
    client.force_login(getattr(world, who))
    response = client.get(LIST)
    assert response.status_code == 200
    assert _listed(response) == numbers


def test_anonymous_is_sent_to_sign_in(client, decisions):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_row_shows_the_decision_and_links_to_it_and_its_dossier(client, world, decisions):
    client.force_login(world.officer_a)
    content = client.get(LIST).content.decode()
    first = decisions["a"]
    row = content[content.index(f'id="decision-{first.pk}"') :].split("</tr>")[0]
    assert reverse("awards:decision", args=[first.pk]) in row
    assert reverse("awards:dossier", args=[first.dossier_id]) in row
    assert "20/01/2025" in row and "Lê Văn Thành" in row and "Chủ tịch" in row
    assert "Giám đốc Sở Văn hóa An Phú" in row
    assert '<td class="text-end">2</td>' in row
    assert "Đã hủy bỏ 1" in row


# --- Filters ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "params", "numbers"),
    [
        ("the year of the decision", {"year": 2024}, ["3/QĐ-UBND"]),
        ("a number", {"q": "20/QĐ"}, ["20/QĐ-UBND"]),
        ("an awardee's name without diacritics", {"q": "nguyen thi lan"}, ["15/QĐ-UBND"]),
        ("a revoked awardee's name still finds the decision", {"q": "Trần Văn Bình"}, ["15/QĐ-UBND"]),
        ("a collective awardee", {"q": "y te binh minh"}, ["7/QĐ-UBND"]),
        ("year and name together", {"year": 2025, "q": "Lê Thị Dung"}, []),
        ("nothing matches", {"q": "không có ai"}, []),
    ],
)
def test_the_list_filters_by_year_and_searches_number_and_awardee(client, world, decisions, _case, params, numbers):
    client.force_login(world.province_office)
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert _listed(response) == numbers
    assert response.context["filters"]["q"].value() == params.get("q")


def test_a_bad_filter_is_refused_and_kept(client, world, decisions):
    client.force_login(world.province_office)
    response = client.get(LIST, {"year": "hai nghìn", "q": "15"})
    assert response.status_code == 422
    form = response.context["filters"]
    assert form.errors["year"] and form["year"].value() == "hai nghìn"


def test_the_list_is_paginated_and_the_links_keep_the_filters(client, world, decisions, settings):
    settings.THIDUA_PAGE_SIZE = 2
    client.force_login(world.province_office)
    first = client.get(LIST, {"q": "QĐ"})
    second = client.get(LIST, {"q": "QĐ", "page": 2})
    assert _listed(first) == ["7/QĐ-UBND", "20/QĐ-UBND"] and _listed(second) == ["15/QĐ-UBND", "3/QĐ-UBND"]
    assert "?q=Q%C4%90&amp;page=2" in first.content.decode()


def test_the_navigation_links_to_the_list_for_dossier_readers(rf, world):
    for user, shown in ((world.officer_a, True), (world.province_office, True), (world.plain, False)):
        request = rf.get("/")
        request.user = user
        assert ("awards:decision_list" in [e.url_name for e in nav_entries_for(request)]) is shown


# --- Queries ---------------------------------------------------------------------------------------------------------


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["province_office", "officer_a"])
def test_the_queries_do_not_grow_with_the_decisions_and_awardees(client, world, who):
    # given: one decision
    dossier = dossier_make(world.a)
    nominate(dossier, "LDTT", person=_person(world))
    _decide(dossier, "1/QĐ-UBND", dt.date(2025, 1, 5))
    client.force_login(getattr(world, who))
    one = _queries(client)
    # when: three more decisions with several awardees each
    for number in range(2, 5):
        more = dossier_make(world.a)
        for _ in range(3):
            nominate(more, "LDTT", person=_person(world))
        _decide(more, f"{number}/QĐ-UBND", dt.date(2025, 1, 5 + number))
    # then
    assert _queries(client) == one
    assert len(client.get(LIST).context["page"]) == 4
