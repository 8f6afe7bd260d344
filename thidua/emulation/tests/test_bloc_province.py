"""A bloc is organised by one province: its seats are for that province's units only (HD 1479/HD-BTĐKT)."""

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.errors import BlocProvinceInvalid, BlocUnitOutsideProvince
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.services import bloc_create, bloc_member_add

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "unit"),
    [("a unit of another province", lambda w: w.q1), ("the province itself", lambda w: w.p)],
)
def test_only_units_of_the_blocs_province_take_a_seat(world, _case, unit):
    # given
    before = (BlocMembership.objects.count(), AuditEvent.objects.count())
    # when / then
    with pytest.raises(BlocUnitOutsideProvince):
        bloc_member_add(actor=world.province_office, bloc=world.bloc, unit=unit(world), year=2024)
    assert (BlocMembership.objects.count(), AuditEvent.objects.count()) == before


def test_a_bloc_belongs_to_a_province_not_to_a_department(world):
    before = (Bloc.objects.count(), AuditEvent.objects.count())
    with pytest.raises(BlocProvinceInvalid):
        bloc_create(actor=None, province=world.a, name="Khối sai")
    assert (Bloc.objects.count(), AuditEvent.objects.count()) == before


def test_a_unit_deep_in_the_province_may_sit(world):
    membership = bloc_member_add(actor=world.province_office, bloc=world.bloc, unit=world.a1, year=2024)
    assert membership.unit == world.a1
