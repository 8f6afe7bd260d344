"""bloc_member_add: a unit of the province, active that year, in at most one bloc per year (issue 3)."""

import datetime as dt

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.choices import BlocRole, BlocYearStatus
from thidua.emulation.errors import (
    BlocLeaderTaken,
    BlocNotManageable,
    BlocSeatDateInvalid,
    BlocUnitAlreadySeated,
    BlocUnitInactive,
)
from thidua.emulation.models import BlocMembership, BlocYear
from thidua.emulation.services import bloc_member_add, bloc_year_confirm
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.emulation.tests.helpers import REFUSED_MANAGERS, state
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
YEAR = 2030


def test_a_seat_opens_the_year_as_a_draft_and_keeps_its_date_and_note(world):
    # given
    unit = UnitFactory(parent=world.p)
    # when
    seat = bloc_member_add(
        actor=world.province_office,
        bloc=world.bloc,
        unit=unit,
        year=YEAR,
        joined_on=dt.date(YEAR, 3, 1),
        note="Theo Quyết định 12/QĐ-UBND",
    )
    # then
    assert (seat.joined_on, seat.left_on, seat.note) == (dt.date(YEAR, 3, 1), None, "Theo Quyết định 12/QĐ-UBND")
    assert BlocYear.objects.get(bloc=world.bloc, year=YEAR).status == BlocYearStatus.DRAFT
    assert AuditEvent.objects.latest("id").action == "emulation.bloc_member_added"


def test_a_unit_already_in_another_bloc_that_year_is_refused_with_the_blocs_name(world):
    # given: A sits in bloc K this year
    other = BlocFactory(province=world.p, name="Khối các cơ quan nội chính")
    year = world.bloc.memberships.get(unit=world.a).year
    before = state()
    # when
    with pytest.raises(BlocUnitAlreadySeated) as refusal:
        bloc_member_add(actor=world.province_office, bloc=other, unit=world.a, year=year)
    # then
    assert "Khối các cơ quan tham mưu" in refusal.value.message
    assert refusal.value.status_code == 409
    assert state() == before


def test_the_same_unit_may_sit_in_another_bloc_another_year(world):
    other = BlocFactory(province=world.p, name="Khối các cơ quan nội chính")
    seat = bloc_member_add(actor=world.province_office, bloc=other, unit=world.a, year=YEAR)
    assert seat.bloc == other


@pytest.mark.parametrize(
    ("_case", "valid_from", "valid_to"),
    [
        ("ended before the year", dt.date(2020, 1, 1), dt.date(YEAR - 1, 12, 31)),
        ("started after the year", dt.date(YEAR + 1, 1, 1), None),
    ],
)
def test_a_unit_not_active_that_year_is_refused(world, _case, valid_from, valid_to):
    # given
    unit = UnitFactory(parent=world.p, valid_from=valid_from, valid_to=valid_to)
    before = state()
    # when / then
    with pytest.raises(BlocUnitInactive):
        bloc_member_add(actor=world.province_office, bloc=world.bloc, unit=unit, year=YEAR)
    assert state() == before


def test_a_unit_that_ended_mid_year_may_sit_that_year(world):
    unit = UnitFactory(parent=world.p, valid_to=dt.date(YEAR, 6, 30))
    assert bloc_member_add(actor=world.province_office, bloc=world.bloc, unit=unit, year=YEAR).year == YEAR


@pytest.mark.parametrize(
    ("_case", "joined_on", "error"),
    [
        ("joining date in another year", dt.date(YEAR + 1, 1, 1), BlocSeatDateInvalid),
        ("joining after the unit ended", dt.date(YEAR, 8, 1), BlocUnitInactive),
    ],
)
def test_joining_dates_must_fit_the_year_and_the_unit(world, _case, joined_on, error):
    unit = UnitFactory(parent=world.p, valid_to=dt.date(YEAR, 6, 30))
    before = state()
    with pytest.raises(error):
        bloc_member_add(actor=world.province_office, bloc=world.bloc, unit=unit, year=YEAR, joined_on=joined_on)
    assert state() == before


def _confirmed_year(world):
    member_add(world.bloc, world.a, year=YEAR, role=BlocRole.LEADER)
    member_add(world.bloc, world.b, year=YEAR, role=BlocRole.DEPUTY)
    bloc_year_confirm(actor=world.province_office, bloc=world.bloc, year=YEAR)


def test_a_confirmed_year_takes_a_new_member_only_with_a_joining_date(world):
    # given
    _confirmed_year(world)
    unit = UnitFactory(parent=world.p)
    before = state()
    # when / then
    with pytest.raises(BlocSeatDateInvalid):
        bloc_member_add(actor=world.province_office, bloc=world.bloc, unit=unit, year=YEAR)
    assert state() == before
    seat = bloc_member_add(
        actor=world.province_office, bloc=world.bloc, unit=unit, year=YEAR, joined_on=dt.date(YEAR, 7, 1)
    )
    assert seat.joined_on == dt.date(YEAR, 7, 1)


def test_a_second_leader_is_refused_with_a_domain_error(world):
    member_add(world.bloc, world.a, year=YEAR, role=BlocRole.LEADER)
    before = state()
    with pytest.raises(BlocLeaderTaken):
        bloc_member_add(actor=world.province_office, bloc=world.bloc, unit=world.b, year=YEAR, role=BlocRole.LEADER)
    assert state() == before


@pytest.mark.parametrize(("_case", "actor"), REFUSED_MANAGERS)
def test_refused_seat_changes_nothing(world, _case, actor):
    unit = UnitFactory(parent=world.p)
    before = state()
    with pytest.raises(BlocNotManageable):
        bloc_member_add(actor=actor(world), bloc=world.bloc, unit=unit, year=YEAR)
    assert state() == before
    assert not BlocMembership.objects.filter(unit=unit).exists()
