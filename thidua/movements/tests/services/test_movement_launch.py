"""movement_launch: who launches in the name of whom, and refusals that change nothing."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from thidua.core.exceptions import ValidationFailed
from thidua.core.models import AuditEvent
from thidua.movements.choices import MovementStatus
from thidua.movements.errors import MovementNotLaunchable, MovementPeriodInvalid, MovementUnitOutsideBloc
from thidua.movements.services import movement_launch
from thidua.movements.tests.helpers import fake_pdf, pdf, state

pytestmark = pytest.mark.django_db


def _launch(actor, unit, bloc=None, **extra):
    return movement_launch(
        actor=actor,
        unit=unit,
        bloc=bloc,
        kind="annual",
        title="  Phong trào thi đua yêu nước năm 2019 ",
        launched_on=dt.date(2019, 2, 20),
        starts_on=dt.date(2019, 1, 1),
        ends_on=dt.date(2019, 12, 31),
        **extra,
    )


@pytest.mark.parametrize(
    ("_case", "who", "body"),
    [
        ("province office for the province", "province_office", "p"),
        ("province office for a unit of the province", "province_office", "a"),
        ("province office for a bloc of the province", "province_office", "bloc"),
        ("bloc secretariat for its bloc", "secretariat", "bloc"),
        ("unit head for its unit", "head_a", "a"),
        ("unit officer for its unit", "officer_a", "a"),
        ("unit officer for a unit under its own", "officer_a", "a1"),
    ],
)
def test_the_launching_body_launches(world, _case, who, body):
    # given
    actor = getattr(world, who)
    unit, bloc = (world.a, world.bloc) if body == "bloc" else (getattr(world, body), None)
    # when
    movement = _launch(actor, unit, bloc, plan_document=pdf())
    # then
    assert movement.status == MovementStatus.LAUNCHED
    assert movement.title == "Phong trào thi đua yêu nước năm 2019"
    assert movement.plan_document.name.endswith(".pdf")
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.target_id) == ("movements.movement_launched", actor, str(movement.pk))


@pytest.mark.parametrize(
    ("_case", "who", "body"),
    [
        ("anonymous", "anonymous", "a"),
        ("signed in without a role", "plain", "a"),
        ("unit officer of another unit", "officer_a", "b"),
        ("unit head for the province", "head_a", "p"),
        ("unit head for a bloc its unit leads", "head_a", "bloc"),
        ("bloc secretariat for a unit of the bloc", "secretariat", "b"),
        ("bloc secretariat of another bloc", "other_secretariat", "bloc"),
        ("another province's office for the province", "q_office", "p"),
        ("another province's office for a bloc", "q_office", "bloc"),
    ],
)
def test_others_are_refused_and_nothing_changes(world, request, _case, who, body):
    # given
    actor = (
        AnonymousUser()
        if who == "anonymous"
        else request.getfixturevalue(who)
        if who == "other_secretariat"
        else getattr(world, who)
    )
    unit, bloc = (world.a, world.bloc) if body == "bloc" else (getattr(world, body), None)
    before = state()
    # when / then
    with pytest.raises(MovementNotLaunchable):
        _launch(actor, unit, bloc)
    assert state() == before


def test_a_bloc_movement_needs_a_unit_of_the_blocs_province(world):
    before = state()
    with pytest.raises(MovementUnitOutsideBloc):
        _launch(None, world.q1, world.bloc)
    assert state() == before


def test_a_plan_that_is_not_a_document_by_content_is_refused(world):
    before = state()
    with pytest.raises(ValidationFailed) as refusal:
        _launch(world.province_office, world.p, plan_document=fake_pdf())
    assert "plan_document" in refusal.value.fields
    assert state() == before


def test_a_period_that_ends_before_it_starts_is_refused(world):
    before = state()
    with pytest.raises(MovementPeriodInvalid):
        movement_launch(
            actor=world.province_office,
            unit=world.p,
            kind="annual",
            title="Phong trào",
            launched_on=dt.date(2019, 2, 20),
            starts_on=dt.date(2019, 12, 31),
            ends_on=dt.date(2019, 1, 1),
        )
    assert state() == before
