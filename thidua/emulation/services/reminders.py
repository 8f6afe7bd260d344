"""Deadline reminders (nhắc hạn): e-mail the units of a bloc that are late, once a day, as a scheduled task."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleAssignment
from thidua.emulation.models import Bloc, BlocMembership, ReminderLog
from thidua.emulation.year_board import year_board_late_units
from thidua.organizations.models import Unit

logger = logging.getLogger(__name__)

REMINDED_ROLES = (Role.UNIT_HEAD, Role.UNIT_OFFICER)


def deadline_reminders_send(*, today: dt.date | None = None) -> int:
    """E-mail the head and emulation officer of every unit that is late in a bloc of the current year.

    "Late" is decided by the apps on the year board (a deadline passed and the unit's cell is not done). Each unit
    gets at most one reminder a day per bloc (ReminderLog). Returns the number of e-mails sent.
    """
    day = today or timezone.localdate()
    sent = 0
    blocs = Bloc.objects.filter(memberships__year=day.year).distinct().order_by("pk")
    for bloc in blocs:
        unit_ids = list(
            BlocMembership.objects.filter(bloc=bloc, year=day.year, left_on__isnull=True).values_list(
                "unit_id", flat=True
            )
        )
        late = year_board_late_units(bloc, day.year, unit_ids, today=day)
        already = set(
            ReminderLog.objects.filter(bloc=bloc, year=day.year, sent_on=day, unit_id__in=late).values_list(
                "unit_id", flat=True
            )
        )
        pending = {unit_id: items for unit_id, items in late.items() if unit_id not in already}
        if not pending:
            continue
        recipients: dict[int, set[str]] = {}
        for unit_id, email in (
            RoleAssignment.objects.active(on=day)
            .filter(unit_id__in=pending, role__in=REMINDED_ROLES, user__is_active=True)
            .exclude(user__email="")
            .values_list("unit_id", "user__email")
        ):
            recipients.setdefault(unit_id, set()).add(email)
        units = Unit.objects.in_bulk(list(pending))
        messages: list[EmailMessage] = []
        logs: list[ReminderLog] = []
        with translation.override(settings.LANGUAGE_CODE):
            for unit_id, items in pending.items():
                to = sorted(recipients.get(unit_id, ()))
                if not to:
                    continue
                subject = _("[Thi Đua] Nhắc hạn: %(unit)s — %(bloc)s năm %(year)s") % {
                    "unit": units[unit_id].name,
                    "bloc": bloc.name,
                    "year": day.year,
                }
                body = _("Kính gửi lãnh đạo và cán bộ thi đua %(unit)s,\n\nĐơn vị chưa hoàn thành:\n%(items)s\n\n") % {
                    "unit": units[unit_id].name,
                    "items": "\n".join(f"- {item}" for item in sorted(set(items))),
                } + _("Vui lòng đăng nhập Thi Đua để cập nhật. Thư này được gửi tự động.")
                messages.append(EmailMessage(subject=subject, body=body, to=to))
                logs.append(ReminderLog(bloc=bloc, year=day.year, unit_id=unit_id, sent_on=day, recipients=len(to)))
        with transaction.atomic():
            ReminderLog.objects.bulk_create(logs, ignore_conflicts=True)
            sent += get_connection().send_messages(messages) or 0
        logger.info("deadline reminders sent", extra={"bloc_id": bloc.pk, "count": len(messages)})
    return sent
