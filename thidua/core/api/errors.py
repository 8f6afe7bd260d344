"""The single error envelope of the REST API: ``{"detail", "code", "fields"}`` (STYLE S17)."""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from thidua.core.exceptions import ApplicationError, CoreErrorCode

logger = logging.getLogger(__name__)


class ErrorOut(Schema):
    detail: str
    code: str
    fields: dict[str, list[str]] = {}


# Documented on every authenticated operation, so clients (and the schema fuzzer) know the error shapes.
ERROR_RESPONSES: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


# Write operations may also be refused (403), conflict with the current state (409) or get a non-JSON body (400).
WRITE_RESPONSES: dict[int, type[Schema]] = {**ERROR_RESPONSES, 403: ErrorOut, 409: ErrorOut}
# Primary keys that the API accepts: positive, within PostgreSQL's integer range (no overflow reaches the database).
MAX_ID = 2**31 - 1


def _envelope(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str, code: str, fields: Any = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "code": code, "fields": fields or {}}, status=status)


def _validation_fields(error: ValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for item in error.errors:
        loc = [str(part) for part in item.get("loc", []) if part not in ("body", "query", "path", "header", "payload")]
        fields.setdefault(".".join(loc) or "__all__", []).append(str(item.get("msg", "")))
    return fields


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return _envelope(api, request, exc.status_code, exc.message, str(exc.code), exc.fields)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return _envelope(
            api, request, 422, _("Dữ liệu gửi lên không hợp lệ."), CoreErrorCode.VALIDATION, _validation_fields(exc)
        )

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return _envelope(api, request, 401, _("Cần đăng nhập hoặc khóa API hợp lệ."), CoreErrorCode.NOT_AUTHENTICATED)

    @api.exception_handler(AuthorizationError)
    def authorization_error(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return _envelope(
            api, request, 404, _("Không tìm thấy hoặc bạn không có quyền truy cập."), CoreErrorCode.NOT_FOUND
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _envelope(
            api, request, 404, _("Không tìm thấy hoặc bạn không có quyền truy cập."), CoreErrorCode.NOT_FOUND
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _envelope(api, request, exc.status_code, str(exc), CoreErrorCode.BAD_REQUEST)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.error("api server error", exc_info=exc, extra={"path": request.path})
        return _envelope(api, request, 500, _("Lỗi máy chủ. Vui lòng thử lại sau."), CoreErrorCode.SERVER_ERROR)
