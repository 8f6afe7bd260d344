"""Factories of the covenants app: covenants made through the services, as the system (S24)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.covenants.models import (
    BlocCovenant,
    CovenantAcknowledgement,
    CovenantProgressReport,
    CovenantTarget,
    UnitCovenantWithCommittee,
)
from thidua.covenants.services import (
    TargetInput,
    bloc_covenant_create,
    bloc_covenant_open,
    unit_covenant_create,
)
from thidua.emulation.models import Bloc
from thidua.organizations.models import Unit


def this_year() -> int:
    return timezone.localdate().year


def covenant_draft(bloc: Bloc, units: list[Unit], *, year: int | None = None) -> BlocCovenant:
    """A draft covenant of ``bloc`` with one target per unit in ``units``."""
    return bloc_covenant_create(
        actor=None,
        bloc=bloc,
        year=year or this_year(),
        content="Hoàn thành xuất sắc nhiệm vụ chính trị năm; đẩy mạnh cải cách hành chính.",
        targets=[
            (unit, TargetInput(text="Giải quyết hồ sơ đúng hạn", value=Decimal(100), value_unit="%")) for unit in units
        ],
    )


def covenant_open(bloc: Bloc, units: list[Unit], *, year: int | None = None) -> BlocCovenant:
    return bloc_covenant_open(actor=None, covenant=covenant_draft(bloc, units, year=year))


def unit_covenant(unit: Unit, *, year: int | None = None) -> UnitCovenantWithCommittee:
    return unit_covenant_create(
        actor=None,
        unit=unit,
        year=year or this_year(),
        content="Giao ước thi đua với Ủy ban nhân dân tỉnh.",
        targets=[TargetInput(text="Hoàn thành kế hoạch năm", value=Decimal(100), value_unit="%")],
    )


def state() -> tuple[Any, ...]:
    """Row counts and every covenant's status, so a refused call can be shown to have changed nothing."""
    return (
        list(BlocCovenant.objects.order_by("pk").values_list("pk", "status", "content", "signed_on")),
        CovenantTarget.objects.count(),
        CovenantAcknowledgement.objects.count(),
        UnitCovenantWithCommittee.objects.count(),
        CovenantProgressReport.objects.count(),
        AuditEvent.objects.count(),
    )
