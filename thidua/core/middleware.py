from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from thidua.core.audit import current_ip


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, through the trusted proxies configured by TRUSTED_PROXY_COUNT (as login throttling sees it)."""
    from allauth.account.adapter import get_adapter
    from django.core.exceptions import ImproperlyConfigured, PermissionDenied

    try:
        return str(get_adapter(request).get_client_ip(request))
    except (ImproperlyConfigured, PermissionDenied):
        return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    """Makes the client address available to audit records written while this request is served."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


class NotFoundMiddleware:
    """Renders the ordinary 404 page for ``NotFound`` raised by an access selector (missing or forbidden look alike)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.http import Http404

        from thidua.core.errors import page_not_found
        from thidua.core.exceptions import NotFound

        if isinstance(exception, NotFound):
            return page_not_found(request, Http404(exception.message))
        return None


class LanguageMiddleware:
    """Vietnamese first: the language is the one the user chose (cookie set by the switcher), else Vietnamese.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not consulted: officials often run browsers
    set to English, and the product's working language is Vietnamese (issue 2: "Vietnamese first").
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
