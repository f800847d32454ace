from django.contrib import admin
from django.urls import include, path

from senmediation.api.api import api as api_v1
from senmediation.api.guide import api_guide
from senmediation.core import views as core_views
from senmediation.operations import views as operations_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", operations_views.readyz, name="readyz"),
    path("metrics", operations_views.metrics, name="metrics"),
    path("admin/", admin.site.urls),
    path("api/v1/guide/", api_guide, name="api_guide"),
    path("api/v1/", api_v1.urls),
    path("accounts/", include("senmediation.accounts.urls")),
    path("staff/cases/<str:reference>/documents/", include("senmediation.documents.urls")),
    path("staff/cases/<str:reference>/agreement/", include("senmediation.agreements.urls")),
    path("staff/cases/<str:reference>/expenses/", include("senmediation.expenses.urls")),
    path("staff/notifications/", include("senmediation.notifications.urls")),
    path("staff/audit/", include("senmediation.records.urls")),
    path("staff/access/api/", include("senmediation.api.staff_urls")),
    path("staff/reports/", include("senmediation.reporting.urls")),
    path("staff/people/", include("senmediation.accounts.staff_urls")),
    path("staff/my-cases/", include("senmediation.meetings.diary_urls")),
    path("staff/diaries/", include("senmediation.diaries.urls")),
    path("staff/", include("senmediation.workqueue.urls")),
    path("staff/", include("senmediation.feedback.urls")),
    path("staff/", include("senmediation.casepages.urls")),
    path("p/", include("senmediation.yourcase.urls")),
    path("calendar/", include("senmediation.diaries.feed_urls")),
    path("refer/", include("senmediation.referrals.urls")),
    path("", include("senmediation.feedback.public_urls")),
    path("", include("senmediation.public.urls")),
]

handler404 = "senmediation.core.views.not_found"
handler403 = "senmediation.core.views.forbidden"
handler500 = "senmediation.core.views.server_error"
