from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.conferences.choices import ConferenceStatus, QuorumRule, VoteBasis
from thidua.core.models import BaseModel

_YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
_SHARE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(1)]


class Conference(BaseModel):
    """Hội nghị của khối: a sitting of a bloc for an emulation year, typically the year-end conference (hội nghị
    tổng kết) at which the units bình xét, suy tôn and elect next year's Khối trưởng and Khối phó (DOMAIN §2, R14,
    R15; HD 1122/BTĐKT-VI 2011).

    Scheduled times (``starts_at``/``ends_at``) and actual times (``started_at``/``ended_at``) are kept apart
    (STYLE S14). ``vote_basis`` and the quorum are the bloc's rule (R14: configurable; default one vote per unit and
    more than half of the units present).
    """

    bloc = models.ForeignKey(
        "emulation.Bloc", verbose_name=_("khối"), on_delete=models.PROTECT, related_name="conferences"
    )
    year = models.PositiveSmallIntegerField(_("năm thi đua"), validators=_YEAR_VALIDATORS)
    title = models.CharField(_("tên hội nghị"), max_length=500)
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    chair = models.ForeignKey(
        "people.Person",
        verbose_name=_("chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    co_chair = models.ForeignKey(
        "people.Person",
        verbose_name=_("đồng chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    secretary = models.ForeignKey(
        "people.Person",
        verbose_name=_("thư ký hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    vote_basis = models.CharField(
        _("cách tính phiếu"), max_length=20, choices=VoteBasis.choices, default=VoteBasis.PER_UNIT
    )
    quorum_rule = models.CharField(
        _("điều kiện số người dự"), max_length=20, choices=QuorumRule.choices, default=QuorumRule.MORE_THAN_HALF
    )
    quorum_share = models.DecimalField(
        _("tỷ lệ có mặt tối thiểu"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=_SHARE_VALIDATORS,
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ConferenceStatus.choices, default=ConferenceStatus.DRAFT
    )
    starts_at = models.DateTimeField(_("dự kiến bắt đầu"), null=True, blank=True)
    ends_at = models.DateTimeField(_("dự kiến kết thúc"), null=True, blank=True)
    started_at = models.DateTimeField(_("khai mạc lúc"), null=True, blank=True)
    ended_at = models.DateTimeField(_("bế mạc lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hội nghị")
        verbose_name_plural = _("hội nghị")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["bloc", "year"], name="conferences_conf_bloc_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(quorum_rule=QuorumRule.PERCENTAGE) | Q(quorum_share__isnull=False),
                name="conferences_conference_quorum_share",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="conferences_conference_schedule",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class AgendaItem(BaseModel):
    """Chương trình hội nghị: one ordered item of a conference's agenda, optionally the poll it holds."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=500)
    presenter = models.CharField(_("người trình bày"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình hội nghị")
        ordering = ["conference_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "order"], name="conferences_agenda_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Delegate(BaseModel):
    """Đại biểu dự hội nghị: a person invited to a conference for a member unit, or a guest (khách mời) without a
    vote. ``user`` is the account the delegate votes from; ``person`` ties the delegate to the people register.

    A delegate replaced by another of the same unit (``substitute_for`` on the newcomer) is marked ``is_replaced``
    and can no longer vote; the substitute takes the seat on a voter roll already frozen (R14 practice: no proxies
    counted for absent holders — the substitute must be present and checked in).
    """

    conference = models.ForeignKey(
        Conference, verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="delegates"
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conference_delegates",
    )
    name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    has_vote = models.BooleanField(_("có quyền biểu quyết"), default=True)
    is_checked_in = models.BooleanField(_("đã điểm danh"), default=False)
    checked_in_at = models.DateTimeField(_("điểm danh lúc"), null=True, blank=True)
    is_replaced = models.BooleanField(_("đã được thay thế"), default=False)
    substitute_for = models.OneToOneField(
        "self",
        verbose_name=_("thay cho đại biểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substituted_by",
    )

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        ordering = ["conference_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "person"],
                condition=Q(is_replaced=False, person__isnull=False),
                name="conferences_delegate_one_active_person",
            ),
            models.UniqueConstraint(
                fields=["conference", "user"],
                condition=Q(is_replaced=False, user__isnull=False),
                name="conferences_delegate_one_active_user",
            ),
            # A voting delegate sits for a unit; a guest may come from anywhere.
            models.CheckConstraint(
                condition=Q(has_vote=False) | Q(unit__isnull=False), name="conferences_delegate_vote_needs_unit"
            ),
            models.CheckConstraint(
                condition=~Q(substitute_for=F("id")), name="conferences_delegate_not_own_substitute"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def can_vote_now(self) -> bool:
        """A voting delegate, present and not replaced."""
        return self.has_vote and self.is_checked_in and not self.is_replaced
