from django.urls import path  # noqa: F401

app_name = "organizations"
urlpatterns: list = []  # type: ignore[type-arg]
