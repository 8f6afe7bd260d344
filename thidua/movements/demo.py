"""Demo movements of bloc III in 2019 (issue 4): the province's yearly movement, a thematic one and the bloc's own,
each with its mid-term and final reviews. Idempotent: a movement already loaded (same title, unit and launch date)
is left as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thidua.demo.context import DemoContext
from thidua.emulation.models import Bloc
from thidua.movements.choices import MovementKind, MovementReviewKind
from thidua.movements.models import Movement
from thidua.movements.services import movement_launch, movement_review_add
from thidua.organizations.models import Unit


@dataclass(frozen=True)
class _DemoMovement:
    title: str
    kind: str
    launched_on: dt.date
    by_bloc: bool
    goals: str
    awards: str
    mid_term: tuple[dt.date, str]
    final: tuple[dt.date, str]


MOVEMENTS = [
    _DemoMovement(
        title="Phong trào thi đua yêu nước năm 2019",
        kind=MovementKind.ANNUAL,
        launched_on=dt.date(2019, 2, 20),
        by_bloc=False,
        goals="Thi đua hoàn thành thắng lợi nhiệm vụ chính trị năm 2019 của tỉnh Quảng Nam.",
        awards="Cờ thi đua của UBND tỉnh; Bằng khen của Chủ tịch UBND tỉnh; Tập thể lao động xuất sắc.",
        mid_term=(dt.date(2019, 7, 15), "Sơ kết 6 tháng đầu năm: các đơn vị đạt và vượt chỉ tiêu đăng ký."),
        final=(dt.date(2020, 1, 17), "Tổng kết năm 2019: toàn khối hoàn thành xuất sắc nhiệm vụ được giao."),
    ),
    _DemoMovement(
        title="Chung tay xây dựng nông thôn mới",
        kind=MovementKind.THEMATIC,
        launched_on=dt.date(2019, 3, 5),
        by_bloc=False,
        goals="Các cơ quan, đơn vị giúp đỡ các xã xây dựng nông thôn mới theo Chương trình mục tiêu quốc gia.",
        awards="Bằng khen của Chủ tịch UBND tỉnh.",
        mid_term=(dt.date(2019, 8, 20), "Sơ kết: 7 đơn vị đã nhận đỡ đầu xã xây dựng nông thôn mới."),
        final=(dt.date(2019, 12, 20), "Tổng kết: các xã được đỡ đầu đạt thêm tiêu chí nông thôn mới."),
    ),
    _DemoMovement(
        title="Thi đua thực hiện tốt công tác tuyên truyền năm 2019 của Khối III",
        kind=MovementKind.CAMPAIGN,
        launched_on=dt.date(2019, 3, 15),
        by_bloc=True,
        goals="Đẩy mạnh tuyên truyền các ngày lễ lớn và nhiệm vụ chính trị của tỉnh trong năm 2019.",
        awards="Giấy khen của Khối trưởng; đề nghị Bằng khen của Chủ tịch UBND tỉnh.",
        mid_term=(dt.date(2019, 7, 25), "Sơ kết đợt thi đua: các đơn vị trong khối triển khai đầy đủ."),
        final=(dt.date(2019, 12, 27), "Tổng kết đợt thi đua tại hội nghị tổng kết Khối III."),
    ),
]


def _movement(spec: _DemoMovement, *, province: Unit, bloc: Bloc, leader: Unit) -> Movement:
    unit = leader if spec.by_bloc else province
    existing = Movement.objects.filter(title=spec.title, launched_by_unit=unit, launched_on=spec.launched_on).first()
    if existing is not None:
        return existing
    return movement_launch(
        actor=None,
        unit=unit,
        bloc=bloc if spec.by_bloc else None,
        kind=spec.kind,
        title=spec.title,
        launched_on=spec.launched_on,
        starts_on=dt.date(2019, 1, 1),
        ends_on=dt.date(2019, 12, 31),
        goals=spec.goals,
        target_participants="Cán bộ, công chức, viên chức và người lao động các cơ quan, đơn vị.",
        awards=spec.awards,
    )


def demo_load(context: DemoContext) -> None:
    """Load the 2019 movements of bloc III with their reviews; run again, it adds nothing."""
    leader = context.units["qn-so-vhttdl"]
    for spec in MOVEMENTS:
        movement = _movement(spec, province=context.province, bloc=context.bloc_iii, leader=leader)
        done = set(movement.reviews.values_list("kind", flat=True))
        for kind, (held_on, summary) in (
            (MovementReviewKind.MID_TERM, spec.mid_term),
            (MovementReviewKind.FINAL, spec.final),
        ):
            if kind not in done:
                movement_review_add(actor=None, movement=movement, kind=kind, held_on=held_on, summary=summary)
