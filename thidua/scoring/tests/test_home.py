"""The home page lists the score sheets waiting for the user's unit, and open appeals for the secretariat."""

from django.urls import reverse

from thidua.scoring.choices import SheetKind
from thidua.scoring.models import ScoreSheet
from thidua.scoring.tests.test_api import scoring_world_build


def test_unit_head_sees_its_self_assessment_and_checks_to_fill(client, world):
    # given an open round where A has its self-assessment and two checks to fill
    built = scoring_world_build(world, stage="scoring")
    self_sheet = ScoreSheet.objects.get(scoring_round=built.scoring_round, unit=world.a, kind=SheetKind.SELF)
    client.force_login(world.head_a)
    # when the head opens the home page
    response = client.get(reverse("core:home"))
    # then the panel links to the self-assessment
    assert response.status_code == 200
    content = response.content.decode()
    assert "Chấm điểm thi đua" in content
    assert reverse("scoring:sheet", args=[self_sheet.pk]) in content
    assert content.count("Chấm kiểm tra") >= 1


def test_user_without_scoring_work_sees_no_scoring_panel(client, world):
    scoring_world_build(world, stage="scoring")
    client.force_login(world.plain)
    response = client.get(reverse("core:home"))
    assert "Chấm điểm thi đua" not in response.content.decode()
