from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeField(models.TextChoices):
    """Lĩnh vực of an initiative: the four kinds of solution of ND 13/2012/NĐ-CP Art 3 (Luật 06/2022 Art 3.4)."""

    TECHNICAL = "technical", _("Giải pháp kỹ thuật")
    MANAGEMENT = "management", _("Giải pháp quản lý")
    OPERATIONAL = "operational", _("Giải pháp tác nghiệp")
    TECHNICAL_ADVANCE = "technical_advance", _("Giải pháp ứng dụng tiến bộ kỹ thuật")


class RecognitionLevel(models.TextChoices):
    """Cấp công nhận sáng kiến (Luật 06/2022 Art 21–22): cơ sở → tỉnh → toàn quốc."""

    BASE = "base", _("Cấp cơ sở")
    PROVINCE = "province", _("Cấp tỉnh")
    NATIONAL = "national", _("Toàn quốc")


# Levels only go up: a later recognition must be at a strictly higher rank than the current one.
LEVEL_RANK = {RecognitionLevel.BASE: 1, RecognitionLevel.PROVINCE: 2, RecognitionLevel.NATIONAL: 3}
