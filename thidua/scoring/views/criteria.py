"""Pages of scoring: criteria (work in progress)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
