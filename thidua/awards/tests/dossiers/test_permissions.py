"""Permission matrix of the dossier services (S26): on every refusal, nothing changed — no row, no status change, no
history step, no audit event."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from thidua.awards.errors import DossierNotAllowed
from thidua.awards.models import Dossier, DossierEvent, DossierStatus, Nomination
from thidua.awards.services import (
    council_vote_record,
    dossier_create,
    dossier_receive,
    dossier_return,
    dossier_submit,
    nomination_add,
)
from thidua.awards.tests.dossiers.helpers import REF_B, appraised, documents_complete, dossier_make, nominate, title
from thidua.core.models import AuditEvent
from thidua.people.tests.factories import PersonFactory

ACTORS = ["anonymous", "plain", "officer_a", "head_a", "head_b", "secretariat", "province_office", "q_office"]


def actor_of(world, name):
    return AnonymousUser() if name == "anonymous" else getattr(world, name)


def audit_count():
    return AuditEvent.objects.filter(action__startswith="awards.").count()


@pytest.fixture
def lan(world):
    return PersonFactory(full_name="Nguyễn Thị Lan", unit=world.a, starts_on=dt.date(2015, 1, 1))


@pytest.mark.parametrize("actor_name", ACTORS)
def test_dossier_create_for_a_unit(world, actor_name):
    allowed = actor_name in {"officer_a", "head_a"}
    # given
    before = audit_count()
    # when / then
    if allowed:
        dossier = dossier_create(
            actor=actor_of(world, actor_name), unit=world.a, year=2024, reference_date=REF_B, awarding_body="Sở"
        )
        assert dossier.status == DossierStatus.DRAFT
    else:
        with pytest.raises(DossierNotAllowed):
            dossier_create(
                actor=actor_of(world, actor_name), unit=world.a, year=2024, reference_date=REF_B, awarding_body="Sở"
            )
        assert not Dossier.objects.exists()
        assert audit_count() == before


@pytest.mark.parametrize("actor_name", ACTORS)
def test_dossier_create_for_a_bloc(world, actor_name):
    allowed = actor_name == "secretariat"
    before = audit_count()
    if allowed:
        dossier = dossier_create(
            actor=world.secretariat, bloc=world.bloc, year=2024, reference_date=REF_B, awarding_body="UBND tỉnh"
        )
        assert dossier.province == world.p
    else:
        with pytest.raises(DossierNotAllowed):
            dossier_create(
                actor=actor_of(world, actor_name),
                bloc=world.bloc,
                year=2024,
                reference_date=REF_B,
                awarding_body="UBND tỉnh",
            )
        assert not Dossier.objects.exists()
        assert audit_count() == before


@pytest.mark.parametrize("actor_name", ACTORS)
def test_nomination_add(world, lan, actor_name):
    allowed = actor_name in {"officer_a", "head_a"}
    dossier = dossier_make(world.a)
    before = audit_count()
    if allowed:
        nomination_add(actor=actor_of(world, actor_name), dossier=dossier, title=title("LDTT"), person=lan)
        assert Nomination.objects.count() == 1
    else:
        with pytest.raises(DossierNotAllowed):
            nomination_add(actor=actor_of(world, actor_name), dossier=dossier, title=title("LDTT"), person=lan)
        assert not Nomination.objects.exists()
        assert audit_count() == before


@pytest.mark.parametrize("actor_name", ACTORS)
def test_dossier_submit(world, lan, actor_name):
    allowed = actor_name == "head_a"
    dossier = dossier_make(world.a)
    nominate(dossier, "LDTT", person=lan)
    documents_complete(dossier)
    before, steps = audit_count(), DossierEvent.objects.count()
    if allowed:
        assert dossier_submit(actor=world.head_a, dossier=dossier).status == DossierStatus.SUBMITTED
    else:
        with pytest.raises(DossierNotAllowed):
            dossier_submit(actor=actor_of(world, actor_name), dossier=dossier)
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.DRAFT
        assert dossier.submitted_at is None
        assert (audit_count(), DossierEvent.objects.count()) == (before, steps)


def test_bloc_dossier_is_submitted_by_its_secretariat_not_a_member_head(world, today):
    # given
    dossier = dossier_create(
        actor=world.secretariat,
        bloc=world.bloc,
        year=today.year,
        reference_date=today,
        awarding_body="UBND tỉnh",
    )
    nomination_add(actor=world.secretariat, dossier=dossier, title=title("BK_TINH"), unit=world.b)
    documents_complete(dossier)
    # when / then
    with pytest.raises(DossierNotAllowed):
        dossier_submit(actor=world.head_a, dossier=dossier)
    assert dossier_submit(actor=world.secretariat, dossier=dossier).status == DossierStatus.SUBMITTED


@pytest.mark.parametrize("actor_name", ACTORS)
def test_review_steps_belong_to_the_province_office(world, lan, actor_name):
    allowed = actor_name == "province_office"
    dossier = dossier_make(world.a)
    nominate(dossier, "LDTT", person=lan)
    documents_complete(dossier)
    dossier_submit(actor=None, dossier=dossier)
    before, steps = audit_count(), DossierEvent.objects.count()
    actor = actor_of(world, actor_name)
    if allowed:
        assert dossier_receive(actor=actor, dossier=dossier).status == DossierStatus.RECEIVED
        assert dossier_return(actor=actor, dossier=dossier, reason="Thiếu").status == DossierStatus.RETURNED
    else:
        with pytest.raises(DossierNotAllowed):
            dossier_receive(actor=actor, dossier=dossier)
        with pytest.raises(DossierNotAllowed):
            dossier_return(actor=actor, dossier=dossier, reason="Thiếu")
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.SUBMITTED
        assert (audit_count(), DossierEvent.objects.count()) == (before, steps)


@pytest.mark.parametrize("actor_name", ["head_a", "officer_a", "secretariat", "q_office"])
def test_council_vote_is_refused_outside_the_province_office(world, lan, actor_name):
    dossier = dossier_make(world.a)
    nomination = nominate(dossier, "CSTDCS", person=lan)
    appraised(dossier)
    before = audit_count()
    with pytest.raises(DossierNotAllowed):
        council_vote_record(
            actor=actor_of(world, actor_name), nomination=nomination, yes_votes=10, members=10, present=10
        )
    nomination.refresh_from_db()
    assert nomination.council_yes_votes is None
    assert audit_count() == before
