"""Services of results: consolidation, the appeal window, appeals, publication and corrections (issue 5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.emulation.tests.factories import member_add
from thidua.scoring.choices import AppealStatus, CriteriaSetStatus, CriterionKind, RoundStatus, SheetStatus
from thidua.scoring.errors import ScoreSheetNotEditable, ScoringInvalid, ScoringNotAllowed, ScoringStateError
from thidua.scoring.models import Appeal, Correction, CriterionResult, UnitResult
from thidua.scoring.services import (
    CriterionInput,
    RoundRules,
    appeal_answer,
    appeal_file,
    appeal_window_open,
    assignments_generate,
    criteria_set_approve,
    criteria_set_create,
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
    scoring_round_update,
)
from thidua.scoring.tests.conftest import CHECK_POINTS, SELF_POINTS, total
from thidua.scoring.tests.factories import YEAR, cells, criteria_of, criteria_set_build, exe, fill, pdf, snapshot

TODAY = timezone.localdate()


def _ranking(scoring_round):
    return list(
        UnitResult.objects.filter(scoring_round=scoring_round)
        .order_by("rank", "unit_id")
        .values_list("unit__code", "rank")
    )


def _final(scoring_round, unit, code):
    return CriterionResult.objects.get(scoring_round=scoring_round, unit=unit, criterion__code=code).final_points


def _appeal(sw, *, code="2", text="Đã có minh chứng đầy đủ cho tiêu chí 2"):
    criterion = next(c for c in sw.criteria if c.code == code)
    return appeal_file(actor=sw.head_c, scoring_round=sw.scoring_round, unit=sw.c, criterion=criterion, text=text)


def test_consolidation_ranks_by_the_checking_scores_only(sw):
    # given
    sw.advance("checked")
    # when
    scoring_round = scoring_round_consolidate(actor=sw.world.secretariat, scoring_round=sw.scoring_round)
    # then
    assert (scoring_round.status, scoring_round.consolidated_at is not None) == (RoundStatus.CONSOLIDATED, True)
    assert _ranking(scoring_round) == [("so-b", 1), ("so-a", 2), ("so-c", 3)]
    for key, unit in sw.units.items():
        result = UnitResult.objects.get(scoring_round=scoring_round, unit=unit)
        assert (result.total, result.self_total) == (total(CHECK_POINTS[key]), total(SELF_POINTS[key]))
    assert AuditEvent.objects.filter(action="scoring.round_consolidated").count() == 1


def test_self_scores_never_count_in_the_stored_results(sw):
    # given: every unit gives itself the maximum; its checker gives less
    sw.advance("open")
    sw.self_assess({key: ["10", "20", "10", "0"] for key in sw.units})
    sw.check()
    # when
    sw.consolidate()
    # then
    for key, unit in sw.units.items():
        for criterion, checked in zip(sw.criteria, CHECK_POINTS[key], strict=True):
            result = CriterionResult.objects.get(scoring_round=sw.scoring_round, unit=unit, criterion=criterion)
            assert result.final_points == Decimal(checked)
            assert result.self_points == Decimal(["10", "20", "10", "0"][sw.criteria.index(criterion)])
            assert [m["scorer"] for m in result.contributions if m["counted"]] == [
                m["scorer"] for m in result.contributions if m["scorer"] != "self"
            ]


def test_with_two_checkers_the_final_is_their_mean(sw):
    # given
    scoring_round_update(actor=None, scoring_round=sw.scoring_round, rules=RoundRules(scorers_per_unit=2))
    assignments_generate(actor=None, scoring_round=sw.scoring_round)
    sw.open()
    sw.self_assess()
    for key in sw.units:
        first, second = sw.scoring_round.sheets.filter(unit=sw.units[key], kind="check").order_by("pk")
        fill(first, ["8", "16", "4", "1"])
        fill(second, ["7", "15", "2", "0"])
    # when
    sw.consolidate()
    # then
    assert _final(sw.scoring_round, sw.world.a, "1") == Decimal("7.50")
    assert _final(sw.scoring_round, sw.world.a, "4") == Decimal("0.50")


def test_consolidation_is_refused_while_a_sheet_is_pending(sw):
    # given
    sw.advance("self_sent")
    fill(sw.check_sheet("a"), CHECK_POINTS["a"])
    fill(sw.check_sheet("b"), CHECK_POINTS["b"])
    fill(sw.check_sheet("c"), CHECK_POINTS["c"], submit=False)
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="1 bảng điểm chưa gửi"):
        scoring_round_consolidate(actor=None, scoring_round=sw.scoring_round)
    assert snapshot() == before


def test_consolidation_is_refused_outside_scoring(sw):
    before = snapshot()
    with pytest.raises(ScoringStateError):
        scoring_round_consolidate(actor=None, scoring_round=sw.scoring_round)
    assert snapshot() == before


def test_the_appeal_window_opens_after_consolidation_until_a_date_not_in_the_past(sw):
    # given
    sw.advance("checked")
    before = snapshot()
    with pytest.raises(ScoringStateError):
        appeal_window_open(actor=None, scoring_round=sw.scoring_round, due_on=TODAY)
    assert snapshot() == before
    sw.consolidate()
    before = snapshot()
    with pytest.raises(ScoringInvalid) as error:
        appeal_window_open(actor=None, scoring_round=sw.scoring_round, due_on=TODAY - dt.timedelta(days=1))
    assert set(error.value.fields) == {"due_on"}
    assert snapshot() == before
    # when
    scoring_round = appeal_window_open(actor=sw.world.province_office, scoring_round=sw.scoring_round, due_on=TODAY)
    # then
    assert (scoring_round.status, scoring_round.appeal_due_on) == (RoundStatus.APPEAL, TODAY)


def test_a_unit_appeals_with_evidence(sw):
    # given
    sw.advance("appeal")
    criterion = sw.criteria[1]
    # when
    appeal = appeal_file(
        actor=sw.head_c,
        scoring_round=sw.scoring_round,
        unit=sw.c,
        criterion=criterion,
        text=" Đã có báo cáo ",
        evidence=pdf("bien-ban.pdf"),
    )
    # then
    assert (appeal.status, appeal.text, appeal.filed_by, appeal.unit) == (
        AppealStatus.OPEN,
        "Đã có báo cáo",
        sw.head_c,
        sw.c,
    )
    assert appeal.evidence.name.endswith(".pdf")
    assert AuditEvent.objects.filter(action="scoring.appeal_filed").count() == 1


@pytest.mark.parametrize(
    ("_case", "kwargs", "field"),
    [
        ("no text", {"text": "  "}, "text"),
        ("evidence that is not a document", {"evidence": "exe"}, "evidence"),
        ("a criterion of another set", {"criterion": "foreign"}, "criterion"),
    ],
)
def test_an_invalid_appeal_is_refused_by_field(sw, _case, kwargs, field):
    # given
    sw.advance("appeal")
    foreign = criteria_of(criteria_set_build(sw.world.bloc, year=YEAR + 1, approve=False))[0]
    values = {"text": "Xem lại", "criterion": sw.criteria[0], "evidence": None}
    values.update(kwargs)
    values["evidence"] = exe() if values["evidence"] == "exe" else None
    values["criterion"] = foreign if values["criterion"] == "foreign" else values["criterion"]
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        appeal_file(actor=sw.head_c, scoring_round=sw.scoring_round, unit=sw.c, **values)
    # then
    assert set(error.value.fields) == {field}
    assert snapshot() == before


@pytest.mark.parametrize(
    ("_case", "days", "allowed"), [("the day before", -1, True), ("the deadline", 0, True), ("the day after", 1, False)]
)
def test_the_appeal_deadline_is_enforced(sw, _case, days, allowed):
    # given: the window closes in 7 days
    sw.advance("appeal")
    due = sw.scoring_round.appeal_due_on
    before = snapshot()
    # when
    with time_machine.travel(
        timezone.make_aware(dt.datetime.combine(due + dt.timedelta(days=days), dt.time(9))), tick=False
    ):
        if allowed:
            _appeal(sw)
        else:
            with pytest.raises(ScoringStateError, match="hết hạn"):
                _appeal(sw)
    # then
    assert Appeal.objects.count() == (1 if allowed else 0)
    assert allowed or snapshot() == before


def test_an_appeal_only_in_the_window_and_once_per_criterion(sw):
    # given
    sw.advance("consolidated")
    before = snapshot()
    with pytest.raises(ScoringStateError):
        _appeal(sw)
    assert snapshot() == before
    sw.appeal_window()
    _appeal(sw)
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="đã khiếu nại"):
        _appeal(sw, text="Lần hai")
    assert snapshot() == before


def test_an_accepted_appeal_changes_the_ranking_at_once(sw):
    # given: C (20 points, third) appeals criterion 2 (14 of 20)
    sw.advance("appeal")
    appeal = _appeal(sw)
    # when
    answered = appeal_answer(
        actor=sw.world.secretariat, appeal=appeal, is_accepted=True, answer="Minh chứng hợp lệ", points="20"
    )
    # then
    assert (answered.status, answered.points, answered.answered_by) == (
        AppealStatus.ACCEPTED,
        Decimal("20"),
        sw.world.secretariat,
    )
    result = CriterionResult.objects.get(scoring_round=sw.scoring_round, unit=sw.c, criterion__code="2")
    assert (result.final_points, result.computed_points, result.is_override) == (Decimal("20"), Decimal("14"), True)
    assert _ranking(sw.scoring_round) == [("so-b", 1), ("so-c", 2), ("so-a", 3)]
    assert AuditEvent.objects.filter(action="scoring.appeal_answered").count() == 1


def test_a_rejected_appeal_keeps_the_ranking(sw):
    sw.advance("appeal")
    appeal = _appeal(sw)
    answered = appeal_answer(actor=None, appeal=appeal, is_accepted=False, answer="Không có minh chứng mới")
    assert (answered.status, answered.points) == (AppealStatus.REJECTED, None)
    assert _ranking(sw.scoring_round) == [("so-b", 1), ("so-a", 2), ("so-c", 3)]


@pytest.mark.parametrize(
    ("_case", "is_accepted", "answer", "points", "field"),
    [
        ("no reason to reject", False, " ", None, "answer"),
        ("no reason to accept", True, "", "20", "answer"),
        ("accepted without points", True, "Hợp lệ", None, "points"),
        ("points above the maximum", True, "Hợp lệ", "21", "points"),
        ("negative points", True, "Hợp lệ", "-1", "points"),
    ],
)
def test_an_invalid_answer_is_refused_by_field(sw, _case, is_accepted, answer, points, field):
    # given
    sw.advance("appeal")
    appeal = _appeal(sw)
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        appeal_answer(actor=None, appeal=appeal, is_accepted=is_accepted, answer=answer, points=points)
    # then
    assert set(error.value.fields) == {field}
    assert snapshot() == before


def test_an_appeal_is_answered_once(sw):
    sw.advance("appeal")
    appeal = _appeal(sw)
    appeal_answer(actor=None, appeal=appeal, is_accepted=False, answer="Không")
    before = snapshot()
    with pytest.raises(ScoringStateError, match="đã được trả lời"):
        appeal_answer(actor=None, appeal=appeal, is_accepted=True, answer="Có", points="20")
    assert snapshot() == before


@pytest.mark.parametrize("confirmation", ["", "cong", "CÔNG BỐ KẾT QUẢ", "công bô x"])
def test_publication_needs_the_typed_confirmation(sw, confirmation):
    sw.advance("consolidated")
    before = snapshot()
    with pytest.raises(ScoringInvalid) as error:
        scoring_round_publish(actor=None, scoring_round=sw.scoring_round, confirmation=confirmation)
    assert set(error.value.fields) == {"confirmation"}
    assert snapshot() == before


@pytest.mark.parametrize("confirmation", ["CÔNG BỐ", "cong bo", "  Công  bố "])
def test_publication_accepts_the_confirmation_without_case_or_diacritics(sw, confirmation):
    # given
    sw.advance("consolidated")
    # when
    scoring_round = scoring_round_publish(
        actor=sw.world.secretariat, scoring_round=sw.scoring_round, confirmation=confirmation
    )
    # then
    assert (scoring_round.status, scoring_round.published_by) == (RoundStatus.PUBLISHED, sw.world.secretariat)
    assert scoring_round.is_published
    assert AuditEvent.objects.filter(action="scoring.round_published").count() == 1


def test_publication_is_refused_while_an_appeal_is_open_or_before_consolidation(sw):
    # given
    sw.advance("checked")
    before = snapshot()
    with pytest.raises(ScoringStateError):
        scoring_round_publish(actor=None, scoring_round=sw.scoring_round, confirmation="CÔNG BỐ")
    assert snapshot() == before
    sw.consolidate()
    sw.appeal_window()
    _appeal(sw)
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError, match="1 khiếu nại"):
        scoring_round_publish(actor=None, scoring_round=sw.scoring_round, confirmation="CÔNG BỐ")
    assert snapshot() == before


@pytest.fixture
def published(sw):
    sw.advance("open")
    sheet = sw.self_sheet("a")
    evidence = evidence_add(actor=None, sheet=sheet, criterion=sw.criteria[0], upload=pdf())
    sw.self_assess()
    sw.check()
    sw.consolidate()
    sw.appeal_window()
    appeal = _appeal(sw)
    appeal_answer(actor=None, appeal=appeal, is_accepted=False, answer="Không có căn cứ")
    sw.publish()
    return sw, evidence


def test_after_publication_every_sheet_and_appeal_service_refuses(published):
    # given
    sw, evidence = published
    self_sheet, check = sw.self_sheet("a"), sw.check_sheet("a")
    appeal = Appeal.objects.get()
    refusals = [
        lambda: score_sheet_save(
            actor=None, sheet=self_sheet, version=self_sheet.version, scores=cells(self_sheet, ["1"] * 4)
        ),
        lambda: score_sheet_submit(actor=None, sheet=check),
        lambda: score_sheet_return(actor=None, sheet=self_sheet, reason="Sai"),
        lambda: evidence_add(actor=None, sheet=self_sheet, criterion=sw.criteria[0], upload=pdf()),
        lambda: evidence_remove(actor=None, evidence=evidence),
        lambda: scoring_round_consolidate(actor=None, scoring_round=sw.scoring_round),
        lambda: appeal_window_open(actor=None, scoring_round=sw.scoring_round, due_on=TODAY),
        lambda: _appeal(sw, code="1"),
        lambda: appeal_answer(actor=None, appeal=appeal, is_accepted=False, answer="Lại"),
        lambda: scoring_round_publish(actor=None, scoring_round=sw.scoring_round, confirmation="CÔNG BỐ"),
    ]
    before = snapshot()
    # when / then
    for refusal in refusals:
        with pytest.raises((ScoringStateError, ScoreSheetNotEditable)):
            refusal()
    assert snapshot() == before
    assert {s.status for s in sw.scoring_round.sheets.all()} == {SheetStatus.SUBMITTED}


def test_a_correction_is_the_only_change_after_publication_and_keeps_its_reason(published):
    # given
    sw, _evidence = published
    criterion = sw.criteria[1]
    # when
    correction = score_correct(
        actor=sw.world.province_office,
        scoring_round=sw.scoring_round,
        unit=sw.c,
        criterion=criterion,
        points="20",
        reason=" Nhầm khi nhập điểm ",
    )
    # then
    assert (correction.old_points, correction.new_points, correction.reason, correction.decided_by) == (
        Decimal("14"),
        Decimal("20"),
        "Nhầm khi nhập điểm",
        sw.world.province_office,
    )
    assert _final(sw.scoring_round, sw.c, "2") == Decimal("20")
    assert _ranking(sw.scoring_round) == [("so-b", 1), ("so-c", 2), ("so-a", 3)]
    event = AuditEvent.objects.get(action="scoring.score_corrected")
    assert event.after["reason"] == "Nhầm khi nhập điểm"
    assert sw.refresh().status == RoundStatus.PUBLISHED


@pytest.mark.parametrize(
    ("_case", "points", "reason", "unit", "field"),
    [
        ("no reason", "20", "  ", "c", "reason"),
        ("points above the maximum", "21", "Nhầm", "c", "points"),
        ("points with three decimals", "1.005", "Nhầm", "c", "points"),
        ("the same points", "14", "Nhầm", "c", "points"),
        ("a unit outside the ranking", "20", "Nhầm", "q1", "criterion"),
    ],
)
def test_an_invalid_correction_is_refused_by_field(published, _case, points, reason, unit, field):
    # given
    sw, _evidence = published
    target = sw.c if unit == "c" else sw.world.q1
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        score_correct(
            actor=sw.world.secretariat,
            scoring_round=sw.scoring_round,
            unit=target,
            criterion=sw.criteria[1],
            points=points,
            reason=reason,
        )
    # then
    assert set(error.value.fields) == {field}
    assert snapshot() == before


def test_a_correction_needs_a_person_and_a_published_ranking(sw):
    sw.advance("appeal")
    before = snapshot()
    with pytest.raises(ScoringNotAllowed):
        score_correct(
            actor=None, scoring_round=sw.scoring_round, unit=sw.c, criterion=sw.criteria[1], points="20", reason="Nhầm"
        )
    with pytest.raises(ScoringStateError):
        score_correct(
            actor=sw.world.secretariat,
            scoring_round=sw.scoring_round,
            unit=sw.c,
            criterion=sw.criteria[1],
            points="20",
            reason="Nhầm",
        )
    assert snapshot() == before
    assert not Correction.objects.exists()


def test_the_whole_life_cycle(sw):
    """create → approve → open → self-assess with evidence → submit → return → resubmit → check → consolidate →
    appeal → answer → publish → correct, by the people who do it."""
    w = sw.world
    # a bloc-year of its own: the criteria set is drafted and approved by the secretariat
    criteria_set = criteria_set_create(actor=w.secretariat, bloc=w.bloc, year=YEAR + 1, title="Bảng điểm năm sau")
    groups = [
        criterion_group_save(actor=w.secretariat, criteria_set=criteria_set, code="I", name="Nhiệm vụ"),
        criterion_group_save(actor=w.secretariat, criteria_set=criteria_set, code="II", name="Thưởng, trừ"),
    ]
    for group, code, kind, maximum in [
        (0, "1", CriterionKind.SCORED, "10"),
        (0, "2", CriterionKind.SCORED, "20"),
        (1, "3", CriterionKind.BONUS, "10"),
        (1, "4", CriterionKind.PENALTY, "5"),
    ]:
        data = CriterionInput(code=code, name=f"Tiêu chí {code}", kind=kind, max_points=maximum)
        criterion_save(actor=w.secretariat, group=groups[group], data=data)
    criteria_set = criteria_set_approve(actor=w.secretariat, criteria_set=criteria_set, reference="Biên bản họp khối")
    for unit in (w.a, w.b, sw.c):
        member_add(w.bloc, unit, year=YEAR + 1)
    scoring_round = scoring_round_create(
        actor=w.secretariat, bloc=w.bloc, year=YEAR + 1, criteria_set=criteria_set, rules=RoundRules(scorers_per_unit=1)
    )
    assignments_generate(actor=w.secretariat, scoring_round=scoring_round)
    scoring_round = scoring_round_open(actor=w.province_office, scoring_round=scoring_round)
    criteria_set.refresh_from_db()
    assert criteria_set.status == CriteriaSetStatus.LOCKED
    sheets = {s.unit_id: s for s in scoring_round.sheets.filter(kind="self")}
    checks = {s.unit_id: s for s in scoring_round.sheets.filter(kind="check")}
    heads = {w.a.pk: w.head_a, w.b.pk: w.head_b, sw.c.pk: sw.head_c}
    checker_heads = {w.a.pk: sw.head_c, w.b.pk: w.head_a, sw.c.pk: w.head_b}
    points = {w.a.pk: SELF_POINTS["a"], w.b.pk: SELF_POINTS["b"], sw.c.pk: SELF_POINTS["c"]}
    checked = {w.a.pk: CHECK_POINTS["a"], w.b.pk: CHECK_POINTS["b"], sw.c.pk: CHECK_POINTS["c"]}

    # self-assessment: A's officer fills in with evidence (an .exe is refused), A's head sends
    sheet = score_sheet_save(
        actor=w.officer_a, sheet=sheets[w.a.pk], version=0, scores=cells(sheets[w.a.pk], points[w.a.pk])
    )
    evidence_add(actor=w.officer_a, sheet=sheet, criterion=criteria_of(sheet)[0], upload=pdf())
    with pytest.raises(ScoringInvalid):
        evidence_add(actor=w.officer_a, sheet=sheet, criterion=criteria_of(sheet)[0], upload=exe("chay.exe"))
    with pytest.raises(ScoringNotAllowed):
        score_sheet_submit(actor=w.officer_a, sheet=sheet)
    for unit_id, self_sheet in sheets.items():
        saved = self_sheet
        if unit_id != w.a.pk:
            saved = score_sheet_save(
                actor=heads[unit_id], sheet=self_sheet, version=0, scores=cells(self_sheet, points[unit_id])
            )
        score_sheet_submit(actor=heads[unit_id], sheet=saved)

    # C checks A and sends; then returns A's self-assessment: its sent check comes back too
    check = score_sheet_save(
        actor=sw.head_c, sheet=checks[w.a.pk], version=0, scores=cells(checks[w.a.pk], checked[w.a.pk])
    )
    score_sheet_submit(actor=sw.head_c, sheet=check)
    score_sheet_return(actor=sw.head_c, sheet=sheets[w.a.pk], reason="Tiêu chí 3 thiếu quyết định khen thưởng")
    sheets[w.a.pk].refresh_from_db()
    checks[w.a.pk].refresh_from_db()
    assert (sheets[w.a.pk].status, checks[w.a.pk].status) == (SheetStatus.RETURNED, SheetStatus.RETURNED)
    resent = score_sheet_save(
        actor=w.head_a,
        sheet=sheets[w.a.pk],
        version=sheets[w.a.pk].version,
        scores=cells(sheets[w.a.pk], ["10", "20", "8", "0"]),
    )
    score_sheet_submit(actor=w.head_a, sheet=resent)

    # every checker sends; consolidation waits for the last one
    for unit_id, check_sheet in checks.items():
        check_sheet.refresh_from_db()
        if unit_id == sw.c.pk:
            with pytest.raises(ScoringStateError):
                scoring_round_consolidate(actor=w.secretariat, scoring_round=scoring_round)
        saved = score_sheet_save(
            actor=checker_heads[unit_id],
            sheet=check_sheet,
            version=check_sheet.version,
            scores=cells(check_sheet, checked[unit_id]),
        )
        score_sheet_submit(actor=checker_heads[unit_id], sheet=saved)
    scoring_round = scoring_round_consolidate(actor=w.secretariat, scoring_round=scoring_round)
    assert _ranking(scoring_round) == [("so-b", 1), ("so-a", 2), ("so-c", 3)]

    # appeal window: C appeals criterion 2 with `now`, one day late is refused
    scoring_round = appeal_window_open(
        actor=w.secretariat, scoring_round=scoring_round, due_on=TODAY + dt.timedelta(days=5)
    )
    criterion_2 = criteria_of(scoring_round)[1]
    late = timezone.now() + dt.timedelta(days=6)
    with pytest.raises(ScoringStateError):
        appeal_file(
            actor=sw.head_c, scoring_round=scoring_round, unit=sw.c, criterion=criterion_2, text="Xem lại", now=late
        )
    appeal = appeal_file(actor=sw.head_c, scoring_round=scoring_round, unit=sw.c, criterion=criterion_2, text="Xem lại")
    with pytest.raises(ScoringStateError):
        scoring_round_publish(actor=w.secretariat, scoring_round=scoring_round, confirmation="CÔNG BỐ")
    appeal_answer(actor=w.secretariat, appeal=appeal, is_accepted=True, answer="Minh chứng hợp lệ", points="20")
    assert _ranking(scoring_round) == [("so-b", 1), ("so-c", 2), ("so-a", 3)]

    # publication, then a correction is the only change
    with pytest.raises(ScoringInvalid):
        scoring_round_publish(actor=w.secretariat, scoring_round=scoring_round, confirmation="đồng ý")
    scoring_round = scoring_round_publish(actor=w.secretariat, scoring_round=scoring_round, confirmation="cong bo")
    with pytest.raises(ScoringStateError):
        score_sheet_save(actor=w.head_a, sheet=resent, version=resent.version + 1, scores=cells(resent, ["1"] * 4))
    bonus = criteria_of(scoring_round)[2]
    score_correct(
        actor=w.secretariat, scoring_round=scoring_round, unit=w.a, criterion=bonus, points="10", reason="Nhập nhầm"
    )
    assert _ranking(scoring_round) == [("so-a", 1), ("so-b", 2), ("so-c", 3)]
    assert Correction.objects.get().reason == "Nhập nhầm"
