"""Nominations: R20 warnings at entry, R21 refusal, nominees outside the proposer, and the stored verdict that
changes when the data change (re-evaluation)."""

import datetime as dt

import pytest

from thidua.awards.errors import DossierInvalid, DossierWrongState, InitiativeAlreadyUsed
from thidua.awards.models import Nomination
from thidua.awards.services import (
    dossier_reevaluate,
    dossier_submit,
    dossier_update,
    nomination_add,
    nomination_remove,
    task_rating_set,
)
from thidua.awards.tests.dossiers.helpers import REF_A, documents_complete, dossier_make, nominate, title
from thidua.core.models import AuditEvent
from thidua.initiatives.tests.factories import initiative_make, recognise
from thidua.people.tests.factories import PersonFactory


@pytest.fixture
def lan(world):
    return PersonFactory(full_name="Nguyễn Thị Lan", unit=world.a, starts_on=dt.date(2015, 1, 1))


def test_r20_warns_when_proposed_for_the_same_title_in_another_open_dossier(world, lan):
    # given
    nominate(dossier_make(world.a), "LDTT", person=lan)
    other = dossier_make(world.a)
    # when
    added = nomination_add(actor=world.officer_a, dossier=other, title=title("LDTT"), person=lan)
    # then: a warning, not a refusal
    assert len(added.warnings) == 1
    assert "hồ sơ khác" in added.warnings[0]
    assert Nomination.objects.filter(person=lan).count() == 2


def test_r20_warns_when_the_nominee_appears_twice_or_the_achievement_is_reused(world, lan):
    # given
    dossier = dossier_make(world.a)
    nomination_add(actor=None, dossier=dossier, title=title("LDTT"), person=lan, achievement_key="de-an-so-hoa-2024")
    # when
    added = nomination_add(
        actor=None, dossier=dossier, title=title("GK"), person=lan, achievement_key="de-an-so-hoa-2024"
    )
    # then
    assert len(added.warnings) == 2


def test_r21_refuses_an_initiative_used_by_another_nomination(world, lan):
    # given
    initiative = initiative_make(unit=world.a, authors=[lan])
    recognise(initiative, on=dt.date(2019, 11, 15))
    first = dossier_make(world.a, year=2019, reference_date=REF_A)
    nomination_add(actor=None, dossier=first, title=title("CSTDCS"), person=lan, initiatives=[initiative])
    second = dossier_make(world.a, year=2019, reference_date=REF_A)
    before = AuditEvent.objects.count()
    # when / then
    with pytest.raises(InitiativeAlreadyUsed):
        nomination_add(actor=None, dossier=second, title=title("CSTDCS"), person=lan, initiatives=[initiative])
    assert not Nomination.objects.filter(dossier=second).exists()
    assert AuditEvent.objects.count() == before


def test_r21_the_engine_does_not_count_an_initiative_used_elsewhere(world, lan):
    # given: regime A CSTĐCS needs a cơ sở initiative (R02A)
    initiative = initiative_make(unit=world.a, authors=[lan])
    recognise(initiative, on=dt.date(2019, 11, 15))
    task_rating_set(actor=None, person=lan, year=2019, rating="htxsnv")
    first = dossier_make(world.a, year=2019, reference_date=REF_A)
    used = nomination_add(actor=None, dossier=first, title=title("CSTDCS"), person=lan, initiatives=[initiative])
    # when
    again = nominate(dossier_make(world.a, year=2019, reference_date=REF_A), "CSTDCS", person=lan)
    # then
    assert used.nomination.evaluation["facts"]["used_initiative_ids"] == []
    assert again.evaluation["facts"]["used_initiative_ids"] == [initiative.pk]
    assert again.verdict_status == "not_eligible"
    # and removing the first nomination frees the initiative
    nomination_remove(actor=None, nomination=used.nomination)
    dossier_reevaluate(actor=None, dossier=again.dossier)
    again.refresh_from_db()
    assert again.evaluation["facts"]["used_initiative_ids"] == []


def test_nominee_must_belong_to_the_proposer(world):
    # given
    stranger = PersonFactory(unit=world.b)
    dossier = dossier_make(world.a)
    # when / then
    with pytest.raises(DossierInvalid):
        nominate(dossier, "LDTT", person=stranger)
    with pytest.raises(DossierInvalid):
        nominate(dossier, "TTLDTT", unit=world.b)
    with pytest.raises(DossierInvalid):
        nominate(dossier, "TTLDTT", person=stranger)  # a collective title for a person
    assert nominate(dossier, "TTLDTT", unit=world.a1).unit == world.a1


def test_reevaluation_stores_a_new_snapshot_when_a_rating_changes(world, lan):
    # given: LĐTT 2024 (regime B, R01) with a failed rating
    task_rating_set(actor=None, person=lan, year=2024, rating="khtnv")
    dossier = dossier_make(world.a)
    nomination = nominate(dossier, "LDTT", person=lan)
    assert nomination.verdict_status == "not_eligible"
    first_snapshot = nomination.evaluation
    # when: the rating is corrected, then the dossier re-evaluated
    task_rating_set(actor=None, person=lan, year=2024, rating="htxsnv")
    dossier_reevaluate(actor=world.officer_a, dossier=dossier)
    # then
    nomination.refresh_from_db()
    assert nomination.verdict_status == "needs_confirmation"
    assert nomination.evaluation["facts"]["ratings"] == {"2024": "htxsnv"}
    assert first_snapshot["facts"]["ratings"] == {"2024": "khtnv"}
    assert nomination.evaluation["lines"] != first_snapshot["lines"]


def test_changing_the_reference_date_changes_the_regime(world, lan):
    # given
    dossier = dossier_make(world.a)
    nomination = nominate(dossier, "LDTT", person=lan)
    assert nomination.evaluation["regime"] == "B"
    # when
    dossier_update(actor=world.officer_a, dossier=dossier, reference_date=dt.date(2025, 7, 1), awarding_body="Sở")
    # then
    nomination.refresh_from_db()
    assert (nomination.evaluation["regime"], nomination.evaluation["rule_set"]) == ("C", "LDTT/C/1")


def test_a_submitted_dossier_is_not_edited(world, lan):
    # given
    dossier = dossier_make(world.a)
    nomination = nominate(dossier, "LDTT", person=lan)
    documents_complete(dossier)
    dossier_submit(actor=None, dossier=dossier)
    # when / then
    with pytest.raises(DossierWrongState):
        nomination_add(actor=None, dossier=dossier, title=title("GK"), person=lan)
    with pytest.raises(DossierWrongState):
        nomination_remove(actor=None, nomination=nomination)
    assert Nomination.objects.count() == 1


def test_title_without_rule_set_is_stored_as_such(world):
    # given: Giấy khen has no rule set in any regime
    dossier = dossier_make(world.a)
    # when
    nomination = nominate(dossier, "GK", unit=world.a)
    # then
    assert nomination.verdict_status == "no_rule_set"
    assert nomination.evaluation["message"]
