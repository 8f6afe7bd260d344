"""A province's adjustments of the configurable rule parameters (DOMAIN §3.1, §8 "cfg")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


class ParameterOverride(BaseModel):
    """Điều chỉnh tham số quy tắc của tỉnh: a province sets a configurable parameter of a rule (a quota, an
    initiative validity window, a bloc quota) from ``valid_from``, on the strength of a dated decision.

    Rows are never edited: a new row with a later ``valid_from`` supersedes the previous value. An empty
    ``rule_set_key`` applies to every rule set using the condition; a key restricts it to one rule set.
    """

    province = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        related_name="rule_parameter_overrides",
    )
    rule_set_key = models.CharField(_("bộ quy tắc"), max_length=80, blank=True)
    condition_code = models.CharField(_("mã điều kiện"), max_length=80)
    param = models.CharField(_("tham số"), max_length=80)
    value = models.JSONField(_("giá trị"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    decision_reference = models.CharField(_("quyết định, văn bản căn cứ"), max_length=300)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("điều chỉnh tham số quy tắc")
        verbose_name_plural = _("điều chỉnh tham số quy tắc")
        ordering = ["province", "condition_code", "param", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "rule_set_key", "condition_code", "param", "valid_from"],
                name="awards_parameter_override_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(decision_reference=""), name="awards_parameter_override_reference"
            ),
        ]
        indexes = [models.Index(fields=["province", "valid_from"], name="awards_parameter_province_idx")]

    def __str__(self) -> str:
        return f"{self.condition_code}.{self.param} = {self.value!r} ({self.valid_from:%d/%m/%Y})"
