"""The demo step: bloc III's 2019 criteria set, cross-scoring, appeal and published ranking; idempotent."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from thidua.core.models import AuditEvent
from thidua.demo.context import DemoContext
from thidua.demo.world import UNITS
from thidua.emulation.models import Bloc
from thidua.organizations.models import Unit
from thidua.scoring.choices import AppealStatus, CriteriaSetStatus, CriterionKind, RoundStatus, SheetKind, SheetStatus
from thidua.scoring.demo import demo_load
from thidua.scoring.models import (
    Appeal,
    Criterion,
    CriterionGroup,
    ScoreSheet,
    ScoringAssignment,
    ScoringRound,
    UnitResult,
)

pytestmark = pytest.mark.django_db

TOP_THREE = {"qn-so-ldtbxh", "qn-bao-quang-nam", "qn-dai-ptth"}


def _counts() -> tuple[int, ...]:
    return (
        ScoringRound.objects.count(),
        Criterion.objects.count(),
        ScoreSheet.objects.count(),
        UnitResult.objects.count(),
        Appeal.objects.count(),
        AuditEvent.objects.count(),
    )


def test_bloc_iii_2019_is_scored_published_and_loading_again_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    # given: the demo world with this app's step only (the other apps' steps are theirs to test)
    monkeypatch.setattr("thidua.demo.world.DEMO_STEPS", ["thidua.scoring.demo"])
    call_command("loaddemo")
    bloc = Bloc.objects.select_related("province").get(name="Khối thi đua các cơ quan tham mưu III")
    codes = tuple(code for code, *_rest in UNITS)
    context = DemoContext(
        province=bloc.province,
        units={unit.code: unit for unit in Unit.objects.all()},
        bloc_iii=bloc,
        bloc_i=bloc,
        bloc_iii_codes=codes,
    )
    counts = _counts()
    # when
    demo_load(context)
    # then: nothing more
    assert _counts() == counts
    scoring_round = ScoringRound.objects.select_related("criteria_set").get(bloc=bloc, year=2019)
    assert scoring_round.status == RoundStatus.PUBLISHED
    # the criteria set: ~20 criteria in 4–5 groups, 100 points of scored criteria, bonus and penalty items
    criteria_set = scoring_round.criteria_set
    assert criteria_set.status == CriteriaSetStatus.LOCKED
    assert criteria_set.approval_reference == "Biên bản họp Khối ngày 20/02/2019"
    assert 4 <= CriterionGroup.objects.filter(criteria_set=criteria_set).count() <= 5
    criteria = list(Criterion.objects.filter(group__criteria_set=criteria_set))
    assert 18 <= len(criteria) <= 22
    assert sum(c.max_points for c in criteria if c.kind == CriterionKind.SCORED) == Decimal(100)
    assert {(c.kind, c.max_points) for c in criteria if c.kind == CriterionKind.BONUS} == {
        (CriterionKind.BONUS, Decimal(10)),
        (CriterionKind.BONUS, Decimal(15)),
    }
    assert any(c.kind == CriterionKind.PENALTY for c in criteria)
    assert all(c.guidance and c.required_evidence for c in criteria)
    # seven results, the three units proposed for Bằng khen on top
    results = list(UnitResult.objects.filter(scoring_round=scoring_round).select_related("unit").order_by("rank"))
    assert len(results) == 7
    assert {r.unit.code for r in results[:3]} == TOP_THREE
    assert max(r.rank for r in results[:3]) < min(r.rank for r in results[3:])
    # every sheet sent: seven self-assessments and two checking sheets per unit
    sheets = ScoreSheet.objects.filter(scoring_round=scoring_round)
    assert set(sheets.values_list("status", flat=True)) == {SheetStatus.SUBMITTED}
    assert sheets.filter(kind=SheetKind.SELF).count() == 7
    assert sheets.filter(kind=SheetKind.CHECK).count() == 14
    # nobody checked itself
    assignments = ScoringAssignment.objects.filter(scoring_round=scoring_round)
    assert assignments.count() == 14
    assert all(a.scorer_unit_id != a.scored_unit_id for a in assignments)
    # the appeal was answered (rejected, with a reason) before publication
    appeal = Appeal.objects.get(scoring_round=scoring_round)
    assert appeal.status == AppealStatus.REJECTED
    assert appeal.answer
    assert scoring_round.published_at is not None
    assert (scoring_round.published_at.year, scoring_round.published_at.month) == (2020, 1)
