"""The home page's "waiting for you" panels: each app contributes what its roles have to do (a declared extension API).

A provider receives the request and returns zero or more :class:`HomePanel`; providers must run a bounded number of
queries whatever the user's roles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.functional import Promise


@dataclass(frozen=True)
class HomeItem:
    text: str | Promise
    url: str = ""
    badge: str = ""


@dataclass(frozen=True)
class HomePanel:
    title: str | Promise
    icon: str
    items: list[HomeItem] = field(default_factory=list)
    empty_text: str | Promise = ""
    order: int = 100


HomeProvider = Callable[[HttpRequest], Iterable[HomePanel]]
_providers: list[HomeProvider] = []


def home_provider_register(provider: HomeProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def home_panels_for(request: HttpRequest) -> list[HomePanel]:
    panels = [panel for provider in _providers for panel in provider(request)]
    return sorted(panels, key=lambda p: p.order)
