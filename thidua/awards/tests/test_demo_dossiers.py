"""The demo's 2019 dossier of bloc III: the three units the conference proposed, decided in 2020, in the history."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from thidua.awards import demo_dossiers
from thidua.awards.models import AwardRecord, Decision, Dossier, Nomination

pytestmark = pytest.mark.django_db


def test_bloc_dossier_of_2019_is_decided_and_recorded_in_the_history():
    # given the demo world
    call_command("loaddemo")
    # then bloc III's 2019 dossier proposes Bằng khen tỉnh for the three units of the seed article, under regime A
    dossier = Dossier.objects.get(bloc__name="Khối thi đua các cơ quan tham mưu III", year=2019)
    codes = set(Nomination.objects.filter(dossier=dossier).values_list("unit__code", flat=True))
    assert codes == set(demo_dossiers.PROPOSED)
    assert dossier.status == "decided"
    assert {n.evaluation.get("regime") for n in Nomination.objects.filter(dossier=dossier)} == {"A"}
    # and the 2020 decision put them in the award history
    decision = Decision.objects.get(dossier=dossier)
    assert decision.decided_on.year == 2020
    recorded = set(
        AwardRecord.objects.filter(title__code="BK_TINH", year=2019, unit__isnull=False).values_list(
            "unit__code", flat=True
        )
    )
    assert recorded == set(demo_dossiers.PROPOSED)


def test_loading_the_dossier_again_changes_nothing():
    call_command("loaddemo")
    before = (Dossier.objects.count(), Nomination.objects.count(), Decision.objects.count())
    call_command("loaddemo")
    assert (Dossier.objects.count(), Nomination.objects.count(), Decision.objects.count()) == before
