"""A bloc covenant's life: draft → open → in force when every member unit's head has acknowledged it."""

import pytest

from thidua.core.models import AuditEvent
from thidua.covenants.choices import CovenantStatus
from thidua.covenants.errors import (
    CovenantAcknowledgeRefused,
    CovenantAlreadyAcknowledged,
    CovenantNotDraft,
    CovenantNotManageable,
    CovenantNotOpen,
    CovenantUnitNotMember,
)
from thidua.covenants.services import (
    TargetInput,
    bloc_covenant_create,
    bloc_covenant_open,
    bloc_covenant_target_add,
    covenant_acknowledge,
)
from thidua.covenants.tests.factories import covenant_draft, covenant_open, state, this_year

pytestmark = pytest.mark.django_db


def test_the_covenant_is_in_force_only_when_every_member_has_acknowledged(world):
    # given
    covenant = covenant_open(world.bloc, [world.a, world.b])
    # when
    covenant_acknowledge(actor=world.head_a, covenant=covenant, unit=world.a)
    covenant.refresh_from_db()
    # then
    assert covenant.status == CovenantStatus.OPEN
    # when
    covenant_acknowledge(actor=world.head_b, covenant=covenant, unit=world.b)
    covenant.refresh_from_db()
    # then
    assert covenant.status == CovenantStatus.IN_FORCE
    assert covenant.in_force_at is not None
    assert AuditEvent.objects.filter(action="covenants.in_force").count() == 1
    assert AuditEvent.objects.filter(action="covenants.acknowledged").count() == 2


def test_a_unit_acknowledges_once(world):
    # given
    covenant = covenant_open(world.bloc, [world.a])
    covenant_acknowledge(actor=world.head_a, covenant=covenant, unit=world.a)
    before = state()
    # when / then
    with pytest.raises(CovenantAlreadyAcknowledged):
        covenant_acknowledge(actor=world.head_a, covenant=covenant, unit=world.a)
    assert state() == before


def test_a_draft_is_not_acknowledged(world):
    covenant = covenant_draft(world.bloc, [world.a])
    before = state()
    with pytest.raises(CovenantNotOpen):
        covenant_acknowledge(actor=world.head_a, covenant=covenant, unit=world.a)
    assert state() == before


def test_an_open_covenant_is_no_longer_edited(world):
    covenant = covenant_open(world.bloc, [world.a])
    before = state()
    with pytest.raises(CovenantNotDraft):
        bloc_covenant_target_add(actor=world.secretariat, covenant=covenant, unit=world.b, target=TargetInput("X"))
    with pytest.raises(CovenantNotDraft):
        bloc_covenant_open(actor=world.secretariat, covenant=covenant)
    assert state() == before


def test_targets_are_for_member_units_only(world):
    covenant = covenant_draft(world.bloc, [])
    before = state()
    with pytest.raises(CovenantUnitNotMember):
        bloc_covenant_target_add(actor=world.secretariat, covenant=covenant, unit=world.q1, target=TargetInput("X"))
    assert state() == before


@pytest.mark.parametrize(
    ("_case", "who"),
    [
        ("head of another unit", "head_b"),
        ("bloc secretariat", "secretariat"),
        ("province office", "province_office"),
        ("another province's office", "q_office"),
        ("signed in without a role", "plain"),
    ],
)
def test_only_the_units_own_roles_acknowledge(world, _case, who):
    # given
    covenant = covenant_open(world.bloc, [world.a, world.b])
    before = state()
    # when / then
    with pytest.raises(CovenantAcknowledgeRefused):
        covenant_acknowledge(actor=getattr(world, who), covenant=covenant, unit=world.a)
    assert state() == before


@pytest.mark.parametrize("who", ["secretariat", "province_office"])
def test_the_secretariat_and_the_province_office_draft_and_open(world, who):
    # when
    covenant = bloc_covenant_create(actor=getattr(world, who), bloc=world.bloc, year=this_year(), content="Nội dung")
    bloc_covenant_target_add(
        actor=getattr(world, who), covenant=covenant, unit=world.a, target=TargetInput("Chỉ tiêu A")
    )
    bloc_covenant_open(actor=getattr(world, who), covenant=covenant)
    # then
    covenant.refresh_from_db()
    assert covenant.status == CovenantStatus.OPEN
    assert covenant.targets.count() == 1


@pytest.mark.parametrize("who", ["head_a", "officer_a", "head_b", "plain", "q_office"])
def test_others_do_not_draft(world, who):
    before = state()
    with pytest.raises(CovenantNotManageable):
        bloc_covenant_create(actor=getattr(world, who), bloc=world.bloc, year=this_year(), content="Nội dung")
    assert state() == before


def test_the_units_officer_acknowledges_for_the_unit(world):
    # given
    covenant = covenant_open(world.bloc, [world.a, world.b])
    # when
    covenant_acknowledge(actor=world.officer_a, covenant=covenant, unit=world.a)
    # then
    assert covenant.acknowledgements.get().acknowledged_by == world.officer_a
