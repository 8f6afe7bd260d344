"""Pages of scoring: results (work in progress)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
