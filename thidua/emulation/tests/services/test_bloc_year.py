"""bloc_year_copy_from_previous and bloc_year_confirm: the annual composition of a bloc (DOMAIN §2.2, R15)."""

import datetime as dt

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.choices import BlocRole, BlocYearStatus, CopySkipReason
from thidua.emulation.errors import (
    BlocNotManageable,
    BlocYearAlreadyConfirmed,
    BlocYearNotEmpty,
    BlocYearNothingToCopy,
    BlocYearNotReady,
)
from thidua.emulation.models import BlocMembership, BlocYear
from thidua.emulation.services import bloc_member_remove, bloc_year_confirm, bloc_year_copy_from_previous
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.emulation.tests.helpers import REFUSED_MANAGERS, state
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
YEAR = 2030


@pytest.fixture
def previous(world):
    """Year 2029: A leads, B deputises; C ended on 31/12/2029; D left mid-year; E sits in another bloc in 2030."""
    c = UnitFactory(parent=world.p, name="Sở Ngoại vụ Phước An", valid_to=dt.date(YEAR - 1, 12, 31))
    d = UnitFactory(parent=world.p, name="Báo Phước An")
    e = UnitFactory(parent=world.p, name="Đài Phát thanh Phước An")
    member_add(world.bloc, world.a, year=YEAR - 1, role=BlocRole.LEADER)
    member_add(world.bloc, world.b, year=YEAR - 1, role=BlocRole.DEPUTY)
    member_add(world.bloc, c, year=YEAR - 1)
    bloc_member_remove(
        actor=None, membership=member_add(world.bloc, d, year=YEAR - 1), left_on=dt.date(YEAR - 1, 6, 30)
    )
    member_add(world.bloc, e, year=YEAR - 1)
    member_add(BlocFactory(province=world.p, name="Khối khác"), e, year=YEAR)
    return {"c": c, "d": d, "e": e}


def test_copy_takes_members_and_roles_and_reports_what_it_skipped(world, previous):
    # given
    events = AuditEvent.objects.count()
    # when
    result = bloc_year_copy_from_previous(actor=world.province_office, bloc=world.bloc, year=YEAR)
    # then
    roles = dict(BlocMembership.objects.filter(bloc=world.bloc, year=YEAR).values_list("unit_id", "role"))
    assert roles == {world.a.pk: BlocRole.LEADER, world.b.pk: BlocRole.DEPUTY}
    assert {(s.unit, s.reason) for s in result.skipped} == {
        (previous["c"], CopySkipReason.ENDED),
        (previous["d"], CopySkipReason.LEFT),
        (previous["e"], CopySkipReason.ELSEWHERE),
    }
    assert result.bloc_year.status == BlocYearStatus.DRAFT
    event = AuditEvent.objects.latest("id")
    assert AuditEvent.objects.count() == events + 1
    assert event.action == "emulation.bloc_year_copied"
    assert sorted(event.after["copied"]) == sorted([world.a.code, world.b.code])
    assert len(event.after["skipped"]) == 3


def test_copy_into_a_year_that_has_members_is_refused(world, previous):
    member_add(world.bloc, world.a1, year=YEAR)
    before = state()
    with pytest.raises(BlocYearNotEmpty):
        bloc_year_copy_from_previous(actor=world.province_office, bloc=world.bloc, year=YEAR)
    assert state() == before


def test_copy_from_an_empty_year_is_refused(world):
    before = state()
    with pytest.raises(BlocYearNothingToCopy):
        bloc_year_copy_from_previous(actor=world.province_office, bloc=world.bloc, year=YEAR)
    assert state() == before


@pytest.mark.parametrize(("_case", "actor"), REFUSED_MANAGERS)
def test_refused_copy_changes_nothing(world, previous, _case, actor):
    before = state()
    with pytest.raises(BlocNotManageable):
        bloc_year_copy_from_previous(actor=actor(world), bloc=world.bloc, year=YEAR)
    assert state() == before


# --- confirm ---------------------------------------------------------------------------------------------------------


def test_confirm_needs_one_leader_and_a_deputy_and_records_who_and_when(world):
    # given
    member_add(world.bloc, world.a, year=YEAR, role=BlocRole.LEADER)
    member_add(world.bloc, world.b, year=YEAR, role=BlocRole.DEPUTY)
    # when
    bloc_year = bloc_year_confirm(actor=world.province_office, bloc=world.bloc, year=YEAR, decision_number="15/QĐ-UBND")
    # then
    bloc_year.refresh_from_db()
    assert (bloc_year.status, bloc_year.confirmed_by, bloc_year.decision_number) == (
        BlocYearStatus.CONFIRMED,
        world.province_office,
        "15/QĐ-UBND",
    )
    assert bloc_year.confirmed_at is not None
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.legal_basis) == ("emulation.bloc_year_confirmed", "15/QĐ-UBND")


@pytest.mark.parametrize(
    ("_case", "roles", "missing"),
    [
        ("no members", [], ["chưa có đơn vị thành viên", "chưa có Khối trưởng", "cần ít nhất một Khối phó"]),
        ("no leader", [BlocRole.DEPUTY, BlocRole.MEMBER], ["chưa có Khối trưởng"]),
        ("no deputy", [BlocRole.LEADER, BlocRole.MEMBER], ["cần ít nhất một Khối phó"]),
    ],
)
def test_confirm_lists_what_is_missing_and_changes_nothing(world, _case, roles, missing):
    # given
    for unit, role in zip([world.a, world.b], roles, strict=False):
        member_add(world.bloc, unit, year=YEAR, role=role)
    before = state()
    # when
    with pytest.raises(BlocYearNotReady) as refusal:
        bloc_year_confirm(actor=world.province_office, bloc=world.bloc, year=YEAR)
    # then
    for gap in missing:
        assert gap in refusal.value.message
    assert state() == before


def test_a_confirmed_year_is_not_confirmed_twice(world):
    member_add(world.bloc, world.a, year=YEAR, role=BlocRole.LEADER)
    member_add(world.bloc, world.b, year=YEAR, role=BlocRole.DEPUTY)
    bloc_year_confirm(actor=world.province_office, bloc=world.bloc, year=YEAR)
    before = state()
    with pytest.raises(BlocYearAlreadyConfirmed):
        bloc_year_confirm(actor=world.province_office, bloc=world.bloc, year=YEAR)
    assert state() == before


def test_copy_into_a_confirmed_year_is_refused(world, previous):
    # given: 2030 was confirmed, then emptied is impossible; a confirmed year with seats refuses a copy
    member_add(world.bloc, world.a1, year=YEAR, role=BlocRole.LEADER)
    member_add(world.bloc, previous["d"], year=YEAR, role=BlocRole.DEPUTY)
    bloc_year_confirm(actor=world.province_office, bloc=world.bloc, year=YEAR)
    before = state()
    with pytest.raises(BlocYearNotEmpty):
        bloc_year_copy_from_previous(actor=world.province_office, bloc=world.bloc, year=YEAR)
    assert state() == before
    assert BlocYear.objects.get(bloc=world.bloc, year=YEAR).is_confirmed


@pytest.mark.parametrize(("_case", "actor"), REFUSED_MANAGERS)
def test_refused_confirmation_changes_nothing(world, _case, actor):
    member_add(world.bloc, world.a, year=YEAR, role=BlocRole.LEADER)
    member_add(world.bloc, world.b, year=YEAR, role=BlocRole.DEPUTY)
    before = state()
    with pytest.raises(BlocNotManageable):
        bloc_year_confirm(actor=actor(world), bloc=world.bloc, year=YEAR)
    assert state() == before
