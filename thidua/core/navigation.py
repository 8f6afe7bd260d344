"""The navigation: each app declares its entries with the check that decides who sees them (a declared extension API).

Apps register entries in ``AppConfig.ready()``; the context processor keeps only those the user's roles allow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    icon: str
    is_visible: Callable[[HttpRequest], bool]
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_entries: dict[str, NavEntry] = {}


def nav_register(entry: NavEntry) -> None:
    _entries[entry.url_name] = entry


def nav_entries_for(request: HttpRequest) -> list[NavEntry]:
    if not request.user.is_authenticated:
        return []
    return [entry for entry in sorted(_entries.values(), key=lambda e: e.order) if entry.is_visible(request)]
