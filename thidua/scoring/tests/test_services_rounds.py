"""Services of the scoring round: rules, opening and switching to a newer criteria set version (issue 5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.tests.factories import UnitFactory
from thidua.scoring.choices import (
    CheckingMode,
    ConsolidationMethod,
    CriteriaSetStatus,
    CriterionKind,
    RoundStatus,
    ScorerKind,
    SheetKind,
    SheetStatus,
    TieBreak,
)
from thidua.scoring.errors import ScoringInvalid, ScoringStateError
from thidua.scoring.models import Criterion, ScoreSheet, ScoringAssignment, SheetEvent
from thidua.scoring.services import (
    CriterionInput,
    RoundRules,
    assignment_remove,
    criteria_set_approve,
    criteria_set_copy,
    criterion_delete,
    criterion_save,
    scoring_round_create,
    scoring_round_open,
    scoring_round_switch_set,
    scoring_round_update,
)
from thidua.scoring.tests.factories import YEAR, criteria_set_build, fill, points_of, snapshot

DAY = dt.date(YEAR, 6, 1)


def test_the_secretariat_creates_a_round_with_its_rules(world):
    # given
    criteria_set = criteria_set_build(world.bloc)
    rules = RoundRules(method=ConsolidationMethod.MEDIAN, tie_breaks=[TieBreak.SCORED_DESC], scorers_per_unit=1)
    # when
    scoring_round = scoring_round_create(
        actor=world.secretariat, bloc=world.bloc, year=YEAR, criteria_set=criteria_set, rules=rules
    )
    # then
    assert (scoring_round.status, scoring_round.method, scoring_round.tie_breaks) == (
        RoundStatus.PREPARING,
        ConsolidationMethod.MEDIAN,
        [TieBreak.SCORED_DESC],
    )
    assert AuditEvent.objects.filter(action="scoring.round_created", actor=world.secretariat).count() == 1


@pytest.mark.parametrize(
    ("_case", "rules", "fields"),
    [
        ("unknown checking mode", RoundRules(checking_mode="vote"), {"checking_mode"}),
        ("unknown method", RoundRules(method="max"), {"method"}),
        ("unknown tie-break", RoundRules(tie_breaks=["age"]), {"tie_breaks"}),
        ("repeated tie-break", RoundRules(tie_breaks=[TieBreak.BONUS_DESC] * 2), {"tie_breaks"}),
        ("no scorer", RoundRules(scorers_per_unit=0), {"scorers_per_unit"}),
        ("too many scorers", RoundRules(scorers_per_unit=21), {"scorers_per_unit"}),
        (
            "checking due before self-assessment due",
            RoundRules(self_assessment_due_on=DAY, checking_due_on=DAY - dt.timedelta(days=1)),
            {"checking_due_on"},
        ),
        ("everything at once", RoundRules(checking_mode="x", method="y", scorers_per_unit=0), None),
    ],
)
def test_invalid_rules_are_refused_per_field(world, _case, rules, fields):
    # given
    criteria_set = criteria_set_build(world.bloc)
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        scoring_round_create(actor=None, bloc=world.bloc, year=YEAR, criteria_set=criteria_set, rules=rules)
    # then
    assert set(error.value.fields) == (fields or {"checking_mode", "method", "scorers_per_unit"})
    assert snapshot() == before


def test_a_set_of_another_year_or_a_second_round_is_refused(world):
    # given
    criteria_set = criteria_set_build(world.bloc)
    next_year = criteria_set_build(world.bloc, year=YEAR + 1)
    scoring_round_create(actor=None, bloc=world.bloc, year=YEAR, criteria_set=criteria_set, rules=RoundRules())
    before = snapshot()
    # when / then
    with pytest.raises(ScoringInvalid) as error:
        scoring_round_create(actor=None, bloc=world.bloc, year=YEAR + 1, criteria_set=criteria_set, rules=RoundRules())
    assert set(error.value.fields) == {"criteria_set"}
    with pytest.raises(ScoringStateError):
        scoring_round_create(actor=None, bloc=world.bloc, year=YEAR, criteria_set=criteria_set, rules=RoundRules())
    assert next_year.year == YEAR + 1
    assert snapshot() == before


def test_rules_change_freely_while_preparing(sw):
    # when
    updated = scoring_round_update(
        actor=sw.world.province_office,
        scoring_round=sw.scoring_round,
        rules=RoundRules(method=ConsolidationMethod.CHECKER, is_normalised=True, scorers_per_unit=2),
    )
    # then
    updated.refresh_from_db()
    assert (updated.method, updated.is_normalised, updated.scorers_per_unit) == (ConsolidationMethod.CHECKER, True, 2)
    assert AuditEvent.objects.filter(action="scoring.round_updated").count() == 1


def test_once_open_only_deadlines_move(sw):
    # given
    sw.open()
    rules = RoundRules(scorers_per_unit=1, self_assessment_due_on=DAY, checking_due_on=DAY + dt.timedelta(days=10))
    # when
    updated = scoring_round_update(actor=None, scoring_round=sw.scoring_round, rules=rules)
    # then
    assert (updated.self_assessment_due_on, updated.checking_due_on) == (DAY, DAY + dt.timedelta(days=10))
    before = snapshot()
    with pytest.raises(ScoringStateError):
        scoring_round_update(
            actor=None, scoring_round=sw.scoring_round, rules=RoundRules(scorers_per_unit=1, method="median")
        )
    assert snapshot() == before
    sw.refresh()
    assert sw.scoring_round.method == ConsolidationMethod.MEAN


def test_rules_no_longer_change_once_consolidated(sw):
    sw.advance("consolidated")
    before = snapshot()
    with pytest.raises(ScoringStateError):
        scoring_round_update(actor=None, scoring_round=sw.scoring_round, rules=RoundRules(scorers_per_unit=1))
    assert snapshot() == before


def test_opening_creates_every_self_sheet_and_checking_sheet_and_locks_the_set(sw):
    # when
    scoring_round = scoring_round_open(actor=sw.world.secretariat, scoring_round=sw.scoring_round)
    # then
    assert scoring_round.status == RoundStatus.SCORING
    assert scoring_round.opened_at is not None
    sheets = ScoreSheet.objects.filter(scoring_round=scoring_round)
    assert sheets.filter(kind=SheetKind.SELF).count() == 3
    assert sheets.filter(kind=SheetKind.CHECK).count() == 3
    assert set(sheets.values_list("status", "version", "criteria_set_id")) == {
        (SheetStatus.DRAFT, 0, sw.criteria_set.pk)
    }
    sw.criteria_set.refresh_from_db()
    assert sw.criteria_set.status == CriteriaSetStatus.LOCKED
    assert AuditEvent.objects.filter(action="scoring.round_opened").count() == 1


def test_opening_twice_is_refused(sw):
    sw.open()
    before = snapshot()
    with pytest.raises(ScoringStateError):
        scoring_round_open(actor=None, scoring_round=sw.scoring_round)
    assert snapshot() == before


def test_opening_with_a_draft_set_is_refused(world):
    # given
    draft = criteria_set_build(world.bloc, approve=False)
    scoring_round = scoring_round_create(
        actor=None, bloc=world.bloc, year=YEAR, criteria_set=draft, rules=RoundRules(scorers_per_unit=1)
    )
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="chưa được khối thông qua"):
        scoring_round_open(actor=None, scoring_round=scoring_round)
    assert snapshot() == before


def test_opening_with_a_unit_nobody_checks_is_refused(sw):
    # given
    assignment_remove(actor=None, assignment=ScoringAssignment.objects.filter(scoring_round=sw.scoring_round).first())
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="chưa được phân công"):
        scoring_round_open(actor=None, scoring_round=sw.scoring_round)
    assert snapshot() == before


def test_opening_a_bloc_of_one_unit_is_refused(world):
    # given
    bloc = BlocFactory(province=world.p, name="Khối một đơn vị")
    member_add(bloc, UnitFactory(code="so-lone", name="Sở Tư pháp", parent=world.p))
    scoring_round = scoring_round_create(
        actor=None, bloc=bloc, year=YEAR, criteria_set=criteria_set_build(bloc), rules=RoundRules()
    )
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="ít nhất hai"):
        scoring_round_open(actor=None, scoring_round=scoring_round)
    assert snapshot() == before


def test_a_secretariat_checked_round_assigns_the_secretariat_to_every_unit(sw):
    # given
    scoring_round_update(
        actor=None, scoring_round=sw.scoring_round, rules=RoundRules(checking_mode=CheckingMode.SECRETARIAT)
    )
    # when
    scoring_round_open(actor=None, scoring_round=sw.scoring_round)
    # then
    assignments = ScoringAssignment.objects.filter(scoring_round=sw.scoring_round)
    assert list(assignments.values_list("scorer_kind", flat=True)) == [ScorerKind.SECRETARIAT] * 3


def _version_2(sw, *, approve: bool = True):
    """Version 2: criterion 1 capped at 5, criterion 4 dropped, a new criterion 5."""
    version_2 = criteria_set_copy(actor=None, source=sw.criteria_set, year=YEAR, reason="Sửa theo góp ý của khối")
    group = version_2.groups.get(code="I")
    one = Criterion.objects.get(group=group, code="1")
    criterion_save(
        actor=None,
        group=group,
        criterion=one,
        data=CriterionInput(code="1", name="Tiêu chí số 1", kind=CriterionKind.SCORED, max_points="5"),
    )
    criterion_delete(actor=None, criterion=Criterion.objects.get(group__criteria_set=version_2, code="4"))
    criterion_save(
        actor=None, group=group, data=CriterionInput(code="5", name="Mới", kind=CriterionKind.SCORED, max_points="3")
    )
    if approve:
        version_2 = criteria_set_approve(actor=None, criteria_set=version_2, reference="Biên bản số 2")
    return version_2


def test_switching_to_a_newer_version_carries_points_by_code_and_returns_sent_sheets(sw):
    # given
    sw.open()
    fill(sw.self_sheet("a"), ["10", "20", "10", "0"])
    fill(sw.self_sheet("b"), ["9", "18", "5", "1"], submit=False)
    version_2 = _version_2(sw)
    sent, draft = sw.self_sheet("a"), sw.self_sheet("b")
    # when
    scoring_round = scoring_round_switch_set(
        actor=sw.world.secretariat, scoring_round=sw.scoring_round, criteria_set=version_2
    )
    # then
    assert scoring_round.criteria_set == version_2
    version_2.refresh_from_db()
    assert version_2.status == CriteriaSetStatus.LOCKED
    sent_after, draft_after = sw.self_sheet("a"), sw.self_sheet("b")
    assert points_of(sent_after) == {"1": Decimal("5"), "2": Decimal("20"), "3": Decimal("10")}
    assert points_of(draft_after) == {"1": Decimal("5"), "2": Decimal("18"), "3": Decimal("5")}
    assert (sent_after.status, sent_after.version) == (SheetStatus.RETURNED, sent.version + 1)
    assert "Sửa theo góp ý của khối" in sent_after.return_reason
    assert (draft_after.status, draft_after.version) == (SheetStatus.DRAFT, draft.version + 1)
    assert set(ScoreSheet.objects.values_list("criteria_set_id", flat=True)) == {version_2.pk}
    assert SheetEvent.objects.filter(sheet=sent_after, action="returned").count() == 1
    assert AuditEvent.objects.filter(action="scoring.round_set_switched").count() == 1


def test_switching_to_a_draft_the_same_or_another_years_version_is_refused(sw):
    # given
    sw.open()
    draft = _version_2(sw, approve=False)
    next_year = criteria_set_build(sw.world.bloc, year=YEAR + 1)
    before = snapshot()
    # when / then
    for criteria_set in (draft, sw.criteria_set, next_year):
        with pytest.raises(ScoringStateError):
            scoring_round_switch_set(actor=None, scoring_round=sw.scoring_round, criteria_set=criteria_set)
    assert snapshot() == before


def test_switching_before_opening_is_refused(sw):
    version_2 = criteria_set_copy(actor=None, source=sw.criteria_set, year=YEAR, reason="Sửa")
    version_2 = criteria_set_approve(actor=None, criteria_set=version_2, reference="Biên bản")
    before = snapshot()
    with pytest.raises(ScoringStateError):
        scoring_round_switch_set(actor=None, scoring_round=sw.scoring_round, criteria_set=version_2)
    assert snapshot() == before
