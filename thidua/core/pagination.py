"""Pagination for every list page: one helper, a fixed page size, and a bad page number never errors."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, queryset: QuerySet[Any], *, per_page: int | None = None) -> Page[Any]:
    """Return the requested page of ``queryset``; out-of-range or malformed ``?page=`` gives the nearest valid page."""
    paginator = Paginator(queryset, per_page or settings.THIDUA_PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def querystring_without_page(request: HttpRequest) -> str:
    """The current filters as a query string, so pagination links keep them."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
