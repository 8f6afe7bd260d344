from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatchStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Đang xem trước")
    APPLIED = "applied", _("Đã ghi vào hệ thống")
    FAILED = "failed", _("Không ghi được")
    EXPIRED = "expired", _("Hết hạn")
