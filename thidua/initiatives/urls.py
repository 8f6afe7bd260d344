from django.urls import path  # noqa: F401

app_name = "initiatives"
urlpatterns: list = []  # type: ignore[type-arg]
