from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class OrganizationsErrorCode(StrEnum):
    UNIT_NOT_MANAGEABLE = "unit_not_manageable"


class OrganizationsError(ApplicationError):
    pass


class UnitNotManageable(OrganizationsError):
    code = OrganizationsErrorCode.UNIT_NOT_MANAGEABLE
    status_code = 403
    default_message = _("Bạn không có quyền quản lý đơn vị trong phạm vi này.")
