"""Services of score sheets: saving with optimistic locking, bounds per field, submission, returns and evidence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.scoring.choices import SheetStatus
from thidua.scoring.errors import (
    ScoreSheetConflict,
    ScoreSheetNotEditable,
    ScoringInvalid,
    ScoringNotAllowed,
    ScoringStateError,
)
from thidua.scoring.models import Evidence, Score, SheetEvent
from thidua.scoring.services import (
    RoundRules,
    ScoreInput,
    evidence_add,
    evidence_remove,
    points_field,
    score_sheet_return,
    score_sheet_save,
    score_sheet_submit,
    scoring_round_update,
)
from thidua.scoring.tests.factories import (
    YEAR,
    cells,
    criteria_of,
    criteria_set_build,
    exe,
    fill,
    pdf,
    points_of,
    snapshot,
)

DUE = timezone.localdate() + dt.timedelta(days=30)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def opened(sw):
    sw.open()
    return sw


def test_the_officer_saves_the_self_assessment_and_the_version_moves(opened):
    # given
    sheet = opened.self_sheet("a")
    # when
    saved = score_sheet_save(
        actor=opened.world.officer_a, sheet=sheet, version=0, scores=cells(sheet, ["9.5", "18,25", None, "0"])
    )
    # then
    assert saved.version == 1
    assert points_of(saved) == {"1": Decimal("9.50"), "2": Decimal("18.25"), "4": Decimal("0")}
    assert Score.objects.get(sheet=saved, criterion__code="1").comment == "Giải trình 1"
    assert AuditEvent.objects.filter(action="scoring.sheet_saved", actor=opened.world.officer_a).count() == 1


def test_a_save_keeps_the_cells_not_given_and_clears_an_emptied_cell(opened):
    # given
    sheet = fill(opened.self_sheet("a"), ["9", "18", "5", "1"], submit=False)
    one, two = criteria_of(sheet)[:2]
    # when
    saved = score_sheet_save(
        actor=None,
        sheet=sheet,
        version=sheet.version,
        scores=[ScoreInput(criterion_id=one.pk, points=""), ScoreInput(criterion_id=two.pk, points="17")],
    )
    # then
    assert points_of(saved) == {"2": Decimal("17"), "3": Decimal("5"), "4": Decimal("1")}
    assert saved.version == sheet.version + 1


def test_a_save_that_changes_nothing_keeps_the_version(opened):
    # given
    sheet = fill(opened.self_sheet("a"), ["9", "18", "5", "1"], submit=False)
    events = AuditEvent.objects.count()
    # when
    saved = score_sheet_save(actor=None, sheet=sheet, version=sheet.version, scores=cells(sheet, ["9", "18", "5", "1"]))
    # then
    assert saved.version == sheet.version
    assert AuditEvent.objects.count() == events


def test_two_saves_from_the_same_version_the_second_is_a_conflict_and_the_first_stays(opened):
    # given: two people opened the sheet at version 0
    sheet = opened.self_sheet("a")
    score_sheet_save(actor=opened.world.officer_a, sheet=sheet, version=0, scores=cells(sheet, ["9", "18", "5", "1"]))
    before = snapshot()
    # when
    with pytest.raises(ScoreSheetConflict):
        score_sheet_save(actor=opened.world.head_a, sheet=sheet, version=0, scores=cells(sheet, ["1", "2", "3", "4"]))
    # then
    assert points_of(opened.self_sheet("a")) == {"1": 9, "2": 18, "3": 5, "4": 1}
    assert snapshot() == before


MAXIMA = ["10", "20", "10", "5"]


@pytest.mark.parametrize(
    ("_case", "index", "value"),
    [
        ("above the maximum of 10", 0, "10.01"),
        ("above the maximum of 20", 1, "20.5"),
        ("a bonus above its maximum", 2, "11"),
        ("a penalty above its maximum", 3, "6"),
        ("negative", 0, "-1"),
        ("more than two decimals", 0, "9.125"),
        ("not a number", 0, "chín"),
        ("not a finite number", 1, "NaN"),
        ("infinite", 1, "Infinity"),
    ],
)
def test_invalid_points_are_refused_per_field_and_nothing_is_written(opened, _case, index, value):
    # given
    sheet = fill(opened.self_sheet("a"), ["1", "1", "1", "1"], submit=False)
    points = [value if i == index else maximum for i, maximum in enumerate(MAXIMA)]
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        score_sheet_save(actor=None, sheet=sheet, version=sheet.version, scores=cells(sheet, points))
    # then
    assert set(error.value.fields) == {points_field(criteria_of(sheet)[index].pk)}
    assert snapshot() == before


def test_every_invalid_cell_is_named_at_once(opened):
    # given
    sheet = opened.self_sheet("a")
    criteria = criteria_of(sheet)
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        score_sheet_save(actor=None, sheet=sheet, version=0, scores=cells(sheet, ["11", "-2", "x", "5"]))
    # then
    assert set(error.value.fields) == {points_field(c.pk) for c in criteria[:3]}
    assert snapshot() == before


def test_a_criterion_of_another_set_or_given_twice_is_refused_by_field(opened):
    # given
    sheet = opened.self_sheet("a")
    one = criteria_of(sheet)[0]
    foreign = criteria_of(criteria_set_build(opened.world.bloc, year=YEAR + 1, approve=False))[0]
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        score_sheet_save(
            actor=None,
            sheet=sheet,
            version=0,
            scores=[
                ScoreInput(criterion_id=one.pk, points="1"),
                ScoreInput(criterion_id=one.pk, points="2"),
                ScoreInput(criterion_id=foreign.pk, points="1"),
            ],
        )
    # then
    assert set(error.value.fields) == {points_field(one.pk), points_field(foreign.pk)}
    assert snapshot() == before


def test_the_head_sends_a_complete_self_assessment(opened):
    # given
    sheet = fill(opened.self_sheet("a"), ["9", "18", "5", "1"], submit=False)
    # when
    sent = score_sheet_submit(actor=opened.world.head_a, sheet=sheet)
    # then
    assert (sent.status, sent.submitted_by, sent.version) == (
        SheetStatus.SUBMITTED,
        opened.world.head_a,
        sheet.version + 1,
    )
    assert sent.submitted_at is not None
    assert SheetEvent.objects.filter(sheet=sent, action="submitted", actor=opened.world.head_a).count() == 1
    assert AuditEvent.objects.filter(action="scoring.sheet_submitted").count() == 1


def test_the_officer_may_fill_in_but_not_send(opened):
    # given
    sheet = fill(opened.self_sheet("a"), ["9", "18", "5", "1"], submit=False)
    before = snapshot()
    # when / then
    with pytest.raises(ScoringNotAllowed):
        score_sheet_submit(actor=opened.world.officer_a, sheet=sheet)
    assert snapshot() == before


def test_an_incomplete_sheet_is_not_sent_and_the_missing_cells_are_named(opened):
    # given
    sheet = fill(opened.self_sheet("a"), ["9", None, "5", None], submit=False)
    criteria = criteria_of(sheet)
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        score_sheet_submit(actor=None, sheet=sheet)
    # then
    assert set(error.value.fields) == {points_field(criteria[1].pk), points_field(criteria[3].pk)}
    assert snapshot() == before


def test_a_sent_sheet_is_read_only(opened):
    # given
    sheet = fill(opened.self_sheet("a"), ["9", "18", "5", "1"])
    before = snapshot()
    # when / then
    with pytest.raises(ScoreSheetNotEditable):
        score_sheet_save(actor=None, sheet=sheet, version=sheet.version, scores=cells(sheet, ["1", "1", "1", "1"]))
    with pytest.raises(ScoreSheetNotEditable):
        score_sheet_submit(actor=None, sheet=sheet)
    with pytest.raises(ScoreSheetNotEditable):
        evidence_add(actor=None, sheet=sheet, criterion=criteria_of(sheet)[0], upload=pdf())
    assert snapshot() == before


def test_a_checker_waits_for_the_self_assessment(opened):
    # given
    sheet = opened.check_sheet("a")
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="chưa gửi bảng tự chấm"):
        score_sheet_save(actor=None, sheet=sheet, version=0, scores=cells(sheet, ["1", "1", "1", "1"]))
    assert snapshot() == before


def test_the_checking_unit_fills_in_and_its_head_sends(opened):
    # given: A checks B
    fill(opened.self_sheet("b"), ["9", "18", "5", "1"])
    sheet = opened.check_sheet("b")
    # when
    saved = score_sheet_save(
        actor=opened.world.officer_a, sheet=sheet, version=0, scores=cells(sheet, ["8", "16", "5", "1"])
    )
    with pytest.raises(ScoringNotAllowed):
        score_sheet_submit(actor=opened.world.officer_a, sheet=saved)
    sent = score_sheet_submit(actor=opened.world.head_a, sheet=saved)
    # then
    assert sent.status == SheetStatus.SUBMITTED


@pytest.mark.parametrize(
    ("_case", "today", "allowed"),
    [("the day before the deadline", -1, True), ("the deadline", 0, True), ("the day after", 1, False)],
)
def test_the_self_assessment_deadline(opened, _case, today, allowed):
    # given
    scoring_round_update(
        actor=None, scoring_round=opened.scoring_round, rules=RoundRules(scorers_per_unit=1, self_assessment_due_on=DUE)
    )
    sheet = opened.self_sheet("a")
    now = _at(DUE + dt.timedelta(days=today))
    before = snapshot()
    # when
    if allowed:
        score_sheet_save(actor=None, sheet=sheet, version=0, scores=cells(sheet, ["1", "1", "1", "1"]), now=now)
        assert opened.self_sheet("a").version == 1
    else:
        with pytest.raises(ScoringStateError, match="quá hạn"):
            score_sheet_save(actor=None, sheet=sheet, version=0, scores=cells(sheet, ["1", "1", "1", "1"]), now=now)
        assert snapshot() == before


def test_a_returned_self_assessment_is_editable_after_the_deadline(opened):
    # given
    scoring_round_update(
        actor=None, scoring_round=opened.scoring_round, rules=RoundRules(scorers_per_unit=1, self_assessment_due_on=DUE)
    )
    sheet = fill(opened.self_sheet("a"), ["9", "18", "5", "1"])
    returned = score_sheet_return(actor=None, sheet=sheet, reason="Thiếu minh chứng")
    # when
    saved = score_sheet_save(
        actor=None,
        sheet=returned,
        version=returned.version,
        scores=cells(returned, ["8", "18", "5", "1"]),
        now=_at(DUE + dt.timedelta(days=3)),
    )
    # then
    assert points_of(saved)["1"] == Decimal("8")


def test_a_checker_returns_the_self_assessment_with_its_already_sent_checks_and_the_unit_resubmits(opened):
    # given: C checks A and has sent its check; B checks C (C's self sheet is untouched)
    fill(opened.self_sheet("a"), ["10", "20", "10", "0"])
    fill(opened.check_sheet("a"), ["7", "15", "2", "1"])
    # when
    returned = score_sheet_return(actor=opened.head_c, sheet=opened.self_sheet("a"), reason=" Thiếu minh chứng 2 ")
    # then
    check = opened.check_sheet("a")
    assert (returned.status, returned.return_reason) == (SheetStatus.RETURNED, "Thiếu minh chứng 2")
    assert (check.status, check.return_reason) == (SheetStatus.RETURNED, "Thiếu minh chứng 2")
    assert SheetEvent.objects.filter(action="returned", reason="Thiếu minh chứng 2").count() == 2
    assert AuditEvent.objects.get(action="scoring.sheet_returned").after["sheets"] == 2
    # and the checker waits for the corrected self-assessment
    with pytest.raises(ScoringStateError):
        score_sheet_save(actor=None, sheet=check, version=check.version, scores=cells(check, ["7", "15", "2", "0"]))
    resent = fill(returned, ["9", "18", "5", "1"])
    assert resent.status == SheetStatus.SUBMITTED
    again = fill(opened.check_sheet("a"), ["7", "15", "2", "0"])
    assert again.status == SheetStatus.SUBMITTED


def test_a_return_needs_a_reason_and_a_sent_sheet(opened):
    # given
    sent = fill(opened.self_sheet("a"), ["9", "18", "5", "1"])
    draft = opened.self_sheet("b")
    before = snapshot()
    # when / then
    with pytest.raises(ScoringInvalid) as error:
        score_sheet_return(actor=opened.world.secretariat, sheet=sent, reason="  ")
    assert set(error.value.fields) == {"reason"}
    with pytest.raises(ScoringStateError, match="đã gửi"):
        score_sheet_return(actor=opened.world.secretariat, sheet=draft, reason="Sai")
    assert snapshot() == before


def test_the_secretariat_returns_a_checking_sheet_alone(opened):
    # given
    fill(opened.self_sheet("a"), ["10", "20", "10", "0"])
    check = fill(opened.check_sheet("a"), ["7", "15", "2", "1"])
    # when
    returned = score_sheet_return(actor=opened.world.secretariat, sheet=check, reason="Chấm sai tiêu chí 2")
    # then
    assert returned.status == SheetStatus.RETURNED
    assert opened.self_sheet("a").status == SheetStatus.SUBMITTED


def test_evidence_is_attached_by_content_and_removed(opened, django_capture_on_commit_callbacks):
    # given
    sheet = opened.self_sheet("a")
    criterion = criteria_of(sheet)[0]
    # when
    evidence = evidence_add(actor=opened.world.officer_a, sheet=sheet, criterion=criterion, upload=pdf())
    # then
    assert (evidence.criterion, evidence.name, evidence.uploaded_by) == (
        criterion,
        "bao-cao.pdf",
        opened.world.officer_a,
    )
    assert evidence.file.storage.exists(evidence.file.name)
    assert AuditEvent.objects.filter(action="scoring.evidence_added").count() == 1
    stored = evidence.file.name
    # when
    with django_capture_on_commit_callbacks(execute=True):
        evidence_remove(actor=opened.world.head_a, evidence=evidence)
    # then
    assert not Evidence.objects.exists()
    assert not evidence.file.storage.exists(stored)
    assert AuditEvent.objects.filter(action="scoring.evidence_removed").count() == 1


def test_an_executable_named_pdf_is_refused_by_field(opened):
    sheet = opened.self_sheet("a")
    before = snapshot()
    with pytest.raises(ScoringInvalid) as error:
        evidence_add(actor=None, sheet=sheet, criterion=criteria_of(sheet)[0], upload=exe())
    assert set(error.value.fields) == {"file"}
    assert snapshot() == before


def test_evidence_goes_on_a_self_assessment_and_a_criterion_of_its_set(opened):
    # given
    sheet = opened.self_sheet("a")
    foreign = criteria_of(criteria_set_build(opened.world.bloc, year=YEAR + 1, approve=False))[0]
    before = snapshot()
    # when / then
    with pytest.raises(ScoringInvalid) as error:
        evidence_add(actor=None, sheet=sheet, criterion=foreign, upload=pdf())
    assert set(error.value.fields) == {"criterion"}
    with pytest.raises(ScoringNotAllowed):
        evidence_add(actor=None, sheet=opened.check_sheet("a"), criterion=criteria_of(sheet)[0], upload=pdf())
    assert snapshot() == before


def test_evidence_of_a_sent_sheet_stays(opened):
    # given
    sheet = opened.self_sheet("a")
    evidence = evidence_add(actor=None, sheet=sheet, criterion=criteria_of(sheet)[0], upload=pdf())
    fill(sheet, ["9", "18", "5", "1"])
    before = snapshot()
    # when / then
    with pytest.raises(ScoreSheetNotEditable):
        evidence_remove(actor=None, evidence=evidence)
    assert snapshot() == before
    assert evidence.file.storage.exists(evidence.file.name)


def test_no_sheet_changes_once_consolidated(sw):
    # given
    sw.advance("consolidated")
    sheet = sw.self_sheet("a")
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError):
        score_sheet_return(actor=None, sheet=sheet, reason="Sai")
    with pytest.raises(ScoringStateError):
        score_sheet_save(actor=None, sheet=sheet, version=sheet.version, scores=cells(sheet, ["1", "1", "1", "1"]))
    assert snapshot() == before
