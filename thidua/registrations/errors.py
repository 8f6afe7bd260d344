from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class RegistrationsErrorCode(StrEnum):
    REGISTRATION_NOT_ALLOWED = "registration_not_allowed"
    REGISTRATION_NOT_EDITABLE = "registration_not_editable"
    REGISTRATION_NOT_SUBMITTED = "registration_not_submitted"
    REGISTRATION_EXISTS = "registration_exists"
    REGISTRATION_UNIT_NOT_IN_BLOC = "registration_unit_not_in_bloc"
    REGISTRATION_INVALID = "registration_invalid"


class RegistrationsError(ApplicationError):
    pass


class RegistrationNotAllowed(RegistrationsError):
    code = RegistrationsErrorCode.REGISTRATION_NOT_ALLOWED
    status_code = 403
    default_message = _("Bạn không có quyền thực hiện thao tác này với bản đăng ký thi đua.")


class RegistrationNotEditable(RegistrationsError):
    """A submitted registration is never edited: it is returned to the unit with a reason (issue 4)."""

    code = RegistrationsErrorCode.REGISTRATION_NOT_EDITABLE
    status_code = 409
    default_message = _("Bản đăng ký đã được gửi: chỉ sửa được khi đang soạn hoặc bị trả lại.")


class RegistrationNotSubmitted(RegistrationsError):
    code = RegistrationsErrorCode.REGISTRATION_NOT_SUBMITTED
    status_code = 409
    default_message = _("Chỉ trả lại được bản đăng ký đã gửi.")


class RegistrationExists(RegistrationsError):
    code = RegistrationsErrorCode.REGISTRATION_EXISTS
    status_code = 409
    default_message = _("Đơn vị đã có bản đăng ký thi đua của năm này.")


class RegistrationUnitNotInBloc(RegistrationsError):
    code = RegistrationsErrorCode.REGISTRATION_UNIT_NOT_IN_BLOC
    status_code = 409
    default_message = _("Đơn vị không là thành viên của khối thi đua nào trong năm này.")


class RegistrationInvalid(RegistrationsError):
    """Well-formed input that conflicts with the records: a title not in force, a person not of the unit (409)."""

    code = RegistrationsErrorCode.REGISTRATION_INVALID
    status_code = 409
    default_message = _("Bản đăng ký chưa hợp lệ. Vui lòng kiểm tra lại.")
