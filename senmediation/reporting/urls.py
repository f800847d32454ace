from django.urls import path

from . import views, views_activity, views_appeals

app_name = "reporting"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("<str:la>/", views.report, name="report"),
    path("<str:la>/report.pdf", views.report_pdf, name="pdf"),
    path("<str:la>/activity/", views_activity.activity, name="activity"),
    path("<str:la>/activity.csv", views_activity.activity_csv, name="activity_csv"),
    path("<str:la>/activity.pdf", views_activity.activity_pdf, name="activity_pdf"),
    path("<str:la>/rates/", views_activity.rate_card, name="rate_card"),
    path("<str:la>/<slug:table>.csv", views.report_csv, name="csv"),
    path("<str:la>/sen2/<int:year>/", views.sen2, name="sen2"),
    path("<str:la>/sen2/<int:year>.csv", views.sen2_csv, name="sen2_csv"),
    path("<str:la>/tribunal-appeals/", views_appeals.tribunal_appeals, name="tribunal_appeals"),
    path("<str:la>/tribunal-appeals/new/", views_appeals.tribunal_appeal_new, name="tribunal_appeal_new"),
]
