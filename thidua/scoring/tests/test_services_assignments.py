"""Services of checking assignments: balanced cross-scoring, manual assignment, conflicts of interest (issue 5)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from thidua.core.models import AuditEvent
from thidua.scoring.choices import AssignmentMethod, AssignmentStatus, CheckingMode, ScorerKind, SheetKind
from thidua.scoring.errors import ScoringInvalid, ScoringStateError
from thidua.scoring.models import CriterionResult, ScoreSheet, ScoringAssignment
from thidua.scoring.services import (
    RoundRules,
    assignment_add,
    assignment_conflict_declare,
    assignment_remove,
    assignments_generate,
    score_sheet_save,
    scoring_round_update,
)
from thidua.scoring.tests.factories import cells, checker_of, fill, snapshot


def _pairs(scoring_round):
    return set(
        ScoringAssignment.objects.filter(scoring_round=scoring_round, status=AssignmentStatus.ACTIVE).values_list(
            "scorer_unit_id", "scored_unit_id"
        )
    )


def test_the_round_robin_draw_is_balanced_and_never_self(sw):
    # given
    a, b, c = sw.world.a, sw.world.b, sw.c
    # when
    created = assignments_generate(actor=sw.world.secretariat, scoring_round=sw.scoring_round)
    # then
    assert len(created) == 3
    assert _pairs(sw.scoring_round) == {(a.pk, b.pk), (b.pk, c.pk), (c.pk, a.pk)}
    assert AuditEvent.objects.filter(action="scoring.assignments_generated").count() == 2


def test_a_random_draw_is_reproducible_with_its_seed(sw):
    # when
    assignments_generate(actor=None, scoring_round=sw.scoring_round, method=AssignmentMethod.RANDOM, seed=7)
    first = _pairs(sw.scoring_round)
    assignments_generate(actor=None, scoring_round=sw.scoring_round, method=AssignmentMethod.RANDOM, seed=7)
    # then
    assert _pairs(sw.scoring_round) == first
    assert all(scorer != scored for scorer, scored in first)
    assert len(first) == 3


def test_an_unknown_draw_method_is_refused_by_field(sw):
    before = snapshot()
    with pytest.raises(ScoringInvalid) as error:
        assignments_generate(actor=None, scoring_round=sw.scoring_round, method="lottery")
    assert set(error.value.fields) == {"method"}
    assert snapshot() == before


def test_a_draw_with_as_many_scorers_as_other_units_is_impossible(sw):
    # given
    scoring_round_update(actor=None, scoring_round=sw.scoring_round, rules=RoundRules(scorers_per_unit=3))
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="không thể"):
        assignments_generate(actor=None, scoring_round=sw.scoring_round)
    assert snapshot() == before


def test_a_draw_is_refused_outside_cross_scoring(sw):
    # given
    scoring_round_update(actor=None, scoring_round=sw.scoring_round, rules=RoundRules(checking_mode=CheckingMode.PANEL))
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="không chấm chéo"):
        assignments_generate(actor=None, scoring_round=sw.scoring_round)
    assert snapshot() == before


def test_no_draw_once_scoring_is_open(sw):
    sw.open()
    before = snapshot()
    with pytest.raises(ScoringStateError):
        assignments_generate(actor=None, scoring_round=sw.scoring_round)
    assert snapshot() == before


def test_a_unit_is_never_assigned_to_score_itself(sw):
    # given
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        assignment_add(actor=None, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_unit=sw.world.a)
    # then
    assert error.value.fields == {"scorer_unit": ["Một đơn vị không được chấm điểm chính mình."]}
    assert snapshot() == before


def test_the_database_refuses_a_unit_scoring_itself(sw):
    # given
    before = ScoringAssignment.objects.count()
    # when
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoringAssignment.objects.create(
            scoring_round=sw.scoring_round,
            scored_unit=sw.world.a,
            scorer_kind=ScorerKind.UNIT,
            scorer_unit=sw.world.a,
        )
    # then
    assert ScoringAssignment.objects.count() == before


def test_a_checker_added_while_preparing_has_no_sheet_yet(sw):
    # when
    assignment = assignment_add(
        actor=sw.world.province_office, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_unit=sw.world.b
    )
    # then
    assert (assignment.scorer_kind, assignment.status) == (ScorerKind.UNIT, AssignmentStatus.ACTIVE)
    assert not ScoreSheet.objects.filter(assignment=assignment).exists()
    assert AuditEvent.objects.filter(action="scoring.assignment_added").count() == 1


def test_a_checker_added_while_scoring_gets_its_sheet(sw):
    # given
    sw.open()
    # when
    assignment = assignment_add(
        actor=None, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_unit=sw.world.b
    )
    # then
    sheet = ScoreSheet.objects.get(assignment=assignment)
    assert (sheet.kind, sheet.unit, sheet.criteria_set) == (SheetKind.CHECK, sw.world.a, sw.criteria_set)


@pytest.mark.parametrize(
    ("_case", "scored", "scorer", "field"),
    [
        ("scored unit outside the bloc", "q1", "b", "scored_unit"),
        ("scored unit is a child unit, not a member", "a1", "b", "scored_unit"),
        ("scorer unit outside the bloc", "a", "q1", "scorer_unit"),
        ("no scorer unit", "a", None, "scorer_unit"),
        ("the unit itself", "b", "b", "scorer_unit"),
    ],
)
def test_manual_assignment_input_is_refused_per_field(sw, _case, scored, scorer, field):
    # given
    units = {"a": sw.world.a, "a1": sw.world.a1, "b": sw.world.b, "q1": sw.world.q1}
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        assignment_add(
            actor=None,
            scoring_round=sw.scoring_round,
            scored_unit=units[scored],
            scorer_unit=units[scorer] if scorer else None,
        )
    # then
    assert set(error.value.fields) == {field}
    assert snapshot() == before


def test_the_same_checker_twice_is_refused(sw):
    before = snapshot()
    with pytest.raises(ScoringStateError, match="đã được phân công"):
        assignment_add(actor=None, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_unit=sw.c)
    assert snapshot() == before


def test_panel_members_are_assigned_but_never_to_their_own_unit(sw):
    # given
    scoring_round_update(actor=None, scoring_round=sw.scoring_round, rules=RoundRules(checking_mode=CheckingMode.PANEL))
    # when
    assignment = assignment_add(
        actor=None, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_user=sw.world.head_b
    )
    # then
    assert (assignment.scorer_kind, assignment.scorer_user) == (ScorerKind.PANEL_MEMBER, sw.world.head_b)
    before = snapshot()
    with pytest.raises(ScoringInvalid) as missing:
        assignment_add(actor=None, scoring_round=sw.scoring_round, scored_unit=sw.world.a)
    with pytest.raises(ScoringInvalid) as own:
        assignment_add(actor=None, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_user=sw.world.plain)
    with pytest.raises(ScoringStateError):
        assignment_add(actor=None, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_user=sw.world.head_b)
    assert set(missing.value.fields) == set(own.value.fields) == {"scorer_user"}
    assert snapshot() == before


def test_no_manual_assignment_when_the_secretariat_checks_or_after_scoring(sw):
    # given
    scoring_round_update(
        actor=None, scoring_round=sw.scoring_round, rules=RoundRules(checking_mode=CheckingMode.SECRETARIAT)
    )
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="không cần phân công"):
        assignment_add(actor=None, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_unit=sw.world.b)
    assert snapshot() == before


def test_no_manual_assignment_once_consolidated(sw):
    sw.advance("consolidated")
    before = snapshot()
    with pytest.raises(ScoringStateError):
        assignment_add(actor=None, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_unit=sw.world.b)
    assert snapshot() == before


def test_an_assignment_is_removed_only_while_preparing(sw):
    # given
    assignment = ScoringAssignment.objects.filter(scoring_round=sw.scoring_round).first()
    # when
    assignment_remove(actor=sw.world.secretariat, assignment=assignment)
    # then
    assert not ScoringAssignment.objects.filter(pk=assignment.pk).exists()
    assignment_add(
        actor=None,
        scoring_round=sw.scoring_round,
        scored_unit=assignment.scored_unit,
        scorer_unit=assignment.scorer_unit,
    )
    sw.open()
    other = ScoringAssignment.objects.filter(scoring_round=sw.scoring_round).first()
    before = snapshot()
    with pytest.raises(ScoringStateError):
        assignment_remove(actor=None, assignment=other)
    assert snapshot() == before


def test_a_conflict_of_interest_replaces_the_scorer_by_another_member_and_the_old_sheet_stops_counting(sw):
    # given: C checks A; B is the only other member
    sw.open()
    old = ScoringAssignment.objects.get(scoring_round=sw.scoring_round, scored_unit=sw.world.a)
    # when
    replacement = assignment_conflict_declare(actor=sw.head_c, assignment=old, reason="Giám đốc C là vợ giám đốc A")
    # then
    old.refresh_from_db()
    assert (old.status, old.replaced_by, old.conflict_reason) == (
        AssignmentStatus.REPLACED,
        replacement,
        "Giám đốc C là vợ giám đốc A",
    )
    assert replacement.scorer_unit == sw.world.b
    assert replacement.scorer_unit != replacement.scored_unit
    assert checker_of(sw.scoring_round, sw.world.a) == sw.world.b
    assert ScoreSheet.objects.filter(assignment=replacement, kind=SheetKind.CHECK).exists()
    assert AuditEvent.objects.filter(action="scoring.conflict_declared").count() == 1
    # and the replaced sheet is neither editable nor counted
    sw.self_assess()
    old_sheet = ScoreSheet.objects.get(assignment=old)
    with pytest.raises(ScoringStateError, match="đã được thay"):
        score_sheet_save(actor=None, sheet=old_sheet, version=old_sheet.version, scores=cells(old_sheet, ["1"] * 4))
    sw.check()
    sw.consolidate()
    contributions = CriterionResult.objects.filter(scoring_round=sw.scoring_round, unit=sw.world.a).values_list(
        "contributions", flat=True
    )
    assert {item["scorer"] for marks in contributions for item in marks} == {"self", f"a{replacement.pk}"}


def test_a_unit_that_declared_a_conflict_is_never_assigned_back(sw):
    # given: C declares a conflict with A, B replaces it, then B declares one too
    sw.open()
    old = ScoringAssignment.objects.get(scoring_round=sw.scoring_round, scored_unit=sw.world.a)
    replacement = assignment_conflict_declare(actor=sw.head_c, assignment=old, reason="Quan hệ gia đình")
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="Không còn đơn vị"):
        assignment_conflict_declare(actor=sw.world.head_b, assignment=replacement, reason="Cùng dự án")
    assert snapshot() == before


def test_a_conflict_needs_a_reason(sw):
    sw.open()
    assignment = ScoringAssignment.objects.get(scoring_round=sw.scoring_round, scored_unit=sw.world.a)
    before = snapshot()
    with pytest.raises(ScoringInvalid) as error:
        assignment_conflict_declare(actor=sw.head_c, assignment=assignment, reason=" ")
    assert set(error.value.fields) == {"reason"}
    assert snapshot() == before


def test_no_conflict_after_the_sheet_is_sent_or_twice(sw):
    # given
    sw.open()
    sw.self_assess()
    sent = ScoringAssignment.objects.get(scoring_round=sw.scoring_round, scored_unit=sw.world.a)
    fill(ScoreSheet.objects.get(assignment=sent), ["7", "15", "2", "1"])
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="đã gửi"):
        assignment_conflict_declare(actor=sw.head_c, assignment=sent, reason="Quan hệ gia đình")
    assert snapshot() == before
    other = ScoringAssignment.objects.get(scoring_round=sw.scoring_round, scored_unit=sw.world.b)
    assignment_conflict_declare(actor=sw.world.head_a, assignment=other, reason="Quan hệ gia đình")
    with pytest.raises(ScoringStateError):
        assignment_conflict_declare(actor=sw.world.head_a, assignment=other, reason="Lần hai")


def test_no_conflict_once_consolidated(sw):
    sw.advance("consolidated")
    assignment = ScoringAssignment.objects.get(scoring_round=sw.scoring_round, scored_unit=sw.world.a)
    before = snapshot()
    with pytest.raises(ScoringStateError):
        assignment_conflict_declare(actor=sw.head_c, assignment=assignment, reason="Quan hệ gia đình")
    assert snapshot() == before


def test_a_panel_member_asks_the_secretariat_instead_of_declaring(sw):
    # given
    scoring_round_update(actor=None, scoring_round=sw.scoring_round, rules=RoundRules(checking_mode=CheckingMode.PANEL))
    assignment = assignment_add(
        actor=None, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_user=sw.world.head_b
    )
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="thành viên tổ chấm"):
        assignment_conflict_declare(actor=sw.world.head_b, assignment=assignment, reason="Quan hệ gia đình")
    assert snapshot() == before
