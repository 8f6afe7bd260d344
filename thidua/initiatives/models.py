from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.core.text import fold
from thidua.initiatives.choices import InitiativeField, RecognitionLevel


class Initiative(BaseModel):
    """Sáng kiến: a technical, management, operational or technical-advance solution of a unit (ND 13/2012/NĐ-CP).

    ``unit`` is the unit where it was applied, as it was at the time. The three recognition conditions of ND 13/2012
    Art 3 (novel within the unit, applied or trial-applied, not excluded) are each a box with a note. ``current_level``
    and ``recognised_year`` copy the latest :class:`InitiativeRecognition` so that statistics group one table; only
    the ``initiative_recognise`` service writes them.
    """

    title = models.CharField(_("tên sáng kiến"), max_length=300)
    search_title = models.CharField(_("tên không dấu"), max_length=300, db_index=True, editable=False, default="")
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="initiatives"
    )
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=InitiativeField.choices)
    description = models.TextField(_("nội dung"), max_length=10000, blank=True)
    applied_on = models.DateField(_("ngày áp dụng hoặc áp dụng thử"))
    benefit = models.TextField(_("lợi ích, hiệu quả"), max_length=5000, blank=True)
    is_novel = models.BooleanField(_("có tính mới trong phạm vi cơ sở"), default=False)
    novel_note = models.CharField(_("ghi chú về tính mới"), max_length=1000, blank=True)
    is_applied = models.BooleanField(_("đã được áp dụng hoặc áp dụng thử"), default=False)
    applied_note = models.CharField(_("ghi chú về việc áp dụng"), max_length=1000, blank=True)
    is_not_excluded = models.BooleanField(_("không thuộc đối tượng bị loại trừ"), default=False)
    not_excluded_note = models.CharField(_("ghi chú về đối tượng loại trừ"), max_length=1000, blank=True)
    current_level = models.CharField(
        _("cấp công nhận hiện tại"), max_length=10, choices=RecognitionLevel.choices, blank=True, editable=False
    )
    recognised_year = models.PositiveSmallIntegerField(_("năm công nhận"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["recognised_year", "current_level", "unit"], name="initiatives_stats_idx"),
            models.Index(fields=["unit", "applied_on"], name="initiatives_unit_applied_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_title = fold(self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def meets_conditions(self) -> bool:
        """The three conditions of ND 13/2012 Art 3 all hold (DOMAIN R22)."""
        return self.is_novel and self.is_applied and self.is_not_excluded


class InitiativeAuthor(BaseModel):
    """Tác giả sáng kiến: a person and their share of the work. Shares of one initiative add up to at most 100 %.

    An author works in the initiative's unit on the day it was applied, unless ``is_from_other_unit`` (a co-author
    from another agency, ND 13/2012 Art 2).
    """

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="authors"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="initiative_authorships"
    )
    share = models.DecimalField(
        _("tỷ lệ đóng góp (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    is_from_other_unit = models.BooleanField(_("tác giả ngoài đơn vị"), default=False)

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        ordering = ["initiative", "-share", "id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="initiatives_author_unique"),
            models.CheckConstraint(
                condition=models.Q(share__gt=0, share__lte=100), name="initiatives_author_share_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.share} %)"


class InitiativeRecognition(BaseModel):
    """Công nhận sáng kiến: one recognition decision at one level. Rows are kept: the latest gives the current level.

    Cơ sở: the unit head (ND 13/2012 Art 5); tỉnh and toàn quốc: Chủ tịch UBND tỉnh on the council's advice (Luật
    06/2022 Art 21–22), recorded by the province's emulation office.
    """

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="recognitions"
    )
    level = models.CharField(_("cấp công nhận"), max_length=10, choices=RecognitionLevel.choices)
    recognising_body = models.CharField(_("cơ quan công nhận"), max_length=300)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    recognised_on = models.DateField(_("ngày công nhận"))
    recorded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("công nhận sáng kiến")
        verbose_name_plural = _("công nhận sáng kiến")
        ordering = ["initiative", "recognised_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "level"], name="initiatives_recognition_one_per_level"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} — {self.get_level_display()} ({self.decision_number})"


def _upload_to(instance: InitiativeAttachment, filename: str) -> str:
    return f"initiatives/{instance.initiative_id}/{filename}"


class InitiativeAttachment(BaseModel):
    """Tệp đính kèm của sáng kiến (báo cáo, quyết định công nhận): PDF, DOCX, XLSX, JPEG or PNG by content."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("sáng kiến"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("tệp"), upload_to=_upload_to, max_length=300)
    name = models.CharField(_("tên tệp"), max_length=200)

    class Meta:
        verbose_name = _("tệp đính kèm sáng kiến")
        verbose_name_plural = _("tệp đính kèm sáng kiến")
        ordering = ["initiative", "id"]

    def __str__(self) -> str:
        return self.name
