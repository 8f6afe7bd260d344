from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.organizations.choices import UnitKind


class UnitQuerySet(models.QuerySet["Unit"]):
    def descendants_of(self, unit: Unit, *, include_self: bool = True) -> UnitQuerySet:
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)


class Unit(BaseModel):
    """Đơn vị: an organisation in the province's tree (the province itself, a sở, a press body, a commune...).

    Every permission is scoped to a unit and inherited down this tree (STYLE S10). ``path`` is the materialised path of
    primary keys from the root ("/1/5/"), set once by ``unit_create`` and never edited, so "all units under X" is one
    indexed prefix query. Units are never keyed by name: names change in mergers (DOMAIN §6.1).
    """

    code = models.CharField(
        _("mã đơn vị"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[a-z0-9-]+$", _("Chỉ dùng chữ thường không dấu, số và dấu gạch ngang."))],
    )
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn cây"), max_length=255, db_index=True, editable=False)
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến ngày"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="organizations_unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_within(self, ancestor_path: str) -> bool:
        return self.path.startswith(ancestor_path)
