"""Authorization matrix of every scoring write service (S26): who may do what, and a refusal changes nothing.

Actors: anonymous, a user with no role (plain), the office of another province (q_office), the head of another unit
(head_b acting on A's sheets), A's officer (where the head is required), A's head, the bloc secretariat and the
province office. A refusal raises ScoringNotAllowed and leaves every scoring row and audit event as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from thidua.scoring.errors import ScoringNotAllowed
from thidua.scoring.models import Appeal, CriterionGroup, Evidence, ScoringAssignment
from thidua.scoring.services import (
    CriterionInput,
    RoundRules,
    appeal_answer,
    appeal_file,
    appeal_window_open,
    assignment_add,
    assignment_conflict_declare,
    assignment_remove,
    assignments_generate,
    criteria_set_approve,
    criteria_set_copy,
    criteria_set_create,
    criterion_delete,
    criterion_group_delete,
    criterion_group_save,
    criterion_save,
    evidence_add,
    evidence_remove,
    score_correct,
    score_sheet_return,
    score_sheet_save,
    score_sheet_submit,
    scoring_round_consolidate,
    scoring_round_create,
    scoring_round_open,
    scoring_round_publish,
    scoring_round_switch_set,
    scoring_round_update,
)
from thidua.scoring.tests.factories import YEAR, cells, criteria_of, criteria_set_build, fill, pdf, snapshot

ACTORS = ["anonymous", "plain", "q_office", "head_b", "officer_a", "head_a", "secretariat", "province_office"]
MANAGERS = {"secretariat", "province_office"}
EDITORS_OF_A = {"officer_a", "head_a"}
HEAD_OF_A = {"head_a"}

Act = Callable[[Any], object]


def _draft_set(sw):
    return criteria_set_build(sw.world.bloc, year=YEAR + 1, approve=False)


def _version_2(sw):
    sw.open()
    copy = criteria_set_copy(actor=None, source=sw.criteria_set, year=YEAR, reason="Sửa tiêu chí")
    version_2 = criteria_set_approve(actor=None, criteria_set=copy, reference="Biên bản")
    return lambda actor: scoring_round_switch_set(actor=actor, scoring_round=sw.scoring_round, criteria_set=version_2)


def _criterion_input() -> CriterionInput:
    return CriterionInput(code="9", name="Mới", kind="scored", max_points="5")


def _self_filled(sw):
    sw.open()
    return fill(sw.self_sheet("a"), ["9", "18", "5", "1"], submit=False)


def _check_of_b_filled(sw):
    sw.open()
    fill(sw.self_sheet("b"), ["9", "18", "5", "1"])
    return fill(sw.check_sheet("b"), ["8", "16", "5", "1"], submit=False)


def _self_a_sent(sw):
    sw.open()
    return fill(sw.self_sheet("a"), ["9", "18", "5", "1"])


def _evidence(sw):
    sw.open()
    sheet = sw.self_sheet("a")
    evidence = evidence_add(actor=None, sheet=sheet, criterion=criteria_of(sheet)[0], upload=pdf())
    return lambda actor: evidence_remove(actor=actor, evidence=Evidence.objects.get(pk=evidence.pk))


def _appeal_of_a(sw):
    sw.advance("appeal")
    appeal = appeal_file(
        actor=sw.world.head_a, scoring_round=sw.scoring_round, unit=sw.world.a, criterion=sw.criteria[0], text="Xem lại"
    )
    return lambda actor: appeal_answer(
        actor=actor, appeal=Appeal.objects.get(pk=appeal.pk), is_accepted=True, answer="Đúng", points="9"
    )


def _published(sw):
    sw.advance("published")
    return lambda actor: score_correct(
        actor=actor,
        scoring_round=sw.scoring_round,
        unit=sw.world.a,
        criterion=sw.criteria[0],
        points="9",
        reason="Nhầm",
    )


def _staged(stage: str, act: Callable[[Any, Any], object]) -> Callable[[Any], Act]:
    def setup(sw):
        sw.advance(stage)
        return lambda actor: act(sw, actor)

    return setup


def _draft(act: Callable[[Any, Any, Any], object]) -> Callable[[Any], Act]:
    def setup(sw):
        draft = _draft_set(sw)
        return lambda actor: act(sw, draft, actor)

    return setup


def _sheet(make: Callable[[Any], Any], act: Callable[[Any, Any, Any], object]) -> Callable[[Any], Act]:
    def setup(sw):
        sheet = make(sw)
        return lambda actor: act(sw, sheet, actor)

    return setup


CASES: dict[str, tuple[Callable[[Any], Act], set[str]]] = {
    "criteria_set_create": (
        lambda sw: lambda actor: criteria_set_create(actor=actor, bloc=sw.world.bloc, year=YEAR + 1, title="Năm sau"),
        MANAGERS,
    ),
    "criteria_set_copy": (
        lambda sw: lambda actor: criteria_set_copy(actor=actor, source=sw.criteria_set, year=YEAR + 1),
        MANAGERS,
    ),
    "criterion_group_save": (
        _draft(lambda sw, draft, actor: criterion_group_save(actor=actor, criteria_set=draft, code="III", name="Mới")),
        MANAGERS,
    ),
    "criterion_save": (
        _draft(
            lambda sw, draft, actor: criterion_save(
                actor=actor, group=CriterionGroup.objects.filter(criteria_set=draft).first(), data=_criterion_input()
            )
        ),
        MANAGERS,
    ),
    "criterion_delete": (
        _draft(lambda sw, draft, actor: criterion_delete(actor=actor, criterion=criteria_of(draft)[-1])),
        MANAGERS,
    ),
    "criterion_group_delete": (
        _draft(
            lambda sw, draft, actor: criterion_group_delete(
                actor=actor, group=CriterionGroup.objects.filter(criteria_set=draft).last()
            )
        ),
        MANAGERS,
    ),
    "criteria_set_approve": (
        _draft(lambda sw, draft, actor: criteria_set_approve(actor=actor, criteria_set=draft, reference="Biên bản")),
        MANAGERS,
    ),
    "scoring_round_create": (
        lambda sw: (
            lambda draft: (
                lambda actor: scoring_round_create(
                    actor=actor, bloc=sw.world.bloc, year=YEAR + 1, criteria_set=draft, rules=RoundRules()
                )
            )
        )(_draft_set(sw)),
        MANAGERS,
    ),
    "scoring_round_update": (
        lambda sw: (
            lambda actor: scoring_round_update(
                actor=actor, scoring_round=sw.scoring_round, rules=RoundRules(scorers_per_unit=1, method="median")
            )
        ),
        MANAGERS,
    ),
    "scoring_round_open": (
        lambda sw: lambda actor: scoring_round_open(actor=actor, scoring_round=sw.scoring_round),
        MANAGERS,
    ),
    "scoring_round_switch_set": (_version_2, MANAGERS),
    "assignments_generate": (
        lambda sw: lambda actor: assignments_generate(actor=actor, scoring_round=sw.scoring_round, seed=3),
        MANAGERS,
    ),
    "assignment_add": (
        lambda sw: (
            lambda actor: assignment_add(
                actor=actor, scoring_round=sw.scoring_round, scored_unit=sw.world.a, scorer_unit=sw.world.b
            )
        ),
        MANAGERS,
    ),
    "assignment_remove": (
        lambda sw: (
            lambda actor: assignment_remove(
                actor=actor, assignment=ScoringAssignment.objects.filter(scoring_round=sw.scoring_round).first()
            )
        ),
        MANAGERS,
    ),
    "assignment_conflict_declare (A checks B)": (
        _staged(
            "open",
            lambda sw, actor: assignment_conflict_declare(
                actor=actor,
                assignment=ScoringAssignment.objects.get(scoring_round=sw.scoring_round, scorer_unit=sw.world.a),
                reason="Quan hệ gia đình",
            ),
        ),
        EDITORS_OF_A,
    ),
    "score_sheet_save (A's self-assessment)": (
        _sheet(
            _self_filled,
            lambda sw, sheet, actor: score_sheet_save(
                actor=actor, sheet=sheet, version=sheet.version, scores=cells(sheet, ["8", "18", "5", "1"])
            ),
        ),
        EDITORS_OF_A,
    ),
    "score_sheet_submit (A's self-assessment)": (
        _sheet(_self_filled, lambda sw, sheet, actor: score_sheet_submit(actor=actor, sheet=sheet)),
        HEAD_OF_A,
    ),
    "score_sheet_save (A's check of B)": (
        _sheet(
            _check_of_b_filled,
            lambda sw, sheet, actor: score_sheet_save(
                actor=actor, sheet=sheet, version=sheet.version, scores=cells(sheet, ["7", "16", "5", "1"])
            ),
        ),
        EDITORS_OF_A,
    ),
    "score_sheet_submit (A's check of B)": (
        _sheet(_check_of_b_filled, lambda sw, sheet, actor: score_sheet_submit(actor=actor, sheet=sheet)),
        HEAD_OF_A,
    ),
    "score_sheet_return (A's self-assessment)": (
        _sheet(_self_a_sent, lambda sw, sheet, actor: score_sheet_return(actor=actor, sheet=sheet, reason="Thiếu")),
        MANAGERS,
    ),
    "evidence_add (A's self-assessment)": (
        _sheet(
            lambda sw: (sw.open(), sw.self_sheet("a"))[1],
            lambda sw, sheet, actor: evidence_add(
                actor=actor, sheet=sheet, criterion=criteria_of(sheet)[0], upload=pdf()
            ),
        ),
        EDITORS_OF_A,
    ),
    "evidence_remove (A's self-assessment)": (_evidence, EDITORS_OF_A),
    "scoring_round_consolidate": (
        _staged("checked", lambda sw, actor: scoring_round_consolidate(actor=actor, scoring_round=sw.scoring_round)),
        MANAGERS,
    ),
    "appeal_window_open": (
        _staged(
            "consolidated",
            lambda sw, actor: appeal_window_open(
                actor=actor, scoring_round=sw.scoring_round, due_on=timezone.localdate()
            ),
        ),
        MANAGERS,
    ),
    "appeal_file (for A)": (
        _staged(
            "appeal",
            lambda sw, actor: appeal_file(
                actor=actor, scoring_round=sw.scoring_round, unit=sw.world.a, criterion=sw.criteria[0], text="Xem lại"
            ),
        ),
        EDITORS_OF_A,
    ),
    "appeal_answer": (_appeal_of_a, MANAGERS),
    "scoring_round_publish": (
        _staged(
            "consolidated",
            lambda sw, actor: scoring_round_publish(
                actor=actor, scoring_round=sw.scoring_round, confirmation="CÔNG BỐ"
            ),
        ),
        MANAGERS,
    ),
    "score_correct": (_published, MANAGERS),
}


def _actor(sw, who: str):
    return AnonymousUser() if who == "anonymous" else getattr(sw.world, who)


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("service", list(CASES))
def test_permission_matrix(sw, service, who):
    # given
    setup, allowed = CASES[service]
    act = setup(sw)
    before = snapshot()
    # when / then
    if who in allowed:
        act(_actor(sw, who))
        assert snapshot() != before
    else:
        with pytest.raises(ScoringNotAllowed):
            act(_actor(sw, who))
        assert snapshot() == before


def test_the_checker_of_a_unit_may_return_its_self_assessment(sw):
    # given: C checks A
    sheet = _self_a_sent(sw)
    # when
    returned = score_sheet_return(actor=sw.head_c, sheet=sheet, reason="Thiếu minh chứng")
    # then
    assert returned.status == "returned"
