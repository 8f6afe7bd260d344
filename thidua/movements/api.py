"""REST operations of the movements app (STYLE S17): read for every authenticated caller; launch and review for
the launching body, re-checked by each service. Inputs are bounded so that none reaches the database as an overflow.
Plan documents and review reports are uploaded through the pages; the API records the rest.
"""

import datetime as dt
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, StringConstraints

from thidua.accounts.api import api_actor
from thidua.core.api.errors import ERROR_RESPONSES, MAX_ID, WRITE_RESPONSES
from thidua.core.api.pagination import MAX_PAGE_SIZE, BoundedPageNumberPagination
from thidua.core.exceptions import NotFound
from thidua.emulation.models import Bloc
from thidua.emulation.selectors import bloc_access
from thidua.movements.choices import MovementKind, MovementReviewKind, MovementStatus
from thidua.movements.models import Movement, MovementReview
from thidua.movements.selectors import movement_access, movement_list_visible_to
from thidua.movements.services import movement_launch, movement_review_add
from thidua.organizations.models import Unit

router = Router(tags=["movements"])

# No control characters (PostgreSQL refuses NUL in text); a title needs one visible character. The bounds are in the
# schema itself, so a client (or the fuzzer) knows them before calling; dates that conflict are refused with 409.
_NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
_VISIBLE = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"
Title = Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=_VISIBLE)]
Text2000 = Annotated[str, StringConstraints(max_length=2000, pattern=_NO_CONTROL)]
Text5000 = Annotated[str, StringConstraints(max_length=5000, pattern=_NO_CONTROL)]
Summary = Annotated[str, StringConstraints(min_length=1, max_length=5000, pattern=_VISIBLE)]


class MovementPath(Schema):
    movement_id: int = Field(..., ge=1, le=MAX_ID)


class MovementFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Phong trào diễn ra hoặc phát động trong năm")
    bloc_id: int | None = Field(None, ge=1, le=MAX_ID, description="Phong trào của khối và của tỉnh của khối")
    kind: MovementKind | None = None


class MovementReviewOut(Schema):
    id: int
    kind: MovementReviewKind
    held_on: dt.date
    summary: str
    has_attachment: bool


class MovementOut(Schema):
    id: int
    kind: MovementKind
    title: str
    launched_by_unit_id: int
    bloc_id: int | None
    launched_on: dt.date
    starts_on: dt.date
    ends_on: dt.date
    status: MovementStatus


class MovementDetailOut(MovementOut):
    goals: str
    target_participants: str
    awards: str
    has_plan_document: bool
    reviews: list[MovementReviewOut]


class MovementCreateIn(Schema):
    kind: MovementKind
    title: Title
    launched_by_unit_id: int = Field(..., ge=1, le=MAX_ID)
    bloc_id: int | None = Field(None, ge=1, le=MAX_ID, description="Khi khối, cụm thi đua phát động")
    launched_on: dt.date
    starts_on: dt.date
    ends_on: dt.date
    goals: Text5000 = ""
    target_participants: Text2000 = ""
    awards: Text2000 = Field("", description="Danh hiệu, hình thức khen thưởng")


class MovementReviewCreateIn(Schema):
    kind: MovementReviewKind
    held_on: dt.date
    summary: Summary


def _movement_out(movement: Movement) -> MovementOut:
    return MovementOut(
        id=movement.pk,
        kind=MovementKind(movement.kind),
        title=movement.title,
        launched_by_unit_id=movement.launched_by_unit_id,
        bloc_id=movement.bloc_id,
        launched_on=movement.launched_on,
        starts_on=movement.starts_on,
        ends_on=movement.ends_on,
        status=MovementStatus(movement.status),
    )


def _review_out(review: MovementReview) -> MovementReviewOut:
    return MovementReviewOut(
        id=review.pk,
        kind=MovementReviewKind(review.kind),
        held_on=review.held_on,
        summary=review.summary,
        has_attachment=bool(review.attachment),
    )


def _detail_out(movement: Movement) -> MovementDetailOut:
    return MovementDetailOut(
        **_movement_out(movement).model_dump(),
        goals=movement.goals,
        target_participants=movement.target_participants,
        awards=movement.awards,
        has_plan_document=bool(movement.plan_document),
        reviews=[_review_out(review) for review in movement.reviews.all()],
    )


@router.get(
    "/movements",
    response={200: list[MovementOut], **ERROR_RESPONSES},
    operation_id="movement_list",
    summary="Danh sách phong trào thi đua",
)
@paginate(BoundedPageNumberPagination, page_size=50, max_page_size=MAX_PAGE_SIZE)
def movement_list(request: HttpRequest, filters: Query[MovementFilters]) -> QuerySet[Movement]:
    """Movements the caller may read, by year, bloc and kind."""
    actor = api_actor(request)
    bloc = bloc_access(actor=actor, bloc_id=filters.bloc_id) if filters.bloc_id is not None else None
    return movement_list_visible_to(actor=actor, year=filters.year, bloc=bloc, kind=filters.kind or "")


@router.get(
    "/movements/{movement_id}",
    response={200: MovementDetailOut, **ERROR_RESPONSES},
    operation_id="movement_get",
    summary="Một phong trào thi đua và các lần sơ kết, tổng kết",
)
def movement_get(request: HttpRequest, path: Path[MovementPath]) -> MovementDetailOut:
    return _detail_out(movement_access(actor=api_actor(request), movement_id=path.movement_id))


@router.post(
    "/movements",
    response={201: MovementDetailOut, **WRITE_RESPONSES},
    operation_id="movement_create",
    summary="Ghi nhận một phong trào thi đua được phát động",
)
def movement_create(request: HttpRequest, payload: MovementCreateIn) -> Status[MovementDetailOut]:
    actor = api_actor(request)
    unit = Unit.objects.filter(pk=payload.launched_by_unit_id).first()
    bloc = Bloc.objects.select_related("province").filter(pk=payload.bloc_id).first() if payload.bloc_id else None
    if unit is None or (payload.bloc_id is not None and bloc is None):
        raise NotFound()
    movement = movement_launch(
        actor=actor,
        unit=unit,
        bloc=bloc,
        kind=payload.kind,
        title=payload.title,
        launched_on=payload.launched_on,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        goals=payload.goals,
        target_participants=payload.target_participants,
        awards=payload.awards,
    )
    return Status(201, _detail_out(movement_access(actor=actor, movement_id=movement.pk)))


@router.post(
    "/movements/{movement_id}/reviews",
    response={201: MovementDetailOut, **WRITE_RESPONSES},
    operation_id="movement_review_create",
    summary="Sơ kết hoặc tổng kết một phong trào thi đua",
)
def movement_review_create(
    request: HttpRequest, path: Path[MovementPath], payload: MovementReviewCreateIn
) -> Status[MovementDetailOut]:
    actor = api_actor(request)
    movement = movement_access(actor=actor, movement_id=path.movement_id, manage=True)
    movement_review_add(
        actor=actor, movement=movement, kind=payload.kind, held_on=payload.held_on, summary=payload.summary
    )
    return Status(201, _detail_out(movement_access(actor=actor, movement_id=movement.pk)))
