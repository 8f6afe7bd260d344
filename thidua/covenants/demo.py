"""Demo step: bloc III's covenant for 2019, acknowledged by all seven members (in force), and each member's
covenant with UBND tỉnh Quảng Nam for 2019 with one or two targets. Idempotent: skips what already exists."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from thidua.covenants.models import BlocCovenant, CovenantAcknowledgement, UnitCovenantWithCommittee
from thidua.covenants.services import (
    TargetInput,
    bloc_covenant_create,
    bloc_covenant_open,
    covenant_acknowledge,
    unit_covenant_create,
)
from thidua.covenants.services._common import member_unit_ids
from thidua.demo.context import DemoContext

YEAR = 2019
SIGNED_ON = dt.date(2019, 3, 15)
CONTENT = (
    "Các đơn vị thành viên Khối thi đua III giao ước thi đua năm 2019: hoàn thành xuất sắc nhiệm vụ chính trị được "
    "giao; đẩy mạnh phong trào thi đua yêu nước gắn với nhiệm vụ trọng tâm của ngành; đẩy mạnh cải cách hành chính, "
    "ứng dụng công nghệ thông tin; phát huy sáng kiến, cải tiến trong công tác; thực hiện tốt công tác khen thưởng và "
    "nhân rộng điển hình tiên tiến."
)
BLOC_TARGET = TargetInput(text="Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn", value=Decimal(100), value_unit="%")
UNIT_TARGETS = [
    TargetInput(text="Hoàn thành 100% chỉ tiêu kế hoạch được UBND tỉnh giao", value=Decimal(100), value_unit="%"),
    TargetInput(text="Sáng kiến được công nhận cấp cơ sở", value=Decimal(15), value_unit="sáng kiến"),
]


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def demo_load(context: DemoContext) -> None:
    bloc = context.bloc_iii
    covenant = BlocCovenant.objects.filter(bloc=bloc, year=YEAR).first()
    if covenant is None:
        members = member_unit_ids(bloc, YEAR)
        covenant = bloc_covenant_create(
            actor=None,
            bloc=bloc,
            year=YEAR,
            content=CONTENT,
            signed_on=SIGNED_ON,
            targets=[
                (context.units[code], BLOC_TARGET)
                for code in context.bloc_iii_codes
                if context.units[code].pk in members
            ],
        )
    if covenant.is_draft:
        bloc_covenant_open(actor=None, covenant=covenant, now=_at(SIGNED_ON))
    done = set(CovenantAcknowledgement.objects.filter(covenant=covenant).values_list("unit_id", flat=True))
    members = member_unit_ids(bloc, YEAR)
    for offset, code in enumerate(context.bloc_iii_codes):
        unit = context.units[code]
        if unit.pk in members and unit.pk not in done:
            covenant_acknowledge(
                actor=None, covenant=covenant, unit=unit, now=_at(SIGNED_ON + dt.timedelta(days=1 + offset))
            )
    for index, code in enumerate(context.bloc_iii_codes):
        unit = context.units[code]
        if UnitCovenantWithCommittee.objects.filter(unit=unit, year=YEAR).exists():
            continue
        unit_covenant_create(
            actor=None,
            unit=unit,
            year=YEAR,
            content=f"Giao ước thi đua năm 2019 giữa {unit.name} và Ủy ban nhân dân tỉnh Quảng Nam.",
            signed_on=dt.date(2019, 2, 20),
            targets=UNIT_TARGETS[: 1 + index % 2],
        )
