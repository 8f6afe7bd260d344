"""Scoring on the bloc's year board: deadlines on the timeline, each unit's self-assessment, late units."""

import datetime as dt

from thidua.emulation.year_board import year_board_for, year_board_late_units
from thidua.scoring.choices import SheetKind
from thidua.scoring.models import ScoreSheet
from thidua.scoring.services import RoundRules, scoring_round_update
from thidua.scoring.tests.test_api import YEAR, scoring_world_build


def _unit_ids(world, built):
    return [world.a.pk, world.b.pk, built.c.pk]


def test_board_shows_each_units_self_assessment_and_the_deadlines(world):
    # given a round whose self-assessments are sent, with deadlines
    built = scoring_world_build(world, stage="self_sent")
    scoring_round = scoring_round_update(
        actor=None,
        scoring_round=built.scoring_round,
        rules=RoundRules(
            scorers_per_unit=2,
            self_assessment_due_on=dt.date(YEAR, 12, 10),
            checking_due_on=dt.date(YEAR, 12, 20),
        ),
    )
    # when the board is built
    board = year_board_for(world.bloc, YEAR, _unit_ids(world, built))
    # then the self-assessment column marks every unit done, and both deadlines are on the timeline
    column = next(c for c in board.columns if str(c.title) == "Tự chấm điểm")
    assert all(cell.is_done for cell in column.cells.values())
    labels = {str(e.label): e for e in board.events}
    assert labels["Hạn tự chấm điểm"].day == scoring_round.self_assessment_due_on
    assert labels["Hạn tự chấm điểm"].is_deadline
    assert not labels["Hạn chấm kiểm tra"].is_deadline


def test_unit_that_has_not_sent_its_self_assessment_is_late_after_the_deadline(world):
    # given an open round with a self-assessment deadline, and B's self-assessment not sent
    built = scoring_world_build(world, stage="scoring")
    scoring_round_update(
        actor=None,
        scoring_round=built.scoring_round,
        rules=RoundRules(scorers_per_unit=2, self_assessment_due_on=dt.date(YEAR, 12, 10)),
    )
    assert not ScoreSheet.objects.filter(scoring_round=built.scoring_round, kind=SheetKind.SELF, status="submitted")
    unit_ids = _unit_ids(world, built)
    # then nobody is late on the deadline day, and every unit is late the day after
    assert year_board_late_units(world.bloc, YEAR, unit_ids, today=dt.date(YEAR, 12, 10)) == {}
    late = year_board_late_units(world.bloc, YEAR, unit_ids, today=dt.date(YEAR, 12, 11))
    assert set(late) == set(unit_ids)
    assert all("Hạn tự chấm điểm" in [str(x) for x in reasons] for reasons in late.values())


def test_a_bloc_without_a_round_contributes_nothing(world):
    board = year_board_for(world.bloc, YEAR - 5, [world.a.pk])
    assert not [c for c in board.columns if str(c.title) == "Tự chấm điểm"]
