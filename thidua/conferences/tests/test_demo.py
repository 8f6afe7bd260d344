"""The demo conference of 17/01/2020 reproduces the seed article's results from ballots, and carries them on."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from thidua.conferences import demo
from thidua.conferences.models import Ballot, Conference, PollParticipation, RecordConfirmation
from thidua.conferences.selectors_record import conference_minutes
from thidua.emulation.models import BlocMembership

pytestmark = pytest.mark.django_db


def test_the_demo_conference_elects_the_articles_units_from_ballots_and_carries_them_on():
    call_command("loaddemo")
    conference = Conference.objects.get(bloc__name="Khối thi đua các cơ quan tham mưu III", year=2019)
    assert conference.held_on.isoformat() == "2020-01-17" and conference.status == "closed"
    assert (conference.chair.full_name, conference.co_chair.full_name) == ("Nguyễn Thanh Hồng", "Phạm Hồng Quảng")
    honouring, election = conference.polls.order_by("pk")
    # the results come from the ballots: 7 per poll, online and on paper, one per unit
    for poll in (honouring, election):
        assert Ballot.objects.filter(poll=poll).count() == 7
        assert PollParticipation.objects.filter(poll=poll).count() == 7
        assert (poll.online_cast, poll.paper_cast, poll.paper_issued) == (3, 4, 4)
    labels = {c.pk: c.unit.code for c in honouring.candidates.select_related("unit")}
    elected = {labels[line["candidate_id"]] for line in honouring.result["candidates"] if line["status"] == "elected"}
    assert elected == set(demo.HONOURED)
    # carried on: the bloc's 2019 dossier holds the three units; Sở TTTT leads the bloc in 2020
    assert honouring.applied_dossier is not None
    assert set(honouring.applied_dossier.nominations.values_list("unit__code", flat=True)) == set(demo.HONOURED)
    leader = BlocMembership.objects.get(bloc=conference.bloc, year=2020, role="leader")
    assert leader.unit.code == "qn-so-tttt"
    # the minutes and both count records are confirmed by the chair and the secretary
    assert RecordConfirmation.objects.filter(conference=conference).count() == 6
    minutes = conference_minutes(conference=conference)
    assert minutes.is_confirmed
    assert (minutes.content.member_count, minutes.content.present_count) == (7, 7)


def test_loading_the_demo_again_changes_nothing():
    call_command("loaddemo")
    before = (Conference.objects.count(), Ballot.objects.count(), RecordConfirmation.objects.count())
    call_command("loaddemo")
    assert (Conference.objects.count(), Ballot.objects.count(), RecordConfirmation.objects.count()) == before
