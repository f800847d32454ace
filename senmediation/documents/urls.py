from django.urls import path  # noqa: F401

app_name = "documents"
urlpatterns: list = []  # type: ignore[type-arg]
