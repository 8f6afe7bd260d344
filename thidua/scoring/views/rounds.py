"""Pages of scoring: rounds (work in progress)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
