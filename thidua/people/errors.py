"""Refusals of the people app, with Vietnamese messages (STYLE S23)."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class PeopleErrorCode(StrEnum):
    PERSON_NOT_MANAGEABLE = "person_not_manageable"
    PERSONNEL_CODE_TAKEN = "personnel_code_taken"
    UNIT_NOT_ACTIVE = "unit_not_active"
    MOVE_DATE_INVALID = "move_date_invalid"
    END_DATE_INVALID = "end_date_invalid"
    PERSON_NOT_IN_SERVICE = "person_not_in_service"
    PERSON_INVALID = "person_invalid"


class PeopleError(ApplicationError):
    pass


class PersonNotManageable(PeopleError):
    code = PeopleErrorCode.PERSON_NOT_MANAGEABLE
    status_code = 403
    default_message = _("Bạn không có quyền quản lý nhân sự của đơn vị này.")


class PersonnelCodeTaken(PeopleError):
    code = PeopleErrorCode.PERSONNEL_CODE_TAKEN
    status_code = 409
    default_message = _("Mã cán bộ này đã được dùng cho một người khác.")


class UnitNotActive(PeopleError):
    code = PeopleErrorCode.UNIT_NOT_ACTIVE
    status_code = 422
    default_message = _("Đơn vị không còn hoặc chưa hoạt động vào ngày đã chọn.")


class MoveDateInvalid(PeopleError):
    code = PeopleErrorCode.MOVE_DATE_INVALID
    status_code = 422
    default_message = _("Ngày bắt đầu công tác mới phải sau ngày bắt đầu của vị trí công tác hiện tại.")


class EndDateInvalid(PeopleError):
    code = PeopleErrorCode.END_DATE_INVALID
    status_code = 422
    default_message = _("Ngày thôi công tác không được trước ngày bắt đầu của vị trí công tác hiện tại.")


class PersonNotInService(PeopleError):
    code = PeopleErrorCode.PERSON_NOT_IN_SERVICE
    status_code = 409
    default_message = _("Người này hiện không còn công tác tại đơn vị nào.")


class PersonInvalid(PeopleError):
    """Field-level problems found by the model's own validation; ``fields`` says which, in Vietnamese."""

    code = PeopleErrorCode.PERSON_INVALID
    status_code = 422
    default_message = _("Thông tin cá nhân chưa hợp lệ. Vui lòng kiểm tra lại.")
