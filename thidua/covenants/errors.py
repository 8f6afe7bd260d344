from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class CovenantsErrorCode(StrEnum):
    COVENANT_NOT_MANAGEABLE = "covenant_not_manageable"
    COVENANT_EXISTS = "covenant_exists"
    COVENANT_NOT_DRAFT = "covenant_not_draft"
    COVENANT_NOT_OPEN = "covenant_not_open"
    COVENANT_NO_MEMBERS = "covenant_no_members"
    COVENANT_UNIT_NOT_MEMBER = "covenant_unit_not_member"
    COVENANT_ACKNOWLEDGE_REFUSED = "covenant_acknowledge_refused"
    COVENANT_ALREADY_ACKNOWLEDGED = "covenant_already_acknowledged"
    UNIT_COVENANT_REFUSED = "unit_covenant_refused"
    UNIT_COVENANT_EXISTS = "unit_covenant_exists"
    REPORT_REFUSED = "covenant_report_refused"
    REPORT_EXISTS = "covenant_report_exists"
    REPORT_NOT_YET = "covenant_report_not_yet"


class CovenantsError(ApplicationError):
    pass


class CovenantNotManageable(CovenantsError):
    code = CovenantsErrorCode.COVENANT_NOT_MANAGEABLE
    status_code = 403
    default_message = _("Chỉ thư ký khối hoặc Ban Thi đua – Khen thưởng tỉnh mới soạn thảo giao ước của khối.")


class CovenantExists(CovenantsError):
    code = CovenantsErrorCode.COVENANT_EXISTS
    status_code = 409
    default_message = _("Khối đã có giao ước thi đua cho năm này.")


class CovenantNotDraft(CovenantsError):
    code = CovenantsErrorCode.COVENANT_NOT_DRAFT
    status_code = 409
    default_message = _("Giao ước đã được mở để các đơn vị tiếp nhận: không thể sửa nữa.")


class CovenantNotOpen(CovenantsError):
    code = CovenantsErrorCode.COVENANT_NOT_OPEN
    status_code = 409
    default_message = _("Giao ước chưa được mở để các đơn vị tiếp nhận.")


class CovenantNoMembers(CovenantsError):
    code = CovenantsErrorCode.COVENANT_NO_MEMBERS
    status_code = 422
    default_message = _("Khối chưa có thành viên trong năm này: chưa thể mở giao ước.")


class CovenantUnitNotMember(CovenantsError):
    code = CovenantsErrorCode.COVENANT_UNIT_NOT_MEMBER
    status_code = 422
    default_message = _("Đơn vị không phải thành viên của khối trong năm của giao ước.")


class CovenantAcknowledgeRefused(CovenantsError):
    code = CovenantsErrorCode.COVENANT_ACKNOWLEDGE_REFUSED
    status_code = 403
    default_message = _("Chỉ Thủ trưởng đơn vị mới tiếp nhận giao ước thay cho đơn vị.")


class CovenantAlreadyAcknowledged(CovenantsError):
    code = CovenantsErrorCode.COVENANT_ALREADY_ACKNOWLEDGED
    status_code = 409
    default_message = _("Đơn vị đã tiếp nhận giao ước này.")


class UnitCovenantRefused(CovenantsError):
    code = CovenantsErrorCode.UNIT_COVENANT_REFUSED
    status_code = 403
    default_message = _("Chỉ cán bộ thi đua hoặc Thủ trưởng của đơn vị mới ghi nhận giao ước với UBND tỉnh.")


class UnitCovenantExists(CovenantsError):
    code = CovenantsErrorCode.UNIT_COVENANT_EXISTS
    status_code = 409
    default_message = _("Đơn vị đã có giao ước với UBND tỉnh cho năm này.")


class ReportRefused(CovenantsError):
    code = CovenantsErrorCode.REPORT_REFUSED
    status_code = 403
    default_message = _("Chỉ cán bộ thi đua hoặc Thủ trưởng của đơn vị mới báo cáo kết quả thực hiện chỉ tiêu.")


class ReportExists(CovenantsError):
    code = CovenantsErrorCode.REPORT_EXISTS
    status_code = 409
    default_message = _("Chỉ tiêu này đã có báo cáo cho kỳ này.")


class ReportNotYet(CovenantsError):
    code = CovenantsErrorCode.REPORT_NOT_YET
    status_code = 409
    default_message = _("Giao ước của khối chưa được mở: chưa thể báo cáo kết quả thực hiện.")
