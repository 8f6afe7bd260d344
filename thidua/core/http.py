"""Typed requests for views: what the middleware stack guarantees, so views need no ``type: ignore``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from thidua.accounts.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request behind LoginRequiredMixin: ``user`` is a signed-in :class:`~thidua.accounts.models.User`."""

    user: User
