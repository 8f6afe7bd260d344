"""Refusals of the initiatives app, with Vietnamese messages (STYLE S23)."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class InitiativesErrorCode(StrEnum):
    INITIATIVE_NOT_EDITABLE = "initiative_not_editable"
    RECOGNITION_NOT_ALLOWED = "recognition_not_allowed"
    RECOGNITION_BEFORE_APPLIED = "recognition_before_applied"
    RECOGNITION_LEVEL_NOT_HIGHER = "recognition_level_not_higher"
    RECOGNITION_OUT_OF_ORDER = "recognition_out_of_order"
    CONDITIONS_NOT_MET = "conditions_not_met"
    APPLIED_ON_LOCKED = "applied_on_locked"
    AUTHORS_INVALID = "authors_invalid"
    AUTHOR_NOT_IN_UNIT = "author_not_in_unit"
    INITIATIVE_INVALID = "initiative_invalid"


class InitiativesError(ApplicationError):
    pass


class InitiativeNotEditable(InitiativesError):
    code = InitiativesErrorCode.INITIATIVE_NOT_EDITABLE
    status_code = 403
    default_message = _("Chỉ đơn vị có sáng kiến mới được nhập và sửa sáng kiến này.")


class RecognitionNotAllowed(InitiativesError):
    code = InitiativesErrorCode.RECOGNITION_NOT_ALLOWED
    status_code = 403
    default_message = _(
        "Bạn không có quyền ghi nhận công nhận sáng kiến ở cấp này (cấp cơ sở: thủ trưởng đơn vị; "
        "cấp tỉnh, toàn quốc: Ban Thi đua – Khen thưởng tỉnh)."
    )


class RecognitionBeforeApplied(InitiativesError):
    code = InitiativesErrorCode.RECOGNITION_BEFORE_APPLIED
    status_code = 422
    default_message = _("Không thể công nhận sáng kiến trước ngày sáng kiến được áp dụng hoặc áp dụng thử.")


class RecognitionLevelNotHigher(InitiativesError):
    code = InitiativesErrorCode.RECOGNITION_LEVEL_NOT_HIGHER
    status_code = 409
    default_message = _(
        "Sáng kiến đã được công nhận ở cấp này hoặc cấp cao hơn; chỉ có thể công nhận tiếp ở cấp cao hơn."
    )


class RecognitionOutOfOrder(InitiativesError):
    code = InitiativesErrorCode.RECOGNITION_OUT_OF_ORDER
    status_code = 409
    default_message = _("Ngày công nhận không được trước ngày của lần công nhận gần nhất.")


class ConditionsNotMet(InitiativesError):
    code = InitiativesErrorCode.CONDITIONS_NOT_MET
    status_code = 422
    default_message = _(
        "Sáng kiến chưa đáp ứng đủ ba điều kiện của Nghị định 13/2012/NĐ-CP (có tính mới, đã áp dụng hoặc áp dụng "
        "thử, không thuộc đối tượng bị loại trừ)."
    )


class AppliedOnLocked(InitiativesError):
    code = InitiativesErrorCode.APPLIED_ON_LOCKED
    status_code = 409
    default_message = _("Ngày áp dụng không được sau ngày sáng kiến đã được công nhận.")


class AuthorsInvalid(InitiativesError):
    code = InitiativesErrorCode.AUTHORS_INVALID
    status_code = 422
    default_message = _(
        "Danh sách tác giả chưa hợp lệ: cần ít nhất một tác giả, không trùng nhau, tổng tỷ lệ đóng góp không quá 100%."
    )


class AuthorNotInUnit(InitiativesError):
    code = InitiativesErrorCode.AUTHOR_NOT_IN_UNIT
    status_code = 422
    default_message = _(
        "Có tác giả không công tác tại đơn vị vào ngày áp dụng sáng kiến; nếu là tác giả ngoài đơn vị, hãy đánh dấu."
    )


class InitiativeInvalid(InitiativesError):
    code = InitiativesErrorCode.INITIATIVE_INVALID
    status_code = 422
    default_message = _("Thông tin sáng kiến chưa hợp lệ. Vui lòng kiểm tra lại.")
