"""The demo world's movements: bloc III in 2019 has the province's yearly movement and thematic ones, reviewed."""

import pytest
from django.core.management import call_command

from thidua.core.models import AuditEvent
from thidua.demo.context import DemoContext
from thidua.emulation.models import Bloc
from thidua.movements.choices import MovementKind, MovementStatus
from thidua.movements.demo import demo_load
from thidua.movements.models import Movement, MovementReview
from thidua.movements.selectors import movement_list_for_bloc_year
from thidua.organizations.models import Unit

pytestmark = pytest.mark.django_db


def test_bloc_iii_2019_has_its_movements_reviewed_and_loading_again_adds_nothing(monkeypatch):
    # given: the demo world with this app's step only (the other apps' steps are theirs to test)
    monkeypatch.setattr("thidua.demo.world.DEMO_STEPS", ["thidua.movements.demo"])
    call_command("loaddemo")
    bloc = Bloc.objects.select_related("province").get(name="Khối thi đua các cơ quan tham mưu III")
    context = DemoContext(
        province=bloc.province,
        units={unit.code: unit for unit in Unit.objects.all()},
        bloc_iii=bloc,
        bloc_i=bloc,
        bloc_iii_codes=(),
    )
    counts = (Movement.objects.count(), MovementReview.objects.count(), AuditEvent.objects.count())
    # when
    demo_load(context)
    # then
    assert (Movement.objects.count(), MovementReview.objects.count(), AuditEvent.objects.count()) == counts
    movements = {m.title: m for m in movement_list_for_bloc_year(bloc=bloc, year=2019)}
    yearly = movements["Phong trào thi đua yêu nước năm 2019"]
    assert (yearly.kind, yearly.launched_by_unit, yearly.bloc) == (MovementKind.ANNUAL, bloc.province, None)
    assert movements["Chung tay xây dựng nông thôn mới"].kind == MovementKind.THEMATIC
    assert {m.status for m in movements.values()} == {MovementStatus.FINAL_REVIEWED}
    assert all({r.kind for r in m.reviews.all()} == {"mid_term", "final"} for m in movements.values())
