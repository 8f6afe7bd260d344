"""The conference pages (issue 7): the scoped list, the creation form, the hub with its agenda, delegates, check-in
(HTMX, with the live quorum badge), substitution, start and end; bad input kept; constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.accounts.tests.factories import UserFactory
from thidua.conferences.choices import ConferenceStatus, QuorumRule, VoteBasis
from thidua.conferences.models import AgendaItem, Conference, Delegate
from thidua.conferences.tests.factories import YEAR, conference_build, delegate_build
from thidua.conferences.tests.views.helpers import (
    CREATE,
    HTMX,
    LIST,
    check_in_url,
    conference_url,
    state,
)
from thidua.core.navigation import nav_entries_for
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.tests.factories import UnitFactory
from thidua.people.tests.factories import PersonFactory

# --- List ------------------------------------------------------------------------------------------------------------


def test_the_list_shows_the_conferences_in_reach_with_the_create_link(client, cw):
    # given
    world = cw.world
    other_bloc = BlocFactory(province=world.p, name="Khối các cơ quan kinh tế")
    conference_build(other_bloc)
    client.force_login(world.secretariat)
    # when
    response = client.get(LIST)
    # then
    assert response.status_code == 200
    assert list(response.context["page"]) == [cw.conference]
    content = response.content.decode()
    assert "Tạo hội nghị" in content and cw.conference.title in content


def test_a_delegate_sees_the_conference_without_the_create_link(client, cw):
    client.force_login(cw.world.head_a)
    response = client.get(LIST)
    assert list(response.context["page"]) == [cw.conference]
    assert response.context["can_create"] is False
    assert 'id="conference-create-link"' not in response.content.decode()


def test_the_list_filters_by_year(client, cw):
    # given
    older = conference_build(cw.world.bloc, year=YEAR - 1, start=False)
    client.force_login(cw.world.province_office)
    # when / then
    assert list(client.get(LIST, {"year": YEAR - 1}).context["page"]) == [older]
    assert list(client.get(LIST, {"year": YEAR}).context["page"]) == [cw.conference]
    response = client.get(LIST, {"year": "abc"})
    assert response.status_code == 422 and response.context["filters"].errors["year"]


def test_the_menu_entry_shows_for_managers_and_delegates_only(rf, cw):
    def labels(user):
        request = rf.get("/")
        request.user = user
        return [str(entry.label) for entry in nav_entries_for(request)]

    assert "Hội nghị" in labels(cw.world.secretariat)
    assert "Hội nghị" in labels(cw.world.head_a)
    assert "Hội nghị" not in labels(cw.world.plain)


# --- Create ----------------------------------------------------------------------------------------------------------


def _create_data(world, **overrides):
    data = {
        "bloc": world.bloc.pk,
        "year": YEAR,
        "title": "",
        "held_on": f"{YEAR}-12-20",
        "place": "Hội trường Sở Văn hóa",
        "vote_basis": VoteBasis.PER_UNIT,
        "quorum_rule": QuorumRule.MORE_THAN_HALF,
        "quorum_share": "",
        "agenda": "Báo cáo tổng kết | Khối trưởng\n\nBình xét, suy tôn",
    }
    return {**data, **overrides}


def test_the_create_form_offers_the_default_title(client, cw):
    client.force_login(cw.world.secretariat)
    response = client.get(CREATE)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["title"].value() == (
        f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {YEAR}; triển khai phương hướng, "
        f"nhiệm vụ trọng tâm năm {YEAR + 1}"
    )
    assert list(form.fields["bloc"].queryset) == [cw.world.bloc]


def test_the_secretariat_creates_a_conference_with_its_agenda_and_chair(client, cw):
    # given
    world = cw.world
    chair = PersonFactory(full_name="Nguyễn Thanh Hồng", unit=world.a, starts_on=dt.date(2015, 1, 1))
    client.force_login(world.secretariat)
    # when
    response = client.post(CREATE, _create_data(world, year=YEAR + 1, chair=chair.pk))
    # then
    created = Conference.objects.get(year=YEAR + 1)
    assert response.status_code == 302 and response.url == conference_url(created)
    assert created.title.startswith(f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {YEAR + 1};")
    assert created.chair == chair and created.status == ConferenceStatus.DRAFT
    agenda = list(AgendaItem.objects.filter(conference=created).values_list("title", "presenter"))
    assert agenda == [("Báo cáo tổng kết", "Khối trưởng"), ("Bình xét, suy tôn", "")]


def test_bad_create_input_is_refused_with_the_values_kept(client, cw):
    # given
    client.force_login(cw.world.secretariat)
    before = state()
    # when
    response = client.post(
        CREATE, _create_data(cw.world, quorum_rule=QuorumRule.PERCENTAGE, place="Hội trường tầng 3", held_on="")
    )
    # then
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors["quorum_share"] == ["Hãy nhập tỷ lệ có mặt tối thiểu (ví dụ 0,75)."]
    assert form.errors["held_on"] == ["Hãy nhập ngày họp."]
    assert form["place"].value() == "Hội trường tầng 3"
    response = client.post(CREATE, _create_data(cw.world, year=1990, agenda="| chỉ có người trình bày"))
    assert response.status_code == 422
    assert {"year", "agenda"} <= set(response.context["form"].errors)
    assert state() == before


# --- The hub ---------------------------------------------------------------------------------------------------------


def test_the_hub_shows_everything_to_run_the_conference(client, cw):
    client.force_login(cw.world.secretariat)
    response = client.get(conference_url(cw.conference))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Có mặt 3/3 đơn vị — đủ số lượng" in content
    assert 'id="delegate-form"' in content and 'id="substitute-form"' in content
    assert f'id="delegate-{cw.da.pk}"' in content and "Bỏ điểm danh" in content
    assert cw.poll.title in content and 'id="poll-create-link"' in content
    assert "Bế mạc hội nghị" in content and "Khai mạc hội nghị" not in content
    assert 'id="agenda-form"' not in content  # the agenda is fixed once in session


def test_a_delegate_reads_the_agenda_and_polls_only(client, cw):
    client.force_login(cw.world.head_a)
    response = client.get(conference_url(cw.conference))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Báo cáo tổng kết công tác thi đua, khen thưởng" in content and cw.poll.title in content
    assert 'id="delegates-table"' not in content and "/thao-tac/" not in content


def test_a_draft_conference_is_prepared_then_started_and_ended(client, cw):
    # given
    conference = conference_build(cw.world.bloc, year=YEAR + 1, start=False)
    client.force_login(cw.world.secretariat)
    page = client.get(conference_url(conference)).content.decode()
    assert 'id="agenda-form"' in page and "Khai mạc hội nghị" in page
    # when: the agenda is replaced
    response = client.post(conference_url(conference, "agenda"), {"agenda": "Khai mạc\nTổng kết | Thường trực"})
    # then
    assert response.status_code == 302
    assert list(AgendaItem.objects.filter(conference=conference).values_list("title", flat=True)) == [
        "Khai mạc",
        "Tổng kết",
    ]
    assert client.post(conference_url(conference, "start")).status_code == 302
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.IN_SESSION
    assert client.post(conference_url(conference, "end")).status_code == 302
    conference.refresh_from_db()
    assert conference.status == ConferenceStatus.CLOSED


def test_a_step_in_the_wrong_state_is_refused_on_the_page(client, cw):
    client.force_login(cw.world.secretariat)
    before = state()
    response = client.post(conference_url(cw.conference, "start"))
    assert response.status_code == 409
    assert "Hội nghị đã khai mạc hoặc đã bế mạc." in response.content.decode()
    response = client.post(conference_url(cw.conference, "agenda"), {"agenda": "Mục mới"})
    assert response.status_code == 422
    assert response.context["forms"]["agenda"]["agenda"].value() == "Mục mới"
    assert state() == before


def test_an_unknown_step_is_a_404(client, cw):
    client.force_login(cw.world.secretariat)
    assert client.post(conference_url(cw.conference, "delete")).status_code == 404


# --- Delegates -------------------------------------------------------------------------------------------------------


def test_a_delegate_and_a_guest_are_added(client, cw):
    # given
    world = cw.world
    officer = world.officer_a
    delegate_of_a = Delegate.objects.get(pk=cw.da.pk)
    client.force_login(world.secretariat)
    # when
    response = client.post(
        conference_url(cw.conference, "delegate-add"),
        {
            "delegate-unit": world.a.pk,
            "delegate-name": "",
            "delegate-position": "Phó Giám đốc",
            "delegate-user": officer.pk,
            "delegate-has_vote": "on",
        },
    )
    guest = client.post(
        conference_url(cw.conference, "delegate-add"),
        {"delegate-name": "Đại diện Ban Thi đua - Khen thưởng", "delegate-position": "Khách mời"},
    )
    # then
    assert response.status_code == 302 and guest.status_code == 302
    added = Delegate.objects.get(user=officer)
    assert added.unit == world.a and added.name == officer.full_name and added.has_vote
    assert Delegate.objects.get(name="Đại diện Ban Thi đua - Khen thưởng").has_vote is False
    assert Delegate.objects.get(pk=delegate_of_a.pk).is_replaced is False


def test_a_bad_delegate_keeps_the_values_and_says_why(client, cw):
    # given
    world = cw.world
    client.force_login(world.secretariat)
    before = state()
    # when: a voting delegate without a unit
    response = client.post(
        conference_url(cw.conference, "delegate-add"),
        {"delegate-name": "Trần Văn Bình", "delegate-position": "Chánh Văn phòng", "delegate-has_vote": "on"},
    )
    # then
    assert response.status_code == 422
    form = response.context["forms"]["delegate"]
    assert form.errors["unit"] and form["name"].value() == "Trần Văn Bình"
    assert form["position"].value() == "Chánh Văn phòng"
    # when: a unit outside the bloc is not even offered
    response = client.post(
        conference_url(cw.conference, "delegate-add"),
        {"delegate-unit": world.q1.pk, "delegate-name": "Ai đó", "delegate-has_vote": "on"},
    )
    assert response.status_code == 422
    assert response.context["forms"]["delegate"].errors["unit"] == ["Không tìm thấy hoặc bạn không có quyền xem."]
    # when: the service refuses an account of another unit
    response = client.post(
        conference_url(cw.conference, "delegate-add"),
        {"delegate-unit": world.b.pk, "delegate-user": world.plain.pk, "delegate-has_vote": "on"},
    )
    assert response.status_code == 422
    assert response.context["forms"]["delegate"].errors["user"] == [
        "Tài khoản của đại biểu phải thuộc đơn vị mà đại biểu đại diện."
    ]
    assert state() == before


def test_a_delegate_is_substituted_by_another_of_the_same_unit(client, cw):
    # given
    world = cw.world
    client.force_login(world.secretariat)
    # when
    response = client.post(
        conference_url(cw.conference, "substitute"),
        {
            "substitute-delegate": cw.da.pk,
            "substitute-user": world.officer_a.pk,
            "substitute-position": "Phó Giám đốc",
            "substitute-is_present": "on",
        },
    )
    # then
    assert response.status_code == 302
    new = Delegate.objects.get(substitute_for=cw.da)
    assert new.user == world.officer_a and new.is_checked_in
    assert Delegate.objects.get(pk=cw.da.pk).is_replaced


def test_a_bad_substitution_keeps_the_values(client, cw):
    client.force_login(cw.world.secretariat)
    before = state()
    response = client.post(
        conference_url(cw.conference, "substitute"),
        {"substitute-delegate": cw.da.pk, "substitute-user": cw.world.head_b.pk, "substitute-position": "Phó"},
    )
    assert response.status_code == 422
    form = response.context["forms"]["substitute"]
    assert form.errors["user"] and form["position"].value() == "Phó"
    response = client.post(conference_url(cw.conference, "substitute"), {"substitute-delegate": cw.da.pk})
    assert response.status_code == 422 and response.context["forms"]["substitute"].errors["name"]
    assert state() == before


# --- Check-in --------------------------------------------------------------------------------------------------------


def test_htmx_check_in_returns_the_row_and_the_quorum_badge(client, cw):
    # given
    client.force_login(cw.world.secretariat)
    # when
    response = client.post(check_in_url(cw.da), {"is_present": "0"}, **HTMX)
    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith(f'<tr id="delegate-{cw.da.pk}"')
    assert 'id="quorum-badge"' in content and 'hx-swap-oob="true"' in content
    assert "Có mặt 2/3 đơn vị — đủ số lượng" in content and "Chưa điểm danh" in content
    assert Delegate.objects.get(pk=cw.da.pk).is_checked_in is False
    response = client.post(check_in_url(cw.db), {"is_present": "0"}, **HTMX)
    assert "Có mặt 1/3 đơn vị — chưa đủ số lượng" in response.content.decode()


def test_check_in_without_javascript_goes_back_to_the_page(client, cw):
    client.force_login(cw.world.secretariat)
    response = client.post(check_in_url(cw.da), {"is_present": "0"})
    assert response.status_code == 302 and response.url == conference_url(cw.conference)
    response = client.post(check_in_url(cw.da), {"is_present": "1"}, follow=True)
    assert "Đã điểm danh" in response.content.decode()
    assert Delegate.objects.get(pk=cw.da.pk).is_checked_in


def test_checking_in_a_replaced_delegate_is_refused(client, cw):
    # given
    client.force_login(cw.world.secretariat)
    client.post(
        conference_url(cw.conference, "substitute"), {"substitute-delegate": cw.da.pk, "substitute-name": "Người thay"}
    )
    before = state()
    # when
    response = client.post(check_in_url(cw.da), {"is_present": "1"}, **HTMX)
    # then
    assert response.status_code == 200 and response.headers["HX-Refresh"] == "true"
    assert state() == before
    response = client.post(check_in_url(cw.da), {"is_present": "1"}, follow=True)
    assert "Đại biểu này đã được thay thế" in response.content.decode()


def test_a_delegate_of_another_conference_is_missing(client, cw):
    other = conference_build(cw.world.bloc)
    stranger = delegate_build(other, cw.world.a, name="Đại biểu hội nghị khác")
    client.force_login(cw.world.secretariat)
    url = check_in_url(stranger).replace(f"/{other.pk}/", f"/{cw.conference.pk}/")
    assert client.post(url, {"is_present": "0"}).status_code == 404
    assert Delegate.objects.get(pk=stranger.pk).is_checked_in


# --- Queries ---------------------------------------------------------------------------------------------------------


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["secretariat", "province_office"])
def test_the_hub_queries_do_not_grow_with_the_delegates(client, cw, who):
    # given
    client.force_login(getattr(cw.world, who))
    url = conference_url(cw.conference)
    client.get(url)
    first = _count_queries(client, url)
    # when: more member units, delegates (with accounts and substitutes) and guests
    for index in range(4):
        unit = UnitFactory(code=f"so-x{index}", name=f"Sở Thêm {index}", parent=cw.world.p)
        member_add(cw.world.bloc, unit)
        user = UserFactory(username=f"daibieu.{index}", full_name=f"Đại biểu {index}", unit=unit)
        delegate_build(cw.conference, unit, user=user)
        delegate_build(cw.conference, None, name=f"Khách mời {index}", has_vote=False)
    # then
    assert _count_queries(client, url) == first
    assert first <= 25


def test_the_check_in_row_queries_do_not_grow_with_the_delegates(client, cw):
    client.force_login(cw.world.secretariat)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.post(check_in_url(cw.da), {"is_present": "1"}, **HTMX).status_code == 200
        return len(queries)

    first = measure()
    for index in range(4):
        unit = UnitFactory(code=f"so-y{index}", name=f"Sở Khác {index}", parent=cw.world.p)
        member_add(cw.world.bloc, unit)
        delegate_build(cw.conference, unit, name=f"Đại biểu {index}")
    assert measure() == first
