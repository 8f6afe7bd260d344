from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.registrations.choices import RegistrationAction, RegistrationStatus

_YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class RegistrationDeadline(BaseModel):
    """Hạn đăng ký thi đua: the date by which the members of a bloc register for a year, set by its secretariat."""

    bloc = models.ForeignKey(
        "emulation.Bloc", verbose_name=_("khối"), on_delete=models.PROTECT, related_name="registration_deadlines"
    )
    year = models.PositiveSmallIntegerField(_("năm thi đua"), validators=_YEAR_VALIDATORS)
    due_on = models.DateField(_("hạn đăng ký"))

    class Meta:
        verbose_name = _("hạn đăng ký thi đua")
        verbose_name_plural = _("hạn đăng ký thi đua")
        constraints = [models.UniqueConstraint(fields=["bloc", "year"], name="registrations_deadline_unique")]

    def __str__(self) -> str:
        return f"{self.bloc} — {self.year}: {self.due_on:%d/%m/%Y}"


class Registration(BaseModel):
    """Đăng ký thi đua: a unit's registration, for one year, of the titles it aims for as a collective and of its
    people with the title each aims for (issue 4; Luật TĐKT 06/2022/QH15 Điều 12 — đăng ký thi đua).

    Drafted by the unit's emulation officer, submitted by the unit head; once submitted, it is only returned (with a
    reason) to the unit, which edits and resubmits. The bloc is the unit's bloc in that year.
    """

    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="registrations"
    )
    bloc = models.ForeignKey(
        "emulation.Bloc", verbose_name=_("khối"), on_delete=models.PROTECT, related_name="registrations"
    )
    year = models.PositiveSmallIntegerField(_("năm thi đua"), validators=_YEAR_VALIDATORS)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    collective_titles = models.ManyToManyField(
        "awards.Title", verbose_name=_("danh hiệu tập thể đăng ký"), related_name="+", blank=True
    )

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-year", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="registrations_one_per_unit_year")]
        indexes = [models.Index(fields=["bloc", "year"], name="registrations_bloc_year_idx")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED)


class RegistrationEntry(BaseModel):
    """Cá nhân đăng ký: one person of the unit and the individual title they aim for in the year."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("bản đăng ký"), on_delete=models.CASCADE, related_name="entries"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="registration_entries"
    )
    title = models.ForeignKey("awards.Title", verbose_name=_("danh hiệu"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("cá nhân đăng ký")
        verbose_name_plural = _("cá nhân đăng ký")
        ordering = ["registration", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "person"], name="registrations_entry_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}"


class RegistrationEvent(BaseModel):
    """Lịch sử bản đăng ký: each creation, edit, submission and return, with who, when and the reason."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("bản đăng ký"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("thao tác"), max_length=10, choices=RegistrationAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("lý do"), blank=True)
    at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("lịch sử đăng ký")
        verbose_name_plural = _("lịch sử đăng ký")
        ordering = ["registration", "at", "id"]

    def __str__(self) -> str:
        return f"{self.registration} — {self.get_action_display()}"
