"""REST operations of the initiatives app (STYLE S17). Every input is bounded; ids stay within 32 bits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field, StringConstraints

from thidua.accounts.api import api_actor
from thidua.core.api.errors import ERROR_RESPONSES, MAX_ID, WRITE_RESPONSES
from thidua.core.api.pagination import MAX_PAGE, MAX_PAGE_SIZE
from thidua.core.exceptions import NotFound
from thidua.initiatives.choices import InitiativeField, RecognitionLevel
from thidua.initiatives.models import Initiative
from thidua.initiatives.selectors import (
    DuplicateCandidate,
    InitiativeDetail,
    LevelCounts,
    initiative_access,
    initiative_detail,
    initiative_find_duplicates,
    initiative_list_visible_to,
    initiative_list_with_authors,
    initiative_statistics,
)
from thidua.initiatives.services import AuthorInput, InitiativeInput, initiative_create, initiative_recognise
from thidua.organizations.models import Unit
from thidua.people.models import Person

router = Router(tags=["initiatives"])

_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
_NO_CONTROL_MULTILINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
_VISIBLE = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"
Title = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=_VISIBLE)]
Body = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=_VISIBLE)]
DecisionNumber = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=_VISIBLE)]
Note = Annotated[str, StringConstraints(max_length=1000, pattern=_NO_CONTROL)]
LongText = Annotated[str, StringConstraints(max_length=5000, pattern=_NO_CONTROL_MULTILINE)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=1990, le=2100)]
# A float in the schema (a JSON number a client can always send); rounded to 0.01 % before the service checks it.
Share = Annotated[float, Field(gt=0, le=100)]


class AuthorOut(Schema):
    person_id: int
    full_name: str
    share: Decimal
    is_from_other_unit: bool


class RecognitionOut(Schema):
    level: RecognitionLevel
    recognising_body: str
    decision_number: str
    decision_date: dt.date
    recognised_on: dt.date


class DuplicateOut(Schema):
    id: int
    title: str
    unit_name: str
    applied_on: dt.date
    ratio: float
    shared_authors: int


class InitiativeOut(Schema):
    id: int
    title: str
    unit_id: int
    unit_name: str
    field: InitiativeField
    applied_on: dt.date
    current_level: RecognitionLevel | None = Field(None, description="Cấp công nhận hiện tại; null nếu chưa công nhận")
    recognised_year: int | None
    authors: list[AuthorOut]


class InitiativeDetailOut(InitiativeOut):
    description: str
    benefit: str
    is_novel: bool
    novel_note: str
    is_applied: bool
    applied_note: str
    is_not_excluded: bool
    not_excluded_note: str
    recognitions: list[RecognitionOut]


class InitiativeCreatedOut(InitiativeDetailOut):
    possible_duplicates: list[DuplicateOut] = Field(description="Sáng kiến có thể trùng (cảnh báo, không từ chối)")


class InitiativePageOut(Schema):
    items: list[InitiativeOut]
    count: int


class InitiativeFilters(Schema):
    q: str = Field("", max_length=100, description="Tìm theo tên, có dấu hoặc không dấu")
    unit_id: Id | None = Field(None, description="Đơn vị (và các đơn vị cấp dưới)")
    year: Year | None = Field(None, description="Năm áp dụng")
    level: RecognitionLevel | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class AuthorIn(Schema):
    person_id: Id
    share: Share
    is_from_other_unit: bool = False


class InitiativeCreateIn(Schema):
    unit_id: Id
    title: Title
    field: InitiativeField
    description: LongText = ""
    applied_on: dt.date
    benefit: LongText = ""
    is_novel: bool = False
    novel_note: Note = ""
    is_applied: bool = False
    applied_note: Note = ""
    is_not_excluded: bool = False
    not_excluded_note: Note = ""
    authors: list[AuthorIn] = Field(min_length=1, max_length=20)


class RecognitionIn(Schema):
    level: RecognitionLevel
    recognising_body: Body
    decision_number: DecisionNumber
    decision_date: dt.date
    recognised_on: dt.date


class StatisticsFilters(Schema):
    year: Year | None = Field(None, description="Năm công nhận")


class LevelCountsOut(Schema):
    base: int
    province: int
    national: int


class UnitCountsOut(Schema):
    unit_id: int
    unit_name: str
    year: int
    counts: LevelCountsOut


class BlocCountsOut(Schema):
    bloc_id: int
    bloc_name: str
    year: int
    counts: LevelCountsOut


class YearCountsOut(Schema):
    year: int
    counts: LevelCountsOut


class StatisticsOut(Schema):
    by_year: list[YearCountsOut]
    by_bloc: list[BlocCountsOut]
    by_unit: list[UnitCountsOut]


def _out(initiative: Initiative) -> InitiativeOut:
    return InitiativeOut(
        id=initiative.pk,
        title=initiative.title,
        unit_id=initiative.unit_id,
        unit_name=initiative.unit.name,
        field=InitiativeField(initiative.field),
        applied_on=initiative.applied_on,
        current_level=RecognitionLevel(initiative.current_level) if initiative.current_level else None,
        recognised_year=initiative.recognised_year,
        authors=[
            AuthorOut(
                person_id=a.person_id,
                full_name=a.person.full_name,
                share=a.share,
                is_from_other_unit=a.is_from_other_unit,
            )
            for a in initiative.authors.all()
        ],
    )


def _detail_out(detail: InitiativeDetail) -> InitiativeDetailOut:
    i = detail.initiative
    base = _out(i).model_dump()
    base["authors"] = [
        AuthorOut(
            person_id=a.person_id, full_name=a.person.full_name, share=a.share, is_from_other_unit=a.is_from_other_unit
        )
        for a in detail.authors
    ]
    return InitiativeDetailOut(
        **base,
        description=i.description,
        benefit=i.benefit,
        is_novel=i.is_novel,
        novel_note=i.novel_note,
        is_applied=i.is_applied,
        applied_note=i.applied_note,
        is_not_excluded=i.is_not_excluded,
        not_excluded_note=i.not_excluded_note,
        recognitions=[
            RecognitionOut(
                level=RecognitionLevel(r.level),
                recognising_body=r.recognising_body,
                decision_number=r.decision_number,
                decision_date=r.decision_date,
                recognised_on=r.recognised_on,
            )
            for r in detail.recognitions
        ],
    )


def _share(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _duplicate_out(d: DuplicateCandidate) -> DuplicateOut:
    return DuplicateOut(
        id=d.id,
        title=d.title,
        unit_name=d.unit_name,
        applied_on=d.applied_on,
        ratio=d.ratio,
        shared_authors=d.shared_authors,
    )


@router.get(
    "/initiatives/statistics",
    response={200: StatisticsOut, **ERROR_RESPONSES},
    operation_id="initiative_statistics",
    summary="Thống kê sáng kiến theo đơn vị, khối, năm và cấp công nhận",
)
def initiative_statistics_op(request: HttpRequest, filters: Query[StatisticsFilters]) -> StatisticsOut:
    stats = initiative_statistics(actor=api_actor(request), year=filters.year)

    def counts(c: LevelCounts) -> LevelCountsOut:
        return LevelCountsOut(base=c.base, province=c.province, national=c.national)

    return StatisticsOut(
        by_year=[YearCountsOut(year=y, counts=counts(c)) for y, c in stats.by_year.items()],
        by_bloc=[
            BlocCountsOut(bloc_id=r.bloc_id, bloc_name=r.bloc_name, year=r.year, counts=counts(r.counts))
            for r in stats.by_bloc
        ],
        by_unit=[
            UnitCountsOut(unit_id=r.unit_id, unit_name=r.unit_name, year=r.year, counts=counts(r.counts))
            for r in stats.by_unit
        ],
    )


@router.get(
    "/initiatives",
    response={200: InitiativePageOut, **ERROR_RESPONSES},
    operation_id="initiative_list",
    summary="Danh sách sáng kiến",
)
def initiative_list(request: HttpRequest, filters: Query[InitiativeFilters]) -> InitiativePageOut:
    actor = api_actor(request)
    unit = Unit.objects.filter(pk=filters.unit_id).first() if filters.unit_id is not None else None
    if filters.unit_id is not None and unit is None:
        raise NotFound()
    qs = initiative_list_visible_to(
        actor=actor, search=filters.q, unit=unit, year=filters.year, level=filters.level or ""
    )
    offset = (filters.page - 1) * filters.page_size
    items = [_out(i) for i in initiative_list_with_authors(qs)[offset : offset + filters.page_size]]
    return InitiativePageOut(items=items, count=qs.count())


@router.get(
    "/initiatives/{initiative_id}",
    response={200: InitiativeDetailOut, **ERROR_RESPONSES},
    operation_id="initiative_get",
    summary="Một sáng kiến, tác giả và quá trình công nhận",
)
def initiative_get(request: HttpRequest, initiative_id: Id) -> InitiativeDetailOut:
    return _detail_out(initiative_detail(actor=api_actor(request), initiative_id=initiative_id))


@router.post(
    "/initiatives",
    response={201: InitiativeCreatedOut, **WRITE_RESPONSES},
    operation_id="initiative_create",
    summary="Nhập sáng kiến (kèm cảnh báo sáng kiến có thể trùng)",
)
def initiative_create_op(request: HttpRequest, payload: InitiativeCreateIn) -> Status[InitiativeCreatedOut]:
    actor = api_actor(request)
    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise NotFound()
    people = Person.objects.in_bulk([a.person_id for a in payload.authors])
    if len(people) != len({a.person_id for a in payload.authors}):
        raise NotFound()
    authors = [
        AuthorInput(person=people[a.person_id], share=_share(a.share), is_from_other_unit=a.is_from_other_unit)
        for a in payload.authors
    ]
    data = InitiativeInput(**{name: getattr(payload, name) for name in InitiativeInput.__dataclass_fields__})
    initiative = initiative_create(actor=actor, unit=unit, data=data, authors=authors)
    duplicates = initiative_find_duplicates(
        actor=actor,
        title=initiative.title,
        applied_on=initiative.applied_on,
        person_ids=list(people),
        exclude_id=initiative.pk,
    )
    detail = _detail_out(initiative_detail(actor=actor, initiative_id=initiative.pk))
    return Status(
        201, InitiativeCreatedOut(**detail.model_dump(), possible_duplicates=[_duplicate_out(d) for d in duplicates])
    )


@router.post(
    "/initiatives/{initiative_id}/recognitions",
    response={201: InitiativeDetailOut, **WRITE_RESPONSES},
    operation_id="initiative_recognise",
    summary="Ghi nhận quyết định công nhận sáng kiến",
)
def initiative_recognise_op(
    request: HttpRequest, initiative_id: Id, payload: RecognitionIn
) -> Status[InitiativeDetailOut]:
    actor = api_actor(request)
    initiative = initiative_access(actor=actor, initiative_id=initiative_id)
    initiative_recognise(
        actor=actor,
        initiative=initiative,
        level=payload.level,
        recognising_body=payload.recognising_body,
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
        recognised_on=payload.recognised_on,
    )
    return Status(201, _detail_out(initiative_detail(actor=actor, initiative_id=initiative_id)))
