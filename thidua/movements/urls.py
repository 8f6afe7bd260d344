from django.urls import path  # noqa: F401

app_name = "movements"
urlpatterns: list = []  # type: ignore[type-arg]
