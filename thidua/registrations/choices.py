from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")


class RegistrationAction(models.TextChoices):
    CREATED = "created", _("Tạo bản đăng ký")
    UPDATED = "updated", _("Sửa bản đăng ký")
    SUBMITTED = "submitted", _("Gửi bản đăng ký")
    RETURNED = "returned", _("Trả lại để sửa")
