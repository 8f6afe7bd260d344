"""Selectors building the frozen facts: correct facts and a query count independent of the number of subjects."""

import datetime as dt

import pytest

from thidua.awards.models import ParameterOverride
from thidua.awards.selectors import parameter_overrides_for, subject_facts_for_people, subject_facts_for_units
from thidua.awards.services import (
    DisciplineInput,
    award_record_revoke,
    discipline_record_create,
    leave_period_create,
    parameter_override_set,
    pending_case_open,
    science_work_create,
    task_rating_set,
)
from thidua.awards.tests.factories import award_give
from thidua.emulation.choices import BlocRole
from thidua.emulation.tests.factories import member_add
from thidua.initiatives.choices import RecognitionLevel
from thidua.initiatives.tests.factories import initiative_make, recognise
from thidua.people.choices import Gender
from thidua.people.tests.factories import PersonFactory

REF = dt.date(2020, 1, 15)


def _history(person):
    for year in (2017, 2018, 2019):
        task_rating_set(actor=None, person=person, year=year, rating="htxsnv")
        award_give("CSTDCS", year, person=person)
    discipline_record_create(
        actor=None,
        person=person,
        data=DisciplineInput(level="khien_trach", decided_on=dt.date(2018, 3, 1), decision_number=f"KL-{person.pk}"),
    )
    pending_case_open(actor=None, person=person, kind="complaint", opened_on=dt.date(2019, 10, 1))
    science_work_create(actor=None, person=person, title="Đề tài", level="base", accepted_on=dt.date(2019, 6, 1))


def test_person_facts(world):
    # given
    lan = PersonFactory(full_name="Nguyễn Thị Lan", gender=Gender.FEMALE, unit=world.a)
    _history(lan)
    revoked = award_give("LDTT", 2016, person=lan)
    award_record_revoke(actor=None, record=revoked, revoked_on=dt.date(2019, 1, 1), reference="R", reason="sai")
    award_give("BK_TINH", 2021, person=lan)  # after the evaluated year: left out
    initiative = initiative_make(unit=world.a, authors=[lan], applied_on=dt.date(2019, 3, 1))
    recognise(initiative, RecognitionLevel.BASE, on=dt.date(2019, 11, 15))
    # when
    facts = subject_facts_for_people([lan.pk], year=2019, reference_date=REF)[lan.pk]
    # then
    assert facts.kind == "individual" and facts.is_female
    assert dict(facts.ratings) == {2017: "htxsnv", 2018: "htxsnv", 2019: "htxsnv"}
    assert [a.year for a in facts.awards_of("CSTDCS")] == [2017, 2018, 2019]
    assert [a.is_revoked for a in facts.awards if a.title_code == "LDTT"] == [True]
    assert not any(a.title_code == "BK_TINH" for a in facts.awards)
    assert sorted((i.level, i.is_science_work) for i in facts.initiatives) == [("base", False), ("base", True)]
    assert facts.disciplines[0].level == "khien_trach"
    assert facts.pending_cases[0].closed_on is None


def test_posts_and_maternity_leaves_of_the_year_feed_the_working_time(world):
    # given: a post since 2015, a leave in the year, one the year before, one the year after
    mai = PersonFactory(full_name="Trần Thị Mai", gender=Gender.FEMALE, unit=world.a)
    for starts_on, ends_on in (
        (dt.date(2018, 6, 1), dt.date(2018, 11, 30)),
        (dt.date(2019, 3, 1), dt.date(2019, 8, 31)),
        (dt.date(2020, 2, 1), dt.date(2020, 7, 31)),
    ):
        leave_period_create(actor=None, person=mai, starts_on=starts_on, ends_on=ends_on)
    # when
    facts = subject_facts_for_people([mai.pk], year=2019, reference_date=REF)[mai.pk]
    # then
    assert [(p.starts_on, p.ends_on) for p in facts.posts] == [(dt.date(2015, 1, 1), None)]
    assert [(p.starts_on, p.ends_on) for p in facts.maternity_leaves] == [(dt.date(2019, 3, 1), dt.date(2019, 8, 31))]


def test_revocation_after_the_reference_date_is_not_seen(world):
    lan = PersonFactory(unit=world.a)
    record = award_give("CSTDCS", 2018, person=lan)
    award_record_revoke(actor=None, record=record, revoked_on=dt.date(2021, 1, 1), reference="R", reason="sai")
    facts = subject_facts_for_people([lan.pk], year=2019, reference_date=REF)[lan.pk]
    assert facts.has_title("CSTDCS", 2018)


def test_unit_facts_with_members(world):
    # given
    members = [PersonFactory(unit=world.b, gender=Gender.FEMALE) for _ in range(3)]
    PersonFactory(unit=world.b, starts_on=dt.date(2020, 2, 1))  # joined after the year: not a member
    task_rating_set(actor=None, unit=world.b, year=2019, rating="htxsnv")
    task_rating_set(actor=None, person=members[0], year=2019, rating="httnv")
    award_give("LDTT", 2019, person=members[0])
    award_give("TTLDTT", 2019, unit=world.b)
    member_add(world.bloc, world.a, role=BlocRole.LEADER, year=2018)
    # when
    facts = subject_facts_for_units([world.b.pk, world.a.pk], year=2019, reference_date=REF)
    # then
    b = facts[world.b.pk]
    assert b.kind == "collective" and b.ratings[2019] == "htxsnv"
    assert [m.person_id for m in b.members] == sorted(m.pk for m in members)
    first = next(m for m in b.members if m.person_id == members[0].pk)
    assert first.ratings[2019] == "httnv" and first.title_codes_by_year[2019] == frozenset({"LDTT"})
    assert b.has_title("TTLDTT", 2019) and b.is_female
    assert facts[world.a.pk].leads_bloc_in == frozenset({2018})


def _people(world, n):
    people = [PersonFactory(unit=world.a) for _ in range(n)]
    for person in people:
        _history(person)
    return [p.pk for p in people]


@pytest.mark.parametrize("n", [3, 30])
def test_people_facts_query_count_is_constant(world, django_assert_num_queries, n):
    ids = _people(world, n)
    with django_assert_num_queries(9):
        facts = subject_facts_for_people(ids, year=2019, reference_date=REF)
    assert len(facts) == n


@pytest.mark.parametrize("n", [3, 30])
def test_unit_facts_query_count_is_constant(world, django_assert_num_queries, n):
    from thidua.organizations.tests.factories import UnitFactory

    units = [UnitFactory(parent=world.p) for _ in range(n)]
    for unit in units:
        person = PersonFactory(unit=unit)
        task_rating_set(actor=None, person=person, year=2019, rating="htnv")
        task_rating_set(actor=None, unit=unit, year=2019, rating="htnv")
    with django_assert_num_queries(10):
        facts = subject_facts_for_units([u.pk for u in units], year=2019, reference_date=REF)
    assert all(len(f.members) == 1 for f in facts.values())


def test_parameter_overrides_latest_per_param(world):
    def put(param, value, day, key=""):
        parameter_override_set(
            actor=None,
            province=world.p,
            condition_code="quota",
            param=param,
            value=value,
            valid_from=day,
            decision_reference="QĐ",
            rule_set_key=key,
        )

    put("share", 0.15, dt.date(2018, 1, 1))
    put("share", 0.10, dt.date(2020, 1, 1))
    put("rounding", "floor", dt.date(2018, 1, 1))
    put("share", 0.12, dt.date(2019, 1, 1), key="CSTDCS/A/1")
    assert ParameterOverride.objects.count() == 4
    assert parameter_overrides_for(world.p, dt.date(2019, 6, 1)) == {"quota": {"share": 0.15, "rounding": "floor"}}
    assert parameter_overrides_for(world.p, dt.date(2019, 6, 1), rule_set_key="CSTDCS/A/1")["quota"]["share"] == 0.12
    assert parameter_overrides_for(world.p, dt.date(2020, 6, 1))["quota"]["share"] == 0.10
    assert parameter_overrides_for(world.p, dt.date(2017, 6, 1)) == {}
