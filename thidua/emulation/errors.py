from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class EmulationErrorCode(StrEnum):
    BLOC_NOT_MANAGEABLE = "bloc_not_manageable"
    BLOC_UNIT_OUTSIDE_PROVINCE = "bloc_unit_outside_province"
    BLOC_PROVINCE_INVALID = "bloc_province_invalid"


class EmulationError(ApplicationError):
    pass


class BlocUnitOutsideProvince(EmulationError):
    code = EmulationErrorCode.BLOC_UNIT_OUTSIDE_PROVINCE
    status_code = 422
    default_message = _("Đơn vị không thuộc tỉnh của khối thi đua này.")


class BlocProvinceInvalid(EmulationError):
    code = EmulationErrorCode.BLOC_PROVINCE_INVALID
    status_code = 422
    default_message = _("Khối, cụm thi đua phải thuộc một tỉnh, thành phố.")


class BlocNotManageable(EmulationError):
    code = EmulationErrorCode.BLOC_NOT_MANAGEABLE
    status_code = 403
    default_message = _("Bạn không có quyền quản lý khối thi đua của tỉnh này.")
