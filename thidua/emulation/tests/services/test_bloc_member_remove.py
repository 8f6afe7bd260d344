"""bloc_member_remove: a draft year's seat is withdrawn; a confirmed year's seat ends on a date, after its role."""

import datetime as dt

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.choices import BlocRole
from thidua.emulation.errors import BlocNotManageable, BlocSeatChangeRefused, BlocSeatDateInvalid
from thidua.emulation.models import BlocMembership
from thidua.emulation.services import bloc_member_remove, bloc_year_confirm
from thidua.emulation.tests.factories import member_add
from thidua.emulation.tests.helpers import REFUSED_MANAGERS, state
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
YEAR = 2030


@pytest.fixture
def confirmed(world):
    """Year 2030 of bloc K, confirmed: A leads, B deputises, C is a member."""
    c = UnitFactory(parent=world.p, name="Sở Tư pháp Phước An")
    seats = {
        "a": member_add(world.bloc, world.a, year=YEAR, role=BlocRole.LEADER),
        "b": member_add(world.bloc, world.b, year=YEAR, role=BlocRole.DEPUTY),
        "c": member_add(world.bloc, c, year=YEAR),
    }
    bloc_year_confirm(actor=world.province_office, bloc=world.bloc, year=YEAR)
    return seats


def test_a_draft_years_seat_is_withdrawn(world):
    # given
    seat = member_add(world.bloc, world.a1, year=YEAR)
    memberships, events = BlocMembership.objects.count(), AuditEvent.objects.count()
    # when
    result = bloc_member_remove(actor=world.province_office, membership=seat, legal_basis="Điều chỉnh dự kiến")
    # then
    assert result is None
    assert (BlocMembership.objects.count(), AuditEvent.objects.count()) == (memberships - 1, events + 1)
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.after, event.legal_basis) == (
        "emulation.bloc_member_removed",
        {"deleted": True},
        "Điều chỉnh dự kiến",
    )
    assert event.before["unit"] == world.a1.code


def test_a_confirmed_years_member_leaves_on_a_date_and_stays_in_the_history(world, confirmed):
    # when
    seat = bloc_member_remove(actor=world.province_office, membership=confirmed["c"], left_on=dt.date(YEAR, 9, 30))
    # then
    seat.refresh_from_db()
    assert seat.left_on == dt.date(YEAR, 9, 30)
    assert AuditEvent.objects.latest("id").after["left_on"] == "2030-09-30"


def test_a_confirmed_year_refuses_an_undated_removal(world, confirmed):
    before = state()
    with pytest.raises(BlocSeatDateInvalid):
        bloc_member_remove(actor=world.province_office, membership=confirmed["c"])
    assert state() == before


@pytest.mark.parametrize(("_case", "key"), [("the Khối trưởng", "a"), ("the Khối phó", "b")])
def test_a_confirmed_years_leader_or_deputy_hands_over_before_leaving(world, confirmed, _case, key):
    before = state()
    with pytest.raises(BlocSeatChangeRefused):
        bloc_member_remove(actor=world.province_office, membership=confirmed[key], left_on=dt.date(YEAR, 6, 1))
    assert state() == before


@pytest.mark.parametrize(
    ("_case", "left_on"), [("before the year", dt.date(YEAR - 1, 12, 31)), ("after the year", dt.date(YEAR + 1, 1, 1))]
)
def test_leaving_date_must_fall_in_the_seats_year(world, confirmed, _case, left_on):
    before = state()
    with pytest.raises(BlocSeatDateInvalid):
        bloc_member_remove(actor=world.province_office, membership=confirmed["c"], left_on=left_on)
    assert state() == before


def test_a_unit_that_already_left_cannot_leave_again(world, confirmed):
    bloc_member_remove(actor=world.province_office, membership=confirmed["c"], left_on=dt.date(YEAR, 5, 1))
    before = state()
    with pytest.raises(BlocSeatChangeRefused):
        bloc_member_remove(actor=world.province_office, membership=confirmed["c"], left_on=dt.date(YEAR, 6, 1))
    assert state() == before


@pytest.mark.parametrize(("_case", "actor"), REFUSED_MANAGERS)
def test_refused_removal_changes_nothing(world, _case, actor):
    seat = member_add(world.bloc, world.a1, year=YEAR)
    before = state()
    with pytest.raises(BlocNotManageable):
        bloc_member_remove(actor=actor(world), membership=seat)
    assert state() == before
