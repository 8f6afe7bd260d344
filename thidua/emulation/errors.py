from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class EmulationErrorCode(StrEnum):
    BLOC_NOT_MANAGEABLE = "bloc_not_manageable"
    BLOC_UNIT_OUTSIDE_PROVINCE = "bloc_unit_outside_province"
    BLOC_PROVINCE_INVALID = "bloc_province_invalid"
    BLOC_NAME_TAKEN = "bloc_name_taken"
    BLOC_UNIT_ALREADY_SEATED = "bloc_unit_already_seated"
    BLOC_UNIT_INACTIVE = "bloc_unit_inactive"
    BLOC_SEAT_DATE_INVALID = "bloc_seat_date_invalid"
    BLOC_LEADER_TAKEN = "bloc_leader_taken"
    BLOC_SEAT_CHANGE_REFUSED = "bloc_seat_change_refused"
    BLOC_YEAR_NOT_EMPTY = "bloc_year_not_empty"
    BLOC_YEAR_NOTHING_TO_COPY = "bloc_year_nothing_to_copy"
    BLOC_YEAR_NOT_READY = "bloc_year_not_ready"
    BLOC_YEAR_ALREADY_CONFIRMED = "bloc_year_already_confirmed"


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


class BlocNameTaken(EmulationError):
    code = EmulationErrorCode.BLOC_NAME_TAKEN
    status_code = 409
    default_message = _("Tỉnh đã có một khối, cụm thi đua mang tên này.")


class BlocUnitAlreadySeated(EmulationError):
    """A unit belongs to at most one bloc in a given year (issue 3)."""

    code = EmulationErrorCode.BLOC_UNIT_ALREADY_SEATED
    status_code = 409
    default_message = _("Đơn vị đã là thành viên của một khối thi đua trong năm này.")


class BlocUnitInactive(EmulationError):
    code = EmulationErrorCode.BLOC_UNIT_INACTIVE
    status_code = 422
    default_message = _("Đơn vị không hoạt động trong thời gian này.")


class BlocSeatDateInvalid(EmulationError):
    code = EmulationErrorCode.BLOC_SEAT_DATE_INVALID
    status_code = 422
    default_message = _("Ngày tham gia hoặc rời khối không hợp lệ.")


class BlocLeaderTaken(EmulationError):
    """Exactly one Khối trưởng per bloc and year (DOMAIN R15): a new one replaces the old through the role change."""

    code = EmulationErrorCode.BLOC_LEADER_TAKEN
    status_code = 409
    default_message = _("Khối đã có Khối trưởng trong năm này: hãy dùng chức năng đổi vai trò.")


class BlocSeatChangeRefused(EmulationError):
    code = EmulationErrorCode.BLOC_SEAT_CHANGE_REFUSED
    status_code = 409
    default_message = _("Không thể thay đổi thành viên khối như yêu cầu.")


class BlocYearNotEmpty(EmulationError):
    code = EmulationErrorCode.BLOC_YEAR_NOT_EMPTY
    status_code = 409
    default_message = _("Năm này của khối đã có thành viên hoặc đã được xác nhận: không thể sao chép từ năm trước.")


class BlocYearNothingToCopy(EmulationError):
    code = EmulationErrorCode.BLOC_YEAR_NOTHING_TO_COPY
    status_code = 422
    default_message = _("Năm trước khối không có thành viên nào để sao chép.")


class BlocYearNotReady(EmulationError):
    """Confirming needs exactly one Khối trưởng and at least one Khối phó among the members (DOMAIN R15)."""

    code = EmulationErrorCode.BLOC_YEAR_NOT_READY
    status_code = 422
    default_message = _("Chưa thể xác nhận thành phần khối trong năm này.")


class BlocYearAlreadyConfirmed(EmulationError):
    code = EmulationErrorCode.BLOC_YEAR_ALREADY_CONFIRMED
    status_code = 409
    default_message = _("Thành phần khối trong năm này đã được xác nhận.")
