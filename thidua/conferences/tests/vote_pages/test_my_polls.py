"""The delegate's landing page: the open polls of the conferences where the user holds a seat, with "Đã bỏ phiếu"
read from participation (per unit: the unit's roll entry)."""

from __future__ import annotations

from django.urls import reverse

from thidua.conferences.choices import VoteBasis
from thidua.conferences.services import ballot_cast
from thidua.conferences.tests.factories import conference_build, delegate_build, poll_build
from thidua.conferences.tests.vote_pages.helpers import opened, vote_url

MY_POLLS = reverse("conferences:my_polls")


def test_lists_open_polls_only_with_a_link_to_vote(client, cw):
    # given one open poll and one still in preparation
    poll = opened(cw.poll)
    draft = poll_build(cw.conference, [cw.world.a, cw.world.b], title="Bầu Khối phó (chưa mở)")
    client.force_login(cw.world.head_a)
    # when
    html = client.get(MY_POLLS).content.decode()
    # then
    assert cw.conference.title in html and poll.title in html and draft.title not in html
    assert f'href="{vote_url(poll)}"' in html and "Đã bỏ phiếu" not in html


def test_a_unit_shows_voted_once_another_of_its_delegates_voted(client, cw):
    # given A's officer also sits for A and has voted
    delegate_build(cw.conference, cw.world.a, user=cw.world.officer_a)
    poll = opened(cw.poll)
    ballot_cast(actor=cw.world.officer_a, poll=poll, choices={})
    # then the head of A sees A has voted; the head of B does not
    client.force_login(cw.world.head_a)
    assert "Đã bỏ phiếu" in client.get(MY_POLLS).content.decode()
    client.force_login(cw.world.head_b)
    assert "Đã bỏ phiếu" not in client.get(MY_POLLS).content.decode()


def test_per_delegate_seats_and_the_roll(client, cw):
    # given a per-delegate conference: A voted, C took a seat after the roll was frozen
    conference = conference_build(cw.world.bloc, vote_basis=VoteBasis.PER_DELEGATE)
    delegate_build(conference, cw.world.a, user=cw.world.head_a)
    poll = opened(poll_build(conference, [cw.world.a, cw.world.b], title="Bầu Khối trưởng năm sau"))
    delegate_build(conference, cw.c, user=cw.head_c)
    ballot_cast(actor=cw.world.head_a, poll=poll, choices={})
    client.force_login(cw.world.head_a)
    assert "Đã bỏ phiếu" in client.get(MY_POLLS).content.decode()
    client.force_login(cw.head_c)
    assert "Không có tên trong danh sách cử tri" in client.get(MY_POLLS).content.decode()


def test_someone_without_a_seat_sees_none(client, cw):
    opened(cw.poll)
    client.force_login(cw.world.secretariat)
    assert "Bạn chưa là đại biểu của hội nghị nào." in client.get(MY_POLLS).content.decode()


def test_queries_do_not_grow_with_polls(client, cw, django_assert_max_num_queries):
    opened(cw.poll)
    client.force_login(cw.world.head_a)
    with django_assert_max_num_queries(20) as few:
        client.get(MY_POLLS)
    for n in range(3):
        opened(poll_build(cw.conference, [cw.world.b, cw.c], title=f"Biểu quyết {n}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(MY_POLLS)
