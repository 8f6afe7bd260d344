"""Application errors: each app subclasses ApplicationError with its own ErrorCode enum (STYLE S17, S23).

Views turn them into form errors or messages; the API turns them into the single error envelope
``{"detail", "code", "fields"}``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class CoreErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    VALIDATION = "validation_error"
    NOT_AUTHENTICATED = "not_authenticated"
    SERVER_ERROR = "server_error"
    BAD_REQUEST = "bad_request"


class ApplicationError(Exception):
    """A refusal the user can act on. ``message`` is translated; ``fields`` maps form fields to messages."""

    code: ClassVar[str] = CoreErrorCode.BAD_REQUEST
    status_code: ClassVar[int] = 400
    default_message: ClassVar[str | Promise] = _("Yêu cầu không hợp lệ.")

    def __init__(self, message: str | None = None, *, fields: dict[str, list[str]] | None = None) -> None:
        self.message = str(message or self.default_message)
        self.fields = fields or {}
        super().__init__(self.message)


class NotFound(ApplicationError):
    """Raised for a missing object *and* for one the actor may not see: the two must look the same (STYLE S12)."""

    code = CoreErrorCode.NOT_FOUND
    status_code = 404
    default_message = _("Không tìm thấy hoặc bạn không có quyền truy cập.")


class ValidationFailed(ApplicationError):
    code = CoreErrorCode.VALIDATION
    status_code = 422
    default_message = _("Dữ liệu chưa hợp lệ. Vui lòng kiểm tra lại.")
