from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class EmulationErrorCode(StrEnum):
    BLOC_NOT_MANAGEABLE = "bloc_not_manageable"


class EmulationError(ApplicationError):
    pass


class BlocNotManageable(EmulationError):
    code = EmulationErrorCode.BLOC_NOT_MANAGEABLE
    status_code = 403
    default_message = _("Bạn không có quyền quản lý khối thi đua của tỉnh này.")
