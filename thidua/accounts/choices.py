from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of emulation work. Each is granted in a scope and inherited down the unit tree (STYLE S10)."""

    PROVINCE_OFFICE = "province_office", _("Ban Thi đua – Khen thưởng tỉnh")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng Thi đua – Khen thưởng")
    BLOC_SECRETARIAT = "bloc_secretariat", _("Thư ký khối (đơn vị Khối trưởng)")
    UNIT_OFFICER = "unit_officer", _("Cán bộ làm công tác thi đua của đơn vị")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    DELEGATE = "delegate", _("Đại biểu dự hội nghị")


# Roles held at the level of the whole province: they must use two-factor authentication.
PROVINCE_ROLES = frozenset({Role.PROVINCE_OFFICE, Role.COUNCIL_MEMBER})
# Roles granted on a bloc; all the others are granted on a unit.
BLOC_ROLES = frozenset({Role.BLOC_SECRETARIAT})
