"""The delegate's ballot page (issue 7): the ballot for each kind of poll, the receipt shown once, every refusal in
Vietnamese with the user's marks kept and nothing written, one seat per account, and no choice ever on a page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from thidua.accounts.tests.factories import UserFactory
from thidua.conferences.choices import ChoiceValue, PollKind, PollStatus, VoteBasis
from thidua.conferences.models import BallotChoice, PollParticipation, RollEntry
from thidua.conferences.services import ballot_cast, delegate_check_in, poll_close, poll_publish, receipt_check
from thidua.conferences.tests.factories import conference_build, delegate_build, poll_build
from thidua.conferences.tests.vote_pages.helpers import opened, receipt_url, vote_url, written

TOKEN = re.compile(r'id="receipt-token">([A-Z2-7-]+)<')


def _token(response) -> str:
    match = TOKEN.search(response.content.decode())
    assert match is not None
    return match.group(1)


def _voted_units(poll):
    return set(PollParticipation.objects.filter(poll=poll).values_list("roll_entry__unit_id", flat=True))


# --- The ballot --------------------------------------------------------------------------------------------------


def test_a_present_delegate_sees_the_question_and_an_empty_choose_k_ballot(client, cw):
    # given an open poll choosing 1 of A, B, C
    poll = opened(cw.poll)
    client.force_login(cw.world.head_a)
    # when
    response = client.get(vote_url(poll))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert poll.title in html and "Chọn tối đa 1 trong danh sách." in html
    assert html.count('type="checkbox" name="chosen"') == 3
    assert " checked" not in html
    assert "Kiểm tra mã xác nhận" in html
    assert "no-store" in response["Cache-Control"]


def test_casting_shows_the_receipt_once_in_the_response_and_never_stores_it(client, cw):
    # given
    poll = opened(cw.poll)
    client.force_login(cw.world.head_a)
    # when head of A chooses B
    response = client.post(vote_url(poll), {"chosen": [cw.candidate(cw.world.b).pk]})
    # then the receipt is in this response, not in a redirect, the session or a message
    assert response.status_code == 200
    html = response.content.decode()
    token = _token(response)
    assert "Mã xác nhận" in html and "mã chỉ hiện một lần" in html
    assert "no-store" in response["Cache-Control"]
    session = client.session
    assert all(token not in str(value) for value in session.values())
    assert token not in response.get("Location", "")
    # and the ballot is counted for unit A, once, with the receipt
    assert _voted_units(poll) == {cw.world.a.pk}
    assert list(BallotChoice.objects.values_list("candidate__unit_id", "value")) == [
        (cw.world.b.pk, ChoiceValue.CHOSEN)
    ]
    assert receipt_check(poll=poll, token=token)
    # and the page, seen again, says the unit voted and never shows the code or the choice
    again = client.get(vote_url(poll)).content.decode()
    assert token not in again and "Đơn vị của bạn đã bỏ phiếu" in again
    assert 'name="chosen"' not in again


def test_a_blank_ballot_is_a_valid_ballot(client, cw):
    poll = opened(cw.poll)
    client.force_login(cw.world.head_b)
    response = client.post(vote_url(poll), {})
    assert response.status_code == 200 and _token(response)
    assert written()[:3] == (1, 0, 1)


def test_a_yes_no_abstain_ballot_has_a_row_per_candidate(client, cw):
    # given a yes/no/abstain poll on A, B, C with at most 2 yes
    poll = opened(
        poll_build(
            cw.conference,
            [cw.world.a, cw.world.b, cw.c],
            title="Biểu quyết",
            kind=PollKind.YES_NO_ABSTAIN,
            max_choices=2,
        )
    )
    a, b, c = (cw.candidate(u, poll) for u in (cw.world.a, cw.world.b, cw.c))
    client.force_login(cw.head_c)
    html = client.get(vote_url(poll)).content.decode()
    assert html.count('type="radio"') == 9 and "Không ý kiến" in html
    # when
    response = client.post(
        vote_url(poll), {f"candidate_{a.pk}": "yes", f"candidate_{b.pk}": "no", f"candidate_{c.pk}": ""}
    )
    # then
    assert response.status_code == 200 and _token(response)
    assert set(BallotChoice.objects.values_list("candidate_id", "value")) == {(a.pk, "yes"), (b.pk, "no")}


def test_an_election_ballot_is_a_choose_ballot(client, cw):
    poll = opened(poll_build(cw.conference, [cw.world.a, cw.world.b], title="Bầu Khối trưởng", kind=PollKind.ELECTION))
    client.force_login(cw.head_c)
    html = client.get(vote_url(poll)).content.decode()
    assert html.count('name="chosen"') == 2
    response = client.post(vote_url(poll), {"chosen": [cw.candidate(cw.world.a, poll).pk]})
    assert response.status_code == 200 and _token(response)


# --- Refusals: Vietnamese, marks kept, nothing written ---------------------------------------------------------------


def test_more_than_k_is_refused_with_the_marks_kept(client, cw):
    poll = opened(cw.poll)
    b, c = cw.candidate(cw.world.b), cw.candidate(cw.c)
    client.force_login(cw.world.head_a)
    before = written()
    response = client.post(vote_url(poll), {"chosen": [b.pk, c.pk]})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Chỉ được chọn tối đa 1; phiếu đang chọn 2." in html
    assert f'value="{b.pk}" id="chosen-{b.pk}" checked' in html
    assert f'value="{c.pk}" id="chosen-{c.pk}" checked' in html
    assert html.count(" checked") == 2
    assert written() == before


def test_a_vote_for_ones_own_unit_is_refused(client, cw):
    poll = opened(cw.poll)
    own = cw.candidate(cw.world.a)
    client.force_login(cw.world.head_a)
    before = written()
    response = client.post(vote_url(poll), {"chosen": [own.pk]})
    html = response.content.decode()
    assert response.status_code == 422
    assert "không cho phép bỏ phiếu cho chính mình hoặc đơn vị mình" in html
    assert f'id="chosen-{own.pk}" checked' in html
    assert written() == before


def test_too_many_yes_is_refused_with_the_rows_kept(client, cw):
    poll = opened(
        poll_build(cw.conference, [cw.world.a, cw.world.b, cw.c], title="Biểu quyết", kind=PollKind.YES_NO_ABSTAIN)
    )
    b, c = cw.candidate(cw.world.b, poll), cw.candidate(cw.c, poll)
    client.force_login(cw.world.head_a)
    before = written()
    response = client.post(vote_url(poll), {f"candidate_{b.pk}": "yes", f"candidate_{c.pk}": "yes"})
    html = response.content.decode()
    assert response.status_code == 422 and "Chỉ được chọn tối đa 1" in html
    assert f'id="candidate_{b.pk}-yes" value="yes" autocomplete="off" checked' in html
    assert f'id="candidate_{c.pk}-yes" value="yes" autocomplete="off" checked' in html
    assert written() == before


@pytest.mark.parametrize("_case", ["draft", "closed"])
def test_a_poll_that_is_not_open_takes_no_ballot(client, cw, _case):
    poll = cw.poll if _case == "draft" else poll_close(actor=None, poll=opened(cw.poll))
    b = cw.candidate(cw.world.b)
    client.force_login(cw.world.head_a)
    assert 'id="ballot-form"' not in client.get(vote_url(poll)).content.decode()
    before = written()
    response = client.post(vote_url(poll), {"chosen": [b.pk]})
    html = response.content.decode()
    assert response.status_code == 422
    assert "không thực hiện được thao tác này" in html
    assert f'id="chosen-{b.pk}" checked' in html
    assert written() == before


def test_a_second_vote_of_the_same_unit_is_refused(client, cw):
    # given A's officer also sits for A, and has voted for A
    poll = cw.poll
    delegate_build(cw.conference, cw.world.a, user=cw.world.officer_a)
    opened(poll)
    ballot_cast(actor=cw.world.officer_a, poll=poll, choices={cw.candidate(cw.world.b).pk: ChoiceValue.CHOSEN})
    client.force_login(cw.world.head_a)
    # the page says so and offers no ballot
    html = client.get(vote_url(poll)).content.decode()
    assert "Đơn vị của bạn đã bỏ phiếu" in html and 'id="ballot-form"' not in html
    # when the head posts anyway
    before = written()
    response = client.post(vote_url(poll), {"chosen": [cw.candidate(cw.c).pk]})
    # then
    assert response.status_code == 422
    assert "đã được ghi nhận trước đó" in response.content.decode()
    assert written() == before


def test_a_delegate_not_checked_in_cannot_vote(client, cw):
    poll = opened(cw.poll)
    delegate_check_in(actor=None, delegate=cw.da, is_present=False)
    client.force_login(cw.world.head_a)
    assert "chưa được điểm danh" in client.get(vote_url(poll)).content.decode()
    before = written()
    response = client.post(vote_url(poll), {"chosen": [cw.candidate(cw.world.b).pk]})
    assert response.status_code == 422 and "chưa được điểm danh" in response.content.decode()
    assert written() == before


def test_a_seat_taken_after_the_roll_was_frozen_is_not_on_the_roll(client, cw):
    # given a per-delegate conference whose poll opened before the head of C took a seat
    conference = conference_build(cw.world.bloc, vote_basis=VoteBasis.PER_DELEGATE)
    delegate_build(conference, cw.world.a, user=cw.world.head_a)
    delegate_build(conference, cw.world.b, user=cw.world.head_b)
    poll = opened(poll_build(conference, [cw.world.a, cw.world.b]))
    delegate_build(conference, cw.c, user=cw.head_c)
    client.force_login(cw.head_c)
    assert "không có tên trong danh sách cử tri" in client.get(vote_url(poll)).content.decode()
    before = written()
    response = client.post(vote_url(poll), {"chosen": [cw.candidate(cw.world.a, poll).pk]})
    assert response.status_code == 422 and "không có tên trong danh sách cử tri" in response.content.decode()
    assert written() == before


def test_a_guest_has_no_ballot(client, cw):
    poll = opened(cw.poll)
    delegate_build(cw.conference, None, user=cw.world.plain, name="Khách mời", has_vote=False)
    client.force_login(cw.world.plain)
    assert "không có phiếu" in client.get(vote_url(poll)).content.decode()
    before = written()
    response = client.post(vote_url(poll), {"chosen": [cw.candidate(cw.world.b).pk]})
    assert response.status_code == 422 and "chỉ đại biểu có quyền biểu quyết" in response.content.decode()
    assert written() == before


def test_a_candidate_of_another_poll_is_refused_by_the_form(client, cw):
    other = poll_build(cw.conference, [cw.world.a, cw.world.b], title="Khác")
    poll = opened(cw.poll)
    client.force_login(cw.world.head_a)
    before = written()
    response = client.post(vote_url(poll), {"chosen": [cw.candidate(cw.world.b, other).pk]})
    assert response.status_code == 422
    assert written() == before


# --- One seat per account; no choice on any page -----------------------------------------------------------------


def test_a_delegate_of_a_votes_for_a_only_whatever_the_post_says(client, cw):
    # given
    poll = opened(cw.poll)
    entry_b = RollEntry.objects.get(poll=poll, unit=cw.world.b)
    client.force_login(cw.world.head_a)
    # when A's head posts with fields naming B's unit, seat and roll entry
    response = client.post(
        vote_url(poll),
        {"chosen": [cw.candidate(cw.c).pk], "unit": cw.world.b.pk, "delegate": cw.db.pk, "roll_entry": entry_b.pk},
    )
    # then the vote is A's; B still votes
    assert response.status_code == 200
    assert _voted_units(poll) == {cw.world.a.pk}
    client.force_login(cw.world.head_b)
    assert 'id="ballot-form"' in client.get(vote_url(poll)).content.decode()
    assert client.post(vote_url(poll), {"chosen": [cw.candidate(cw.c).pk]}).status_code == 200
    assert _voted_units(poll) == {cw.world.a.pk, cw.world.b.pk}


def test_no_page_shows_another_voters_choice(client, cw):
    # given B chose A and C chose B, and their receipts
    poll = opened(cw.poll)
    receipt_b = ballot_cast(actor=cw.world.head_b, poll=poll, choices={cw.candidate(cw.world.a).pk: "chosen"})
    receipt_c = ballot_cast(actor=cw.head_c, poll=poll, choices={cw.candidate(cw.world.b).pk: "chosen"})
    pages = []
    # when A, B, the secretariat look at the poll while it is open, A votes, and everyone looks after publication
    for user in (cw.world.head_a, cw.world.head_b, cw.world.secretariat):
        client.force_login(user)
        pages.append(client.get(vote_url(poll)).content.decode())
    client.force_login(cw.world.head_a)
    pages.append(client.post(vote_url(poll), {"chosen": [cw.candidate(cw.c).pk]}).content.decode())
    poll_publish(actor=None, poll=poll_close(actor=None, poll=poll))
    for user in (cw.world.head_a, cw.world.head_b, cw.head_c, cw.world.secretariat):
        client.force_login(user)
        pages.append(client.get(vote_url(poll)).content.decode())
    # then no page ticks a mark or carries another voter's receipt
    for html in pages:
        assert " checked" not in html
        assert receipt_b.token not in html and receipt_c.token not in html


# --- Receipt check -------------------------------------------------------------------------------------------------


def test_the_receipt_check_answers_counted_or_not_found(client, cw):
    poll = opened(cw.poll)
    receipt = ballot_cast(actor=cw.world.head_b, poll=poll, choices={})
    client.force_login(cw.world.head_b)
    counted = client.post(receipt_url(poll), {"token": receipt.token.lower().replace("-", " ")})
    assert counted.status_code == 200 and "đã được ghi nhận và tính" in counted.content.decode()
    missing = client.post(receipt_url(poll), {"token": "AAAA-BBBB-CCCC"})
    assert "Không tìm thấy phiếu nào có mã xác nhận này" in missing.content.decode()
    assert client.post(receipt_url(poll), {"token": ""}).status_code == 422
    assert client.get(receipt_url(poll)).status_code == 405


# --- Who may see the page --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("_case", ["plain", "q_office", "stranger"])
def test_outsiders_get_404_and_nothing_is_written(client, cw, _case):
    poll = opened(cw.poll)
    user = UserFactory(username="nguoi.la") if _case == "stranger" else getattr(cw.world, _case)
    client.force_login(user)
    before = written()
    assert client.get(vote_url(poll)).status_code == 404
    assert client.post(vote_url(poll), {"chosen": [cw.candidate(cw.world.b).pk]}).status_code == 404
    assert client.post(receipt_url(poll), {"token": "AAAA"}).status_code == 404
    assert client.get(reverse("conferences:vote", kwargs={"poll_id": poll.pk + 999})).status_code == 404
    assert written() == before


def test_anonymous_is_sent_to_sign_in(client, cw):
    poll = opened(cw.poll)
    response = client.post(vote_url(poll), {"chosen": [cw.candidate(cw.world.b).pk]})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert written()[:3] == (0, 0, 0)


def test_the_secretariat_sees_the_poll_without_a_ballot(client, cw):
    poll = opened(cw.poll)
    client.force_login(cw.world.secretariat)
    html = client.get(vote_url(poll)).content.decode()
    assert 'id="ballot-form"' not in html and "không có phiếu" in html
    assert poll.status == PollStatus.OPEN
