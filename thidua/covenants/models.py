"""Giao ước thi đua: a bloc's covenant for a year, and each unit's covenant with the Provincial People's Committee.

Legal source: HD 1479/HD-BTĐKT 2016 (the khối, cụm sign a giao ước thi đua each year); DOMAIN §2.3 step 4.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.covenants.choices import CovenantStatus, ReportPeriod

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class BlocCovenant(BaseModel):
    """Giao ước thi đua của khối: the covenant the members of a bloc sign for one emulation year.

    Drafted by the bloc secretariat (or the province office), opened for acknowledgement, and in force once every
    member unit of the bloc-year has acknowledged it (HD 1479/HD-BTĐKT 2016; DOMAIN §2.3 step 4).
    """

    bloc = models.ForeignKey(
        "emulation.Bloc", verbose_name=_("khối"), on_delete=models.PROTECT, related_name="covenants"
    )
    year = models.PositiveSmallIntegerField(_("năm thi đua"), validators=YEAR_VALIDATORS)
    content = models.TextField(_("nội dung giao ước"), max_length=20000)
    signed_on = models.DateField(_("ngày ký kết"), null=True, blank=True)
    attachment = models.FileField(_("tệp đính kèm"), upload_to="covenants/%Y/", blank=True, max_length=255)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=CovenantStatus.choices, default=CovenantStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("mở tiếp nhận lúc"), null=True, blank=True)
    in_force_at = models.DateTimeField(_("có hiệu lực lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người soạn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("giao ước thi đua của khối")
        verbose_name_plural = _("giao ước thi đua của khối")
        ordering = ["bloc", "-year"]
        constraints = [models.UniqueConstraint(fields=["bloc", "year"], name="covenants_bloc_covenant_unique")]

    def __str__(self) -> str:
        return f"{self.bloc} — {self.year}"

    @property
    def is_draft(self) -> bool:
        return self.status == CovenantStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == CovenantStatus.OPEN

    @property
    def is_in_force(self) -> bool:
        return self.status == CovenantStatus.IN_FORCE


class UnitCovenantWithCommittee(BaseModel):
    """Giao ước thi đua với UBND tỉnh: a unit's covenant with the Provincial People's Committee for one year.

    Recorded by the unit's own roles, with its targets (DOMAIN §2.3 step 4; HD 1479/HD-BTĐKT 2016).
    """

    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="committee_covenants"
    )
    year = models.PositiveSmallIntegerField(_("năm thi đua"), validators=YEAR_VALIDATORS)
    content = models.TextField(_("nội dung giao ước"), max_length=20000)
    signed_on = models.DateField(_("ngày ký kết"), null=True, blank=True)
    attachment = models.FileField(_("tệp đính kèm"), upload_to="covenants/%Y/", blank=True, max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("giao ước thi đua với UBND tỉnh")
        verbose_name_plural = _("giao ước thi đua với UBND tỉnh")
        ordering = ["unit", "-year"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="covenants_unit_covenant_unique")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}"


class CovenantTarget(BaseModel):
    """Chỉ tiêu giao ước: one target of a unit, in its bloc's covenant or in its covenant with UBND tỉnh.

    Exactly one parent is set (a database constraint); ``unit`` is the unit that commits to the target.
    """

    bloc_covenant = models.ForeignKey(
        BlocCovenant,
        verbose_name=_("giao ước của khối"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    unit_covenant = models.ForeignKey(
        UnitCovenantWithCommittee,
        verbose_name=_("giao ước với UBND tỉnh"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
    )
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="covenant_targets"
    )
    text = models.CharField(_("chỉ tiêu"), max_length=500)
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2, null=True, blank=True)
    value_unit = models.CharField(_("đơn vị tính"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu giao ước")
        verbose_name_plural = _("chỉ tiêu giao ước")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bloc_covenant__isnull=False, unit_covenant__isnull=True)
                | models.Q(bloc_covenant__isnull=True, unit_covenant__isnull=False),
                name="covenants_target_one_parent",
            )
        ]

    def __str__(self) -> str:
        return self.text


class CovenantAcknowledgement(BaseModel):
    """Tiếp nhận giao ước: a member unit's acknowledgement of its bloc's covenant, by the unit's head.

    One per covenant and unit. ``acknowledged_by`` is empty when recorded by the system from a paper record.
    """

    covenant = models.ForeignKey(
        BlocCovenant, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="acknowledgements"
    )
    unit = models.ForeignKey("organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("tiếp nhận lúc"))

    class Meta:
        verbose_name = _("tiếp nhận giao ước")
        verbose_name_plural = _("tiếp nhận giao ước")
        ordering = ["acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "unit"], name="covenants_acknowledgement_once_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.covenant}"


class CovenantProgressReport(BaseModel):
    """Báo cáo kết quả thực hiện giao ước: progress against one target at mid-term (sơ kết) or year end (tổng kết).

    One report per target and period, by the target unit's own roles.
    """

    target = models.ForeignKey(
        CovenantTarget, verbose_name=_("chỉ tiêu"), on_delete=models.CASCADE, related_name="reports"
    )
    period = models.CharField(_("kỳ báo cáo"), max_length=10, choices=ReportPeriod.choices)
    value = models.DecimalField(_("giá trị đạt được"), max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(_("kết quả"), max_length=5000, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người báo cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("báo cáo lúc"))

    class Meta:
        verbose_name = _("báo cáo thực hiện giao ước")
        verbose_name_plural = _("báo cáo thực hiện giao ước")
        ordering = ["target", "period"]
        constraints = [models.UniqueConstraint(fields=["target", "period"], name="covenants_report_once_per_period")]

    def __str__(self) -> str:
        return f"{self.target} — {self.get_period_display()}"
