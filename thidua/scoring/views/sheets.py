"""Pages of scoring: sheets (work in progress)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
