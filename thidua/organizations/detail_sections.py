"""Sections of a unit's page contributed by other apps: a declared extension API (like core.home).

The organisations app cannot import the apps built on it (emulation, people...), yet a unit's page shows the unit's
history in the blocs and its people. Those apps register a provider in ``AppConfig.ready()``; the unit page renders
every section returned. A provider must run a bounded number of queries whatever the size of the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils.functional import Promise

if TYPE_CHECKING:
    from thidua.organizations.models import Unit


@dataclass(frozen=True)
class UnitSection:
    title: str | Promise
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


UnitSectionProvider = Callable[[HttpRequest, "Unit"], list[UnitSection]]
_providers: list[UnitSectionProvider] = []


def unit_section_provider_register(provider: UnitSectionProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def unit_sections_for(request: HttpRequest, unit: Unit) -> list[UnitSection]:
    sections = [section for provider in _providers for section in provider(request, unit)]
    return sorted(sections, key=lambda s: s.order)


def unit_section_provider_unregister(provider: UnitSectionProvider) -> None:
    """Remove a provider (tests register their own and take them out again)."""
    if provider in _providers:
        _providers.remove(provider)
