from django.db import models
from django.utils.translation import gettext_lazy as _


class CriteriaSetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    APPROVED = "approved", _("Đã thông qua")
    LOCKED = "locked", _("Đã khoá (đang chấm điểm)")


class CriterionKind(models.TextChoices):
    SCORED = "scored", _("Tiêu chí chấm điểm")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class CheckingMode(models.TextChoices):
    SECRETARIAT = "secretariat", _("Thư ký khối kiểm tra")
    PANEL = "panel", _("Tổ chấm điểm kiểm tra")
    CROSS = "cross", _("Các đơn vị chấm chéo")


class ConsolidationMethod(models.TextChoices):
    CHECKER = "checker", _("Điểm của người kiểm tra")
    MEAN = "mean", _("Trung bình cộng các điểm chấm")
    MEDIAN = "median", _("Trung vị các điểm chấm")


class TieBreak(models.TextChoices):
    BONUS_DESC = "bonus_desc", _("Nhiều điểm thưởng hơn")
    PENALTY_ASC = "penalty_asc", _("Ít điểm trừ hơn")
    SCORED_DESC = "scored_desc", _("Điểm chấm (chưa cộng, trừ) cao hơn")


class RoundStatus(models.TextChoices):
    PREPARING = "preparing", _("Chuẩn bị")
    SCORING = "scoring", _("Đang chấm điểm")
    CONSOLIDATED = "consolidated", _("Đã tổng hợp")
    APPEAL = "appeal", _("Đang nhận khiếu nại")
    PUBLISHED = "published", _("Đã công bố")


class SheetKind(models.TextChoices):
    SELF = "self", _("Tự chấm")
    CHECK = "check", _("Chấm kiểm tra")


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chấm")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")


class ScorerKind(models.TextChoices):
    UNIT = "unit", _("Đơn vị chấm chéo")
    SECRETARIAT = "secretariat", _("Thư ký khối")
    PANEL_MEMBER = "panel", _("Thành viên tổ chấm")


class AssignmentStatus(models.TextChoices):
    ACTIVE = "active", _("Đang chấm")
    REPLACED = "replaced", _("Đã thay (xung đột lợi ích)")


class AssignmentMethod(models.TextChoices):
    ROUND_ROBIN = "round_robin", _("Xoay vòng")
    RANDOM = "random", _("Ngẫu nhiên, cân bằng")


class AppealStatus(models.TextChoices):
    OPEN = "open", _("Chờ trả lời")
    ACCEPTED = "accepted", _("Chấp nhận")
    REJECTED = "rejected", _("Không chấp nhận")
