"""The awards demo step: bloc III's history gives the verdicts its docstring promises, and loading again changes
nothing (issue 6, "The demo world")."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.core.management import call_command

from thidua.accounts.models import User
from thidua.awards import demo
from thidua.awards.models import AwardRecord, DisciplineRecord, PendingCase, ScienceWork, TaskRating
from thidua.awards.rules.catalogue import rule_set_for
from thidua.awards.rules.context import EvaluationContext, RegimeCode
from thidua.awards.rules.engine import evaluate, regime_for
from thidua.awards.rules.results import LineStatus, Verdict, VerdictStatus
from thidua.awards.selectors import eligibility_evaluate_for, subject_facts_for_people, subject_facts_for_units
from thidua.core.models import AuditEvent
from thidua.initiatives.models import InitiativeRecognition
from thidua.organizations.models import Unit
from thidua.people.models import Person

pytestmark = pytest.mark.django_db


def _load() -> dict[str, Unit]:
    call_command("loaddemo")
    return {unit.code: unit for unit in Unit.objects.all()}


def _office() -> User:
    return User.objects.get(username="bantdkt")


def _person(found: Person | None) -> Person:
    assert found is not None
    return found


def _line(verdict: Verdict, code: str) -> LineStatus:
    return next(line.status for line in verdict.lines if line.code == code)


def _unit_verdict(unit: Unit, title: str, year: int) -> Verdict:
    reference = demo.REVIEW_2019
    facts = subject_facts_for_units([unit.pk], year=year, reference_date=reference)[unit.pk]
    regime = regime_for(reference)
    ctx = EvaluationContext(subject=facts, title_code=title, year=year, reference_date=reference, regime=regime)
    return evaluate(ctx, rule_set_for(title, regime, "collective"))


def test_the_six_tinh_initiative_authors_are_eligible_for_cstd_tinh_2019_under_regime_a() -> None:
    units = _load()
    stars = [_person(demo.star_of(units[code])) for code in demo.STAR_UNITS]
    # the people the demo chose are the authors of the tỉnh-level initiatives of the initiatives demo
    authors = set(
        InitiativeRecognition.objects.filter(level="province", recognised_on__year=2019).values_list(
            "initiative__authors__person_id", flat=True
        )
    )
    assert {p.pk for p in stars} <= authors
    # when
    verdicts = eligibility_evaluate_for(
        actor=_office(),
        title_code="CSTD_TINH",
        year=2019,
        reference_date=demo.REVIEW_2019,
        person_ids=[p.pk for p in stars],
    )
    # then
    assert {v.regime for v in verdicts} == {"A"}
    assert [v.status for v in verdicts] == [VerdictStatus.ELIGIBLE] * len(stars)
    facts = {line.code: line.facts for line in verdicts[0].lines}
    assert "2017, 2018, 2019" in facts["consecutive_titles"]
    assert "Nguyễn Thanh Hồng" in {p.full_name for p in stars}


def test_two_people_are_one_cstdcs_short_of_cstd_tinh_2019() -> None:
    units = _load()
    short = [_person(demo.short_of(units[code])) for code in demo.SHORT_UNITS]
    # when
    verdicts = eligibility_evaluate_for(
        actor=_office(),
        title_code="CSTD_TINH",
        year=2019,
        reference_date=demo.REVIEW_2019,
        person_ids=[p.pk for p in short],
    )
    # then: only the consecutive-years line fails (CSTĐCS 2018 and 2019; a tỉnh-level science work is there)
    for verdict in verdicts:
        assert verdict.status == VerdictStatus.NOT_ELIGIBLE
        assert _line(verdict, "consecutive_titles") == LineStatus.NOT_MET
        assert _line(verdict, "initiative_at_level") == LineStatus.MET
        facts = {line.code: line.facts for line in verdict.lines}["consecutive_titles"]
        assert "2018, 2019" in facts
        assert "2017" not in facts


def test_so_gddt_fails_the_ldtt_member_share_of_ttldtt_2019_and_the_others_pass_it() -> None:
    units = _load()
    # when
    verdicts = {code: _unit_verdict(units[code], "TTLDTT", 2019) for code in demo.SIGNERS}
    # then
    failing = verdicts.pop(demo.FAILING_UNIT)
    assert failing.regime == "A"
    assert failing.status == VerdictStatus.NOT_ELIGIBLE
    assert _line(failing, "members_share_with_title") == LineStatus.NOT_MET
    assert _line(failing, "rating_at_least") == LineStatus.MET
    for verdict in verdicts.values():
        assert _line(verdict, "members_share_with_title") == LineStatus.MET
        assert verdict.status == VerdictStatus.NEEDS_CONFIRMATION


def test_the_three_bang_khen_units_were_rated_htxsnv_in_2018_and_2019() -> None:
    units = _load()
    for code in demo.BANG_KHEN_UNITS:
        ratings = dict(TaskRating.objects.filter(unit=units[code]).values_list("year", "rating"))
        assert ratings[2018] == ratings[2019] == "htxsnv"


def test_2024_cstdcs_is_eligible_in_regime_b_and_blocked_by_the_discipline_in_regime_c() -> None:
    units = _load()
    person = _person(demo.case_person_of(units[demo.CASE_2024_UNIT], 2024))

    def verdict_on(reference: dt.date) -> Verdict:
        return eligibility_evaluate_for(
            actor=_office(),
            title_code="CSTDCS",
            year=2024,
            reference_date=reference,
            person_ids=[person.pk],
        )[0]

    # when
    in_b, in_c = verdict_on(demo.REVIEW_2024_B), verdict_on(demo.REVIEW_2024_C)
    # then
    assert (in_b.regime, in_b.status) == ("B", VerdictStatus.ELIGIBLE)
    assert (in_c.regime, in_c.status) == ("C", VerdictStatus.NOT_ELIGIBLE)
    assert _line(in_c, "no_discipline_in_force") == LineStatus.NOT_MET
    assert _line(in_c, "no_pending_case") == LineStatus.MET


def test_2025_cstdcs_is_blocked_by_the_open_complaint_in_regime_c_and_eligible_under_regime_b_rules() -> None:
    units = _load()
    person = _person(demo.case_person_of(units[demo.CASE_2025_UNIT], 2025))
    facts = subject_facts_for_people([person.pk], year=2025, reference_date=demo.REVIEW_2025)[person.pk]
    ctx = EvaluationContext(
        subject=facts, title_code="CSTDCS", year=2025, reference_date=demo.REVIEW_2025, regime=RegimeCode.C
    )
    # when
    in_c = eligibility_evaluate_for(
        actor=_office(), title_code="CSTDCS", year=2025, reference_date=demo.REVIEW_2025, person_ids=[person.pk]
    )[0]
    in_b = evaluate(dataclasses.replace(ctx, regime=RegimeCode.B), rule_set_for("CSTDCS", RegimeCode.B, "individual"))
    # then
    assert (in_c.regime, in_c.status) == ("C", VerdictStatus.NOT_ELIGIBLE)
    assert _line(in_c, "no_pending_case") == LineStatus.NOT_MET
    assert _line(in_c, "working_time") == LineStatus.MET
    working_time = next(line for line in in_c.lines if line.code == "working_time")
    assert "nghỉ thai sản 01/03/2025–31/08/2025 (184 ngày), được tính là thời gian công tác" in working_time.facts
    assert evaluate(ctx, rule_set_for("CSTDCS", RegimeCode.C, "individual")).status == VerdictStatus.NOT_ELIGIBLE
    assert (in_b.regime, in_b.status) == ("B", VerdictStatus.ELIGIBLE)


def test_loading_the_demo_again_changes_nothing() -> None:
    _load()

    def counts() -> tuple[int, ...]:
        return (
            TaskRating.objects.count(),
            AwardRecord.objects.count(),
            DisciplineRecord.objects.count(),
            PendingCase.objects.count(),
            ScienceWork.objects.count(),
            AuditEvent.objects.count(),
        )

    before = counts()
    assert before[0] > 0
    # when
    call_command("loaddemo")
    # then
    assert counts() == before


def test_the_successor_office_evaluates_a_department_that_ended_with_quang_nam() -> None:
    # given: Sở LĐTBXH ended on 31/01/2025 (merged into Sở Nội vụ), Quảng Nam on 30/06/2025 (into TP Đà Nẵng)
    _load()
    ldtbxh = Unit.objects.get(code="qn-so-ldtbxh")
    office = _office()
    # when
    verdicts = eligibility_evaluate_for(
        actor=office, title_code="TTLDTT", year=2019, reference_date=demo.REVIEW_2019, unit_ids=[ldtbxh.pk]
    )
    # then
    assert ldtbxh.valid_to == dt.date(2025, 1, 31)
    assert not office.role_assignments.filter(unit__code="quang-nam", ends_on__isnull=True).exists()
    assert [v.regime for v in verdicts] == ["A"]
