"""bloc_member_set_role: exactly one Khối trưởng (a new one demotes the old); a confirmed year keeps R15."""

import datetime as dt

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.choices import BlocRole
from thidua.emulation.errors import BlocNotManageable, BlocSeatChangeRefused
from thidua.emulation.models import BlocMembership
from thidua.emulation.services import bloc_member_remove, bloc_member_set_role, bloc_year_confirm
from thidua.emulation.tests.factories import member_add
from thidua.emulation.tests.helpers import REFUSED_MANAGERS, state
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
YEAR = 2030


@pytest.fixture
def seats(world):
    c = UnitFactory(parent=world.p, name="Sở Tư pháp Phước An")
    return {
        "a": member_add(world.bloc, world.a, year=YEAR, role=BlocRole.LEADER),
        "b": member_add(world.bloc, world.b, year=YEAR, role=BlocRole.DEPUTY),
        "c": member_add(world.bloc, c, year=YEAR),
    }


def _roles(world):
    return dict(BlocMembership.objects.filter(bloc=world.bloc, year=YEAR).values_list("unit__code", "role"))


def test_a_new_leader_demotes_the_old_one_in_the_same_transaction(world, seats):
    # given
    events = AuditEvent.objects.count()
    # when
    bloc_member_set_role(actor=world.province_office, membership=seats["c"], role=BlocRole.LEADER, legal_basis="Bầu")
    # then
    roles = _roles(world)
    assert roles[world.a.code] == BlocRole.MEMBER
    assert roles[seats["c"].unit.code] == BlocRole.LEADER
    assert list(roles.values()).count(BlocRole.LEADER) == 1
    changes = AuditEvent.objects.filter(action="emulation.bloc_member_role_changed").order_by("id")
    assert AuditEvent.objects.count() == events + 2
    assert [(e.before["role"], e.after["role"]) for e in changes] == [("leader", "member"), ("member", "leader")]


def test_many_deputies_are_allowed(world, seats):
    bloc_member_set_role(actor=world.province_office, membership=seats["c"], role=BlocRole.DEPUTY)
    assert list(_roles(world).values()).count(BlocRole.DEPUTY) == 2


def test_setting_the_same_role_writes_nothing(world, seats):
    before = state()
    bloc_member_set_role(actor=world.province_office, membership=seats["b"], role=BlocRole.DEPUTY)
    assert state() == before


def test_a_unit_that_left_cannot_take_a_role(world, seats):
    bloc_member_remove(actor=world.province_office, membership=seats["c"], left_on=dt.date(YEAR, 4, 1))
    before = state()
    with pytest.raises(BlocSeatChangeRefused):
        bloc_member_set_role(actor=world.province_office, membership=seats["c"], role=BlocRole.DEPUTY)
    assert state() == before


def test_an_unknown_role_is_refused(world, seats):
    before = state()
    with pytest.raises(BlocSeatChangeRefused):
        bloc_member_set_role(actor=world.province_office, membership=seats["c"], role="president")
    assert state() == before


@pytest.mark.parametrize(
    ("_case", "key", "role"),
    [
        ("the leader steps down without a successor", "a", BlocRole.MEMBER),
        ("the only deputy steps down", "b", BlocRole.MEMBER),
        ("the only deputy becomes leader", "b", BlocRole.LEADER),
    ],
)
def test_a_confirmed_year_keeps_one_leader_and_a_deputy(world, seats, _case, key, role):
    # given
    bloc_year_confirm(actor=world.province_office, bloc=world.bloc, year=YEAR)
    before = state()
    # when
    with pytest.raises(BlocSeatChangeRefused) as refusal:
        bloc_member_set_role(actor=world.province_office, membership=seats[key], role=role)
    # then
    assert "2030" in refusal.value.message
    assert state() == before


def test_a_confirmed_year_may_change_its_leader(world, seats):
    bloc_year_confirm(actor=world.province_office, bloc=world.bloc, year=YEAR)
    bloc_member_set_role(actor=world.province_office, membership=seats["c"], role=BlocRole.LEADER)
    assert _roles(world)[world.a.code] == BlocRole.MEMBER


@pytest.mark.parametrize(("_case", "actor"), REFUSED_MANAGERS)
def test_refused_role_change_changes_nothing(world, seats, _case, actor):
    before = state()
    with pytest.raises(BlocNotManageable):
        bloc_member_set_role(actor=actor(world), membership=seats["c"], role=BlocRole.LEADER)
    assert state() == before
