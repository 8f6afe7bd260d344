"""Criteria and scoring of a bloc's year (issue 5): criteria sets (bộ tiêu chí) in versions, the scoring round with
the bloc's rules, self-assessment and checking score sheets (bảng chấm điểm), cross-scoring assignments, evidence
(minh chứng), appeals (khiếu nại), corrections after publication, and the stored consolidated results.

The consolidation itself is a pure function (``consolidation.py``); the results stored here are its output for
the round's current scores, written by the services whenever the scores behind them change.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel
from thidua.scoring.choices import (
    AppealStatus,
    AssignmentStatus,
    CheckingMode,
    ConsolidationMethod,
    CriteriaSetStatus,
    CriterionKind,
    RoundStatus,
    ScorerKind,
    SheetKind,
    SheetStatus,
    TieBreak,
)

_YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


def default_tie_breaks() -> list[str]:
    return [TieBreak.BONUS_DESC.value, TieBreak.PENALTY_ASC.value]


class CriteriaSet(BaseModel):
    """Bộ tiêu chí chấm điểm of a bloc for a year, in versions. Drafted by the secretariat, approved by the bloc,
    locked once scoring opens; a later change is a new version, and each score sheet records the version it used."""

    bloc = models.ForeignKey(
        "emulation.Bloc", verbose_name=_("khối"), on_delete=models.PROTECT, related_name="criteria_sets"
    )
    year = models.PositiveSmallIntegerField(_("năm thi đua"), validators=_YEAR_VALIDATORS)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    title = models.CharField(_("tên bộ tiêu chí"), max_length=300)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=CriteriaSetStatus.choices, default=CriteriaSetStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("sao chép từ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    change_reason = models.TextField(_("lý do sửa đổi (phiên bản mới)"), blank=True)
    approval_reference = models.CharField(_("căn cứ thông qua"), max_length=300, blank=True)
    approved_at = models.DateTimeField(_("thông qua lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận thông qua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bộ tiêu chí chấm điểm")
        verbose_name_plural = _("bộ tiêu chí chấm điểm")
        ordering = ["-year", "bloc__name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year", "version"], name="scoring_set_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_editable(self) -> bool:
        return self.status == CriteriaSetStatus.DRAFT


class CriterionGroup(BaseModel):
    """Nhóm tiêu chí: a heading of the scoring table (I. Công tác chỉ đạo…), holding its criteria."""

    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("bộ tiêu chí"), on_delete=models.CASCADE, related_name="groups"
    )
    code = models.CharField(_("số thứ tự"), max_length=10)
    name = models.CharField(_("tên nhóm"), max_length=500)
    position = models.PositiveSmallIntegerField(_("vị trí"), default=0)

    class Meta:
        verbose_name = _("nhóm tiêu chí")
        verbose_name_plural = _("nhóm tiêu chí")
        ordering = ["criteria_set", "position", "id"]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Criterion(BaseModel):
    """Tiêu chí: scored (0 to its maximum), a bonus (điểm thưởng) or a penalty (điểm trừ), with guidance and the
    evidence it requires."""

    group = models.ForeignKey(CriterionGroup, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("số thứ tự"), max_length=10)
    name = models.CharField(_("nội dung tiêu chí"), max_length=1000)
    kind = models.CharField(_("loại"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.SCORED)
    max_points = models.DecimalField(
        _("điểm tối đa"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    required_evidence = models.TextField(_("minh chứng cần có"), blank=True)
    position = models.PositiveSmallIntegerField(_("vị trí"), default=0)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["group__position", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gt=0), name="scoring_criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ScoringRound(BaseModel):
    """Đợt chấm điểm of a bloc's year: the bloc's rules (who checks, how scores are combined, tie-breaks), the
    deadlines, the criteria set in use, and the round's state: preparing → scoring → consolidated → appeal →
    published."""

    bloc = models.ForeignKey(
        "emulation.Bloc", verbose_name=_("khối"), on_delete=models.PROTECT, related_name="scoring_rounds"
    )
    year = models.PositiveSmallIntegerField(_("năm thi đua"), validators=_YEAR_VALIDATORS)
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("bộ tiêu chí đang dùng"), on_delete=models.PROTECT, related_name="rounds"
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.PREPARING
    )
    checking_mode = models.CharField(
        _("hình thức kiểm tra"), max_length=12, choices=CheckingMode.choices, default=CheckingMode.CROSS
    )
    method = models.CharField(
        _("cách tính điểm cuối cùng"),
        max_length=10,
        choices=ConsolidationMethod.choices,
        default=ConsolidationMethod.MEAN,
    )
    is_normalised = models.BooleanField(_("chuẩn hoá điểm theo người chấm"), default=False)
    tie_breaks = models.JSONField(_("tiêu chí phân định khi bằng điểm"), default=default_tie_breaks)
    scorers_per_unit = models.PositiveSmallIntegerField(
        _("số đơn vị chấm chéo mỗi đơn vị"), default=2, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    reveals_scorers = models.BooleanField(_("công khai người chấm sau khi công bố"), default=False)
    self_assessment_due_on = models.DateField(_("hạn tự chấm"), null=True, blank=True)
    checking_due_on = models.DateField(_("hạn chấm kiểm tra"), null=True, blank=True)
    appeal_due_on = models.DateField(_("hạn khiếu nại"), null=True, blank=True)
    opened_at = models.DateTimeField(_("mở chấm lúc"), null=True, blank=True)
    consolidated_at = models.DateTimeField(_("tổng hợp lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người công bố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("đợt chấm điểm")
        verbose_name_plural = _("đợt chấm điểm")
        ordering = ["-year", "bloc__name"]
        constraints = [models.UniqueConstraint(fields=["bloc", "year"], name="scoring_round_one_per_bloc_year")]

    def __str__(self) -> str:
        return f"{self.bloc} — {self.year}"

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.PUBLISHED


class ScoringAssignment(BaseModel):
    """Phân công chấm kiểm tra: who checks a unit's self-assessment. A unit never checks itself (a database
    constraint); a scorer may declare a conflict of interest, and the assignment is then replaced."""

    scoring_round = models.ForeignKey(
        ScoringRound, verbose_name=_("đợt chấm"), on_delete=models.CASCADE, related_name="assignments"
    )
    scored_unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị được chấm"), on_delete=models.PROTECT, related_name="+"
    )
    scorer_kind = models.CharField(_("người chấm"), max_length=12, choices=ScorerKind.choices)
    scorer_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("đơn vị chấm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scorer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thành viên tổ chấm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.ACTIVE
    )
    conflict_reason = models.TextField(_("lý do xung đột lợi ích"), blank=True)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("thay bằng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )

    class Meta:
        verbose_name = _("phân công chấm kiểm tra")
        verbose_name_plural = _("phân công chấm kiểm tra")
        ordering = ["scoring_round", "scored_unit__name", "id"]
        constraints = [
            # The rule users complain about most: a unit scoring itself. Refused by the database itself.
            models.CheckConstraint(
                condition=Q(scorer_unit__isnull=True) | ~Q(scorer_unit=F("scored_unit")),
                name="scoring_assignment_not_self",
            ),
            models.CheckConstraint(
                condition=(
                    Q(scorer_kind=ScorerKind.UNIT, scorer_unit__isnull=False, scorer_user__isnull=True)
                    | Q(scorer_kind=ScorerKind.PANEL_MEMBER, scorer_unit__isnull=True, scorer_user__isnull=False)
                    | Q(scorer_kind=ScorerKind.SECRETARIAT, scorer_unit__isnull=True, scorer_user__isnull=True)
                ),
                name="scoring_assignment_scorer_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["scoring_round", "scored_unit", "scorer_unit"],
                condition=Q(status=AssignmentStatus.ACTIVE, scorer_unit__isnull=False),
                name="scoring_assignment_unit_once",
            ),
            models.UniqueConstraint(
                fields=["scoring_round", "scored_unit", "scorer_user"],
                condition=Q(status=AssignmentStatus.ACTIVE, scorer_user__isnull=False),
                name="scoring_assignment_user_once",
            ),
        ]
        indexes = [
            models.Index(fields=["scoring_round", "scorer_unit"], name="scoring_assignment_scorer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scorer_label} → {self.scored_unit}"

    @property
    def is_active(self) -> bool:
        return self.status == AssignmentStatus.ACTIVE

    @property
    def scorer_label(self) -> str:
        if self.scorer_unit_id is not None:
            return str(self.scorer_unit)
        if self.scorer_user_id is not None:
            return str(self.scorer_user)
        return str(ScorerKind.SECRETARIAT.label)


class ScoreSheet(BaseModel):
    """Bảng chấm điểm: a unit's self-assessment (one per unit and round) or one checker's scores of a unit (one per
    assignment). ``version`` guards against two people saving over each other (optimistic locking)."""

    scoring_round = models.ForeignKey(
        ScoringRound, verbose_name=_("đợt chấm"), on_delete=models.CASCADE, related_name="sheets"
    )
    unit = models.ForeignKey(
        "organizations.Unit", verbose_name=_("đơn vị được chấm"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại bảng điểm"), max_length=6, choices=SheetKind.choices)
    assignment = models.OneToOneField(
        ScoringAssignment,
        verbose_name=_("phân công"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sheet",
    )
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("phiên bản bộ tiêu chí"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    version = models.PositiveIntegerField(_("phiên bản lưu"), default=0)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        verbose_name = _("bảng chấm điểm")
        verbose_name_plural = _("bảng chấm điểm")
        ordering = ["scoring_round", "unit__name", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scoring_round", "unit"],
                condition=Q(kind=SheetKind.SELF),
                name="scoring_one_self_sheet_per_unit",
            ),
            models.CheckConstraint(
                condition=Q(kind=SheetKind.SELF, assignment__isnull=True)
                | Q(kind=SheetKind.CHECK, assignment__isnull=False),
                name="scoring_sheet_assignment_matches_kind",
            ),
        ]
        indexes = [models.Index(fields=["scoring_round", "kind", "status"], name="scoring_sheet_round_idx")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_kind_display()}"

    @property
    def is_editable(self) -> bool:
        return self.status in (SheetStatus.DRAFT, SheetStatus.RETURNED)


class Score(BaseModel):
    """One criterion's points on a score sheet, with the scorer's comment. Bounded by 0 and the criterion's maximum
    (checked by the service: the maximum lives on the criterion)."""

    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("bảng điểm"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=7, decimal_places=2)
    comment = models.TextField(_("giải trình, nhận xét"), blank=True)

    class Meta:
        verbose_name = _("điểm")
        verbose_name_plural = _("điểm")
        ordering = ["sheet", "criterion__group__position", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="scoring_score_once_per_criterion"),
            models.CheckConstraint(condition=Q(points__gte=0), name="scoring_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"


def _evidence_upload_to(instance: Evidence, filename: str) -> str:
    return f"scoring/{instance.sheet.scoring_round_id}/{instance.sheet_id}/{filename}"


class Evidence(BaseModel):
    """Minh chứng: a file behind a self-assessed criterion (PDF, DOCX, XLSX, JPEG or PNG, checked by content)."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("bảng điểm"), on_delete=models.CASCADE, related_name="evidence"
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("tệp"), upload_to=_evidence_upload_to, max_length=300)
    name = models.CharField(_("tên tệp"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["sheet", "criterion", "id"]

    def __str__(self) -> str:
        return self.name


class SheetEvent(BaseModel):
    """Lịch sử bảng điểm: each submission and return, with who, when and the reason."""

    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("bảng điểm"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=20)
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
        verbose_name = _("lịch sử bảng điểm")
        verbose_name_plural = _("lịch sử bảng điểm")
        ordering = ["sheet", "at", "id"]

    def __str__(self) -> str:
        return f"{self.sheet} — {self.action}"


def _appeal_upload_to(instance: Appeal, filename: str) -> str:
    return f"scoring/{instance.scoring_round_id}/appeals/{filename}"


class Appeal(BaseModel):
    """Khiếu nại (đề nghị xem xét lại) of a unit on one criterion's final score, during the appeal window; the
    secretariat answers each one, accepting it with corrected points or rejecting it, always with a reason."""

    scoring_round = models.ForeignKey(
        ScoringRound, verbose_name=_("đợt chấm"), on_delete=models.CASCADE, related_name="appeals"
    )
    unit = models.ForeignKey("organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung khiếu nại"))
    evidence = models.FileField(_("minh chứng kèm theo"), upload_to=_appeal_upload_to, blank=True, max_length=300)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("gửi lúc"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.OPEN)
    answer = models.TextField(_("trả lời"), blank=True)
    points = models.DecimalField(_("điểm sau xem xét"), max_digits=7, decimal_places=2, null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khiếu nại điểm")
        verbose_name_plural = _("khiếu nại điểm")
        ordering = ["scoring_round", "filed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scoring_round", "unit", "criterion"], name="scoring_appeal_once_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion.code}"


class Correction(BaseModel):
    """Đính chính sau công bố: the only change a published ranking accepts, with its reason shown on the page."""

    scoring_round = models.ForeignKey(
        ScoringRound, verbose_name=_("đợt chấm"), on_delete=models.CASCADE, related_name="corrections"
    )
    unit = models.ForeignKey("organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    old_points = models.DecimalField(_("điểm cũ"), max_digits=7, decimal_places=2)
    new_points = models.DecimalField(_("điểm mới"), max_digits=7, decimal_places=2)
    reason = models.TextField(_("lý do đính chính"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đính chính"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("đính chính lúc"))

    class Meta:
        verbose_name = _("đính chính điểm")
        verbose_name_plural = _("đính chính điểm")
        ordering = ["scoring_round", "decided_at", "id"]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion.code}: {self.old_points} → {self.new_points}"


class UnitResult(BaseModel):
    """Kết quả của một đơn vị: the stored output of the consolidation for a unit (totals and rank)."""

    scoring_round = models.ForeignKey(
        ScoringRound, verbose_name=_("đợt chấm"), on_delete=models.CASCADE, related_name="results"
    )
    unit = models.ForeignKey("organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(_("xếp hạng"))
    scored_points = models.DecimalField(_("điểm chấm"), max_digits=7, decimal_places=2)
    bonus_points = models.DecimalField(_("điểm thưởng"), max_digits=7, decimal_places=2)
    penalty_points = models.DecimalField(_("điểm trừ"), max_digits=7, decimal_places=2)
    total = models.DecimalField(_("tổng điểm"), max_digits=7, decimal_places=2)
    self_total = models.DecimalField(_("tổng điểm tự chấm"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("kết quả xếp hạng")
        verbose_name_plural = _("kết quả xếp hạng")
        ordering = ["scoring_round", "rank", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["scoring_round", "unit"], name="scoring_result_once")]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit} — {self.total}"


class CriterionResult(BaseModel):
    """The final score of one unit on one criterion, with the marks behind it (raw and adjusted, counted or not)
    kept as the consolidation reported them, so that every number on the ranking page can be expanded."""

    scoring_round = models.ForeignKey(
        ScoringRound, verbose_name=_("đợt chấm"), on_delete=models.CASCADE, related_name="criterion_results"
    )
    unit = models.ForeignKey("organizations.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    final_points = models.DecimalField(_("điểm cuối cùng"), max_digits=7, decimal_places=2)
    computed_points = models.DecimalField(_("điểm tính được"), max_digits=7, decimal_places=2)
    self_points = models.DecimalField(_("điểm tự chấm"), max_digits=7, decimal_places=2, null=True, blank=True)
    is_override = models.BooleanField(_("đã điều chỉnh"), default=False)
    is_missing = models.BooleanField(_("chưa có điểm kiểm tra"), default=False)
    contributions = models.JSONField(_("các điểm chấm"), default=list)

    class Meta:
        verbose_name = _("điểm cuối cùng theo tiêu chí")
        verbose_name_plural = _("điểm cuối cùng theo tiêu chí")
        ordering = ["scoring_round", "unit", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["scoring_round", "unit", "criterion"], name="scoring_criterion_result_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.criterion.code}: {self.final_points}"
