"""REST operations of the organisations app."""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from thidua.accounts.api import api_actor
from thidua.core.api.errors import ERROR_RESPONSES
from thidua.core.api.pagination import MAX_PAGE_SIZE, BoundedPageNumberPagination
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit
from thidua.organizations.selectors import unit_access, unit_list_visible_to

router = Router(tags=["organizations"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: UnitKind
    parent_id: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitFilters(Schema):
    q: str = Field("", max_length=100, description="Tìm theo tên, tên viết tắt hoặc mã")
    kind: UnitKind | None = None


@router.get(
    "/units", response={200: list[UnitOut], **ERROR_RESPONSES}, operation_id="unit_list", summary="Danh sách đơn vị"
)
@paginate(BoundedPageNumberPagination, page_size=50, max_page_size=MAX_PAGE_SIZE)
def unit_list(request: HttpRequest, filters: Query[UnitFilters]) -> QuerySet[Unit]:
    """Units the caller may see, in tree order."""
    return unit_list_visible_to(actor=api_actor(request), search=filters.q, kind=filters.kind or "")


@router.get(
    "/units/{unit_id}", response={200: UnitOut, **ERROR_RESPONSES}, operation_id="unit_get", summary="Một đơn vị"
)
def unit_get(request: HttpRequest, unit_id: int) -> Unit:
    return unit_access(actor=api_actor(request), unit_id=unit_id)
