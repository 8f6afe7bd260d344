"""Results flow on: an honouring poll fills the bloc's proposal dossier, an election sets next year's Khối trưởng."""

from __future__ import annotations

import pytest

from thidua.awards.models import Dossier, Nomination, Title
from thidua.awards.tests.catalogue import title_catalogue  # noqa: F401
from thidua.conferences.choices import ChoiceValue, PollKind, PollOffice
from thidua.conferences.errors import ConferenceInvalid, ConferenceNotAllowed, PollStateError
from thidua.conferences.models import Poll
from thidua.conferences.services import (
    ballot_cast,
    poll_close,
    poll_create,
    poll_open,
    poll_publish,
    poll_result_apply,
)
from thidua.conferences.tests.conftest import ConferenceWorld
from thidua.conferences.tests.factories import poll_build
from thidua.core.models import AuditEvent
from thidua.emulation.choices import BlocRole
from thidua.emulation.errors import BlocNotManageable
from thidua.emulation.models import BlocMembership

CHOSEN = ChoiceValue.CHOSEN


def _honouring(cw: ConferenceWorld) -> Poll:
    """Bằng khen, choose 2 of A, B, C: A marks B and C, B marks C, C marks B — B and C elected with 2/3 each."""
    poll = poll_build(
        cw.conference,
        [cw.world.a, cw.world.b, cw.c],
        title="Suy tôn đơn vị đề nghị tặng Bằng khen",
        max_choices=2,
    )
    Poll.objects.filter(pk=poll.pk).update(award_title=Title.objects.get(code="BK_TINH"))
    poll.refresh_from_db()
    b, c = cw.candidate(cw.world.b, poll), cw.candidate(cw.c, poll)
    poll_open(actor=None, poll=poll)
    ballot_cast(actor=cw.world.head_a, poll=poll, choices={b.pk: CHOSEN, c.pk: CHOSEN})
    ballot_cast(actor=cw.world.head_b, poll=poll, choices={c.pk: CHOSEN})
    ballot_cast(actor=cw.head_c, poll=poll, choices={b.pk: CHOSEN})
    poll_close(actor=None, poll=poll)
    return poll_publish(actor=None, poll=poll)


def _election(cw: ConferenceWorld) -> Poll:
    """Khối trưởng for next year, 1 of A, B, C: A and C mark B, B marks C — B elected with 2/3."""
    poll = poll_build(
        cw.conference,
        [cw.world.a, cw.world.b, cw.c],
        title="Bầu Khối trưởng năm sau",
        kind=PollKind.ELECTION,
    )
    Poll.objects.filter(pk=poll.pk).update(office=PollOffice.LEADER)
    b, c = cw.candidate(cw.world.b, poll), cw.candidate(cw.c, poll)
    poll_open(actor=None, poll=poll)
    ballot_cast(actor=cw.world.head_a, poll=poll, choices={b.pk: CHOSEN})
    ballot_cast(actor=cw.world.head_b, poll=poll, choices={c.pk: CHOSEN})
    ballot_cast(actor=cw.head_c, poll=poll, choices={b.pk: CHOSEN})
    poll_close(actor=None, poll=poll)
    return poll_publish(actor=None, poll=poll)


def test_an_honouring_poll_fills_the_blocs_dossier_with_the_elected_units_and_their_votes(cw: ConferenceWorld):
    poll = _honouring(cw)
    # when the bloc's secretariat carries the result over
    applied = poll_result_apply(actor=cw.world.secretariat, poll=poll)
    # then a draft dossier of the bloc for the conference's year holds B and C for Bằng khen, with the figures
    dossier = applied.dossier
    assert dossier is not None
    assert (dossier.bloc_id, dossier.year, dossier.status) == (cw.conference.bloc_id, cw.conference.year, "draft")
    province = cw.world.p
    assert dossier.awarding_body == f"Chủ tịch Ủy ban nhân dân tỉnh {province.short_name or province.name}"
    rows = list(Nomination.objects.filter(dossier=dossier).order_by("unit__name").select_related("unit", "title"))
    assert [(n.unit.code, n.title.code) for n in rows] == [("so-c", "BK_TINH"), ("so-b", "BK_TINH")]
    assert all("2/3 phiếu" in n.achievement_summary for n in rows)
    assert all(n.verdict_status for n in rows)  # each nominee was evaluated on entry
    poll.refresh_from_db()
    assert poll.applied_at is not None and poll.applied_dossier_id == dossier.pk
    event = AuditEvent.objects.get(action="conferences.result_applied")
    assert sorted(event.after["nominations"]) == ["so-b", "so-c"]


def test_a_second_honouring_poll_adds_to_the_same_draft_dossier_and_skips_units_already_there(cw: ConferenceWorld):
    first = poll_result_apply(actor=None, poll=_honouring(cw))
    second = poll_result_apply(actor=None, poll=_honouring(cw))
    assert second.dossier == first.dossier
    assert second.nominations == ()
    assert sorted(second.skipped) == sorted([cw.world.b.name, cw.c.name])
    assert Nomination.objects.filter(dossier=first.dossier).count() == 2


def test_an_election_sets_next_years_leader_copying_the_year_first(cw: ConferenceWorld):
    year = cw.conference.year + 1
    assert not BlocMembership.objects.filter(bloc=cw.world.bloc, year=year).exists()
    # the province office keeps the blocs' composition (emulation), so it carries an election over
    applied = poll_result_apply(actor=cw.world.province_office, poll=_election(cw))
    roles = dict(BlocMembership.objects.filter(bloc=cw.world.bloc, year=year).values_list("unit__code", "role"))
    assert roles == {"so-a": BlocRole.MEMBER, "so-b": BlocRole.LEADER, "so-c": BlocRole.MEMBER}
    assert [seat.unit.code for seat in applied.seats] == ["so-b"]
    assert applied.dossier is None


@pytest.mark.parametrize("stage", ["open", "closed"])
def test_only_a_published_result_is_carried_over(cw: ConferenceWorld, stage: str):
    poll = cw.poll
    Poll.objects.filter(pk=poll.pk).update(award_title=Title.objects.get(code="BK_TINH"))
    poll_open(actor=None, poll=poll)
    if stage == "closed":
        poll_close(actor=None, poll=poll)
    with pytest.raises(PollStateError):
        poll_result_apply(actor=None, poll=poll)
    assert not Dossier.objects.exists()


def test_a_result_is_carried_over_once_and_a_poll_leading_nowhere_is_refused(cw: ConferenceWorld):
    poll = _honouring(cw)
    poll_result_apply(actor=None, poll=poll)
    with pytest.raises(PollStateError):
        poll_result_apply(actor=None, poll=poll)
    assert Nomination.objects.count() == 2
    # a plain poll (no title, no office) leads to nothing
    poll_open(actor=None, poll=cw.poll)
    poll_close(actor=None, poll=cw.poll)
    poll_publish(actor=None, poll=cw.poll)
    with pytest.raises(PollStateError):
        poll_result_apply(actor=None, poll=cw.poll)
    cw.poll.refresh_from_db()
    assert cw.poll.applied_at is None


def test_a_delegate_who_does_not_run_the_conference_cannot_carry_a_result_over(cw: ConferenceWorld):
    poll = _honouring(cw)
    with pytest.raises(ConferenceNotAllowed):
        poll_result_apply(actor=cw.world.head_b, poll=poll)
    poll.refresh_from_db()
    assert poll.applied_at is None
    assert not Dossier.objects.exists()


def test_a_poll_proposes_only_collective_titles_and_an_election_none(cw: ConferenceWorld):
    with pytest.raises(ConferenceInvalid):
        poll_create(
            actor=None,
            conference=cw.conference,
            title="Bầu Khối trưởng",
            kind=PollKind.ELECTION,
            office=PollOffice.LEADER,
            award_title=Title.objects.get(code="BK_TINH"),
        )
    with pytest.raises(ConferenceInvalid):
        poll_create(actor=None, conference=cw.conference, title="Suy tôn", award_title=Title.objects.get(code="CSTDCS"))
    assert Poll.objects.count() == 1  # only the fixture's poll


def test_the_secretariat_cannot_change_the_blocs_composition_so_an_election_waits_for_the_province(
    cw: ConferenceWorld,
):
    poll = _election(cw)
    with pytest.raises(BlocNotManageable):
        poll_result_apply(actor=cw.world.secretariat, poll=poll)
    poll.refresh_from_db()
    assert poll.applied_at is None
    assert not BlocMembership.objects.filter(bloc=cw.world.bloc, year=cw.conference.year + 1).exists()
