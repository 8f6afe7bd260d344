from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.core.text import fold
from thidua.people.choices import Gender, StaffCategory


class Person(BaseModel):
    """Cá nhân: a cán bộ, công chức, viên chức or người lao động whose emulation history Thi Đua keeps.

    The person, not the unit, carries individual history: three consecutive years as Chiến sĩ thi đua cơ sở count
    across a merger of their unit (DOMAIN §6.3). Gender and date of birth are personal data (Nghị định 13/2023 on
    personal data protection): only the roles that manage the person's unit see them.
    """

    full_name = models.CharField(_("họ và tên"), max_length=200)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    # Optional personnel code from the province's HR system; unique when given, so imports can match people.
    personnel_code = models.CharField(_("mã cán bộ"), max_length=40, blank=True)
    search_name = models.CharField(_("tên không dấu"), max_length=200, db_index=True, editable=False, default="")

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["personnel_code"], condition=~models.Q(personnel_code=""), name="people_person_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_name = fold(self.full_name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Assignment(BaseModel):
    """Quá trình công tác: a person's post in a unit for a period. A person moves; their history moves with them.

    At most one open assignment (no ``ends_on``) per person: the current post.
    """

    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="assignments"
    )
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    category = models.CharField(_("ngạch, loại"), max_length=20, choices=StaffCategory.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(ends_on__isnull=True), name="people_assignment_one_open"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="people_assignment_dates",
            ),
        ]
        indexes = [models.Index(fields=["unit", "ends_on"], name="people_assignment_unit_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.unit} ({self.starts_on:%d/%m/%Y})"
