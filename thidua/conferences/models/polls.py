from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.conferences.choices import (
    MajorityRule,
    PaperSheetStatus,
    PercentageBase,
    PollKind,
    PollOffice,
    PollStatus,
)
from thidua.core.models import BaseModel


class Poll(BaseModel):
    """Cuộc biểu quyết (bỏ phiếu): one vote held at a conference — bình xét, suy tôn (choose up to K units), a
    yes/no/abstain vote per candidate, or the election of next year's Khối trưởng / Khối phó (DOMAIN R14, R15).

    A state machine (STYLE S14): ``draft → open → closed → published``, moved only by the services, each under
    ``select_for_update`` on this row. Opening freezes the voter roll (``RollEntry``); closing snapshots the counts
    below; publishing freezes ``result``. Secret by default (``is_secret``): ballots are stored with no link to the
    voter (see ``Ballot``). ``conference`` is nullable and ``subject`` generic so that the provincial council's votes
    on proposals (R12) can later run on the same engine with their own roll provider.
    """

    conference = models.ForeignKey(
        "conferences.Conference",
        verbose_name=_("hội nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="polls",
    )
    agenda_item = models.ForeignKey(
        "conferences.AgendaItem",
        verbose_name=_("mục chương trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="polls",
    )
    # Extension point: what the poll decides on outside a conference (e.g. an awards proposal dossier).
    subject_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("loại đối tượng biểu quyết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_id = models.CharField(_("mã đối tượng biểu quyết"), max_length=64, blank=True)
    title = models.CharField(_("nội dung biểu quyết"), max_length=500)
    kind = models.CharField(_("hình thức"), max_length=20, choices=PollKind.choices, default=PollKind.CHOOSE)
    office = models.CharField(
        _("chức danh bầu"), max_length=10, choices=PollOffice.choices, default=PollOffice.NONE, blank=True
    )
    max_choices = models.PositiveSmallIntegerField(_("số được chọn tối đa (K)"), default=1)
    is_secret = models.BooleanField(_("bỏ phiếu kín"), default=True)
    allows_self_vote = models.BooleanField(_("được bỏ phiếu cho chính mình"), default=False)
    majority_rule = models.CharField(
        _("điều kiện trúng cử"), max_length=20, choices=MajorityRule.choices, default=MajorityRule.MORE_THAN_HALF
    )
    majority_share = models.DecimalField(
        _("tỷ lệ tối thiểu"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    percentage_base = models.CharField(
        _("cơ sở tính tỷ lệ"), max_length=10, choices=PercentageBase.choices, default=PercentageBase.ROLL
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=PollStatus.choices, default=PollStatus.DRAFT)
    runoff_of = models.ForeignKey(
        "self",
        verbose_name=_("bầu lại của cuộc biểu quyết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="runoffs",
    )
    opens_at = models.DateTimeField(_("dự kiến bắt đầu bỏ phiếu"), null=True, blank=True)
    closes_at = models.DateTimeField(_("dự kiến kết thúc bỏ phiếu"), null=True, blank=True)
    opened_at = models.DateTimeField(_("bắt đầu bỏ phiếu lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc bỏ phiếu lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    # The snapshot taken at close (counts of paper ballots kept current until publication, then frozen).
    entitled_count = models.PositiveIntegerField(_("số cử tri có quyền biểu quyết"), null=True, blank=True)
    present_count = models.PositiveIntegerField(_("số cử tri có mặt"), null=True, blank=True)
    voted_count = models.PositiveIntegerField(_("số cử tri đã bỏ phiếu"), null=True, blank=True)
    ballots_cast = models.PositiveIntegerField(_("số phiếu thu vào"), null=True, blank=True)
    ballots_valid = models.PositiveIntegerField(_("số phiếu hợp lệ"), null=True, blank=True)
    ballots_invalid = models.PositiveIntegerField(_("số phiếu không hợp lệ"), null=True, blank=True)
    online_cast = models.PositiveIntegerField(_("số phiếu trực tuyến"), null=True, blank=True)
    paper_issued = models.PositiveIntegerField(_("số phiếu giấy phát hành"), null=True, blank=True)
    paper_cast = models.PositiveIntegerField(_("số phiếu giấy thu vào"), null=True, blank=True)
    paper_spoiled = models.PositiveIntegerField(_("số phiếu giấy hỏng"), null=True, blank=True)
    paper_unused = models.PositiveIntegerField(_("số phiếu giấy không sử dụng"), null=True, blank=True)
    # Frozen at publication: the tally (votes, shares, elected, run-off) as shown in the count record.
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    # What an honouring poll proposes (bình xét, suy tôn): the elected units are nominated for this title in the
    # bloc's proposal dossier when the result is carried over (``poll_result_apply``). Elections use ``office``.
    award_title = models.ForeignKey(
        "awards.Title",
        verbose_name=_("danh hiệu, hình thức đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("chuyển kết quả lúc"), null=True, blank=True)
    applied_dossier = models.ForeignKey(
        "awards.Dossier",
        verbose_name=_("hồ sơ đề nghị nhận kết quả"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cuộc biểu quyết")
        verbose_name_plural = _("cuộc biểu quyết")
        ordering = ["conference_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(max_choices__gte=1), name="conferences_poll_k_positive"),
            models.CheckConstraint(
                condition=~Q(majority_rule=MajorityRule.PERCENTAGE) | Q(majority_share__isnull=False),
                name="conferences_poll_percentage_share",
            ),
            models.CheckConstraint(
                condition=Q(office="") | Q(kind=PollKind.ELECTION), name="conferences_poll_office_for_election"
            ),
            models.CheckConstraint(
                condition=Q(award_title__isnull=True) | ~Q(kind=PollKind.ELECTION),
                name="conferences_poll_title_not_for_election",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(opens_at__isnull=True) | Q(closes_at__gte=F("opens_at")),
                name="conferences_poll_schedule",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_reconciled(self) -> bool:
        """Paper ballots issued = cast + spoiled + unused (trivially true when no paper ballot was issued)."""
        issued = self.paper_issued or 0
        return issued == (self.paper_cast or 0) + (self.paper_spoiled or 0) + (self.paper_unused or 0)


class PollCandidate(BaseModel):
    """Ứng cử viên / đơn vị được đề cử: a member unit of the bloc, or a person, that a poll votes on."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("cuộc biểu quyết"), on_delete=models.CASCADE, related_name="candidates"
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
    label = models.CharField(_("tên trên phiếu"), max_length=300)
    order = models.PositiveSmallIntegerField(_("thứ tự trên phiếu"))

    class Meta:
        verbose_name = _("ứng cử viên")
        verbose_name_plural = _("danh sách trên phiếu")
        ordering = ["poll_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "order"], name="conferences_candidate_unique_order"),
            models.UniqueConstraint(
                fields=["poll", "unit"], condition=Q(unit__isnull=False), name="conferences_candidate_unique_unit"
            ),
            models.UniqueConstraint(
                fields=["poll", "person"],
                condition=Q(person__isnull=False),
                name="conferences_candidate_unique_person",
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True) | Q(unit__isnull=True, person__isnull=False),
                name="conferences_candidate_unit_or_person",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class RollEntry(models.Model):
    """Danh sách cử tri: one voter of a poll — a member unit (one vote per unit) or a delegate seat (one vote per
    delegate). Written once, when the poll opens, and never changed afterwards (S14: the roll is frozen); a later
    substitute votes on the seat of the delegate they replace.

    ``voter_key`` (``unit:<id>`` or ``delegate:<id>``) is the voter's identity in the participation table.
    """

    poll = models.ForeignKey(Poll, verbose_name=_("cuộc biểu quyết"), on_delete=models.PROTECT, related_name="roll")
    voter_key = models.CharField(_("mã cử tri"), max_length=40)
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    delegate = models.ForeignKey(
        "conferences.Delegate",
        verbose_name=_("đại biểu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roll_entries",
    )
    label = models.CharField(_("tên cử tri"), max_length=300)
    is_present_at_open = models.BooleanField(_("có mặt khi bắt đầu bỏ phiếu"), default=False)

    class Meta:
        verbose_name = _("cử tri")
        verbose_name_plural = _("danh sách cử tri")
        ordering = ["poll_id", "label", "id"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "voter_key"], name="conferences_roll_unique_voter"),
        ]

    def __str__(self) -> str:
        return self.label


class PaperSheet(models.Model):
    """Phiếu bầu giấy đã in: one numbered paper ballot of a poll. It records only its number and what became of it
    (entered by the tellers, spoiled, or returned unused) — never who received it — so that the count reconciles
    (issued = cast + spoiled + unused) without tying a number to a voter. No timestamps, like the ballots."""

    poll = models.ForeignKey(
        Poll, verbose_name=_("cuộc biểu quyết"), on_delete=models.PROTECT, related_name="paper_sheets"
    )
    serial = models.PositiveIntegerField(_("số phiếu"))
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=PaperSheetStatus.choices, default=PaperSheetStatus.ISSUED
    )

    class Meta:
        verbose_name = _("phiếu bầu giấy")
        verbose_name_plural = _("phiếu bầu giấy")
        ordering = ["poll_id", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "serial"], name="conferences_papersheet_unique_serial"),
            models.CheckConstraint(condition=Q(serial__gte=1), name="conferences_papersheet_serial_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id} #{self.serial}"
