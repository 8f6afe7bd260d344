from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from thidua.core.navigation import nav_entries_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu, computed only when a template shows it: HTMX partials and fragments never pay for it."""
    return {"nav_entries": SimpleLazyObject(lambda: nav_entries_for(request))}
