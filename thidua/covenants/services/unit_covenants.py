"""A unit's covenant with the Provincial People's Committee (giao ước thi đua với UBND tỉnh), and progress reports.

Recorded by the unit's own roles (DOMAIN §2.3 step 4). Progress against any covenant target — of a bloc covenant or
of a covenant with UBND tỉnh — is reported once per period (sơ kết, tổng kết) by the target unit's roles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.exceptions import ValidationFailed
from thidua.covenants import audit
from thidua.covenants.choices import CovenantStatus, ReportPeriod
from thidua.covenants.errors import ReportExists, ReportNotYet, ReportRefused, UnitCovenantExists, UnitCovenantRefused
from thidua.covenants.models import (
    BlocCovenant,
    CovenantProgressReport,
    CovenantTarget,
    UnitCovenantWithCommittee,
)
from thidua.covenants.permissions import can_record_unit_covenant, can_report_progress
from thidua.covenants.services._common import TargetInput, check_attachment, full_clean_or_refuse

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit

MAX_TARGETS = 50


def unit_covenant_create(
    *,
    actor: User | None,
    unit: Unit,
    year: int,
    content: str,
    signed_on: dt.date | None = None,
    attachment: UploadedFile | None = None,
    targets: Sequence[TargetInput] = (),
) -> UnitCovenantWithCommittee:
    """Record the unit's covenant with UBND tỉnh for ``year``, with its targets (one covenant per unit and year)."""
    if actor is not None and not can_record_unit_covenant(actor, unit=unit):
        raise UnitCovenantRefused()
    check_attachment(attachment)
    if len(targets) > MAX_TARGETS:
        raise ValidationFailed(fields={"targets": [_("Tối đa %(n)s chỉ tiêu.") % {"n": MAX_TARGETS}]})
    covenant = UnitCovenantWithCommittee(
        unit=unit, year=year, content=content.strip(), signed_on=signed_on, created_by=actor
    )
    if attachment is not None:
        covenant.attachment = attachment
    full_clean_or_refuse(covenant, exclude=["unit", "attachment"])
    rows = [CovenantTarget(unit=unit, text=t.text.strip(), value=t.value, value_unit=t.value_unit) for t in targets]
    for row in rows:
        full_clean_or_refuse(row, exclude=["bloc_covenant", "unit_covenant", "unit"])
    with transaction.atomic():
        if UnitCovenantWithCommittee.objects.filter(unit=unit, year=year).exists():
            raise UnitCovenantExists()
        try:
            with transaction.atomic():
                covenant.save()
        except IntegrityError as error:
            raise UnitCovenantExists() from error
        for row in rows:
            row.unit_covenant = covenant
        CovenantTarget.objects.bulk_create(rows)
        audit.unit_covenant_created_event(covenant=covenant, actor=actor)
    return covenant


def covenant_progress_report_create(
    *,
    actor: User | None,
    target: CovenantTarget,
    period: str,
    value: Decimal | None = None,
    text: str = "",
    now: dt.datetime | None = None,
) -> CovenantProgressReport:
    """Report progress against a target for a period (once per target and period).

    A target of a bloc covenant is reported on only once the covenant is open (or in force). Locks the target.
    """
    if actor is not None and not can_report_progress(actor, unit=target.unit):
        raise ReportRefused()
    if period not in ReportPeriod.values:
        raise ValidationFailed(fields={"period": [_("Kỳ báo cáo không hợp lệ.")]})
    if value is None and not text.strip():
        message = _("Hãy nhập giá trị đạt được hoặc kết quả thực hiện.")
        raise ValidationFailed(message, fields={"text": [message]})
    with transaction.atomic():
        locked = CovenantTarget.objects.select_for_update().get(pk=target.pk)
        if locked.bloc_covenant_id is not None:
            status = BlocCovenant.objects.values_list("status", flat=True).get(pk=locked.bloc_covenant_id)
            if status == CovenantStatus.DRAFT:
                raise ReportNotYet()
        if CovenantProgressReport.objects.filter(target=locked, period=period).exists():
            raise ReportExists()
        report = CovenantProgressReport(
            target=locked,
            period=period,
            value=value,
            text=text.strip(),
            reported_by=actor,
            reported_at=now or timezone.now(),
        )
        full_clean_or_refuse(report, exclude=["target"])
        report.save()
        audit.progress_reported_event(report=report, actor=actor)
    return report
