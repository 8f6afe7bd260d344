"""Proposals and decisions (issue 6; DOMAIN §5, R12, R13, R20, R21, R23, R24, R25, R26, R27).

A ``Dossier`` (hồ sơ đề nghị khen thưởng) is drafted by a unit for its people and itself, or by a bloc for its member
units; it moves draft → submitted → received → appraising → council → decided, and may be returned with a reason at
any step after submission. Each ``Nomination`` stores the engine's verdict as a snapshot. A ``Decision`` (quyết định
khen thưởng) lists ``DecisionAward`` rows, each linked to the ``AwardRecord`` it created so that history and the
rules see it; revoking a decision award marks that record revoked.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.models.history import YEAR_MAX, YEAR_MIN
from thidua.core.models import BaseModel

_YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


class DossierStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã trình")
    RECEIVED = "received", _("Đã tiếp nhận")
    APPRAISING = "appraising", _("Đang thẩm định")
    COUNCIL = "council", _("Hội đồng đang xét")
    DECIDED = "decided", _("Đã có quyết định")
    RETURNED = "returned", _("Bị trả lại")


class DossierKind(models.TextChoices):
    """Loại khen thưởng of a dossier, which sets its submission deadline (R24; the values of ``rules.deadlines``)."""

    YEAR_END = "year_end", _("Tổng kết năm")
    THEMATIC = "thematic", _("Sơ kết, tổng kết chuyên đề, hội nghị")
    SCHOOL_YEAR = "school_year", _("Tổng kết năm học (ngành Giáo dục và Đào tạo)")
    AD_HOC = "ad_hoc", _("Đột xuất")


class DossierAction(models.TextChoices):
    CREATED = "created", _("Tạo hồ sơ")
    UPDATED = "updated", _("Sửa thông tin hồ sơ")
    NOMINATION_ADDED = "nom_added", _("Thêm người, tập thể được đề nghị")
    NOMINATION_REMOVED = "nom_removed", _("Bỏ người, tập thể được đề nghị")
    DOCUMENT_ADDED = "doc_added", _("Thêm tài liệu")
    REEVALUATED = "reevaluated", _("Kiểm tra lại điều kiện")
    SUBMITTED = "submitted", _("Trình hồ sơ")
    RESUBMITTED = "resubmitted", _("Trình lại hồ sơ")
    RECEIVED = "received", _("Tiếp nhận hồ sơ")
    APPRAISED = "appraised", _("Thẩm định")
    RETURNED = "returned", _("Trả lại hồ sơ")
    COUNCIL_VOTED = "council_voted", _("Ghi kết quả biểu quyết của Hội đồng")
    DECIDED = "decided", _("Ban hành quyết định khen thưởng")


class AppraisalResult(models.TextChoices):
    PENDING = "pending", _("Chưa thẩm định")
    PASSED = "passed", _("Đạt")
    REJECTED = "rejected", _("Không đạt")


class CouncilResult(models.TextChoices):
    NOT_NEEDED = "not_needed", _("Không cần Hội đồng biểu quyết")
    PENDING = "pending", _("Chờ Hội đồng biểu quyết")
    PASSED = "passed", _("Hội đồng thông qua")
    FAILED = "failed", _("Hội đồng không thông qua")


class DossierDocumentKind(models.TextChoices):
    """Thành phần hồ sơ (Luật 06/2022 Điều 84 khoản 1; R23)."""

    PROPOSAL_LETTER = "to_trinh", _("Tờ trình đề nghị (Mẫu số 01)")
    ACHIEVEMENT_REPORT = "bao_cao", _("Báo cáo thành tích (Mẫu số 05)")
    REVIEW_MINUTES = "bien_ban", _("Biên bản bình xét và kết quả bỏ phiếu")
    INITIATIVE_CERTIFICATE = "xac_nhan_sk", _("Xác nhận sáng kiến, đề tài KH&CN")


class Dossier(BaseModel):
    """Hồ sơ đề nghị khen thưởng: a unit's proposal for its people and itself, or a bloc's for its member units
    (Luật Thi đua, khen thưởng 06/2022/QH15 Điều 84; DOMAIN §5).

    ``reference_date`` (the submission date, editable while a draft) selects the legal regime (R28) of every
    verdict; ``province`` is the province whose office receives it. ``kind`` (and ``event_date`` for a thematic
    dossier) sets the submission deadline (R24/R25); each (re)submission records the deadline that applied and whether
    it was missed, which never blocks it.
    """

    proposer_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_dossiers",
    )
    bloc = models.ForeignKey(
        "emulation.Bloc",
        verbose_name=_("khối, cụm đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_dossiers",
    )
    province = models.ForeignKey(
        "organizations.Unit", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"), validators=_YEAR_VALIDATORS)
    awarding_body = models.CharField(_("cấp khen thưởng"), max_length=300)
    reference_date = models.DateField(_("ngày trình (xác định chế độ pháp lý)"))
    kind = models.CharField(
        _("loại khen thưởng"), max_length=12, choices=DossierKind.choices, default=DossierKind.YEAR_END
    )
    event_date = models.DateField(_("ngày sơ kết, tổng kết, hội nghị"), null=True, blank=True)
    submission_deadline = models.DateField(_("hạn nộp (ngày cuối cùng)"), null=True, blank=True)
    deadline_basis = models.CharField(_("căn cứ hạn nộp"), max_length=300, blank=True)
    is_submitted_late = models.BooleanField(_("nộp sau hạn"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại gần nhất"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-year", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposer_unit__isnull=False, bloc__isnull=True)
                | models.Q(proposer_unit__isnull=True, bloc__isnull=False),
                name="awards_dossier_one_proposer",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=DossierKind.THEMATIC) | models.Q(event_date__isnull=False),
                name="awards_dossier_thematic_event_date",
            ),
        ]
        indexes = [
            models.Index(fields=["proposer_unit", "year"], name="awards_dossier_unit_year_idx"),
            models.Index(fields=["province", "year", "status"], name="awards_dossier_province_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.proposer_unit or self.bloc} — {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in (DossierStatus.DRAFT, DossierStatus.RETURNED)


class Nomination(BaseModel):
    """Người, tập thể được đề nghị: one nominee (a person or a unit) for one title or form, with the engine's stored
    verdict (``evaluation``: status, regime, rule set, lines with citations, facts, evaluated_at), the appraisal and
    the council's vote (R12: yes votes out of all members) with the members present at the session (R13 quorum)."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="nominations")
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    title = models.ForeignKey(
        "awards.Title", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="nominations"
    )
    achievement_summary = models.TextField(_("tóm tắt thành tích"), max_length=5000, blank=True)
    achievement_key = models.CharField(_("mã thành tích (một thành tích một hình thức)"), max_length=120, blank=True)
    initiatives = models.ManyToManyField(
        "initiatives.Initiative", verbose_name=_("sáng kiến làm căn cứ"), related_name="nominations", blank=True
    )
    verdict_status = models.CharField(_("kết quả kiểm tra điều kiện"), max_length=20, blank=True)
    evaluation = models.JSONField(_("kết quả kiểm tra chi tiết"), default=dict, blank=True)
    evaluated_at = models.DateTimeField(_("kiểm tra lúc"), null=True, blank=True)
    appraisal_result = models.CharField(
        _("kết quả thẩm định"), max_length=10, choices=AppraisalResult.choices, default=AppraisalResult.PENDING
    )
    appraisal_note = models.TextField(_("ý kiến thẩm định"), max_length=5000, blank=True)
    council_result = models.CharField(
        _("kết quả Hội đồng"), max_length=10, choices=CouncilResult.choices, default=CouncilResult.NOT_NEEDED
    )
    council_yes_votes = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    council_members = models.PositiveSmallIntegerField(_("tổng số thành viên Hội đồng"), null=True, blank=True)
    council_present = models.PositiveSmallIntegerField(_("số thành viên Hội đồng tham dự"), null=True, blank=True)

    class Meta:
        verbose_name = _("người, tập thể được đề nghị")
        verbose_name_plural = _("người, tập thể được đề nghị")
        ordering = ["dossier", "title__order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
                name="awards_nomination_one_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(council_yes_votes__isnull=True)
                | models.Q(council_yes_votes__lte=models.F("council_members")),
                name="awards_nomination_votes",
            ),
            models.CheckConstraint(
                condition=models.Q(council_present__isnull=True)
                | models.Q(council_present__lte=models.F("council_members")),
                name="awards_nomination_present",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "title"], name="awards_nomination_person_idx"),
            models.Index(fields=["unit", "title"], name="awards_nomination_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} — {self.title}"

    @property
    def is_approved(self) -> bool:
        """Passed appraisal and, where the law requires one, the council's vote."""
        return self.appraisal_result == AppraisalResult.PASSED and self.council_result in (
            CouncilResult.NOT_NEEDED,
            CouncilResult.PASSED,
        )


class DossierDocument(BaseModel):
    """Thành phần hồ sơ (R23): an attached file, or a placeholder for a document to be generated later."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=DossierDocumentKind.choices)
    file = models.FileField(_("tệp"), upload_to="awards/dossiers/%Y/", blank=True)
    is_placeholder = models.BooleanField(_("là tài liệu sẽ được tạo tự động"), default=False)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["dossier", "kind", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class DossierEvent(BaseModel):
    """Lịch sử hồ sơ: each step, with who, when and the reason or note."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=15, choices=DossierAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("lý do, ghi chú"), blank=True)
    at = models.DateTimeField(_("lúc"))

    class Meta:
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        ordering = ["dossier", "at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier} — {self.get_action_display()}"


class Decision(BaseModel):
    """Quyết định khen thưởng: number, date, signer, awarding body (R26), usually entered from a dossier."""

    number = models.CharField(_("số quyết định"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    signer_name = models.CharField(_("người ký"), max_length=200)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200)
    awarding_body = models.CharField(_("cấp khen thưởng"), max_length=300)
    province = models.ForeignKey(
        "organizations.Unit", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("hồ sơ đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["province", "number", "decided_on"], name="awards_decision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.decided_on:%d/%m/%Y})"


class DecisionAward(BaseModel):
    """One awardee of a decision with the form and the reward amount (R27: coefficient × base salary in force on the
    decision date; empty when no verified coefficient or base salary exists), linked to the history record it created.
    """

    decision = models.ForeignKey(
        Decision, verbose_name=_("quyết định"), on_delete=models.PROTECT, related_name="awards"
    )
    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("đề nghị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_award",
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.ForeignKey(
        "awards.Title", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.PositiveBigIntegerField(_("tiền thưởng (đồng)"), null=True, blank=True)
    award_record = models.OneToOneField(
        "awards.AwardRecord", verbose_name=_("khen thưởng"), on_delete=models.PROTECT, related_name="decision_award"
    )
    is_revoked = models.BooleanField(_("đã bị hủy bỏ"), default=False)
    revoked_on = models.DateField(_("ngày hủy bỏ"), null=True, blank=True)
    revocation_reference = models.CharField(_("quyết định hủy bỏ"), max_length=120, blank=True)
    revocation_reason = models.CharField(_("lý do hủy bỏ"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("khen thưởng theo quyết định")
        verbose_name_plural = _("khen thưởng theo quyết định")
        ordering = ["decision", "title__order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, unit__isnull=True)
                | models.Q(person__isnull=True, unit__isnull=False),
                name="awards_decisionaward_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.person or self.unit} ({self.decision})"
