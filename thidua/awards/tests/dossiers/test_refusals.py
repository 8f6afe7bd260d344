"""Refusals of the dossier and decision services: invalid input, wrong state, out of reach — and nothing changed."""

import datetime as dt

import pytest

from thidua.awards.errors import (
    AwardAlreadyRevoked,
    DecisionInvalid,
    DossierInvalid,
    DossierNotAllowed,
    DossierWrongState,
)
from thidua.awards.models import Decision, DecisionAward, DossierStatus, Nomination
from thidua.awards.services import (
    AppraisalInput,
    DecisionInput,
    council_vote_record,
    decision_award_revoke,
    decision_issue,
    dossier_appraise,
    dossier_create,
    dossier_document_add,
    dossier_receive,
    dossier_reevaluate,
    dossier_return,
    dossier_submit,
    dossier_update,
    nomination_add,
    nomination_remove,
)
from thidua.awards.tests.dossiers.helpers import REF_B, appraised, documents_complete, dossier_make, nominate, title
from thidua.people.tests.factories import PersonFactory

DECISION = DecisionInput("5/QĐ-SVH", dt.date(2025, 1, 10), "Lê Hòa", "Giám đốc")


@pytest.fixture
def lan(world):
    return PersonFactory(full_name="Nguyễn Thị Lan", unit=world.a, starts_on=dt.date(2015, 1, 1))


@pytest.mark.parametrize(
    ("_case", "changes", "field"),
    [
        ("no proposer", {"unit": None}, "proposer"),
        ("both proposers", {"bloc": "bloc"}, "proposer"),
        ("year out of range", {"year": 1999, "reference_date": dt.date(1999, 12, 1)}, "year"),
        ("reference date before the year", {"reference_date": dt.date(2023, 12, 1)}, "reference_date"),
        ("no awarding body", {"awarding_body": "  "}, "awarding_body"),
        ("a province proposing", {"unit": "p"}, "proposer"),
    ],
)
def test_dossier_create_refuses_invalid_input(world, _case, changes, field):
    kwargs = {"unit": world.a, "year": 2024, "reference_date": REF_B, "awarding_body": "Sở"}
    kwargs.update(changes)
    if kwargs.get("bloc") == "bloc":
        kwargs["bloc"] = world.bloc
    if kwargs.get("unit") == "p":
        kwargs["unit"] = world.p
    with pytest.raises(DossierInvalid) as error:
        dossier_create(actor=None, **kwargs)
    assert field in error.value.fields


def test_dossier_update_refuses_invalid_input_and_submitted_dossiers(world, lan):
    dossier = dossier_make(world.a)
    with pytest.raises(DossierInvalid):
        dossier_update(actor=None, dossier=dossier, reference_date=dt.date(2023, 1, 1), awarding_body="Sở")
    with pytest.raises(DossierInvalid):
        dossier_update(actor=None, dossier=dossier, reference_date=REF_B, awarding_body="")
    with pytest.raises(DossierNotAllowed):
        dossier_update(actor=world.head_b, dossier=dossier, reference_date=REF_B, awarding_body="Sở")
    nominate(dossier, "LDTT", person=lan)
    documents_complete(dossier)
    dossier_submit(actor=None, dossier=dossier)
    with pytest.raises(DossierWrongState):
        dossier_update(actor=None, dossier=dossier, reference_date=dt.date(2025, 1, 2), awarding_body="Sở")
    dossier.refresh_from_db()
    assert dossier.reference_date == REF_B


def test_bloc_dossier_only_nominates_member_units(world, lan):
    dossier = dossier_create(actor=None, bloc=world.bloc, year=2024, reference_date=REF_B, awarding_body="UBND")
    with pytest.raises(DossierInvalid):
        nominate(dossier, "BK_TINH", person=lan)
    with pytest.raises(DossierInvalid):
        nominate(dossier, "BK_TINH", unit=world.q1)  # not a member in 2024
    assert not Nomination.objects.exists()


def test_document_and_removal_refusals(world, lan):
    dossier = dossier_make(world.a)
    nomination = nominate(dossier, "LDTT", person=lan)
    with pytest.raises(DossierInvalid):
        dossier_document_add(actor=None, dossier=dossier, kind="unknown")
    with pytest.raises(DossierNotAllowed):
        nomination_remove(actor=world.head_b, nomination=nomination)
    documents_complete(dossier)
    dossier_submit(actor=None, dossier=dossier)
    with pytest.raises(DossierWrongState):
        dossier_document_add(actor=None, dossier=dossier, kind="to_trinh")
    assert Nomination.objects.count() == 1


def test_reevaluate_refusals(world, lan):
    dossier = dossier_make(world.a)
    nominate(dossier, "LDTT", person=lan)
    with pytest.raises(DossierNotAllowed):
        dossier_reevaluate(actor=world.head_b, dossier=dossier)
    assert dossier_reevaluate(actor=world.province_office, dossier=dossier).pk == dossier.pk
    appraised(dossier)
    decision_issue(actor=None, dossier=dossier, data=DECISION)
    with pytest.raises(DossierWrongState):
        dossier_reevaluate(actor=None, dossier=dossier)


def test_submit_refuses_an_empty_dossier_and_a_wrong_state(world, lan):
    dossier = dossier_make(world.a)
    documents_complete(dossier)
    with pytest.raises(DossierInvalid):
        dossier_submit(actor=None, dossier=dossier)
    nominate(dossier, "LDTT", person=lan)
    dossier_submit(actor=None, dossier=dossier)
    with pytest.raises(DossierWrongState):
        dossier_submit(actor=None, dossier=dossier)


def test_review_steps_refuse_wrong_states_and_inputs(world, lan):
    dossier = dossier_make(world.a)
    nomination = nominate(dossier, "CSTDCS", person=lan)
    with pytest.raises(DossierWrongState):
        dossier_receive(actor=None, dossier=dossier)
    with pytest.raises(DossierWrongState):
        dossier_return(actor=None, dossier=dossier, reason="Thiếu")
    with pytest.raises(DossierInvalid):
        dossier_return(actor=None, dossier=dossier, reason="x" * 2001)
    with pytest.raises(DossierWrongState):
        dossier_appraise(actor=None, dossier=dossier, results=[AppraisalInput(nomination.pk, True)])
    with pytest.raises(DossierWrongState):
        council_vote_record(actor=None, nomination=nomination, yes_votes=9, members=10, present=10)
    with pytest.raises(DossierWrongState):
        decision_issue(actor=None, dossier=dossier, data=DECISION)
    documents_complete(dossier)
    dossier_submit(actor=None, dossier=dossier)
    dossier_receive(actor=None, dossier=dossier)
    with pytest.raises(DossierInvalid):
        dossier_appraise(actor=None, dossier=dossier, results=[])
    with pytest.raises(DossierInvalid):
        dossier_appraise(actor=None, dossier=dossier, results=[AppraisalInput(nomination.pk + 999, True)])
    with pytest.raises(DossierWrongState):
        decision_issue(actor=None, dossier=dossier, data=DECISION)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED


@pytest.mark.parametrize(
    ("yes", "members", "present"), [(-1, 10, 10), (11, 10, 10), (0, 0, 0), (9, 10, 11), (9, 10, -1)]
)
def test_council_vote_refuses_impossible_counts(world, lan, yes, members, present):
    dossier = dossier_make(world.a)
    nomination = nominate(dossier, "CSTDCS", person=lan)
    appraised(dossier)
    with pytest.raises(DossierInvalid):
        council_vote_record(actor=None, nomination=nomination, yes_votes=yes, members=members, present=present)


def test_council_vote_refused_for_a_rejected_nominee(world, lan):
    dossier = dossier_make(world.a)
    nomination = nominate(dossier, "CSTDCS", person=lan)
    appraised(dossier, passed=False)
    with pytest.raises(DossierWrongState):
        council_vote_record(actor=None, nomination=nomination, yes_votes=10, members=10, present=10)


@pytest.mark.parametrize(
    ("_case", "data", "field"),
    [
        ("blank number", DecisionInput(" ", dt.date(2025, 1, 10), "Lê Hòa", "Giám đốc"), "number"),
        ("blank signer", DecisionInput("5/QĐ", dt.date(2025, 1, 10), "", "Giám đốc"), "signer_name"),
        ("future date", DecisionInput("5/QĐ", dt.date(2099, 1, 10), "Lê Hòa", "Giám đốc"), "decided_on"),
        ("before the reference date", DecisionInput("5/QĐ", dt.date(2024, 12, 1), "Lê Hòa", "Giám đốc"), "decided_on"),
    ],
)
def test_decision_issue_refuses_invalid_input(world, lan, _case, data, field):
    dossier = dossier_make(world.a)
    nominate(dossier, "LDTT", person=lan)
    appraised(dossier)
    with pytest.raises(DecisionInvalid) as error:
        decision_issue(actor=None, dossier=dossier, data=data)
    assert field in error.value.fields
    assert not Decision.objects.exists()


def test_decision_issue_refuses_without_approved_nominee_or_with_a_used_number(world, lan):
    rejected = dossier_make(world.a)
    nominate(rejected, "LDTT", person=lan)
    appraised(rejected, passed=False)
    with pytest.raises(DecisionInvalid):
        decision_issue(actor=None, dossier=rejected, data=DECISION)
    first = dossier_make(world.a)
    nominate(first, "LDTT", person=lan)
    appraised(first)
    decision_issue(actor=None, dossier=first, data=DECISION)
    second = dossier_make(world.a)
    nominate(second, "LDTT", person=PersonFactory(unit=world.a))
    appraised(second)
    with pytest.raises(DecisionInvalid):
        decision_issue(actor=None, dossier=second, data=DECISION)
    assert Decision.objects.count() == 1


@pytest.mark.parametrize("actor_name", ["head_a", "officer_a", "secretariat", "q_office"])
def test_decision_and_revocation_belong_to_the_province_office(world, lan, actor_name):
    dossier = dossier_make(world.a)
    nominate(dossier, "LDTT", person=lan)
    appraised(dossier)
    actor = getattr(world, actor_name)
    with pytest.raises(DossierNotAllowed):
        decision_issue(actor=actor, dossier=dossier, data=DECISION)
    decision_issue(actor=world.province_office, dossier=dossier, data=DECISION)
    award = DecisionAward.objects.get()
    with pytest.raises(DossierNotAllowed):
        decision_award_revoke(actor=actor, award=award, revoked_on=dt.date(2025, 3, 1), reference="1/QĐ", reason="x")
    award.refresh_from_db()
    assert not award.is_revoked


def test_an_award_is_revoked_once(world, lan):
    dossier = dossier_make(world.a)
    nominate(dossier, "LDTT", person=lan)
    appraised(dossier)
    decision_issue(actor=None, dossier=dossier, data=DECISION)
    award = DecisionAward.objects.get()
    decision_award_revoke(actor=None, award=award, revoked_on=dt.date(2025, 3, 1), reference="1/QĐ", reason="Sai")
    with pytest.raises(AwardAlreadyRevoked):
        decision_award_revoke(actor=None, award=award, revoked_on=dt.date(2025, 3, 2), reference="2/QĐ", reason="x")


def test_nomination_add_is_refused_to_another_unit(world, lan):
    dossier = dossier_make(world.a)
    with pytest.raises(DossierNotAllowed):
        nomination_add(actor=world.officer_a, dossier=dossier_make(world.b), title=title("LDTT"), person=lan)
    assert not Nomination.objects.filter(dossier=dossier).exists()
