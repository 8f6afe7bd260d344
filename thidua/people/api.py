"""REST operations of the people app (STYLE S17).

Responses are built from :class:`~thidua.people.selectors.PersonView`: gender, date of birth and personnel code are
``null`` for a caller without PERSON_VIEW_PERSONAL over the person's current unit. Every input is bounded (lengths,
no control characters, ids within 32 bits) so no request reaches the database as an overflow.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field, StringConstraints

from thidua.accounts.api import api_actor
from thidua.core.api.errors import ERROR_RESPONSES, WRITE_RESPONSES
from thidua.core.api.pagination import MAX_PAGE, MAX_PAGE_SIZE
from thidua.core.exceptions import NotFound
from thidua.organizations.models import Unit
from thidua.people.choices import Gender, StaffCategory
from thidua.people.selectors import (
    PersonDetail,
    PersonView,
    person_access,
    person_detail,
    person_list_visible_to,
    person_view_get,
    person_views_from,
)
from thidua.people.services import assignment_move, person_create, person_update

router = Router(tags=["people"])

# Writes may also meet a body that is not JSON (400), a refusal (403) or a conflict with existing data (409).

# No control characters (PostgreSQL refuses NUL in text); a name needs one visible character. The bounds are in
# the schema itself, so a client (or the fuzzer) knows them before calling.
_NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
_VISIBLE = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=_VISIBLE)]
Text200 = Annotated[str, StringConstraints(max_length=200, pattern=_NO_CONTROL)]
Code = Annotated[str, StringConstraints(max_length=40, pattern=_NO_CONTROL)]
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


class PersonOut(Schema):
    id: int
    full_name: str
    unit_id: int | None
    unit_name: str
    position: str
    category: str
    is_in_service: bool
    personal_data_visible: bool = Field(description="Người gọi có quyền xem thông tin cá nhân của người này không")
    gender: Gender | None = Field(None, description="null nếu người gọi không có quyền xem thông tin cá nhân")
    birth_date: dt.date | None = Field(None, description="null nếu người gọi không có quyền xem thông tin cá nhân")
    personnel_code: str | None = Field(None, description="null nếu người gọi không có quyền xem thông tin cá nhân")


class AssignmentOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(description="Tên đơn vị vào thời điểm bắt đầu giai đoạn công tác")
    unit_current_name: str
    position: str
    category: str
    starts_on: dt.date
    ends_on: dt.date | None


class PersonDetailOut(PersonOut):
    assignments: list[AssignmentOut]


class PersonPageOut(Schema):
    items: list[PersonOut]
    count: int


class PersonFilters(Schema):
    q: str = Field("", max_length=100, description="Tìm theo họ và tên, có dấu hoặc không dấu")
    unit_id: Id | None = Field(None, description="Chỉ những người đang công tác tại đơn vị này hoặc đơn vị cấp dưới")
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class PersonCreateIn(Schema):
    full_name: Name
    gender: Gender
    birth_date: dt.date | None = None
    personnel_code: Code = ""
    unit_id: Id
    position: Text200 = ""
    category: StaffCategory
    starts_on: dt.date


class PersonUpdateIn(Schema):
    full_name: Name
    gender: Gender
    birth_date: dt.date | None = None
    personnel_code: Code = ""


class AssignmentMoveIn(Schema):
    unit_id: Id
    position: Text200 = ""
    category: StaffCategory
    starts_on: dt.date


def _out(view: PersonView) -> PersonOut:
    return PersonOut(
        id=view.id,
        full_name=view.full_name,
        unit_id=view.unit_id,
        unit_name=view.unit_name,
        position=view.position,
        category=view.category,
        is_in_service=view.is_in_service,
        personal_data_visible=view.can_view_personal,
        gender=Gender(view.gender) if view.gender else None,
        birth_date=view.birth_date,
        personnel_code=view.personnel_code,
    )


def _detail_out(detail: PersonDetail) -> PersonDetailOut:
    assignments = [
        AssignmentOut(
            id=a.id,
            unit_id=a.unit_id,
            unit_name=a.unit_name,
            unit_current_name=a.unit_current_name,
            position=a.position,
            category=a.category,
            starts_on=a.starts_on,
            ends_on=a.ends_on,
        )
        for a in detail.assignments
    ]
    return PersonDetailOut(**_out(detail.person).model_dump(), assignments=assignments)


def _unit(unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise NotFound()
    return unit


@router.get(
    "/people", response={200: PersonPageOut, **ERROR_RESPONSES}, operation_id="person_list", summary="Danh sách cá nhân"
)
def person_list(request: HttpRequest, filters: Query[PersonFilters]) -> PersonPageOut:
    """People by name, with their current post; personal data only where the caller may see it."""
    actor = api_actor(request)
    unit = _unit(filters.unit_id) if filters.unit_id is not None else None
    qs = person_list_visible_to(actor=actor, search=filters.q, unit=unit)
    offset = (filters.page - 1) * filters.page_size
    people = person_views_from(qs[offset : offset + filters.page_size])
    return PersonPageOut(items=[_out(view) for view in people], count=qs.count())


@router.get(
    "/people/{person_id}",
    response={200: PersonDetailOut, **ERROR_RESPONSES},
    operation_id="person_get",
    summary="Một cá nhân và quá trình công tác",
)
def person_get(request: HttpRequest, person_id: Id) -> PersonDetailOut:
    return _detail_out(person_detail(actor=api_actor(request), person_id=person_id))


@router.post(
    "/people",
    response={201: PersonOut, **WRITE_RESPONSES},
    operation_id="person_create",
    summary="Thêm cá nhân",
)
def person_create_op(request: HttpRequest, payload: PersonCreateIn) -> Status[PersonOut]:
    actor = api_actor(request)
    person = person_create(
        actor=actor,
        full_name=payload.full_name,
        gender=payload.gender,
        birth_date=payload.birth_date,
        personnel_code=payload.personnel_code,
        unit=_unit(payload.unit_id),
        position=payload.position,
        category=payload.category,
        starts_on=payload.starts_on,
    )
    return Status(201, _out(person_view_get(actor=actor, person_id=person.pk)))


@router.put(
    "/people/{person_id}",
    response={200: PersonOut, **WRITE_RESPONSES},
    operation_id="person_update",
    summary="Sửa thông tin cá nhân",
)
def person_update_op(request: HttpRequest, person_id: Id, payload: PersonUpdateIn) -> PersonOut:
    actor = api_actor(request)
    person_update(
        actor=actor,
        person=person_access(actor=actor, person_id=person_id),
        full_name=payload.full_name,
        gender=payload.gender,
        birth_date=payload.birth_date,
        personnel_code=payload.personnel_code,
    )
    return _out(person_view_get(actor=actor, person_id=person_id))


@router.post(
    "/people/{person_id}/moves",
    response={201: PersonOut, **WRITE_RESPONSES},
    operation_id="assignment_move",
    summary="Điều động, luân chuyển cá nhân",
)
def assignment_move_op(request: HttpRequest, person_id: Id, payload: AssignmentMoveIn) -> Status[PersonOut]:
    actor = api_actor(request)
    assignment_move(
        actor=actor,
        person=person_access(actor=actor, person_id=person_id),
        unit=_unit(payload.unit_id),
        position=payload.position,
        category=payload.category,
        starts_on=payload.starts_on,
    )
    return Status(201, _out(person_view_get(actor=actor, person_id=person_id)))
