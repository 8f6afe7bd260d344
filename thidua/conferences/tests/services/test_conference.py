"""``conference_create``, the agenda and the sitting's transitions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from thidua.conferences.choices import ConferenceStatus, QuorumRule, VoteBasis
from thidua.conferences.errors import ConferenceInvalid, ConferenceNotAllowed, ConferenceStateError
from thidua.conferences.models import AgendaItem, Conference
from thidua.conferences.services import (
    AgendaItemInput,
    conference_agenda_set,
    conference_create,
    conference_end,
    conference_start,
)
from thidua.conferences.tests.factories import YEAR, conference_build
from thidua.conftest import World
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db

TITLE = "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2019; triển khai phương hướng, nhiệm vụ trọng tâm năm 2020"


def create(world: World, actor, **kwargs) -> Conference:  # type: ignore[no-untyped-def]
    values = {"bloc": world.bloc, "year": YEAR, "title": TITLE, "held_on": dt.date(YEAR, 1, 17), **kwargs}
    return conference_create(actor=actor, **values)


@pytest.mark.parametrize(
    ("_case", "actor_name", "allowed"),
    [
        pytest.param("bloc secretariat", "secretariat", True, id="secretariat"),
        pytest.param("province office", "province_office", True, id="province-office"),
        pytest.param("member unit head", "head_a", False, id="unit-head"),
        pytest.param("plain user", "plain", False, id="plain"),
        pytest.param("another province's office", "q_office", False, id="other-province"),
    ],
)
def test_who_may_create_a_conference(world: World, _case: str, actor_name: str, allowed: bool):
    # given
    actor = getattr(world, actor_name)
    events = AuditEvent.objects.count()
    # when / then
    if allowed:
        conference = create(world, actor, agenda=[AgendaItemInput("Báo cáo tổng kết", "Sở Văn hóa")])
        assert (conference.status, conference.vote_basis, conference.quorum_rule) == (
            ConferenceStatus.DRAFT,
            VoteBasis.PER_UNIT,
            QuorumRule.MORE_THAN_HALF,
        )
        assert [i.title for i in AgendaItem.objects.filter(conference=conference)] == ["Báo cáo tổng kết"]
        assert AuditEvent.objects.filter(action="conferences.conference_created").count() == 1
    else:
        with pytest.raises(ConferenceNotAllowed):
            create(world, actor)
        assert not Conference.objects.exists()
        assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("_case", "kwargs", "field"),
    [
        pytest.param(
            "percentage quorum without share", {"quorum_rule": QuorumRule.PERCENTAGE}, "quorum_share", id="share"
        ),
        pytest.param(
            "share above 1",
            {"quorum_rule": QuorumRule.PERCENTAGE, "quorum_share": Decimal("1.5")},
            "quorum_share",
            id="share-over",
        ),
        pytest.param("unknown quorum rule", {"quorum_rule": "all"}, "quorum_rule", id="rule"),
        pytest.param("unknown vote basis", {"vote_basis": "per_head"}, "vote_basis", id="basis"),
        pytest.param("empty title", {"title": "  "}, "title", id="title"),
        pytest.param("empty agenda item", {"agenda": [AgendaItemInput(" ")]}, "agenda", id="agenda"),
    ],
)
def test_invalid_input_is_refused_per_field(world: World, _case: str, kwargs: dict[str, object], field: str):
    with pytest.raises(ConferenceInvalid) as refused:
        create(world, None, **kwargs)
    assert field in refused.value.fields
    assert not Conference.objects.exists()


def test_percentage_quorum_is_kept(world: World):
    conference = create(world, None, quorum_rule=QuorumRule.PERCENTAGE, quorum_share=Decimal("0.750"))
    assert conference.quorum_share == Decimal("0.750")


def test_agenda_is_replaced_only_before_the_opening(world: World):
    # given
    conference = conference_build(world.bloc, start=False)
    # when
    conference_agenda_set(actor=world.secretariat, conference=conference, agenda=[AgendaItemInput("Khai mạc")])
    # then
    assert list(conference.agenda_items.values_list("order", "title")) == [(1, "Khai mạc")]
    conference_start(actor=world.secretariat, conference=conference)
    with pytest.raises(ConferenceStateError):
        conference_agenda_set(actor=None, conference=conference, agenda=[])


def test_sitting_transitions_and_their_refusals(world: World):
    # given
    conference = conference_build(world.bloc, start=False)
    # when / then
    with pytest.raises(ConferenceStateError):
        conference_end(actor=None, conference=conference)
    started = conference_start(actor=None, conference=conference)
    assert started.status == ConferenceStatus.IN_SESSION and started.started_at is not None
    with pytest.raises(ConferenceStateError):
        conference_start(actor=None, conference=conference)
    ended = conference_end(actor=None, conference=conference)
    assert ended.status == ConferenceStatus.CLOSED and ended.ended_at >= ended.started_at
    with pytest.raises(ConferenceStateError):
        conference_end(actor=None, conference=conference)
