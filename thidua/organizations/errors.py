from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class OrganizationsErrorCode(StrEnum):
    UNIT_NOT_MANAGEABLE = "unit_not_manageable"
    UNIT_CHANGE_INVALID = "unit_change_invalid"


class OrganizationsError(ApplicationError):
    pass


class UnitNotManageable(OrganizationsError):
    code = OrganizationsErrorCode.UNIT_NOT_MANAGEABLE
    status_code = 403
    default_message = _("Bạn không có quyền quản lý đơn vị trong phạm vi này.")


class UnitChangeInvalid(OrganizationsError):
    """A change whose shape does not fit its kind; ``message`` says what is wrong, in Vietnamese."""

    code = OrganizationsErrorCode.UNIT_CHANGE_INVALID
    status_code = 422
    default_message = _("Thay đổi tổ chức không hợp lệ.")
