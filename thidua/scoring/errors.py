"""Refusals of the scoring app. Requests that the schema allows but the records refuse answer 409 (issue 4's
convention), so that the API's schema fuzzing stays meaningful; a refused permission looks like "not found"."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class ScoringErrorCode(StrEnum):
    SCORING_NOT_ALLOWED = "scoring_not_allowed"
    SCORING_STATE = "scoring_state"
    SCORING_INVALID = "scoring_invalid"
    SCORING_CONFLICT = "scoring_conflict"
    CRITERIA_SET_NOT_EDITABLE = "criteria_set_not_editable"
    SHEET_NOT_EDITABLE = "score_sheet_not_editable"


class ScoringError(ApplicationError):
    pass


class ScoringNotAllowed(ScoringError):
    code = ScoringErrorCode.SCORING_NOT_ALLOWED
    status_code = 403
    default_message = _("Bạn không có quyền thực hiện thao tác này trong chấm điểm thi đua.")


class ScoringStateError(ScoringError):
    """The step is not possible in the round's (or sheet's) current state; the message says why."""

    code = ScoringErrorCode.SCORING_STATE
    status_code = 409
    default_message = _("Thao tác không thực hiện được ở giai đoạn chấm điểm hiện tại.")


class ScoringInvalid(ScoringError):
    """Well-formed input that the records refuse (points above the maximum, a unit outside the bloc…), per field."""

    code = ScoringErrorCode.SCORING_INVALID
    status_code = 409
    default_message = _("Dữ liệu chấm điểm chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.")


class ScoreSheetConflict(ScoringError):
    """Optimistic locking: someone saved the sheet since it was opened. Nothing was overwritten."""

    code = ScoringErrorCode.SCORING_CONFLICT
    status_code = 409
    default_message = _(
        "Bảng điểm vừa được người khác lưu sau khi bạn mở. Điểm bạn nhập chưa được lưu và vẫn còn trên màn hình: "
        "hãy mở bảng điểm ở thẻ mới để xem thay đổi, rồi nhập lại."
    )


class CriteriaSetNotEditable(ScoringError):
    code = ScoringErrorCode.CRITERIA_SET_NOT_EDITABLE
    status_code = 409
    default_message = _("Bộ tiêu chí đã được thông qua hoặc đã khoá: muốn sửa, hãy tạo phiên bản mới.")


class ScoreSheetNotEditable(ScoringError):
    code = ScoringErrorCode.SHEET_NOT_EDITABLE
    status_code = 409
    default_message = _("Bảng điểm đã gửi: chỉ sửa được khi đang chấm hoặc bị trả lại.")
