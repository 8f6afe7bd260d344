from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError


class ImportErrorCode(StrEnum):
    IMPORT_NOT_ALLOWED = "import_not_allowed"
    IMPORT_BATCH_NOT_PENDING = "import_batch_not_pending"
    IMPORT_BATCH_EXPIRED = "import_batch_expired"
    IMPORT_ROW_FAILED = "import_row_failed"


class ImportsError(ApplicationError):
    pass


class ImportNotAllowed(ImportsError):
    code = ImportErrorCode.IMPORT_NOT_ALLOWED
    status_code = 403
    default_message = _("Bạn không có quyền nhập loại dữ liệu này.")


class ImportBatchNotPending(ImportsError):
    code = ImportErrorCode.IMPORT_BATCH_NOT_PENDING
    status_code = 409
    default_message = _("Lô dữ liệu này đã được xử lý; không thể ghi lần nữa.")


class ImportBatchExpired(ImportsError):
    code = ImportErrorCode.IMPORT_BATCH_EXPIRED
    status_code = 409
    default_message = _("Bản xem trước đã hết hạn. Vui lòng tải tệp lên lại.")


class ImportRowFailed(ImportsError):
    """A service refused one row while the batch was being written; every row was rolled back."""

    code = ImportErrorCode.IMPORT_ROW_FAILED
    status_code = 422

    def __init__(self, *, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row
