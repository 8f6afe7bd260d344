"""The ballot's list is drawn from the bloc's published ranking and the units' registrations (issue 7, point 1)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from thidua.awards.models import Title
from thidua.awards.tests.catalogue import title_catalogue  # noqa: F401
from thidua.conferences.models import Poll
from thidua.conferences.tests.conftest import ConferenceWorld
from thidua.registrations.models import Registration
from thidua.registrations.tests.factories import registration_draft
from thidua.scoring.models import ScoringRound, UnitResult
from thidua.scoring.tests.factories import criteria_set_build, round_build


def _published_ranking(cw: ConferenceWorld, order: list) -> None:
    scoring_round = round_build(cw.world.bloc, criteria_set_build(cw.world.bloc, year=cw.conference.year))
    ScoringRound.objects.filter(pk=scoring_round.pk).update(status="published")
    zero = Decimal("0")
    for rank, unit in enumerate(order, start=1):
        total = Decimal(100 - rank)
        UnitResult.objects.create(
            scoring_round=scoring_round,
            unit=unit,
            rank=rank,
            scored_points=total,
            bonus_points=zero,
            penalty_points=zero,
            total=total,
            self_total=total,
        )


def test_candidates_follow_the_published_ranking_and_start_from_the_registrations(client, cw: ConferenceWorld):
    # given a published ranking C, B, A and a new draft poll proposing TTLDTT, which only B registered (submitted)
    world = cw.world
    _published_ranking(cw, [cw.c, world.b, world.a])
    registration = registration_draft(world.b, cw.conference.year)
    Registration.objects.filter(pk=registration.pk).update(status="submitted")
    registration_draft(world.a, cw.conference.year)  # a draft does not count
    poll = Poll.objects.create(conference=cw.conference, title="Suy tôn tập thể lao động tiên tiến", max_choices=1)
    Poll.objects.filter(pk=poll.pk).update(award_title=Title.objects.get(code="TTLDTT"))
    client.force_login(world.secretariat)

    # when the secretariat opens the poll
    page = client.get(reverse("conferences:poll", args=[cw.conference.pk, poll.pk]))

    # then the units are listed in ranking order with their rank; B is preselected as registered
    form = page.context["forms"]["candidates"]
    field = form["units"]
    labels = [str(choice.choice_label) for choice in field]
    assert labels[0].startswith(cw.c.name) and "hạng 1" in labels[0]
    assert labels[1].startswith(world.b.name) and "đã đăng ký" in labels[1]
    assert "đã đăng ký" not in labels[2]
    assert form.initial["units"] == [world.b.pk]

    # and saving the list keeps the ranking's order on the ballot
    client.post(
        reverse("conferences:poll_action", args=[cw.conference.pk, poll.pk, "candidates"]),
        {"candidates-units": [world.a.pk, cw.c.pk, world.b.pk]},
    )
    assert [c.unit_id for c in poll.candidates.order_by("order")] == [cw.c.pk, world.b.pk, world.a.pk]
