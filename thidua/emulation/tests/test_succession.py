"""Bloc seats follow a merger: the old seat ends on D-1, the successor sits from D, later years move; the past stays."""

import datetime as dt

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import BlocMembership
from thidua.emulation.services import bloc_member_remove
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.choices import UnitChangeKind
from thidua.organizations.services import unit_change_record
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
D = dt.date(2025, 3, 1)


def _merge(world, old, new, *, effective_on=D):
    return unit_change_record(
        actor=world.province_office,
        kind=UnitChangeKind.MERGE_INTO,
        effective_on=effective_on,
        decision_number="01/NQ-HĐND",
        decision_date=dt.date(2025, 2, 1),
        predecessors=[old],
        successors=[new],
    )


@pytest.fixture
def units(world):
    old = UnitFactory(parent=world.p, code="so-tttt", name="Sở Thông tin và Truyền thông")
    new = UnitFactory(parent=world.p, code="so-khcn", name="Sở Khoa học và Công nghệ")
    return old, new


def test_merger_ends_the_old_seat_the_day_before_and_seats_the_successor_from_d(world, units):
    # given
    old, new = units
    past = member_add(world.bloc, old, year=2019, role=BlocRole.DEPUTY)
    current = member_add(world.bloc, old, year=2025, role=BlocRole.LEADER)
    # when
    _merge(world, old, new)
    # then: the old seat ends on 28/02/2025 and keeps its role; the successor sits from 01/03/2025
    current.refresh_from_db()
    assert (current.unit, current.left_on, current.role) == (old, dt.date(2025, 2, 28), BlocRole.LEADER)
    heir = BlocMembership.objects.get(unit=new, year=2025)
    assert (heir.bloc, heir.joined_on, heir.left_on, heir.role) == (world.bloc, D, None, BlocRole.MEMBER)
    # and the past stays on the historical unit
    past.refresh_from_db()
    assert (past.unit, past.left_on, past.role) == (old, None, BlocRole.DEPUTY)
    steps = [e.after["step"] for e in AuditEvent.objects.filter(action="emulation.bloc_seat_succeeded").order_by("id")]
    assert steps == ["ended", "seated"]
    assert (
        AuditEvent.objects.filter(action="emulation.bloc_seat_succeeded", legal_basis__contains="01/NQ-HĐND").count()
        == 2
    )


def test_later_years_move_to_the_successor_or_are_removed_where_it_already_sits(world, units):
    # given: the old unit has seats in 2026 and 2027; the successor already sits in another bloc in 2027
    old, new = units
    other = BlocFactory(province=world.p, name="Khối khác")
    seat_2026 = member_add(world.bloc, old, year=2026, role=BlocRole.DEPUTY)
    member_add(world.bloc, old, year=2027)
    member_add(other, new, year=2027)
    # when
    _merge(world, old, new)
    # then
    seat_2026.refresh_from_db()
    assert (seat_2026.unit, seat_2026.bloc, seat_2026.role) == (new, world.bloc, BlocRole.DEPUTY)
    assert not BlocMembership.objects.filter(unit=old, year__gte=2026).exists()
    assert BlocMembership.objects.get(unit=new, year=2027).bloc == other
    steps = sorted(e.after["step"] for e in AuditEvent.objects.filter(action="emulation.bloc_seat_succeeded"))
    assert steps == ["moved", "removed"]


def test_a_successor_already_seated_that_year_keeps_its_own_seat(world, units):
    old, new = units
    other = BlocFactory(province=world.p, name="Khối khác")
    member_add(world.bloc, old, year=2025)
    own = member_add(other, new, year=2025, role=BlocRole.LEADER)
    _merge(world, old, new)
    assert list(BlocMembership.objects.filter(unit=new, year=2025)) == [own]
    assert BlocMembership.objects.get(unit=old, year=2025).left_on == dt.date(2025, 2, 28)


def test_a_merger_on_new_years_day_moves_that_years_seat(world, units):
    old, new = units
    seat = member_add(world.bloc, old, year=2025, role=BlocRole.LEADER)
    _merge(world, old, new, effective_on=dt.date(2025, 1, 1))
    seat.refresh_from_db()
    assert (seat.unit, seat.role, seat.left_on) == (new, BlocRole.LEADER, None)


def test_a_unit_that_had_already_left_passes_no_seat_on(world, units):
    old, new = units
    seat = member_add(world.bloc, old, year=2025)
    bloc_member_remove(actor=None, membership=seat, left_on=dt.date(2025, 1, 31))
    _merge(world, old, new)
    seat.refresh_from_db()
    assert seat.left_on == dt.date(2025, 1, 31)
    assert not BlocMembership.objects.filter(unit=new).exists()
