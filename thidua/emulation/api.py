"""REST operations of the emulation app: blocs, their years and seats (STYLE S17).

Reading is open to every authenticated caller; writing is the province office's, re-checked by each service.
Path and body numbers are bounded so that no input reaches the database as an overflow.
"""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from thidua.accounts.api import api_actor
from thidua.core.api.errors import ERROR_RESPONSES, MAX_ID, WRITE_RESPONSES
from thidua.core.api.pagination import MAX_PAGE_SIZE, BoundedPageNumberPagination
from thidua.core.exceptions import NotFound
from thidua.emulation.choices import BlocKind, BlocRole, BlocYearStatus
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.selectors import (
    Seat,
    bloc_access,
    bloc_list_visible_to,
    bloc_membership_access,
    bloc_year_composition,
    bloc_year_list,
)
from thidua.emulation.services import (
    bloc_create,
    bloc_member_add,
    bloc_member_remove,
    bloc_member_set_role,
    bloc_year_confirm,
    bloc_year_copy_from_previous,
)
from thidua.emulation.services._common import MAX_YEAR, MIN_YEAR
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit

router = Router(tags=["emulation"])

# Refusals of writes: 400 unreadable body, 403 not the office of the bloc's province, 409 a rule of the bloc-year,
# 422 invalid input.


class BlocPath(Schema):
    bloc_id: int = Field(..., ge=1, le=MAX_ID)


class BlocYearPath(Schema):
    bloc_id: int = Field(..., ge=1, le=MAX_ID)
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)


class MembershipPath(Schema):
    bloc_id: int = Field(..., ge=1, le=MAX_ID)
    membership_id: int = Field(..., ge=1, le=MAX_ID)


class BlocOut(Schema):
    id: int
    province_id: int
    kind: BlocKind
    name: str
    short_name: str


class BlocYearSummaryOut(Schema):
    year: int
    status: BlocYearStatus
    member_count: int


class BlocDetailOut(BlocOut):
    years: list[BlocYearSummaryOut]


class SeatOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(description="Tên đơn vị trong năm đó (tên cũ nếu sau này đơn vị đổi tên, sáp nhập)")
    role: BlocRole
    joined_on: dt.date | None
    left_on: dt.date | None
    note: str


class BlocYearOut(Schema):
    bloc_id: int
    year: int
    status: BlocYearStatus
    decision_number: str
    members: list[SeatOut]


class BlocFilters(Schema):
    q: str = Field("", max_length=100, description="Tìm theo tên hoặc tên viết tắt")


class BlocCreateIn(Schema):
    province_id: int = Field(..., ge=1, le=MAX_ID)
    name: str = Field(..., min_length=1, max_length=255)
    short_name: str = Field("", max_length=80)
    kind: BlocKind = BlocKind.BLOC


class BlocMemberAddIn(Schema):
    unit_id: int = Field(..., ge=1, le=MAX_ID)
    role: BlocRole = BlocRole.MEMBER
    joined_on: dt.date | None = Field(None, description="Bắt buộc khi năm đã được xác nhận (thay đổi giữa năm)")
    legal_basis: str = Field("", max_length=300)


class BlocMemberRemoveIn(Schema):
    left_on: dt.date | None = Field(None, description="Để trống: rút khỏi danh sách của năm chưa xác nhận")
    legal_basis: str = Field("", max_length=300)


class BlocMemberRoleIn(Schema):
    role: BlocRole
    legal_basis: str = Field("", max_length=300)


class BlocYearConfirmIn(Schema):
    decision_number: str = Field("", max_length=100)


class SkippedOut(Schema):
    unit_id: int
    unit_name: str
    reason: str
    reason_label: str


class BlocYearCopyOut(Schema):
    year: BlocYearOut
    skipped: list[SkippedOut]


def _seat_out(seat: Seat) -> SeatOut:
    m = seat.membership
    return SeatOut(
        id=m.pk,
        unit_id=m.unit_id,
        unit_name=seat.unit_name,
        role=BlocRole(m.role),
        joined_on=m.joined_on,
        left_on=m.left_on,
        note=m.note,
    )


def _year_out(bloc: Bloc, year: int) -> BlocYearOut:
    composition = bloc_year_composition(bloc=bloc, year=year)
    return BlocYearOut(
        bloc_id=bloc.pk,
        year=year,
        status=BlocYearStatus(composition.status),
        decision_number=composition.bloc_year.decision_number if composition.bloc_year else "",
        members=[_seat_out(seat) for seat in composition.seats],
    )


def _bloc_out(bloc: Bloc) -> BlocDetailOut:
    return BlocDetailOut(
        id=bloc.pk,
        province_id=bloc.province_id,
        kind=BlocKind(bloc.kind),
        name=bloc.name,
        short_name=bloc.short_name,
        years=[
            BlocYearSummaryOut(year=s.year, status=BlocYearStatus(s.status), member_count=s.member_count)
            for s in bloc_year_list(bloc=bloc)
        ],
    )


@router.get(
    "/blocs",
    response={200: list[BlocOut], **ERROR_RESPONSES},
    operation_id="bloc_list",
    summary="Danh sách khối, cụm thi đua",
)
@paginate(BoundedPageNumberPagination, page_size=50, max_page_size=MAX_PAGE_SIZE)
def bloc_list(request: HttpRequest, filters: Query[BlocFilters]) -> QuerySet[Bloc]:
    """Blocs the caller may read, by province and name."""
    return bloc_list_visible_to(actor=api_actor(request), search=filters.q)


@router.get(
    "/blocs/{bloc_id}",
    response={200: BlocDetailOut, **ERROR_RESPONSES},
    operation_id="bloc_get",
    summary="Một khối, cụm thi đua và các năm của khối",
)
def bloc_get(request: HttpRequest, path: Path[BlocPath]) -> BlocDetailOut:
    return _bloc_out(bloc_access(actor=api_actor(request), bloc_id=path.bloc_id))


@router.get(
    "/blocs/{bloc_id}/years/{year}",
    response={200: BlocYearOut, **ERROR_RESPONSES},
    operation_id="bloc_year_get",
    summary="Thành phần khối trong một năm",
)
def bloc_year_get(request: HttpRequest, path: Path[BlocYearPath]) -> BlocYearOut:
    """The members of the bloc in ``year``, with their roles, dates and the unit names of that year."""
    bloc = bloc_access(actor=api_actor(request), bloc_id=path.bloc_id)
    return _year_out(bloc, path.year)


@router.post(
    "/blocs",
    response={201: BlocDetailOut, **WRITE_RESPONSES},
    operation_id="bloc_create",
    summary="Thành lập khối, cụm thi đua",
)
def bloc_create_op(request: HttpRequest, payload: BlocCreateIn) -> Status[BlocDetailOut]:
    actor = api_actor(request)
    province = Unit.objects.filter(pk=payload.province_id, kind=UnitKind.PROVINCE).first()
    if province is None:
        raise NotFound()
    bloc = bloc_create(
        actor=actor, province=province, name=payload.name, short_name=payload.short_name, kind=payload.kind
    )
    return Status(201, _bloc_out(bloc))


def _unit_of_province(bloc: Bloc, unit_id: int) -> Unit:
    """A unit of the bloc's province (NotFound otherwise: ids outside the scope are not disclosed)."""
    unit = Unit.objects.descendants_of(bloc.province, include_self=False).filter(pk=unit_id).first()
    if unit is None:
        raise NotFound()
    return unit


@router.post(
    "/blocs/{bloc_id}/years/{year}/members",
    response={201: BlocYearOut, **WRITE_RESPONSES},
    operation_id="bloc_member_add",
    summary="Xếp đơn vị vào khối trong một năm",
)
def bloc_member_add_op(request: HttpRequest, path: Path[BlocYearPath], payload: BlocMemberAddIn) -> Status[BlocYearOut]:
    actor = api_actor(request)
    bloc = bloc_access(actor=actor, bloc_id=path.bloc_id, manage=True)
    bloc_member_add(
        actor=actor,
        bloc=bloc,
        unit=_unit_of_province(bloc, payload.unit_id),
        year=path.year,
        role=payload.role,
        joined_on=payload.joined_on,
        legal_basis=payload.legal_basis,
    )
    return Status(201, _year_out(bloc, path.year))


def _membership(request: HttpRequest, path: MembershipPath) -> tuple[Bloc, BlocMembership]:
    actor = api_actor(request)
    bloc = bloc_access(actor=actor, bloc_id=path.bloc_id, manage=True)
    return bloc, bloc_membership_access(actor=actor, bloc=bloc, membership_id=path.membership_id, manage=True)


@router.post(
    "/blocs/{bloc_id}/members/{membership_id}/remove",
    response={200: BlocYearOut, **WRITE_RESPONSES},
    operation_id="bloc_member_remove",
    summary="Đưa đơn vị ra khỏi khối (ghi ngày rời khối, hoặc rút khỏi năm chưa xác nhận)",
)
def bloc_member_remove_op(request: HttpRequest, path: Path[MembershipPath], payload: BlocMemberRemoveIn) -> BlocYearOut:
    bloc, membership = _membership(request, path)
    bloc_member_remove(
        actor=api_actor(request), membership=membership, left_on=payload.left_on, legal_basis=payload.legal_basis
    )
    return _year_out(bloc, membership.year)


@router.post(
    "/blocs/{bloc_id}/members/{membership_id}/role",
    response={200: BlocYearOut, **WRITE_RESPONSES},
    operation_id="bloc_member_set_role",
    summary="Đổi vai trò: Khối trưởng, Khối phó, thành viên",
)
def bloc_member_set_role_op(request: HttpRequest, path: Path[MembershipPath], payload: BlocMemberRoleIn) -> BlocYearOut:
    bloc, membership = _membership(request, path)
    bloc_member_set_role(
        actor=api_actor(request), membership=membership, role=payload.role, legal_basis=payload.legal_basis
    )
    return _year_out(bloc, membership.year)


@router.post(
    "/blocs/{bloc_id}/years/{year}/copy",
    response={201: BlocYearCopyOut, **WRITE_RESPONSES},
    operation_id="bloc_year_copy",
    summary="Sao chép thành phần khối từ năm trước",
)
def bloc_year_copy_op(request: HttpRequest, path: Path[BlocYearPath]) -> Status[BlocYearCopyOut]:
    actor = api_actor(request)
    bloc = bloc_access(actor=actor, bloc_id=path.bloc_id, manage=True)
    result = bloc_year_copy_from_previous(actor=actor, bloc=bloc, year=path.year)
    skipped = [
        SkippedOut(unit_id=s.unit.pk, unit_name=s.unit.name, reason=str(s.reason), reason_label=s.reason_label)
        for s in result.skipped
    ]
    return Status(201, BlocYearCopyOut(year=_year_out(bloc, path.year), skipped=skipped))


@router.post(
    "/blocs/{bloc_id}/years/{year}/confirm",
    response={200: BlocYearOut, **WRITE_RESPONSES},
    operation_id="bloc_year_confirm",
    summary="Xác nhận thành phần khối trong một năm",
)
def bloc_year_confirm_op(request: HttpRequest, path: Path[BlocYearPath], payload: BlocYearConfirmIn) -> BlocYearOut:
    actor = api_actor(request)
    bloc = bloc_access(actor=actor, bloc_id=path.bloc_id, manage=True)
    bloc_year_confirm(actor=actor, bloc=bloc, year=path.year, decision_number=payload.decision_number)
    return _year_out(bloc, path.year)
