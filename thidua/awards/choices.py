from django.db import models
from django.utils.translation import gettext_lazy as _


class TitleSubject(models.TextChoices):
    """Who receives a title or award form (DOMAIN §3.2, column "Subject")."""

    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


class TitleKind(models.TextChoices):
    """Danh hiệu thi đua (Luật TĐKT 2022 Điều 20–28) or hình thức khen thưởng (Điều 29 and following)."""

    EMULATION_TITLE = "title", _("Danh hiệu thi đua")
    AWARD_FORM = "award", _("Hình thức khen thưởng")
