"""Pages of scoring: exports (work in progress)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
