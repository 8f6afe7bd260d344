"""The conference's record: minutes and count records from the sitting, confirmed by the chair and the secretary;
the pages, who may see and confirm them, and carrying a result on from the count record."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards.models import Dossier, Title
from thidua.awards.tests.catalogue import title_catalogue  # noqa: F401
from thidua.conferences.choices import ChoiceValue, RecordSignatory
from thidua.conferences.errors import ConferenceNotAllowed, ConferenceStateError, PollStateError
from thidua.conferences.models import Conference, Delegate, Poll, RecordConfirmation
from thidua.conferences.selectors_record import conference_minutes, poll_count_record
from thidua.conferences.services import (
    ballot_cast,
    conference_end,
    paper_ballot_enter,
    paper_ballot_hand_out,
    paper_ballots_issue,
    poll_close,
    poll_open,
    poll_publish,
    record_confirm,
)
from thidua.conferences.tests.conftest import ConferenceWorld
from thidua.conferences.tests.factories import delegate_build
from thidua.emulation.tests.factories import member_add
from thidua.organizations.tests.factories import UnitFactory
from thidua.people.tests.factories import PersonFactory

CHOSEN = ChoiceValue.CHOSEN


@pytest.fixture
def counted(cw: ConferenceWorld) -> ConferenceWorld:
    """A's head chairs; A and C vote online for B, B votes on paper for C; the poll is published."""
    chair = PersonFactory(full_name="Nguyễn Thanh Hồng")
    Conference.objects.filter(pk=cw.conference.pk).update(chair=chair)
    Delegate.objects.filter(pk=cw.da.pk).update(person=chair, name=chair.full_name, position="Giám đốc Sở")
    cw.conference.refresh_from_db()
    Poll.objects.filter(pk=cw.poll.pk).update(award_title=Title.objects.get(code="BK_TINH"))
    b, c = cw.candidate(cw.world.b), cw.candidate(cw.c)
    paper_ballots_issue(actor=None, poll=cw.poll, count=1)
    poll_open(actor=None, poll=cw.poll)
    ballot_cast(actor=cw.world.head_a, poll=cw.poll, choices={b.pk: CHOSEN})
    ballot_cast(actor=cw.head_c, poll=cw.poll, choices={b.pk: CHOSEN})
    entry_b = cw.poll.roll.get(unit=cw.world.b)
    paper_ballot_hand_out(actor=None, poll=cw.poll, roll_entry=entry_b)
    paper_ballot_enter(actor=None, poll=cw.poll, serial=1, choices={c.pk: CHOSEN})
    poll_close(actor=None, poll=cw.poll)
    poll_publish(actor=None, poll=cw.poll)
    cw.refresh()
    return cw


def test_the_count_record_gives_the_figures_and_the_result_but_no_voter(counted: ConferenceWorld):
    record = poll_count_record(poll=counted.poll)
    count = record.content
    assert (count.entitled, count.present, count.voted) == (3, 3, 3)
    assert (count.ballots_cast, count.ballots_valid, count.online_cast, count.paper_cast) == (3, 3, 2, 1)
    assert (count.paper_issued, count.paper_spoiled, count.paper_unused) == (1, 0, 0)
    assert [(line.label, line.votes, line.is_elected) for line in count.results] == [
        (counted.world.a.name, 0, False),
        (counted.world.b.name, 2, True),
        (counted.c.name, 1, False),
    ]
    assert count.outcome == f"Đề nghị tặng {Title.objects.get(code='BK_TINH').name}: {counted.world.b.name}."
    assert not record.confirmations


def test_the_minutes_list_attendance_quorum_agenda_and_polls(counted: ConferenceWorld):
    minutes = conference_minutes(conference=counted.conference).content
    assert (minutes.member_count, minutes.present_count) == (3, 3)
    assert minutes.chair == "Nguyễn Thanh Hồng"
    assert {line.unit for line in minutes.attendance} == {counted.world.a.name, counted.world.b.name, counted.c.name}
    assert (
        "Nguyễn Thanh Hồng, Giám đốc Sở"
        in next(line for line in minutes.attendance if line.unit == counted.world.a.name).present
    )
    assert len(minutes.agenda) == 3
    assert [p.title for p in minutes.polls] == [counted.poll.title]


def test_the_minutes_cost_a_constant_number_of_queries(counted: ConferenceWorld):
    conference_minutes(conference=counted.conference)
    with CaptureQueriesContext(connection) as small:
        conference_minutes(conference=counted.conference)
    for index in range(12):
        unit = UnitFactory(code=f"so-x{index}", parent=counted.world.p)
        member_add(counted.world.bloc, unit)
        delegate_build(counted.conference, unit, name=f"Đại biểu {index}")
    with CaptureQueriesContext(connection) as large:
        conference_minutes(conference=counted.conference)
    assert len(large) == len(small)


def test_chair_and_secretary_confirm_the_count_record_and_a_later_change_shows(counted: ConferenceWorld):
    record_confirm(actor=counted.world.head_a, conference=counted.conference, poll=counted.poll, signatory="chair")
    record_confirm(
        actor=counted.world.secretariat, conference=counted.conference, poll=counted.poll, signatory="secretary"
    )
    record = poll_count_record(poll=counted.poll)
    assert record.is_confirmed
    assert {line.signer_name for line in record.confirmations} == {
        counted.world.head_a.full_name,
        counted.world.secretariat.full_name,
    }
    # a candidate renamed after the confirmation: the record no longer matches what was confirmed
    counted.poll.candidates.filter(unit=counted.world.b).update(label="Tên khác")
    record = poll_count_record(poll=counted.poll)
    assert not record.is_confirmed
    assert not any(line.is_current for line in record.confirmations)


@pytest.mark.parametrize(
    ("who", "signatory"),
    [("head_b", "chair"), ("head_b", "secretary"), ("secretariat", "chair"), ("head_a", "secretary")],
)
def test_only_the_chair_and_the_secretariat_confirm_in_their_own_capacity(
    counted: ConferenceWorld, who: str, signatory: str
):
    actor = getattr(counted.world, who)
    with pytest.raises(ConferenceNotAllowed):
        record_confirm(actor=actor, conference=counted.conference, poll=counted.poll, signatory=signatory)
    assert not RecordConfirmation.objects.exists()


def test_the_minutes_are_confirmed_after_the_close_only(counted: ConferenceWorld):
    with pytest.raises(ConferenceStateError):
        record_confirm(actor=counted.world.head_a, conference=counted.conference, signatory=RecordSignatory.CHAIR)
    conference_end(actor=None, conference=counted.conference)
    counted.conference.refresh_from_db()
    record_confirm(actor=counted.world.head_a, conference=counted.conference, signatory=RecordSignatory.CHAIR)
    record_confirm(actor=counted.world.secretariat, conference=counted.conference, signatory=RecordSignatory.SECRETARY)
    assert conference_minutes(conference=counted.conference).is_confirmed


def test_a_count_record_is_confirmed_once_the_result_is_published(cw: ConferenceWorld):
    poll_open(actor=None, poll=cw.poll)
    poll_close(actor=None, poll=cw.poll)
    with pytest.raises(PollStateError):
        record_confirm(actor=None, conference=cw.conference, poll=cw.poll, signatory="chair", signer_name="X")
    assert not RecordConfirmation.objects.exists()


# --- pages -------------------------------------------------------------------------------------------------------------


def test_the_record_pages_render_for_the_secretariat_with_the_confirm_form(client, counted: ConferenceWorld):
    client.force_login(counted.world.secretariat)
    page = client.get(reverse("conferences:count_record", args=[counted.poll.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Biên bản kiểm phiếu" in html and "Độc lập - Tự do - Hạnh phúc" in html
    assert 'name="signatory"' in html and "Đưa vào hồ sơ đề nghị khen thưởng của khối" in html
    minutes = client.get(reverse("conferences:minutes", args=[counted.conference.pk]))
    assert minutes.status_code == 200
    assert "Biên bản hội nghị" in minutes.content.decode()


def test_a_delegate_reads_the_record_but_cannot_confirm_or_carry_it_over(client, counted: ConferenceWorld):
    client.force_login(counted.world.head_b)
    page = client.get(reverse("conferences:count_record", args=[counted.poll.pk]))
    assert page.status_code == 200
    assert 'name="signatory"' not in page.content.decode()
    client.post(
        reverse("conferences:record_confirm", args=[counted.conference.pk]),
        {"poll": counted.poll.pk, "signatory": "secretary"},
    )
    client.post(reverse("conferences:result_apply", args=[counted.poll.pk]))
    assert not RecordConfirmation.objects.exists()
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("who", ["q_office", "plain"])
def test_outsiders_get_404_on_every_record_page_and_nothing_changes(client, counted: ConferenceWorld, who: str):
    client.force_login(getattr(counted.world, who))
    conference, poll = counted.conference.pk, counted.poll.pk
    assert client.get(reverse("conferences:minutes", args=[conference])).status_code == 404
    assert client.get(reverse("conferences:count_record", args=[poll])).status_code == 404
    assert (
        client.post(reverse("conferences:record_confirm", args=[conference]), {"signatory": "secretary"}).status_code
        == 404
    )
    assert client.post(reverse("conferences:result_apply", args=[poll])).status_code == 404
    assert not RecordConfirmation.objects.exists()
    assert not Dossier.objects.exists()


def test_confirming_and_carrying_over_through_the_pages(client, counted: ConferenceWorld):
    client.force_login(counted.world.secretariat)
    response = client.post(
        reverse("conferences:record_confirm", args=[counted.conference.pk]),
        {"poll": counted.poll.pk, "signatory": "secretary"},
    )
    assert response.status_code == 302
    assert RecordConfirmation.objects.filter(signatory="secretary", poll=counted.poll).exists()
    response = client.post(reverse("conferences:result_apply", args=[counted.poll.pk]))
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("awards:dossier", args=[dossier.pk])
    # a second click explains itself instead of failing
    again = client.post(reverse("conferences:result_apply", args=[counted.poll.pk]), follow=True)
    assert "đã được chuyển" in again.content.decode()
    assert Dossier.objects.count() == 1


def test_the_count_record_of_a_poll_still_open_is_not_found(client, cw: ConferenceWorld):
    poll_open(actor=None, poll=cw.poll)
    client.force_login(cw.world.secretariat)
    assert client.get(reverse("conferences:count_record", args=[cw.poll.pk])).status_code == 404
