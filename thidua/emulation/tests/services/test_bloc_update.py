"""bloc_update: the province office renames its bloc; history is keyed by the bloc, never by its name."""

import pytest

from thidua.core.models import AuditEvent
from thidua.emulation.errors import BlocNameTaken, BlocNotManageable
from thidua.emulation.services import bloc_update
from thidua.emulation.tests.factories import BlocFactory
from thidua.emulation.tests.helpers import REFUSED_MANAGERS, state

pytestmark = pytest.mark.django_db


def test_province_office_renames_a_bloc_with_one_audit_event(world):
    # given
    events = AuditEvent.objects.count()
    # when
    bloc = bloc_update(actor=world.province_office, bloc=world.bloc, name="Khối tham mưu mới", short_name="KTM")
    # then
    bloc.refresh_from_db()
    assert (bloc.name, bloc.short_name) == ("Khối tham mưu mới", "KTM")
    event = AuditEvent.objects.latest("id")
    assert AuditEvent.objects.count() == events + 1
    assert event.action == "emulation.bloc_updated"
    assert event.before == {"name": "Khối các cơ quan tham mưu", "short_name": ""}
    assert event.after == {"name": "Khối tham mưu mới", "short_name": "KTM"}


def test_keeping_the_same_name_is_allowed(world):
    bloc = bloc_update(actor=world.province_office, bloc=world.bloc, name=world.bloc.name, short_name="K")
    assert bloc.short_name == "K"


def test_name_of_another_bloc_of_the_province_is_refused(world):
    # given
    BlocFactory(province=world.p, name="Khối khác")
    before = state()
    # when
    with pytest.raises(BlocNameTaken):
        bloc_update(actor=world.province_office, bloc=world.bloc, name="Khối khác")
    # then
    assert state() == before


@pytest.mark.parametrize(("_case", "actor"), REFUSED_MANAGERS)
def test_refused_rename_changes_nothing(world, _case, actor):
    before = state()
    with pytest.raises(BlocNotManageable):
        bloc_update(actor=actor(world), bloc=world.bloc, name="Tên mới")
    assert state() == before
    world.bloc.refresh_from_db()
    assert world.bloc.name == "Khối các cơ quan tham mưu"
