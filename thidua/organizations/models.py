from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.core.text import fold
from thidua.organizations.choices import UnitChangeKind, UnitKind


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
    # Name without diacritics, lower-case: for searching "so y te". Normalised from the unit's own fields in save().
    search_name = models.CharField(_("tên không dấu"), max_length=400, db_index=True, editable=False, default="")

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

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_name = fold(f"{self.name} {self.short_name} {self.code}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and ({"name", "short_name", "code"} & set(update_fields)):  # type: ignore[call-overload]
            kwargs["update_fields"] = {*update_fields, "search_name"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def is_valid_on(self, day: object) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)  # type: ignore[operator]

    @property
    def is_closed(self) -> bool:
        return self.valid_to is not None

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_within(self, ancestor_path: str) -> bool:
        return self.path.startswith(ancestor_path)


class UnitName(BaseModel):
    """Tên đơn vị theo thời kỳ: the names a unit bore, so a 2019 record reads with the 2019 name.

    Renaming never creates a new unit and never touches history (DOMAIN §6.1: plan names ≠ final names). The row
    with ``valid_to`` empty is the current name, mirrored on ``Unit.name``.
    """

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("tên đơn vị theo thời kỳ")
        verbose_name_plural = _("tên đơn vị theo thời kỳ")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(valid_to__isnull=True), name="organizations_unitname_one_current"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="organizations_unitname_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class UnitParentage(BaseModel):
    """Trực thuộc theo thời kỳ: which unit a unit stood under, and when (for the tree "as of" a date).

    ``Unit.parent``/``path`` hold the current position, which decides permission scopes today; these rows keep the
    past (e.g. the sở of Quảng Nam, under TP Đà Nẵng from 01/07/2025).
    """

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="parentages")
    parent = models.ForeignKey(Unit, verbose_name=_("đơn vị cấp trên"), on_delete=models.PROTECT, related_name="+")
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quan hệ trực thuộc theo thời kỳ")
        verbose_name_plural = _("quan hệ trực thuộc theo thời kỳ")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=models.Q(valid_to__isnull=True), name="organizations_parentage_one_current"
            ),
        ]
        indexes = [models.Index(fields=["parent", "valid_from"], name="organizations_parentage_idx")]

    def __str__(self) -> str:
        return f"{self.unit_id} ⊂ {self.parent_id}"


class UnitChange(BaseModel):
    """Sắp xếp, tổ chức lại: one recorded change (rename, merge, split, transfer, close) with its legal basis.

    Its links say which units went in (predecessors) and which came out (successors). The service that records it
    ends predecessors on the day before ``effective_on`` and carries open work to the successors (DOMAIN R30).
    """

    kind = models.CharField(_("loại thay đổi"), max_length=20, choices=UnitChangeKind.choices)
    effective_on = models.DateField(_("ngày hiệu lực"))
    decision_number = models.CharField(_("số quyết định, nghị quyết"), max_length=100)
    decision_date = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    summary = models.TextField(_("nội dung"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("thay đổi tổ chức")
        verbose_name_plural = _("thay đổi tổ chức")
        ordering = ["-effective_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.decision_number} ({self.effective_on:%d/%m/%Y})"

    @property
    def legal_basis(self) -> str:
        return f"{self.decision_number} ngày {self.decision_date:%d/%m/%Y}" + (
            f" của {self.issuer}" if self.issuer else ""
        )


class UnitChangeLink(models.Model):
    """One edge of a change: ``predecessor`` → ``successor`` (either may be empty: a closure has no successor)."""

    change = models.ForeignKey(UnitChange, on_delete=models.CASCADE, related_name="links")
    predecessor = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="predecessor_links"
    )

    class Meta:
        verbose_name = _("liên kết kế thừa")
        verbose_name_plural = _("liên kết kế thừa")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(predecessor__isnull=False) | models.Q(successor__isnull=False),
                name="organizations_changelink_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id}"
