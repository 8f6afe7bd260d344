"""Services recording the facts: happy paths, the permission matrix with nothing changed, validation."""

import datetime as dt

import pytest

from thidua.awards.errors import (
    AwardAlreadyRevoked,
    CaseAlreadyClosed,
    FactConflict,
    FactInvalid,
    FactNotEditable,
    ParameterNotEditable,
)
from thidua.awards.models import AwardRecord, DisciplineRecord, ParameterOverride, PendingCase, TaskRating
from thidua.awards.services import (
    DisciplineInput,
    award_record_revoke,
    discipline_record_create,
    leave_period_create,
    parameter_override_set,
    pending_case_close,
    pending_case_open,
    science_work_create,
    task_rating_delete,
    task_rating_set,
)
from thidua.awards.tests.factories import award_give
from thidua.core.models import AuditEvent
from thidua.people.tests.factories import PersonFactory


@pytest.fixture
def lan(world):
    return PersonFactory(full_name="Nguyễn Thị Lan", unit=world.a, starts_on=dt.date(2015, 1, 1))


def test_task_rating_set_records_then_corrects_with_audit(world, lan):
    # when
    task_rating_set(actor=world.officer_a, person=lan, year=2019, rating="httnv")
    rating = task_rating_set(actor=world.officer_a, person=lan, year=2019, rating="htxsnv", source="Biên bản")
    # then
    assert TaskRating.objects.get().rating == "htxsnv"
    events = AuditEvent.objects.filter(action="awards.task_rating_set").order_by("pk")
    assert [e.after["rating"] for e in events] == ["httnv", "htxsnv"]
    assert events[1].before["rating"] == "httnv"
    assert rating.source == "Biên bản"


@pytest.mark.parametrize(
    ("_case", "actor_name", "allowed"),
    [
        ("anonymous", None, False),
        ("plain user of the unit", "plain", False),
        ("head of another unit", "head_b", False),
        ("office of another province", "q_office", False),
        ("bloc secretariat", "secretariat", False),
        ("officer of the unit", "officer_a", True),
        ("head of the unit", "head_a", True),
        ("province office", "province_office", True),
    ],
)
def test_task_rating_permission_matrix(world, lan, _case, actor_name, allowed):
    from django.contrib.auth.models import AnonymousUser

    actor = getattr(world, actor_name) if actor_name else AnonymousUser()
    if allowed:
        task_rating_set(actor=actor, person=lan, year=2019, rating="htnv")
        assert TaskRating.objects.count() == 1
    else:
        with pytest.raises(FactNotEditable):
            task_rating_set(actor=actor, person=lan, year=2019, rating="htnv")
        assert TaskRating.objects.count() == 0
        assert not AuditEvent.objects.filter(action__startswith="awards.").exists()


def test_unit_head_rates_own_unit_not_sibling(world):
    # when
    task_rating_set(actor=world.head_a, unit=world.a, year=2019, rating="htxsnv")
    # then
    with pytest.raises(FactNotEditable):
        task_rating_set(actor=world.head_a, unit=world.b, year=2019, rating="htxsnv")
    assert list(TaskRating.objects.values_list("unit_id", flat=True)) == [world.a.pk]


def test_history_follows_the_person_to_the_new_unit(world):
    # given: worked in B until 2018, now in A
    from thidua.people.services.assignments import assignment_move

    person = PersonFactory(unit=world.b, starts_on=dt.date(2015, 1, 1))
    assignment_move(actor=None, person=person, unit=world.a, starts_on=dt.date(2019, 1, 1), category="civil_servant")
    # when: the officer of the current unit records the 2017 rating
    task_rating_set(actor=world.officer_a, person=person, year=2017, rating="htxsnv")
    # then
    assert TaskRating.objects.get().year == 2017


@pytest.mark.parametrize(
    ("_case", "year", "rating"),
    [("before 2000", 1999, "htnv"), ("after 2100", 2101, "htnv"), ("future", 2099, "htnv"), ("bad", 2019, "x")],
)
def test_task_rating_validation(world, lan, _case, year, rating):
    with pytest.raises(FactInvalid):
        task_rating_set(actor=world.officer_a, person=lan, year=year, rating=rating)
    assert TaskRating.objects.count() == 0


def test_subject_must_be_a_person_xor_a_unit(world, lan):
    with pytest.raises(FactInvalid):
        task_rating_set(actor=world.officer_a, person=lan, unit=world.a, year=2019, rating="htnv")


def test_task_rating_delete_keeps_audit(world, lan):
    rating = task_rating_set(actor=world.officer_a, person=lan, year=2019, rating="htnv")
    task_rating_delete(actor=world.head_a, rating=rating)
    assert TaskRating.objects.count() == 0
    assert AuditEvent.objects.get(action="awards.task_rating_deleted").before["rating"] == "htnv"


def test_award_record_create_refuses_duplicate_and_wrong_subject(world, lan):
    award_give("CSTDCS", 2019, person=lan)
    with pytest.raises(FactConflict):
        award_give("CSTDCS", 2019, person=lan)
    with pytest.raises(FactInvalid):
        award_give("TTLDXS", 2019, person=lan)
    assert AwardRecord.objects.count() == 1


def test_award_record_revoke(world, lan):
    record = award_give("CSTDCS", 2019, person=lan)
    revoked = award_record_revoke(
        actor=world.province_office,
        record=record,
        revoked_on=dt.date(2021, 3, 1),
        reference="12/QĐ-UBND",
        reason="Khai man thành tích",
    )
    assert revoked.is_revoked
    assert AuditEvent.objects.filter(action="awards.award_record_revoked").count() == 1
    with pytest.raises(AwardAlreadyRevoked):
        award_record_revoke(
            actor=world.province_office, record=record, revoked_on=dt.date(2021, 3, 2), reference="x", reason="y"
        )


def test_award_record_revoke_refused_for_other_unit_and_without_reason(world, lan):
    record = award_give("CSTDCS", 2019, person=lan)
    with pytest.raises(FactNotEditable):
        award_record_revoke(
            actor=world.head_b, record=record, revoked_on=dt.date(2021, 3, 1), reference="1", reason="2"
        )
    with pytest.raises(FactInvalid):
        award_record_revoke(actor=world.head_a, record=record, revoked_on=dt.date(2021, 3, 1), reference="1", reason="")
    with pytest.raises(FactInvalid):
        award_record_revoke(
            actor=world.head_a, record=record, revoked_on=dt.date(2018, 3, 1), reference="1", reason="2"
        )
    assert not AwardRecord.objects.get().is_revoked


def test_discipline_and_pending_case(world, lan):
    discipline_record_create(
        actor=world.head_a,
        person=lan,
        data=DisciplineInput(level="canh_cao", decided_on=dt.date(2019, 5, 1), decision_number="5/QĐ-KL"),
    )
    with pytest.raises(FactInvalid):
        discipline_record_create(
            actor=world.head_a,
            person=lan,
            data=DisciplineInput(
                level="canh_cao", decided_on=dt.date(2019, 5, 1), ends_on=dt.date(2019, 1, 1), decision_number="6"
            ),
        )
    case = pending_case_open(actor=world.officer_a, person=lan, kind="inspection", opened_on=dt.date(2020, 1, 2))
    with pytest.raises(FactInvalid):
        pending_case_close(actor=world.officer_a, case=case, closed_on=dt.date(2019, 1, 1))
    pending_case_close(actor=world.officer_a, case=case, closed_on=dt.date(2020, 6, 1))
    with pytest.raises(CaseAlreadyClosed):
        pending_case_close(actor=world.officer_a, case=case, closed_on=dt.date(2020, 7, 1))
    assert DisciplineRecord.objects.count() == 1
    assert PendingCase.objects.get().closed_on == dt.date(2020, 6, 1)


def test_leave_and_science_work(world, lan):
    leave_period_create(actor=world.officer_a, person=lan, starts_on=dt.date(2019, 2, 1), ends_on=dt.date(2019, 8, 1))
    with pytest.raises(FactInvalid):
        leave_period_create(
            actor=world.officer_a, person=lan, starts_on=dt.date(2019, 8, 1), ends_on=dt.date(2019, 2, 1)
        )
    work = science_work_create(
        actor=world.officer_a, person=lan, title="Đề tài  số hóa", level="province", accepted_on=dt.date(2019, 9, 9)
    )
    assert work.title == "Đề tài số hóa"
    with pytest.raises(FactNotEditable):
        science_work_create(actor=world.head_b, person=lan, title="Khác", level="base", accepted_on=dt.date(2019, 9, 9))


def test_parameter_override_only_by_the_province_office(world):
    with pytest.raises(ParameterNotEditable):
        parameter_override_set(
            actor=world.head_a,
            province=world.p,
            condition_code="quota",
            param="share",
            value=0.1,
            valid_from=dt.date(2020, 1, 1),
            decision_reference="1/QĐ-UBND",
        )
    with pytest.raises(ParameterNotEditable):
        parameter_override_set(
            actor=world.q_office,
            province=world.p,
            condition_code="quota",
            param="share",
            value=0.1,
            valid_from=dt.date(2020, 1, 1),
            decision_reference="1/QĐ-UBND",
        )
    with pytest.raises(FactInvalid):
        parameter_override_set(
            actor=world.province_office,
            province=world.p,
            condition_code="quota",
            param="share",
            value=0.1,
            valid_from=dt.date(2020, 1, 1),
            decision_reference=" ",
        )
    assert ParameterOverride.objects.count() == 0
    parameter_override_set(
        actor=world.province_office,
        province=world.p,
        condition_code="quota",
        param="share",
        value=0.1,
        valid_from=dt.date(2020, 1, 1),
        decision_reference="1/QĐ-UBND",
    )
    assert AuditEvent.objects.get(action="awards.parameter_override_set").legal_basis == "1/QĐ-UBND"
