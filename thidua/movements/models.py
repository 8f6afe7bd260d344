from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.movements.choices import MovementKind, MovementReviewKind, MovementStatus


class Movement(BaseModel):
    """Phong trào thi đua: launched by the province, a bloc or a unit (Luật TĐKT 06/2022/QH15, Điều 8; DOMAIN §2.3).

    The launching body is ``launched_by_unit``; when a khối launches it, ``bloc`` is set too. Its life is
    launched → mid-term reviewed (sơ kết, optional) → final reviewed (tổng kết, closes it), changed only by
    ``movement_review_add``.
    """

    kind = models.CharField(_("hình thức"), max_length=20, choices=MovementKind.choices)
    title = models.CharField(_("tên phong trào"), max_length=300)
    launched_by_unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị phát động"), on_delete=models.PROTECT, related_name="movements"
    )
    bloc = models.ForeignKey(
        "emulation.Bloc",
        verbose_name=_("khối, cụm phát động"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    launched_on = models.DateField(_("ngày phát động"))
    starts_on = models.DateField(_("thời gian từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    goals = models.TextField(_("mục tiêu"), blank=True)
    target_participants = models.TextField(_("đối tượng tham gia"), blank=True)
    awards = models.TextField(_("danh hiệu, hình thức khen thưởng"), blank=True)
    plan_document = models.FileField(_("kế hoạch phát động"), upload_to="movements/plans/%Y/", blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=MovementStatus.choices, default=MovementStatus.LAUNCHED
    )
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-launched_on", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="movements_period"),
        ]
        indexes = [
            models.Index(fields=["starts_on", "ends_on"], name="movements_period_idx"),
            models.Index(fields=["bloc", "starts_on"], name="movements_bloc_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == MovementStatus.FINAL_REVIEWED


class MovementReview(BaseModel):
    """Sơ kết / tổng kết phong trào thi đua: a dated review with its summary and report (DOMAIN §2.3).

    At most one of each kind per movement; the final review closes the movement.
    """

    movement = models.ForeignKey(
        Movement, verbose_name=_("phong trào"), on_delete=models.PROTECT, related_name="reviews"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=MovementReviewKind.choices)
    held_on = models.DateField(_("ngày sơ kết, tổng kết"))
    summary = models.TextField(_("tóm tắt kết quả"))
    attachment = models.FileField(_("báo cáo kèm theo"), upload_to="movements/reviews/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sơ kết, tổng kết phong trào")
        verbose_name_plural = _("sơ kết, tổng kết phong trào")
        ordering = ["movement", "held_on"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "kind"], name="movements_review_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.movement}"
