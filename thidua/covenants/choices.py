from django.db import models
from django.utils.translation import gettext_lazy as _


class CovenantStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn thảo")
    OPEN = "open", _("Đang lấy ý kiến tiếp nhận")
    IN_FORCE = "in_force", _("Có hiệu lực")


class ReportPeriod(models.TextChoices):
    MID_TERM = "mid_term", _("Sơ kết giữa năm")
    YEAR_END = "year_end", _("Tổng kết cuối năm")
