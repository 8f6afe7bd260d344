"""Refusals of the awards app, with Vietnamese messages (STYLE S23).

403: the actor may not record this fact; 404: a subject that is missing or out of reach (the same answer, S12);
409: the records refuse the change (a duplicate, an award already revoked, a case already closed); 422: the input
itself is invalid (years outside 2000–2100, incoherent dates).
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class AwardsErrorCode(StrEnum):
    FACT_NOT_EDITABLE = "fact_not_editable"
    PARAMETER_NOT_EDITABLE = "parameter_not_editable"
    FACT_INVALID = "fact_invalid"
    FACT_CONFLICT = "fact_conflict"
    AWARD_ALREADY_REVOKED = "award_already_revoked"
    CASE_ALREADY_CLOSED = "case_already_closed"
    IMPORT_INVALID = "import_invalid"
    IMPORT_CONFLICT = "import_conflict"
    IMPORT_NOT_FOUND = "import_not_found"


class AwardsError(ApplicationError):
    pass


class FactNotEditable(AwardsError):
    code = AwardsErrorCode.FACT_NOT_EDITABLE
    status_code = 403
    default_message = _(
        "Bạn không có quyền ghi nhận thông tin khen thưởng của cá nhân, tập thể này (Ban Thi đua – Khen thưởng tỉnh; "
        "thủ trưởng, cán bộ thi đua của đơn vị)."
    )


class ParameterNotEditable(AwardsError):
    code = AwardsErrorCode.PARAMETER_NOT_EDITABLE
    status_code = 403
    default_message = _("Chỉ Ban Thi đua – Khen thưởng của tỉnh mới được điều chỉnh tham số quy tắc của tỉnh.")


class FactInvalid(AwardsError):
    code = AwardsErrorCode.FACT_INVALID
    status_code = 422
    default_message = _("Thông tin chưa hợp lệ. Vui lòng kiểm tra lại.")


class FactConflict(AwardsError):
    code = AwardsErrorCode.FACT_CONFLICT
    status_code = 409
    default_message = _("Thông tin này đã được ghi nhận trước đó.")


class AwardAlreadyRevoked(AwardsError):
    code = AwardsErrorCode.AWARD_ALREADY_REVOKED
    status_code = 409
    default_message = _("Khen thưởng này đã bị hủy bỏ.")


class CaseAlreadyClosed(AwardsError):
    code = AwardsErrorCode.CASE_ALREADY_CLOSED
    status_code = 409
    default_message = _("Vụ việc này đã kết thúc.")


class ImportInvalid(AwardsError):
    code = AwardsErrorCode.IMPORT_INVALID
    status_code = 422
    default_message = _("Có dòng chưa hợp lệ; không dòng nào được nhập. Xem lỗi của từng dòng.")


class ImportConflict(AwardsError):
    code = AwardsErrorCode.IMPORT_CONFLICT
    status_code = 409
    default_message = _("Có dòng trùng với dữ liệu đã ghi nhận; không dòng nào được nhập. Xem lỗi của từng dòng.")


class ImportNotFound(AwardsError):
    code = AwardsErrorCode.IMPORT_NOT_FOUND
    status_code = 404
    default_message = _(
        "Có dòng nêu cá nhân, tập thể hoặc danh hiệu không tìm thấy hoặc bạn không có quyền; không dòng nào được nhập."
    )


# --- Proposals and decisions (issue 6) ---------------------------------------------------------------------------------


class DossierErrorCode(StrEnum):
    DOSSIER_NOT_ALLOWED = "dossier_not_allowed"
    DOSSIER_INVALID = "dossier_invalid"
    DOSSIER_WRONG_STATE = "dossier_wrong_state"
    DOSSIER_QUOTA_EXCEEDED = "dossier_quota_exceeded"
    DOSSIER_INCOMPLETE = "dossier_incomplete"
    INITIATIVE_ALREADY_USED = "initiative_already_used"
    DECISION_INVALID = "decision_invalid"


class DossierNotAllowed(AwardsError):
    code = DossierErrorCode.DOSSIER_NOT_ALLOWED
    status_code = 403
    default_message = _("Bạn không có quyền thực hiện thao tác này trên hồ sơ đề nghị khen thưởng.")


class DossierInvalid(AwardsError):
    code = DossierErrorCode.DOSSIER_INVALID
    status_code = 422
    default_message = _("Thông tin hồ sơ đề nghị chưa hợp lệ. Vui lòng kiểm tra lại.")


class DossierWrongState(AwardsError):
    code = DossierErrorCode.DOSSIER_WRONG_STATE
    status_code = 409
    default_message = _("Hồ sơ đang ở bước không cho phép thao tác này.")


class DossierQuotaExceeded(AwardsError):
    code = DossierErrorCode.DOSSIER_QUOTA_EXCEEDED
    status_code = 409
    default_message = _("Số lượng đề nghị vượt tỷ lệ cho phép.")


class DossierIncomplete(AwardsError):
    code = DossierErrorCode.DOSSIER_INCOMPLETE
    status_code = 422
    default_message = _("Hồ sơ còn thiếu thành phần bắt buộc.")


class InitiativeAlreadyUsed(AwardsError):
    code = DossierErrorCode.INITIATIVE_ALREADY_USED
    status_code = 409
    default_message = _("Sáng kiến đã được dùng làm căn cứ cho một đề nghị khác (mỗi sáng kiến chỉ dùng một lần).")


class DecisionInvalid(AwardsError):
    code = DossierErrorCode.DECISION_INVALID
    status_code = 422
    default_message = _("Thông tin quyết định khen thưởng chưa hợp lệ.")
