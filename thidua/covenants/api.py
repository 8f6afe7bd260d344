"""REST operations of the covenants app (STYLE S17): bloc covenants, acknowledgements, covenants with UBND tỉnh,
progress reports. Attachments are uploaded through the pages only. Every number is bounded at the edge."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Path, Router, Schema, Status
from pydantic import Field

from thidua.accounts.api import api_actor
from thidua.core.api.errors import ERROR_RESPONSES, MAX_ID, WRITE_RESPONSES
from thidua.core.exceptions import NotFound
from thidua.covenants.choices import CovenantStatus, ReportPeriod
from thidua.covenants.models import BlocCovenant, CovenantProgressReport, CovenantTarget, UnitCovenantWithCommittee
from thidua.covenants.permissions import can_manage_bloc_covenant
from thidua.covenants.selectors import (
    bloc_covenant_access,
    bloc_covenant_page,
    bloc_for_covenants,
    target_access_for_report,
    unit_covenant_access,
    unit_covenant_targets,
    unit_for_covenant_record,
)
from thidua.covenants.services import (
    TargetInput,
    bloc_covenant_create,
    bloc_covenant_open,
    covenant_acknowledge,
    covenant_progress_report_create,
    unit_covenant_create,
)
from thidua.emulation.models import BlocMembership
from thidua.organizations.models import Unit

router = Router(tags=["covenants"])

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_VALUE = 10**12 - 1


def _decimal(value: float | None) -> Decimal | None:
    """Numbers arrive as JSON numbers (bounded above); stored with two decimals."""
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


class CovenantPath(Schema):
    covenant_id: int = Field(..., ge=1, le=MAX_ID)


class AcknowledgePath(Schema):
    covenant_id: int = Field(..., ge=1, le=MAX_ID)
    unit_id: int = Field(..., ge=1, le=MAX_ID)


class TargetPath(Schema):
    target_id: int = Field(..., ge=1, le=MAX_ID)


class TargetIn(Schema):
    unit_id: int = Field(..., ge=1, le=MAX_ID)
    text: str = Field(..., min_length=1, max_length=500)
    value: float | None = Field(None, ge=-MAX_VALUE, le=MAX_VALUE, allow_inf_nan=False)
    value_unit: str = Field("", max_length=50)


class UnitTargetIn(Schema):
    text: str = Field(..., min_length=1, max_length=500)
    value: float | None = Field(None, ge=-MAX_VALUE, le=MAX_VALUE, allow_inf_nan=False)
    value_unit: str = Field("", max_length=50)


class BlocCovenantCreateIn(Schema):
    bloc_id: int = Field(..., ge=1, le=MAX_ID)
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    content: str = Field(..., min_length=1, max_length=20000)
    signed_on: dt.date | None = None
    targets: list[TargetIn] = Field([], max_length=200)


class UnitCovenantCreateIn(Schema):
    unit_id: int = Field(..., ge=1, le=MAX_ID)
    year: int = Field(..., ge=MIN_YEAR, le=MAX_YEAR)
    content: str = Field(..., min_length=1, max_length=20000)
    signed_on: dt.date | None = None
    targets: list[UnitTargetIn] = Field([], max_length=50)


class ProgressReportIn(Schema):
    period: ReportPeriod
    value: float | None = Field(None, ge=-MAX_VALUE, le=MAX_VALUE, allow_inf_nan=False)
    text: str = Field("", max_length=5000)


class TargetOut(Schema):
    id: int
    unit_id: int
    text: str
    value: Decimal | None
    value_unit: str


class AcknowledgementOut(Schema):
    unit_id: int
    unit_name: str
    must_acknowledge: bool
    acknowledged_at: dt.datetime | None
    acknowledged_by: str


class BlocCovenantOut(Schema):
    id: int
    bloc_id: int
    year: int
    status: CovenantStatus
    content: str
    signed_on: dt.date | None
    in_force_at: dt.datetime | None
    targets: list[TargetOut]
    members: list[AcknowledgementOut]


class UnitCovenantOut(Schema):
    id: int
    unit_id: int
    year: int
    content: str
    signed_on: dt.date | None
    targets: list[TargetOut]


class ProgressReportOut(Schema):
    id: int
    target_id: int
    period: ReportPeriod
    value: Decimal | None
    text: str
    reported_at: dt.datetime


def _target_out(target: CovenantTarget) -> TargetOut:
    return TargetOut(
        id=target.pk, unit_id=target.unit_id, text=target.text, value=target.value, value_unit=target.value_unit
    )


def _bloc_covenant_out(request: HttpRequest, covenant: BlocCovenant) -> BlocCovenantOut:
    page = bloc_covenant_page(actor=api_actor(request), covenant=covenant)
    return BlocCovenantOut(
        id=covenant.pk,
        bloc_id=covenant.bloc_id,
        year=covenant.year,
        status=CovenantStatus(covenant.status),
        content=covenant.content,
        signed_on=covenant.signed_on,
        in_force_at=covenant.in_force_at,
        targets=[_target_out(t) for row in page.rows for t in row.targets],
        members=[
            AcknowledgementOut(
                unit_id=row.seat.membership.unit_id,
                unit_name=row.seat.unit_name,
                must_acknowledge=row.must_acknowledge,
                acknowledged_at=row.acknowledgement.acknowledged_at if row.acknowledgement else None,
                acknowledged_by=(
                    row.acknowledgement.acknowledged_by.get_full_name()
                    if row.acknowledgement and row.acknowledgement.acknowledged_by
                    else ""
                ),
            )
            for row in page.rows
        ],
    )


def _unit_covenant_out(covenant: UnitCovenantWithCommittee) -> UnitCovenantOut:
    return UnitCovenantOut(
        id=covenant.pk,
        unit_id=covenant.unit_id,
        year=covenant.year,
        content=covenant.content,
        signed_on=covenant.signed_on,
        targets=[_target_out(t) for t in unit_covenant_targets(covenant=covenant)],
    )


@router.get(
    "/covenants/{covenant_id}",
    response={200: BlocCovenantOut, **ERROR_RESPONSES},
    operation_id="bloc_covenant_get",
    summary="Giao ước thi đua của khối: chỉ tiêu và tiếp nhận của các đơn vị",
)
def bloc_covenant_get(request: HttpRequest, path: Path[CovenantPath]) -> BlocCovenantOut:
    covenant = bloc_covenant_access(actor=api_actor(request), covenant_id=path.covenant_id)
    return _bloc_covenant_out(request, covenant)


@router.post(
    "/covenants",
    response={201: BlocCovenantOut, **WRITE_RESPONSES},
    operation_id="bloc_covenant_create",
    summary="Soạn thảo giao ước thi đua của khối (thư ký khối, Ban Thi đua – Khen thưởng tỉnh)",
)
def bloc_covenant_create_op(request: HttpRequest, payload: BlocCovenantCreateIn) -> Status[BlocCovenantOut]:
    actor = api_actor(request)
    bloc = bloc_for_covenants(actor=actor, bloc_id=payload.bloc_id)
    if not can_manage_bloc_covenant(actor, bloc=bloc):
        raise NotFound()
    units = {u.pk: u for u in Unit.objects.filter(pk__in={t.unit_id for t in payload.targets})}
    if len(units) != len({t.unit_id for t in payload.targets}):
        raise NotFound()
    covenant = bloc_covenant_create(
        actor=actor,
        bloc=bloc,
        year=payload.year,
        content=payload.content,
        signed_on=payload.signed_on,
        targets=[
            (units[t.unit_id], TargetInput(text=t.text, value=_decimal(t.value), value_unit=t.value_unit))
            for t in payload.targets
        ],
    )
    return Status(201, _bloc_covenant_out(request, covenant))


@router.post(
    "/covenants/{covenant_id}/open",
    response={200: BlocCovenantOut, **WRITE_RESPONSES},
    operation_id="bloc_covenant_open",
    summary="Mở giao ước để các đơn vị thành viên tiếp nhận",
)
def bloc_covenant_open_op(request: HttpRequest, path: Path[CovenantPath]) -> BlocCovenantOut:
    actor = api_actor(request)
    covenant = bloc_covenant_access(actor=actor, covenant_id=path.covenant_id, manage=True)
    return _bloc_covenant_out(request, bloc_covenant_open(actor=actor, covenant=covenant))


@router.post(
    "/covenants/{covenant_id}/acknowledgements/{unit_id}",
    response={200: BlocCovenantOut, **WRITE_RESPONSES},
    operation_id="covenant_acknowledge",
    summary="Thủ trưởng đơn vị tiếp nhận giao ước thay cho đơn vị",
)
def covenant_acknowledge_op(request: HttpRequest, path: Path[AcknowledgePath]) -> BlocCovenantOut:
    actor = api_actor(request)
    covenant = bloc_covenant_access(actor=actor, covenant_id=path.covenant_id)
    seat = (
        BlocMembership.objects.select_related("unit")
        .filter(bloc=covenant.bloc, year=covenant.year, unit_id=path.unit_id)
        .first()
    )
    if seat is None:
        raise NotFound()
    covenant_acknowledge(actor=actor, covenant=covenant, unit=seat.unit)
    return _bloc_covenant_out(request, covenant)


@router.post(
    "/unit-covenants",
    response={201: UnitCovenantOut, **WRITE_RESPONSES},
    operation_id="unit_covenant_create",
    summary="Ghi nhận giao ước thi đua của đơn vị với UBND tỉnh",
)
def unit_covenant_create_op(request: HttpRequest, payload: UnitCovenantCreateIn) -> Status[UnitCovenantOut]:
    actor = api_actor(request)
    unit = unit_for_covenant_record(actor=actor, unit_id=payload.unit_id)
    covenant = unit_covenant_create(
        actor=actor,
        unit=unit,
        year=payload.year,
        content=payload.content,
        signed_on=payload.signed_on,
        targets=[TargetInput(text=t.text, value=_decimal(t.value), value_unit=t.value_unit) for t in payload.targets],
    )
    return Status(201, _unit_covenant_out(covenant))


@router.get(
    "/unit-covenants/{covenant_id}",
    response={200: UnitCovenantOut, **ERROR_RESPONSES},
    operation_id="unit_covenant_get",
    summary="Giao ước thi đua của đơn vị với UBND tỉnh",
)
def unit_covenant_get(request: HttpRequest, path: Path[CovenantPath]) -> UnitCovenantOut:
    return _unit_covenant_out(unit_covenant_access(actor=api_actor(request), covenant_id=path.covenant_id))


@router.post(
    "/covenant-targets/{target_id}/reports",
    response={201: ProgressReportOut, **WRITE_RESPONSES},
    operation_id="covenant_progress_report_create",
    summary="Báo cáo kết quả thực hiện chỉ tiêu giao ước (sơ kết, tổng kết)",
)
def covenant_progress_report_create_op(
    request: HttpRequest, path: Path[TargetPath], payload: ProgressReportIn
) -> Status[ProgressReportOut]:
    actor = api_actor(request)
    target = target_access_for_report(actor=actor, target_id=path.target_id)
    report: CovenantProgressReport = covenant_progress_report_create(
        actor=actor, target=target, period=payload.period, value=_decimal(payload.value), text=payload.text
    )
    return Status(
        201,
        ProgressReportOut(
            id=report.pk,
            target_id=report.target_id,
            period=ReportPeriod(report.period),
            value=report.value,
            text=report.text,
            reported_at=report.reported_at,
        ),
    )
