from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    DEPARTMENT = "department", _("Sở, cơ quan chuyên môn")
    AGENCY = "agency", _("Ban, ngành, cơ quan")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")
    PRESS = "press", _("Cơ quan báo chí")
    DISTRICT = "district", _("Huyện, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã, phường, thị trấn")
    DIVISION = "division", _("Phòng, ban trực thuộc")
    OTHER = "other", _("Khác")


class UnitChangeKind(models.TextChoices):
    """Kinds of organisational change (sắp xếp, tổ chức lại) that the emulation history must survive (DOMAIN §6.3)."""

    RENAME = "rename", _("Đổi tên")
    MERGE_INTO = "merge_into", _("Sáp nhập vào đơn vị khác")
    SPLIT = "split", _("Chia tách")
    TRANSFER_FUNCTION = "transfer_function", _("Chuyển giao chức năng, nhiệm vụ")
    TRANSFER_PARENT = "transfer_parent", _("Chuyển đơn vị cấp trên")
    CLOSE = "close", _("Giải thể, chấm dứt hoạt động")
