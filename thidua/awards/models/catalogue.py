from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.choices import TitleKind, TitleSubject
from thidua.core.models import BaseModel


class Title(BaseModel):
    """Danh hiệu thi đua or hình thức khen thưởng of the catalogue, in force between two dates (DOMAIN §3.2).

    The catalogue is reference data seeded by a data migration (STYLE S33); ``valid_from``/``valid_to`` bound the legal
    regime in which the entry exists (Luật TĐKT 2003/2013 + NĐ 91/2017, Luật TĐKT 06/2022/QH15 + NĐ 98/2023,
    NĐ 152/2025). An empty bound is open.
    """

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    subject = models.CharField(_("đối tượng"), max_length=12, choices=TitleSubject.choices)
    kind = models.CharField(_("loại"), max_length=10, choices=TitleKind.choices)
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="awards_title_dates",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_in_force_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)
