"""Rules of recording and recognising initiatives (ND 13/2012/NĐ-CP; Luật 06/2022 Art 21–22; issue 4 rules)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from thidua.core.models import AuditEvent
from thidua.initiatives.choices import InitiativeField, RecognitionLevel
from thidua.initiatives.errors import (
    AuthorNotInUnit,
    AuthorsInvalid,
    ConditionsNotMet,
    InitiativeNotEditable,
    RecognitionBeforeApplied,
    RecognitionLevelNotHigher,
    RecognitionNotAllowed,
)
from thidua.initiatives.models import Initiative, InitiativeAuthor, InitiativeRecognition
from thidua.initiatives.services import AuthorInput, InitiativeInput, initiative_create, initiative_recognise
from thidua.initiatives.tests.factories import APPLIED, initiative_make, recognise

pytestmark = pytest.mark.django_db


def _data(**overrides: object) -> InitiativeInput:
    values: dict[str, object] = {
        "title": "Số hóa hồ sơ lưu trữ",
        "field": InitiativeField.TECHNICAL,
        "applied_on": APPLIED,
        "is_novel": True,
        "is_applied": True,
        "is_not_excluded": True,
    }
    values.update(overrides)
    return InitiativeInput(**values)  # type: ignore[arg-type]


def _counts() -> tuple[int, int, int, int]:
    return (
        Initiative.objects.count(),
        InitiativeAuthor.objects.count(),
        InitiativeRecognition.objects.count(),
        AuditEvent.objects.filter(action__startswith="initiatives.").count(),
    )


def test_officer_of_the_unit_records_an_initiative_with_audit(lab):
    # when
    initiative = initiative_create(
        actor=lab.w.officer_a,
        unit=lab.w.a,
        data=_data(title="  Số hóa   hồ sơ lưu trữ "),
        authors=[AuthorInput(person=lab.lan, share=Decimal(70)), AuthorInput(person=lab.minh, share=Decimal(30))],
    )
    # then
    assert initiative.title == "Số hóa hồ sơ lưu trữ"
    assert initiative.search_title == "so hoa ho so luu tru"
    assert initiative.authors.count() == 2
    assert AuditEvent.objects.filter(action="initiatives.initiative_created", target_id=str(initiative.pk)).exists()


@pytest.mark.parametrize(
    ("_case", "shares", "error"),
    [
        ("over 100 in total", (Decimal(60), Decimal(41)), AuthorsInvalid),
        ("zero share", (Decimal(0), Decimal(50)), AuthorsInvalid),
    ],
)
def test_refuses_bad_shares_and_writes_nothing(lab, _case, shares, error):
    # given
    before = _counts()
    authors = [AuthorInput(person=lab.lan, share=shares[0]), AuthorInput(person=lab.minh, share=shares[1])]
    # when / then
    with pytest.raises(error):
        initiative_create(actor=lab.w.officer_a, unit=lab.w.a, data=_data(), authors=authors)
    assert _counts() == before


def test_refuses_no_author_and_the_same_author_twice(lab):
    with pytest.raises(AuthorsInvalid):
        initiative_create(actor=lab.w.officer_a, unit=lab.w.a, data=_data(), authors=[])
    twice = [AuthorInput(person=lab.lan, share=Decimal(50)), AuthorInput(person=lab.lan, share=Decimal(50))]
    with pytest.raises(AuthorsInvalid):
        initiative_create(actor=lab.w.officer_a, unit=lab.w.a, data=_data(), authors=twice)


def test_author_must_work_in_the_unit_on_the_day_applied_unless_flagged(lab):
    # given: Bình works in B; Lan joined A only in 2015 (applied 2014 is before her post)
    before = _counts()
    # when / then
    with pytest.raises(AuthorNotInUnit):
        initiative_create(
            actor=lab.w.officer_a, unit=lab.w.a, data=_data(), authors=[AuthorInput(person=lab.binh, share=Decimal(50))]
        )
    with pytest.raises(AuthorNotInUnit):
        initiative_create(
            actor=lab.w.officer_a,
            unit=lab.w.a,
            data=_data(applied_on=dt.date(2014, 6, 1)),
            authors=[AuthorInput(person=lab.lan, share=Decimal(50))],
        )
    assert _counts() == before
    flagged = initiative_create(
        actor=lab.w.officer_a,
        unit=lab.w.a,
        data=_data(),
        authors=[
            AuthorInput(person=lab.lan, share=Decimal(50)),
            AuthorInput(person=lab.binh, share=Decimal(50), is_from_other_unit=True),
        ],
    )
    assert flagged.authors.filter(is_from_other_unit=True).count() == 1


@pytest.mark.parametrize("_case", ["office", "officer of another unit", "secretariat", "plain user"])
def test_only_the_units_own_roles_record_initiatives(lab, _case):
    # given
    actor = {
        "office": lab.w.province_office,
        "officer of another unit": lab.officer_b,
        "secretariat": lab.w.secretariat,
        "plain user": lab.w.plain,
    }[_case]
    before = _counts()
    # when / then
    with pytest.raises(InitiativeNotEditable):
        initiative_create(
            actor=actor, unit=lab.w.a, data=_data(), authors=[AuthorInput(person=lab.lan, share=Decimal(100))]
        )
    assert _counts() == before


def test_recognition_history_is_kept_and_the_current_level_is_the_latest(lab):
    # given
    initiative = initiative_make(unit=lab.w.a, authors=[lab.lan])
    # when: the unit head at cơ sở, then the province office at tỉnh
    initiative_recognise(
        actor=lab.w.head_a,
        initiative=initiative,
        level=RecognitionLevel.BASE,
        recognising_body="Giám đốc Sở Văn hóa An Phú",
        decision_number="12/QĐ-SVH",
        decision_date=dt.date(2019, 6, 1),
        recognised_on=dt.date(2019, 6, 1),
    )
    initiative_recognise(
        actor=lab.w.province_office,
        initiative=initiative,
        level=RecognitionLevel.PROVINCE,
        recognising_body="UBND tỉnh Phước An",
        decision_number="3850/QĐ-UBND",
        decision_date=dt.date(2020, 1, 10),
        recognised_on=dt.date(2020, 1, 10),
    )
    # then
    initiative.refresh_from_db()
    assert (initiative.current_level, initiative.recognised_year) == (RecognitionLevel.PROVINCE, 2020)
    assert list(initiative.recognitions.values_list("level", flat=True)) == ["base", "province"]
    assert AuditEvent.objects.filter(action="initiatives.initiative_recognised").count() == 2


@pytest.mark.parametrize(
    ("_case", "first", "second"),
    [
        ("same level twice", RecognitionLevel.BASE, RecognitionLevel.BASE),
        ("downwards", RecognitionLevel.PROVINCE, RecognitionLevel.BASE),
    ],
)
def test_refuses_the_same_or_a_lower_level_and_changes_nothing(lab, _case, first, second):
    # given
    initiative = initiative_make(unit=lab.w.a, authors=[lab.lan])
    recognise(initiative, first)
    before = _counts()
    # when / then
    with pytest.raises(RecognitionLevelNotHigher):
        recognise(initiative, second, on=dt.date(2019, 12, 1))
    assert _counts() == before
    initiative.refresh_from_db()
    assert initiative.current_level == first


@pytest.mark.parametrize(
    ("_case", "day", "refused"),
    [
        ("the day before", dt.date(2019, 2, 28), True),
        ("the day of", APPLIED, False),
        ("the day after", dt.date(2019, 3, 2), False),
    ],
)
def test_not_recognised_before_it_was_applied(lab, _case, day, refused):
    # given
    initiative = initiative_make(unit=lab.w.a, authors=[lab.lan])
    before = _counts()
    # when / then
    if refused:
        with pytest.raises(RecognitionBeforeApplied):
            recognise(initiative, on=day)
        assert _counts() == before
    else:
        recognise(initiative, on=day)
        assert InitiativeRecognition.objects.filter(initiative=initiative).count() == 1


def test_refuses_recognition_when_the_conditions_of_decree_13_are_not_met(lab):
    # given (DOMAIN R22: novel ∧ applied ∧ not excluded)
    initiative = initiative_make(unit=lab.w.a, authors=[lab.lan], conditions=False)
    # when / then
    with pytest.raises(ConditionsNotMet):
        recognise(initiative)
    assert not InitiativeRecognition.objects.exists()


@pytest.mark.parametrize(
    ("_case", "actor_name", "level"),
    [
        ("officer at cơ sở", "officer_a", RecognitionLevel.BASE),
        ("office at cơ sở", "province_office", RecognitionLevel.BASE),
        ("unit head at tỉnh", "head_a", RecognitionLevel.PROVINCE),
        ("head of another unit at cơ sở", "head_b", RecognitionLevel.BASE),
        ("other province's office at tỉnh", "q_office", RecognitionLevel.PROVINCE),
    ],
)
def test_recognition_is_refused_to_the_wrong_role_and_nothing_happens(lab, _case, actor_name, level):
    # given
    initiative = initiative_make(unit=lab.w.a, authors=[lab.lan])
    before = _counts()
    # when / then
    with pytest.raises(RecognitionNotAllowed):
        initiative_recognise(
            actor=getattr(lab.w, actor_name),
            initiative=initiative,
            level=level,
            recognising_body="X",
            decision_number="1/QĐ",
            decision_date=dt.date(2019, 6, 1),
            recognised_on=dt.date(2019, 6, 1),
        )
    assert _counts() == before
