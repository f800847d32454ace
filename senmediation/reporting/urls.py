from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("<str:la>/", views.report, name="report"),
    path("<str:la>/report.pdf", views.report_pdf, name="pdf"),
    path("<str:la>/<slug:table>.csv", views.report_csv, name="csv"),
]
