"""bloc_create and bloc_member_add: the province office organises its blocs; one Khối trưởng per bloc and year."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from thidua.core.exceptions import ValidationFailed
from thidua.core.models import AuditEvent
from thidua.emulation.choices import BlocKind, BlocRole
from thidua.emulation.errors import BlocLeaderTaken, BlocNameTaken, BlocNotManageable, BlocUnitAlreadySeated
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.services import bloc_create, bloc_member_add
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.tests.factories import UnitFactory


def _state() -> tuple[int, int, int]:
    return Bloc.objects.count(), BlocMembership.objects.count(), AuditEvent.objects.count()


def _this_year() -> int:
    return timezone.localdate().year


REFUSED_ACTORS = [
    ("anonymous", lambda w: AnonymousUser()),
    ("no role", lambda w: w.plain),
    ("head of a member unit", lambda w: w.head_a),
    ("officer of a member unit", lambda w: w.officer_a),
    ("the bloc's own secretariat", lambda w: w.secretariat),
    ("another province's office", lambda w: w.q_office),
]


# --- bloc_create -----------------------------------------------------------------------------------------------------


def test_province_office_creates_a_bloc_with_one_audit_event(world: Any) -> None:
    # given
    blocs_before, memberships_before, events_before = _state()
    # when
    bloc = bloc_create(
        actor=world.province_office, province=world.p, name="Cụm thi đua các huyện", kind=BlocKind.CLUSTER
    )
    # then
    assert _state() == (blocs_before + 1, memberships_before, events_before + 1)
    bloc.refresh_from_db()
    assert (bloc.province, bloc.name, bloc.kind) == (world.p, "Cụm thi đua các huyện", BlocKind.CLUSTER)
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.acting_unit) == ("emulation.bloc_created", world.province_office, world.p)
    assert (event.target_id, event.after) == (str(bloc.pk), {"name": "Cụm thi đua các huyện", "province": "tinh-p"})


@pytest.mark.parametrize(("_case", "actor"), REFUSED_ACTORS)
def test_refused_bloc_creation_changes_nothing(world: Any, _case: str, actor: Callable[[Any], Any]) -> None:
    # given
    before = _state()
    # when
    with pytest.raises(BlocNotManageable):
        bloc_create(actor=actor(world), province=world.p, name="Khối mới")
    # then
    assert _state() == before


def test_bloc_name_is_unique_within_a_province(world: Any) -> None:
    # given
    before = _state()
    # when
    with pytest.raises(BlocNameTaken):
        bloc_create(actor=world.province_office, province=world.p, name=world.bloc.name)
    # then
    assert _state() == before


def test_the_same_bloc_name_may_exist_in_another_province(world: Any) -> None:
    # given
    name = world.bloc.name
    # when
    other = bloc_create(actor=world.q_office, province=world.q, name=name)
    # then
    assert other.province == world.q


# --- bloc_member_add -------------------------------------------------------------------------------------------------


def test_province_office_seats_a_unit_with_one_audit_event(world: Any) -> None:
    # given
    unit = UnitFactory(parent=world.p)
    blocs_before, memberships_before, events_before = _state()
    # when
    membership = bloc_member_add(
        actor=world.province_office,
        bloc=world.bloc,
        unit=unit,
        year=_this_year(),
        role=BlocRole.DEPUTY,
        legal_basis="Quyết định 45/QĐ-UBND",
    )
    # then
    assert _state() == (blocs_before, memberships_before + 1, events_before + 1)
    assert (membership.bloc, membership.unit, membership.year, membership.role) == (
        world.bloc,
        unit,
        _this_year(),
        BlocRole.DEPUTY,
    )
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.target_id) == (
        "emulation.bloc_member_added",
        world.province_office,
        str(membership.pk),
    )
    assert event.after == {"bloc": world.bloc.name, "unit": unit.code, "year": _this_year(), "role": "deputy"}
    assert event.legal_basis == "Quyết định 45/QĐ-UBND"


@pytest.mark.parametrize(("_case", "actor"), REFUSED_ACTORS)
def test_refused_seat_changes_nothing(world: Any, _case: str, actor: Callable[[Any], Any]) -> None:
    # given
    unit = UnitFactory(parent=world.p)
    before = _state()
    # when
    with pytest.raises(BlocNotManageable):
        bloc_member_add(actor=actor(world), bloc=world.bloc, unit=unit, year=_this_year())
    # then
    assert _state() == before


def test_second_leader_in_the_same_year_is_refused(world: Any) -> None:
    # given: A is this year's Khối trưởng
    before = _state()
    # when
    with pytest.raises(BlocLeaderTaken):
        bloc_member_add(
            actor=world.province_office, bloc=world.bloc, unit=world.a1, year=_this_year(), role=BlocRole.LEADER
        )
    # then
    assert _state() == before


def test_a_new_leader_may_be_seated_for_another_year(world: Any) -> None:
    # given: A is this year's Khối trưởng
    next_year = _this_year() + 1
    # when
    membership = member_add(world.bloc, world.b, year=next_year, role=BlocRole.LEADER)
    # then
    leaders = BlocMembership.objects.filter(bloc=world.bloc, role=BlocRole.LEADER).order_by("year")
    assert [(m.unit, m.year) for m in leaders] == [(world.a, _this_year()), (world.b, next_year)]
    assert membership.role == BlocRole.LEADER


def test_many_deputies_in_one_year_are_allowed(world: Any) -> None:
    # given
    first, second = UnitFactory(parent=world.p), UnitFactory(parent=world.p)
    # when
    member_add(world.bloc, first, role=BlocRole.DEPUTY)
    member_add(world.bloc, second, role=BlocRole.DEPUTY)
    # then
    assert BlocMembership.objects.filter(bloc=world.bloc, year=_this_year(), role=BlocRole.DEPUTY).count() == 2


def test_one_leader_per_bloc_and_year_holds_in_the_database(world: Any) -> None:
    # given: a row that skipped full_clean (the constraint must hold on its own)
    second_leader = BlocMembership(bloc=world.bloc, unit=world.b, year=_this_year() + 5, role=BlocRole.LEADER)
    first_leader = BlocMembership(bloc=world.bloc, unit=world.a, year=_this_year() + 5, role=BlocRole.LEADER)
    first_leader.save()
    # when / then
    with pytest.raises(IntegrityError), transaction.atomic():
        second_leader.save()


def test_a_unit_sits_once_per_bloc_and_year(world: Any) -> None:
    # given: B is a member this year
    before = _state()
    # when
    with pytest.raises(BlocUnitAlreadySeated):
        bloc_member_add(actor=world.province_office, bloc=world.bloc, unit=world.b, year=_this_year())
    # then
    assert _state() == before


@pytest.mark.parametrize(("_case", "year"), [("before 2000", 1999), ("after 2100", 2101)])
def test_year_out_of_range_is_refused(world: Any, _case: str, year: int) -> None:
    # given
    unit = UnitFactory(parent=world.p)
    before = _state()
    # when
    with pytest.raises(ValidationFailed):
        bloc_member_add(actor=world.province_office, bloc=world.bloc, unit=unit, year=year)
    # then
    assert _state() == before


def test_bloc_factory_makes_a_bloc_of_a_fresh_province(db: None) -> None:
    # given / when
    bloc = BlocFactory()
    # then
    assert bloc.province.parent is None
    assert bloc.province.path == f"/{bloc.province.pk}/"
