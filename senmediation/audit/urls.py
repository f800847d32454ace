from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("cases/<str:reference>/", views.case_access, name="case_access"),
    path("subject-access/", views.subject_access, name="subject_access"),
]
