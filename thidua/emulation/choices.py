from django.db import models
from django.utils.translation import gettext_lazy as _


class BlocKind(models.TextChoices):
    BLOC = "bloc", _("Khối thi đua")
    CLUSTER = "cluster", _("Cụm thi đua")


class BlocRole(models.TextChoices):
    LEADER = "leader", _("Khối trưởng")
    DEPUTY = "deputy", _("Khối phó")
    MEMBER = "member", _("Thành viên")


class BlocYearStatus(models.TextChoices):
    DRAFT = "draft", _("Đang lập")
    CONFIRMED = "confirmed", _("Đã xác nhận")


class CopySkipReason(models.TextChoices):
    """Why a seat of the previous year was not copied into the new year."""

    ENDED = "ended", _("Đơn vị đã chấm dứt hoạt động trước năm mới")
    LEFT = "left", _("Đơn vị đã rời khối trong năm trước")
    ELSEWHERE = "elsewhere", _("Đơn vị đã thuộc một khối khác trong năm mới")
