"""Links from bloc pages to other apps' pages, built without making those apps a hard dependency."""

from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.filter
def unit_url(unit_id: int) -> str:
    """The unit's page (organizations:unit-detail), or its well-known path while that page is not routed."""
    try:
        return reverse("organizations:unit-detail", kwargs={"unit_id": unit_id})
    except NoReverseMatch:
        return f"/don-vi/{unit_id}/"
