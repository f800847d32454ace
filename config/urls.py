from django.contrib import admin
from django.urls import include, path

from senmediation.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("senmediation.accounts.urls")),
    path("staff/", include("senmediation.cases.urls")),
    path("refer/", include("senmediation.referrals.urls")),
    path("", include("senmediation.public.urls")),
]

handler404 = "senmediation.core.views.not_found"
handler403 = "senmediation.core.views.forbidden"
handler500 = "senmediation.core.views.server_error"
