"""The permission matrix of the secretariat's pages (issue 7, S26): the bloc secretariat and the province office run
every page; a unit head who is a delegate reads the conference and its polls and changes nothing; the secretariat of
another bloc and an anonymous visitor get nothing. On every refusal, nothing changed."""

import pytest

from thidua.accounts.choices import Role
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.conferences.choices import PaperSheetStatus
from thidua.conferences.models import RollEntry
from thidua.conferences.services import paper_ballots_issue, poll_open
from thidua.conferences.tests.factories import conference_build, delegate_build
from thidua.conferences.tests.views.helpers import (
    CREATE,
    LIST,
    check_in_url,
    conference_url,
    poll_create_url,
    poll_url,
    state,
)
from thidua.emulation.tests.factories import BlocFactory
from thidua.people.tests.factories import PersonFactory


@pytest.fixture
def other_bloc_secretariat(cw):
    other = BlocFactory(province=cw.world.p, name="Khối các cơ quan kinh tế")
    user = UserFactory(username="thuky.khoi2", full_name="Lý Thị Mai", unit=cw.world.b)
    grant(user, Role.BLOC_SECRETARIAT, bloc=other)
    return user


def _pages(cw):
    return [CREATE, conference_url(cw.conference), poll_url(cw.poll), poll_create_url(cw.conference)]


def _posts(cw):
    world, conference, poll = cw.world, cw.conference, cw.poll
    roll_entry = RollEntry.objects.filter(poll=poll).first()
    return [
        (
            CREATE,
            {"bloc": world.bloc.pk, "year": 2025, "held_on": "2025-12-20", "vote_basis": "per_unit"},
        ),
        (conference_url(conference, "start"), {}),
        (conference_url(conference, "end"), {}),
        (conference_url(conference, "agenda"), {"agenda": "Mục mới"}),
        (conference_url(conference, "delegate-add"), {"delegate-name": "Khách", "delegate-position": "Khách mời"}),
        (conference_url(conference, "substitute"), {"substitute-delegate": cw.da.pk, "substitute-name": "Người thay"}),
        (check_in_url(cw.da), {"is_present": "0"}),
        (poll_create_url(conference), {"title": "Biểu quyết mới", "kind": "choose", "max_choices": 1}),
        (poll_url(poll, "candidates"), {"candidates-units": [world.a.pk]}),
        (poll_url(poll, "open"), {}),
        (poll_url(poll, "close"), {}),
        (poll_url(poll, "publish"), {}),
        (poll_url(poll, "runoff"), {}),
        (poll_url(poll, "issue"), {"issue-count": 2}),
        (poll_url(poll, "handout"), {"handout-roll_entry": roll_entry.pk if roll_entry else ""}),
        (poll_url(poll, "enter"), {"entry-serial": 1, "entry-validity": "0"}),
        (poll_url(poll, "mark"), {"mark-serial": 2, "mark-status": PaperSheetStatus.SPOILED}),
    ]


@pytest.fixture
def opened(cw):
    """The poll open, with sheets printed: every desk step would be possible for someone allowed."""
    paper_ballots_issue(actor=None, poll=cw.poll, count=3)
    poll_open(actor=None, poll=cw.poll)
    return cw


@pytest.mark.parametrize("who", ["secretariat", "province_office"])
def test_every_page_renders_for_those_who_run_the_conference(client, opened, who):
    cw = opened
    client.force_login(getattr(cw.world, who))
    for url in [LIST, *_pages(cw)]:
        assert client.get(url).status_code == 200, url


def test_the_secretariat_may_take_a_desk_step(client, opened):
    cw = opened
    client.force_login(cw.world.secretariat)
    before = state()
    assert client.post(poll_url(cw.poll, "mark"), {"mark-serial": 2, "mark-status": "spoiled"}).status_code == 302
    assert state() != before


def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(client, opened):
    cw = opened
    before = state()
    for url in [LIST, *_pages(cw)]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url
    for url, data in _posts(cw):
        response = client.post(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url
    assert state() == before


def test_a_delegate_reads_but_changes_nothing(client, opened):
    # given: the head of A sits as a delegate, and is neither chair nor secretariat
    cw = opened
    client.force_login(cw.world.head_a)
    before = state()
    # when / then
    assert client.get(LIST).status_code == 200
    assert client.get(conference_url(cw.conference)).status_code == 200
    assert client.get(poll_url(cw.poll)).status_code == 200
    assert client.get(CREATE).status_code == 404
    assert client.get(poll_create_url(cw.conference)).status_code == 404
    for url, data in _posts(cw):
        assert client.post(url, data).status_code == 404, url
    assert state() == before


@pytest.mark.parametrize("who", ["other_bloc", "q_office", "plain"])
def test_users_out_of_reach_get_nothing_and_change_nothing(client, opened, other_bloc_secretariat, who):
    # given
    cw = opened
    user = other_bloc_secretariat if who == "other_bloc" else getattr(cw.world, who)
    client.force_login(user)
    before = state()
    # when / then
    response = client.get(LIST)
    assert response.status_code == 200 and list(response.context["page"]) == []
    for url in _pages(cw)[1:]:
        assert client.get(url).status_code == 404, url
    for url, data in _posts(cw):
        response = client.post(url, data)
        if url == CREATE and who == "other_bloc":
            # they create for their own bloc only: the bloc of another is not offered
            assert response.status_code == 422
            assert response.context["form"].errors["bloc"] == ["Không tìm thấy hoặc bạn không có quyền xem."]
        else:
            assert response.status_code == 404, (who, url)
    assert state() == before


def test_the_chair_runs_the_conference_through_the_delegate_seat(client, cw):
    # given: a conference chaired by a person who sits, without a vote, with their own account
    world = cw.world
    chair = PersonFactory(full_name="Phạm Văn Chủ", unit=world.b)
    account = UserFactory(username="chutri", full_name="Phạm Văn Chủ", unit=world.b)
    conference = conference_build(world.bloc, chair=chair)
    delegate_build(conference, world.b, person=chair, user=account, has_vote=False)
    seat = delegate_build(conference, world.a, name="Đại biểu Sở Văn hóa")
    client.force_login(account)
    # when
    response = client.post(check_in_url(seat), {"is_present": "0"})
    # then
    assert response.status_code == 302
    assert client.get(conference_url(conference)).status_code == 200
    assert client.get(CREATE).status_code == 404  # running is not preparing: no bloc to create for
