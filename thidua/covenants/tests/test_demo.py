"""The demo step: bloc III 2019's covenant in force and each member's covenant with UBND tỉnh; idempotent."""

import pytest

from thidua.covenants.demo import demo_load
from thidua.covenants.models import BlocCovenant, UnitCovenantWithCommittee
from thidua.demo.context import DemoContext
from thidua.emulation.tests.factories import member_add

pytestmark = pytest.mark.django_db


def test_demo_load_is_idempotent_and_puts_the_covenant_in_force(world):
    # given
    member_add(world.bloc, world.a, year=2019)
    member_add(world.bloc, world.b, year=2019)
    context = DemoContext(
        province=world.p,
        units={"a": world.a, "b": world.b},
        bloc_iii=world.bloc,
        bloc_i=world.bloc,
        bloc_iii_codes=("a", "b"),
    )
    # when
    demo_load(context)
    demo_load(context)
    # then
    covenant = BlocCovenant.objects.get(bloc=world.bloc, year=2019)
    assert covenant.is_in_force
    assert covenant.acknowledgements.count() == 2
    assert UnitCovenantWithCommittee.objects.filter(year=2019).count() == 2
