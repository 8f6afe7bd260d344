"""Demo initiatives of bloc III (issue 4): in 2019 exactly 130 at cơ sở level and 6 at tỉnh level across the seven
units, as the article reads ("130 sáng kiến được công nhận cấp cơ sở, 6 sáng kiến cấp tỉnh"), plus a few in 2017–2018.

Counted by *current* level: 130 initiatives whose latest recognition is cơ sở, and 6 recognised first at cơ sở then at
tỉnh (history kept), so 136 initiatives in 2019. Everything goes through the services (audit included), as the
system (``actor=None``). Idempotent: skipped when bloc III's units already have initiatives.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q

from thidua.initiatives.choices import InitiativeField, RecognitionLevel
from thidua.initiatives.models import Initiative
from thidua.initiatives.services import AuthorInput, InitiativeInput, initiative_create, initiative_recognise
from thidua.people.models import Person

if TYPE_CHECKING:
    from thidua.demo.context import DemoContext
    from thidua.organizations.models import Unit

# 2019 per unit, in the article's order: 19+19+19+19+18+18+18 = 130 at cơ sở; one each for the first six at tỉnh.
BASE_2019 = (19, 19, 19, 19, 18, 18, 18)
PROVINCE_2019 = (1, 1, 1, 1, 1, 1, 0)
EARLIER_PER_YEAR = 4

_ACTIONS = (
    "Cải tiến quy trình",
    "Ứng dụng phần mềm trong",
    "Số hóa hồ sơ",
    "Nâng cao hiệu quả",
    "Đổi mới phương pháp",
    "Giải pháp tiết kiệm chi phí trong",
    "Chuẩn hóa biểu mẫu",
    "Tự động hóa báo cáo",
)
_SUBJECTS = (
    "tiếp nhận và trả kết quả thủ tục hành chính",
    "quản lý văn bản đi, đến",
    "tổng hợp báo cáo thi đua, khen thưởng",
    "lưu trữ tài liệu chuyên môn",
    "theo dõi nhiệm vụ được giao",
    "tuyên truyền trên cổng thông tin điện tử",
    "quản lý tài sản công",
    "tập huấn nghiệp vụ cho cơ sở",
    "kiểm tra, giám sát chuyên ngành",
    "phối hợp liên ngành",
)
_FIELDS = tuple(InitiativeField)


def _people_on(unit: Unit, day: dt.date) -> list[Person]:
    """People with a post in ``unit`` on ``day`` (one query)."""
    return list(
        Person.objects.filter(assignments__unit=unit, assignments__starts_on__lte=day)
        .filter(Q(assignments__ends_on__isnull=True) | Q(assignments__ends_on__gte=day))
        .distinct()
        .order_by("id")
    )


def _authors(people: list[Person], n: int) -> list[AuthorInput]:
    first = people[n % len(people)]
    second = people[(n + 1) % len(people)]
    if n % 3 == 0 or first == second:
        return [AuthorInput(person=first, share=Decimal(100))]
    return [AuthorInput(person=first, share=Decimal(60)), AuthorInput(person=second, share=Decimal(40))]


def _create(unit: Unit, people: list[Person], n: int, applied_on: dt.date) -> Initiative:
    title = f"{_ACTIONS[n % len(_ACTIONS)]} {_SUBJECTS[(n // len(_ACTIONS)) % len(_SUBJECTS)]} tại {unit.short_name or unit.name} ({applied_on.year}-{n + 1})"
    return initiative_create(
        actor=None,
        unit=unit,
        data=InitiativeInput(
            title=title,
            field=_FIELDS[n % len(_FIELDS)],
            applied_on=applied_on,
            description="Sáng kiến được áp dụng tại đơn vị, rút ngắn thời gian xử lý công việc.",
            benefit="Giảm thời gian xử lý, tiết kiệm chi phí văn phòng phẩm.",
            is_novel=True,
            is_applied=True,
            is_not_excluded=True,
        ),
        authors=_authors(people, n),
    )


def _recognise(initiative: Initiative, level: str, on: dt.date, body: str, number: str) -> None:
    initiative_recognise(
        actor=None,
        initiative=initiative,
        level=level,
        recognising_body=body,
        decision_number=number,
        decision_date=on,
        recognised_on=on,
    )


def demo_load(context: DemoContext) -> None:
    units = [context.units[code] for code in context.bloc_iii_codes]
    if Initiative.objects.filter(unit__in=units).exists():
        return
    for index, unit in enumerate(units):
        body = f"Thủ trưởng {unit.name}"
        short = (unit.short_name or unit.code).replace(" ", "")
        for year in (2017, 2018):
            applied_on = dt.date(year, 3, 1)
            people = _people_on(unit, applied_on)
            if not people:
                continue
            for n in range(EARLIER_PER_YEAR):
                initiative = _create(unit, people, n, applied_on + dt.timedelta(days=n))
                _recognise(initiative, RecognitionLevel.BASE, dt.date(year, 11, 20), body, f"{100 + n}/QĐ-{short}")
        people = _people_on(unit, dt.date(2019, 2, 1))
        for n in range(BASE_2019[index] + PROVINCE_2019[index]):
            initiative = _create(unit, people, n, dt.date(2019, 2, 1) + dt.timedelta(days=n))
            if n < PROVINCE_2019[index]:
                _recognise(initiative, RecognitionLevel.BASE, dt.date(2019, 6, 20), body, f"50/QĐ-{short}")
                _recognise(
                    initiative,
                    RecognitionLevel.PROVINCE,
                    dt.date(2019, 12, 20),
                    "Ủy ban nhân dân tỉnh Quảng Nam",
                    "3850/QĐ-UBND",
                )
            else:
                _recognise(initiative, RecognitionLevel.BASE, dt.date(2019, 11, 15), body, f"{200 + n}/QĐ-{short}")
