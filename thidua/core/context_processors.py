from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from thidua.core.navigation import nav_entries_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"nav_entries": nav_entries_for(request)}
