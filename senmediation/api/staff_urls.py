from django.urls import path

from . import staff_views

app_name = "access"
urlpatterns = [
    path("", staff_views.index, name="index"),
    path("organisations/new/", staff_views.organisation_new, name="organisation_new"),
    path("organisations/<int:pk>/", staff_views.organisation, name="organisation"),
    path("organisations/<int:pk>/keys/new/", staff_views.key_new, name="key_new"),
    path("organisations/<int:pk>/webhooks/new/", staff_views.webhook_new, name="webhook_new"),
    path("keys/<int:pk>/rotate/", staff_views.key_rotate, name="key_rotate"),
    path("keys/<int:pk>/revoke/", staff_views.key_revoke, name="key_revoke"),
    path("webhooks/<int:pk>/", staff_views.webhook, name="webhook"),
    path("webhooks/<int:pk>/secret/", staff_views.webhook_secret, name="webhook_secret"),
]
