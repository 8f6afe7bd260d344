from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.emulation.choices import BlocKind, BlocRole, BlocYearStatus


class Bloc(BaseModel):
    """Khối / cụm thi đua: a group of units of one province that emulate together each year (DOMAIN §2).

    Organised by the province (HD 1479/HD-BTĐKT 2016); its leader and deputies are per year (BlocMembership).
    """

    province = models.ForeignKey(
        "organizations.Unit", verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT, related_name="blocs"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=BlocKind.choices, default=BlocKind.BLOC)
    name = models.CharField(_("tên khối, cụm"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("khối, cụm thi đua")
        verbose_name_plural = _("khối, cụm thi đua")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["province", "name"], name="emulation_bloc_unique_name")]

    def __str__(self) -> str:
        return self.name


class BlocMembership(BaseModel):
    """Thành viên khối trong một năm: a unit's seat in a bloc for one emulation year, with its role.

    Exactly one Khối trưởng per bloc and year (DOMAIN R15); any number of Khối phó. Leadership is never derived from a
    static table (DOMAIN §2.2).
    """

    bloc = models.ForeignKey(Bloc, verbose_name=_("khối"), on_delete=models.PROTECT, related_name="memberships")
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="bloc_memberships"
    )
    year = models.PositiveSmallIntegerField(
        _("năm thi đua"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=BlocRole.choices, default=BlocRole.MEMBER)
    # Mid-year changes are dated: a unit that joins or leaves during the year (e.g. ended by a merger).
    joined_on = models.DateField(_("tham gia từ ngày"), null=True, blank=True)
    left_on = models.DateField(_("rời khối ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú, căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thành viên khối")
        verbose_name_plural = _("thành viên khối")
        ordering = ["bloc", "year", "unit__name"]
        constraints = [
            # A unit belongs to at most one bloc in a given year (issue 3).
            models.UniqueConstraint(fields=["unit", "year"], name="emulation_membership_one_bloc_per_year"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="emulation_membership_dates",
            ),
            models.UniqueConstraint(
                fields=["bloc", "year"], condition=models.Q(role="leader"), name="emulation_membership_one_leader"
            ),
        ]
        indexes = [models.Index(fields=["bloc", "year"], name="emulation_membership_bloc_idx")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.bloc} ({self.year})"

    @property
    def starts_on(self) -> dt.date:
        """First day of the seat: its joining date, or 1 January of its year."""
        return self.joined_on or dt.date(self.year, 1, 1)

    @property
    def ends_on(self) -> dt.date:
        """Last day of the seat: the day it left, or 31 December of its year."""
        return self.left_on or dt.date(self.year, 12, 31)

    @property
    def has_left(self) -> bool:
        return self.left_on is not None


class BlocYear(BaseModel):
    """Năm thi đua của khối: a bloc's composition for one year, drafted then confirmed by the province office.

    Confirming requires exactly one Khối trưởng and at least one Khối phó among the members (DOMAIN R15).
    """

    bloc = models.ForeignKey(Bloc, verbose_name=_("khối"), on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField(
        _("năm thi đua"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=BlocYearStatus.choices, default=BlocYearStatus.DRAFT
    )
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("năm thi đua của khối")
        verbose_name_plural = _("năm thi đua của khối")
        ordering = ["bloc", "-year"]
        constraints = [models.UniqueConstraint(fields=["bloc", "year"], name="emulation_blocyear_unique")]

    def __str__(self) -> str:
        return f"{self.bloc} — {self.year}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == BlocYearStatus.CONFIRMED


class ReminderLog(models.Model):
    """Nhắc hạn đã gửi: one deadline reminder e-mailed to a unit on a day, so the daily run never sends it twice."""

    bloc = models.ForeignKey(Bloc, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("nhắc hạn đã gửi")
        verbose_name_plural = _("nhắc hạn đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year", "unit", "sent_on"], name="emulation_reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.sent_on}"
