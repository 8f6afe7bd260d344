from django.urls import path  # noqa: F401

app_name = "covenants"
urlpatterns: list = []  # type: ignore[type-arg]
