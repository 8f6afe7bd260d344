from django.db import models
from django.utils.translation import gettext_lazy as _


class MovementKind(models.TextChoices):
    """Hình thức tổ chức phong trào thi đua (Luật Thi đua, khen thưởng 06/2022/QH15, Điều 8; DOMAIN §2.3)."""

    REGULAR = "regular", _("Thường xuyên")
    CAMPAIGN = "campaign", _("Theo đợt")
    THEMATIC = "thematic", _("Chuyên đề")
    ANNUAL = "annual", _("Hằng năm")
    FIVE_YEAR = "five_year", _("5 năm")


class MovementStatus(models.TextChoices):
    LAUNCHED = "launched", _("Đã phát động")
    MID_TERM_REVIEWED = "mid_term_reviewed", _("Đã sơ kết")
    FINAL_REVIEWED = "final_reviewed", _("Đã tổng kết")


class MovementReviewKind(models.TextChoices):
    MID_TERM = "mid_term", _("Sơ kết")
    FINAL = "final", _("Tổng kết")
