from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("<str:la>/", views.report, name="report"),
    path("<str:la>/report.pdf", views.report_pdf, name="pdf"),
    path("<str:la>/<slug:table>.csv", views.report_csv, name="csv"),
    path("<str:la>/sen2/<int:year>/", views.sen2, name="sen2"),
    path("<str:la>/sen2/<int:year>.csv", views.sen2_csv, name="sen2_csv"),
]
