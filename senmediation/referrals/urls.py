from django.urls import path

from . import views

app_name = "referrals"
urlpatterns = [
    path("", views.start, name="start"),
    path("confirmation/", views.confirmation, name="confirmation"),
    path("staff/", views.staff_start, name="staff_start"),
    path("staff/<slug:slug>/", views.staff_step, name="staff_step"),
    path("<slug:slug>/", views.step, name="step"),
]
