"""Sections of a person's page contributed by other apps: a declared extension API (like organizations.detail_sections).

The people app cannot import the apps built on it (awards, initiatives...), yet a person's page shows the person's
ratings and awards. Those apps register a provider in ``AppConfig.ready()``; the person page renders every section
returned, ordered by ``order``. A provider receives the :class:`~thidua.people.selectors.PersonView` the page shows
(never the row), decides itself whether the actor may see its section (an empty list when not), and must run a
bounded number of queries whatever the size of the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils.functional import Promise

if TYPE_CHECKING:
    from thidua.people.selectors import PersonView


@dataclass(frozen=True)
class PersonSection:
    title: str | Promise
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PersonSectionProvider = Callable[[HttpRequest, "PersonView"], list[PersonSection]]
_providers: list[PersonSectionProvider] = []


def person_section_provider_register(provider: PersonSectionProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def person_sections_for(request: HttpRequest, person: PersonView) -> list[PersonSection]:
    sections = [section for provider in _providers for section in provider(request, person)]
    return sorted(sections, key=lambda s: s.order)


def person_section_provider_unregister(provider: PersonSectionProvider) -> None:
    """Remove a provider (tests register their own and take them out again)."""
    if provider in _providers:
        _providers.remove(provider)
