from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.emulation.choices import BlocKind, BlocRole


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

    class Meta:
        verbose_name = _("thành viên khối")
        verbose_name_plural = _("thành viên khối")
        ordering = ["bloc", "year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "unit", "year"], name="emulation_membership_unique_unit_year"),
            models.UniqueConstraint(
                fields=["bloc", "year"], condition=models.Q(role="leader"), name="emulation_membership_one_leader"
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"], name="emulation_membership_unit_idx")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.bloc} ({self.year})"
