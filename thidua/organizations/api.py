"""REST operations of the organisations app: thin over the selectors and services (S17).

Reads answer 404 for a unit the caller may not see; writes refused by a service answer 403 (UnitNotManageable) or
422 (UnitChangeInvalid, invalid data). Every input is bounded (lengths, dates, ids) so no input can reach the
database as an overflow or a control character.
"""

import datetime as dt
import re
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.params import P, PathEx
from pydantic import BeforeValidator, Field

from thidua.accounts.api import api_actor
from thidua.core.api.errors import ERROR_RESPONSES, MAX_ID, WRITE_RESPONSES
from thidua.core.api.pagination import MAX_PAGE_SIZE, BoundedPageNumberPagination
from thidua.core.exceptions import ValidationFailed
from thidua.organizations.choices import UnitChangeKind, UnitKind
from thidua.organizations.models import Unit, UnitChange
from thidua.organizations.selectors import (
    unit_access,
    unit_lineage,
    unit_list_by_ids,
    unit_list_visible_to,
    unit_name_history,
    unit_parentage_history,
    unit_tree_as_of,
)
from thidua.organizations.services import unit_change_record, unit_create, unit_update

router = Router(tags=["organizations"])

# Writes also answer 400 (a body that is not JSON) and 403 (a service refused: UnitNotManageable).

UnitId = Annotated[int, Field(ge=1, le=MAX_ID)]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    """Only "yyyy-mm-dd" (pydantic would also take a number of seconds, which the schema does not promise)."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("Ngày phải có dạng yyyy-mm-dd.")


Day = Annotated[dt.date, BeforeValidator(_iso_day)]
# One line of text: no control characters (PostgreSQL refuses NUL; nobody types a tab in a name).
_LINE = r"^[^\x00-\x1f\x7f]*$"
_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def _validation_failed(error: ValidationError) -> ValidationFailed:
    fields = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return ValidationFailed(fields=fields)


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: UnitKind
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitNameOut(Schema):
    name: str
    short_name: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitParentageOut(Schema):
    parent_id: int
    parent_name: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitChangeOut(Schema):
    id: int
    kind: UnitChangeKind
    effective_on: dt.date
    decision_number: str
    decision_date: dt.date
    issuer: str
    summary: str
    predecessor_ids: list[int]
    successor_ids: list[int]


class LineageLinkOut(Schema):
    unit_id: int
    unit_name: str
    via_unit_id: int
    level: int
    change_id: int
    change_kind: UnitChangeKind
    effective_on: dt.date
    legal_basis: str


class UnitDetailOut(UnitOut):
    names: list[UnitNameOut]
    parentages: list[UnitParentageOut]
    predecessors: list[LineageLinkOut]
    successors: list[LineageLinkOut]


class TreeNodeOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: UnitKind
    depth: int
    parent_id: int | None


class UnitFilters(Schema):
    q: str = Field("", max_length=100, description="Tìm theo tên, tên viết tắt hoặc mã, có dấu hoặc không dấu")
    kind: UnitKind | None = None
    province: int | None = Field(None, ge=1, le=MAX_ID, description="Chỉ các đơn vị hiện thuộc tỉnh, thành phố này")
    active_on: Day | None = Field(None, description="Chỉ các đơn vị hoạt động vào ngày này")


class TreeFilters(Schema):
    root: int | None = Field(None, ge=1, le=MAX_ID, description="Đơn vị gốc; để trống: mọi tỉnh, thành phố")
    as_of: Day | None = Field(None, description="Ngày; để trống: hôm nay")


class UnitCreateIn(Schema):
    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$")
    name: str = Field(min_length=1, max_length=255, pattern=_LINE)
    short_name: str = Field("", max_length=80, pattern=_LINE)
    kind: UnitKind
    parent_id: UnitId
    valid_from: Day | None = None
    legal_basis: str = Field("", max_length=300, pattern=_LINE)


class UnitUpdateIn(Schema):
    kind: UnitKind
    short_name: str = Field("", max_length=80, pattern=_LINE)
    valid_from: Day | None = None


class UnitChangeIn(Schema):
    kind: UnitChangeKind
    effective_on: Day
    decision_number: str = Field(min_length=1, max_length=100, pattern=_LINE)
    decision_date: Day
    issuer: str = Field("", max_length=255, pattern=_LINE)
    summary: str = Field("", max_length=2000, pattern=_TEXT)
    predecessor_ids: list[UnitId] = Field(min_length=1, max_length=50)
    successor_ids: list[UnitId] = Field(default_factory=list, max_length=50)
    new_name: str = Field("", max_length=255, pattern=_LINE)
    new_short_name: str = Field("", max_length=80, pattern=_LINE)
    new_parent_id: UnitId | None = None


def _change_out(change: UnitChange) -> UnitChangeOut:
    links = list(change.links.all())
    return UnitChangeOut(
        id=change.pk,
        kind=UnitChangeKind(change.kind),
        effective_on=change.effective_on,
        decision_number=change.decision_number,
        decision_date=change.decision_date,
        issuer=change.issuer,
        summary=change.summary,
        predecessor_ids=sorted({link.predecessor_id for link in links if link.predecessor_id}),
        successor_ids=sorted({link.successor_id for link in links if link.successor_id}),
    )


def _detail_out(unit: Unit) -> UnitDetailOut:
    lineage = unit_lineage(unit=unit)

    def links(items: list) -> list[LineageLinkOut]:  # type: ignore[type-arg]
        return [
            LineageLinkOut(
                unit_id=link.unit.pk,
                unit_name=link.unit.name,
                via_unit_id=link.via.pk,
                level=link.level,
                change_id=link.change.pk,
                change_kind=UnitChangeKind(link.change.kind),
                effective_on=link.change.effective_on,
                legal_basis=link.change.legal_basis,
            )
            for link in items
        ]

    return UnitDetailOut(
        id=unit.pk,
        code=unit.code,
        name=unit.name,
        short_name=unit.short_name,
        kind=UnitKind(unit.kind),
        parent_id=unit.parent_id,
        valid_from=unit.valid_from,
        valid_to=unit.valid_to,
        names=[
            UnitNameOut(name=n.name, short_name=n.short_name, valid_from=n.valid_from, valid_to=n.valid_to)
            for n in unit_name_history(unit=unit)
        ],
        parentages=[
            UnitParentageOut(
                parent_id=p.parent_id, parent_name=p.parent.name, valid_from=p.valid_from, valid_to=p.valid_to
            )
            for p in unit_parentage_history(unit=unit)
        ],
        predecessors=links(lineage.predecessors),
        successors=links(lineage.successors),
    )


@router.get(
    "/units", response={200: list[UnitOut], **ERROR_RESPONSES}, operation_id="unit_list", summary="Danh sách đơn vị"
)
@paginate(BoundedPageNumberPagination, page_size=50, max_page_size=MAX_PAGE_SIZE)
def unit_list(request: HttpRequest, filters: Query[UnitFilters]) -> QuerySet[Unit]:
    """Units the caller may see, in tree order; search ignores diacritics ("so y te" finds "Sở Y tế")."""
    return unit_list_visible_to(
        actor=api_actor(request),
        search=filters.q,
        kind=filters.kind or "",
        province_id=filters.province,
        active_on=filters.active_on,
    )


@router.post("/units", response={201: UnitOut, **WRITE_RESPONSES}, operation_id="unit_create", summary="Thêm đơn vị")
def unit_create_api(request: HttpRequest, payload: UnitCreateIn) -> Status[UnitOut]:
    """Add a unit under a unit of the caller's province (the province office)."""
    actor = api_actor(request)
    parent = unit_access(actor=actor, unit_id=payload.parent_id)
    try:
        unit = unit_create(
            actor=actor,
            code=payload.code,
            name=payload.name,
            short_name=payload.short_name,
            kind=payload.kind,
            parent=parent,
            valid_from=payload.valid_from,
            legal_basis=payload.legal_basis,
        )
    except ValidationError as error:
        raise _validation_failed(error) from error
    return Status(201, UnitOut.from_orm(unit))


@router.get(
    "/units/tree",
    response={200: list[TreeNodeOut], **ERROR_RESPONSES},
    operation_id="unit_tree",
    summary="Cây tổ chức tại một ngày",
)
def unit_tree(request: HttpRequest, filters: Query[TreeFilters]) -> list[TreeNodeOut]:
    """The tree of units in operation on ``as_of`` (today by default), with the names and parents of that day."""
    actor = api_actor(request)
    root = unit_access(actor=actor, unit_id=filters.root) if filters.root is not None else None
    nodes = unit_tree_as_of(actor=actor, root=root, day=filters.as_of or timezone.localdate())
    return [
        TreeNodeOut(
            id=node.unit.pk,
            code=node.unit.code,
            name=node.name,
            short_name=node.short_name,
            kind=UnitKind(node.unit.kind),
            depth=node.depth,
            parent_id=node.parent_id,
        )
        for node in nodes
    ]


@router.post(
    "/units/changes",
    response={201: UnitChangeOut, **WRITE_RESPONSES},
    operation_id="unit_change_create",
    summary="Ghi nhận sắp xếp, tổ chức lại",
)
def unit_change_create(request: HttpRequest, payload: UnitChangeIn) -> Status[UnitChangeOut]:
    """Record a rename, merge, split, transfer or closure with its legal basis (``unit_change_record``)."""
    actor = api_actor(request)
    predecessors = unit_list_by_ids(actor=actor, unit_ids=payload.predecessor_ids)
    successors = unit_list_by_ids(actor=actor, unit_ids=payload.successor_ids)
    new_parent = unit_access(actor=actor, unit_id=payload.new_parent_id) if payload.new_parent_id else None
    try:
        change = unit_change_record(
            actor=actor,
            kind=payload.kind,
            effective_on=payload.effective_on,
            decision_number=payload.decision_number,
            decision_date=payload.decision_date,
            issuer=payload.issuer,
            summary=payload.summary,
            predecessors=predecessors,
            successors=successors,
            new_name=payload.new_name,
            new_short_name=payload.new_short_name,
            new_parent=new_parent,
        )
    except ValidationError as error:
        raise _validation_failed(error) from error
    return Status(201, _change_out(change))


@router.get(
    "/units/{unit_id}",
    response={200: UnitDetailOut, **ERROR_RESPONSES},
    operation_id="unit_get",
    summary="Một đơn vị, các tên và quá trình kế thừa",
)
def unit_get(request: HttpRequest, unit_id: PathEx[int, P(ge=1, le=MAX_ID)]) -> UnitDetailOut:
    """A unit with the names it bore, the units it stood under, and its predecessors and successors."""
    return _detail_out(unit_access(actor=api_actor(request), unit_id=unit_id))


@router.put(
    "/units/{unit_id}",
    response={200: UnitOut, **WRITE_RESPONSES},
    operation_id="unit_update",
    summary="Sửa thông tin đơn vị",
)
def unit_update_api(request: HttpRequest, unit_id: PathEx[int, P(ge=1, le=MAX_ID)], payload: UnitUpdateIn) -> Unit:
    """Correct the kind, short name or start date. A new name is a change (``unit_change_create``, kind rename)."""
    actor = api_actor(request)
    unit = unit_access(actor=actor, unit_id=unit_id)
    try:
        return unit_update(
            actor=actor, unit=unit, kind=payload.kind, short_name=payload.short_name, valid_from=payload.valid_from
        )
    except ValidationError as error:
        raise _validation_failed(error) from error
