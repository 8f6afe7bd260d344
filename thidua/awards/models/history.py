"""The facts the eligibility rules read, recorded per person or collective (DOMAIN §3.3–§3.5, §4, §8).

History follows the **person**, never the unit they were in (DOMAIN §6.3): every individual fact hangs on
``people.Person``. Collective facts hang on ``organizations.Unit``. Facts with a subject that is either a person or a
unit carry both foreign keys with a check constraint that exactly one is set.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.models.subjects import one_subject_constraint, subject_person_fk, subject_unit_fk
from thidua.awards.rules.context import AwardKind, DisciplineLevel, Rating
from thidua.core.models import BaseModel
from thidua.initiatives.choices import RecognitionLevel

YEAR_MIN = 2000
YEAR_MAX = 2100
_YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


class RatingLevel(models.TextChoices):
    """Mức xếp loại chất lượng (Nghị định 90/2020/NĐ-CP), the values the rules read (``rules.context.Rating``)."""

    EXCELLENT = Rating.EXCELLENT.value, _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = Rating.GOOD.value, _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = Rating.COMPLETED.value, _("Hoàn thành nhiệm vụ")
    FAILED = Rating.FAILED.value, _("Không hoàn thành nhiệm vụ")


class AwardRecordKind(models.TextChoices):
    """Loại khen thưởng (Luật 06/2022 Điều 8); đột xuất and chuyên đề never count towards merit rules (R19)."""

    MERIT = AwardKind.MERIT.value, _("Công trạng, thành tích thường xuyên")
    MOVEMENT = AwardKind.MOVEMENT.value, _("Theo phong trào thi đua")
    SPECIAL = AwardKind.SPECIAL.value, _("Đột xuất")
    THEMATIC = AwardKind.THEMATIC.value, _("Chuyên đề")


class AwardRecordSource(models.TextChoices):
    IMPORTED = "imported", _("Nhập lịch sử")
    DECISION = "decision", _("Từ quyết định khen thưởng")


class DisciplineLevelChoice(models.TextChoices):
    """Hình thức kỷ luật, mildest first (``rules.context.DisciplineLevel``)."""

    REPRIMAND = DisciplineLevel.REPRIMAND.value, _("Khiển trách")
    WARNING = DisciplineLevel.WARNING.value, _("Cảnh cáo")
    HEAVIER = DisciplineLevel.HEAVIER.value, _("Hạ bậc lương, giáng chức, cách chức, buộc thôi việc")


class PendingCaseKind(models.TextChoices):
    """What is being verified while no award may be proposed (NĐ 152/2025 Điều 4, R16)."""

    DISCIPLINE = "discipline", _("Đang xem xét kỷ luật")
    INVESTIGATION = "investigation", _("Đang điều tra")
    INSPECTION = "inspection", _("Đang thanh tra, kiểm tra")
    COMPLAINT = "complaint", _("Đang giải quyết khiếu nại, tố cáo")
    PRESS_REPORT = "press_report", _("Báo chí nêu dấu hiệu vi phạm đang xác minh")


class ScienceWorkLevel(models.TextChoices):
    """Cấp của đề tài, đề án, công trình KH&CN, on the same scale as initiatives' recognition levels."""

    BASE = RecognitionLevel.BASE.value, _("Cấp cơ sở")
    PROVINCE = RecognitionLevel.PROVINCE.value, _("Cấp tỉnh")
    NATIONAL = RecognitionLevel.NATIONAL.value, _("Cấp quốc gia")


class TaskRating(BaseModel):
    """Xếp loại mức độ hoàn thành nhiệm vụ của một cá nhân hoặc tập thể trong một năm (NĐ 90/2020/NĐ-CP).

    One rating per subject and year. ``source`` says where it comes from (the unit's assessment record, an import).
    """

    person = subject_person_fk("task_ratings")
    unit = subject_unit_fk("task_ratings")
    year = models.PositiveSmallIntegerField(_("năm"), validators=_YEAR_VALIDATORS)
    rating = models.CharField(_("mức xếp loại"), max_length=10, choices=RatingLevel.choices)
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("xếp loại mức độ hoàn thành nhiệm vụ")
        verbose_name_plural = _("xếp loại mức độ hoàn thành nhiệm vụ")
        ordering = ["-year", "id"]
        constraints = [
            one_subject_constraint("awards_taskrating_one_subject"),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=models.Q(person__isnull=False),
                name="awards_taskrating_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"], condition=models.Q(unit__isnull=False), name="awards_taskrating_unit_year"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX), name="awards_taskrating_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} — {self.year}: {self.get_rating_display()}"


class AwardRecord(BaseModel):
    """Danh hiệu thi đua, hình thức khen thưởng đã được tặng: the history the rules count (imported or decided).

    ``year`` is the achievement year (năm đạt thành tích), not the decision's. A revoked award (Luật 06/2022 chương
    VII) stays with ``is_revoked`` and the revoking decision, and stops counting in every rule.
    """

    person = subject_person_fk("award_records")
    unit = subject_unit_fk("award_records")
    title = models.ForeignKey(
        "awards.Title", verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT, related_name="records"
    )
    year = models.PositiveSmallIntegerField(_("năm đạt thành tích"), validators=_YEAR_VALIDATORS)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    decided_by_body = models.CharField(_("cơ quan, người quyết định"), max_length=300, blank=True)
    kind = models.CharField(
        _("loại khen thưởng"), max_length=10, choices=AwardRecordKind.choices, default=AwardRecordKind.MERIT
    )
    is_revoked = models.BooleanField(_("đã bị hủy bỏ"), default=False)
    revoked_on = models.DateField(_("ngày hủy bỏ"), null=True, blank=True)
    revocation_reference = models.CharField(_("quyết định hủy bỏ"), max_length=120, blank=True)
    revocation_reason = models.CharField(_("lý do hủy bỏ"), max_length=1000, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=10, choices=AwardRecordSource.choices, default=AwardRecordSource.IMPORTED
    )
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("khen thưởng đã nhận")
        ordering = ["-year", "-decided_on", "id"]
        constraints = [
            one_subject_constraint("awards_awardrecord_one_subject"),
            models.CheckConstraint(
                condition=models.Q(year__gte=YEAR_MIN, year__lte=YEAR_MAX), name="awards_awardrecord_year_range"
            ),
            models.CheckConstraint(
                condition=models.Q(is_revoked=False, revoked_on__isnull=True, revocation_reference="")
                | models.Q(is_revoked=True, revoked_on__isnull=False, revoked_on__gte=models.F("decided_on")),
                name="awards_awardrecord_revocation",
            ),
            # The same decision cannot award the same title twice to one subject for one year (re-imports).
            models.UniqueConstraint(
                fields=["person", "title", "year", "decision_number"],
                condition=models.Q(person__isnull=False),
                name="awards_awardrecord_person_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "title", "year", "decision_number"],
                condition=models.Q(unit__isnull=False),
                name="awards_awardrecord_unit_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["title", "year"], name="awards_awardrecord_title_idx"),
            models.Index(fields=["person", "year"], name="awards_awardrecord_person_idx"),
            models.Index(fields=["unit", "year"], name="awards_awardrecord_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year} — {self.person or self.unit} ({self.decision_number})"


class DisciplineRecord(BaseModel):
    """Kỷ luật: a disciplinary measure on a person. Blocks collective titles (≥ cảnh cáo, R06/R07) and awards until
    it ends; achievements count again from ``ends_on`` (NĐ 152/2025 Điều 4, R16)."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="discipline_records"
    )
    level = models.CharField(_("hình thức kỷ luật"), max_length=12, choices=DisciplineLevelChoice.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    ends_on = models.DateField(_("ngày hết thời hạn"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("decided_on")),
                name="awards_discipline_dates",
            ),
        ]
        indexes = [models.Index(fields=["person", "decided_on"], name="awards_discipline_person_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_level_display()} ({self.decision_number})"


class PendingCase(BaseModel):
    """Đang xem xét kỷ luật, điều tra, thanh tra, kiểm tra, giải quyết khiếu nại tố cáo: while open, the subject may
    not be proposed (NĐ 152/2025 Điều 4, R16)."""

    person = subject_person_fk("pending_cases")
    unit = subject_unit_fk("pending_cases")
    kind = models.CharField(_("loại vụ việc"), max_length=15, choices=PendingCaseKind.choices)
    opened_on = models.DateField(_("ngày bắt đầu"))
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    reference = models.CharField(_("văn bản, căn cứ"), max_length=300, blank=True)
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("vụ việc đang xem xét")
        verbose_name_plural = _("vụ việc đang xem xét")
        ordering = ["-opened_on", "id"]
        constraints = [
            one_subject_constraint("awards_pendingcase_one_subject"),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("opened_on")),
                name="awards_pendingcase_dates",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "opened_on"], name="awards_pendingcase_person_idx"),
            models.Index(fields=["unit", "opened_on"], name="awards_pendingcase_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} — {self.get_kind_display()} ({self.opened_on:%d/%m/%Y})"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class LeavePeriod(BaseModel):
    """Nghỉ thai sản: counted as working time for awards (NĐ 152/2025 Điều 4, R17)."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="leave_periods"
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("thời gian nghỉ thai sản")
        verbose_name_plural = _("thời gian nghỉ thai sản")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="awards_leaveperiod_dates"
            ),
        ]
        indexes = [models.Index(fields=["person", "starts_on"], name="awards_leaveperiod_person_idx")]

    def __str__(self) -> str:
        return f"{self.person} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"


class ScienceWork(BaseModel):
    """Đề tài, đề án, công trình khoa học và công nghệ đã nghiệm thu: an alternative to an initiative for CSTĐCS
    and the higher titles (Luật 06/2022 Điều 21–23; R02, R04, R05, R09)."""

    person = models.ForeignKey(
        "people.Person", verbose_name=_("chủ nhiệm, tác giả"), on_delete=models.PROTECT, related_name="science_works"
    )
    title = models.CharField(_("tên đề tài, đề án, công trình"), max_length=300)
    level = models.CharField(_("cấp"), max_length=10, choices=ScienceWorkLevel.choices)
    accepted_on = models.DateField(_("ngày nghiệm thu"))
    is_applied = models.BooleanField(_("đã được áp dụng"), default=False)
    decision_number = models.CharField(_("số quyết định nghiệm thu"), max_length=60, blank=True)
    note = models.CharField(_("ghi chú"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("đề tài, đề án, công trình KH&CN")
        verbose_name_plural = _("đề tài, đề án, công trình KH&CN")
        ordering = ["-accepted_on", "id"]
        indexes = [models.Index(fields=["person", "accepted_on"], name="awards_sciencework_person_idx")]

    def __str__(self) -> str:
        return self.title
