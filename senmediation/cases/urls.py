from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("cases/", views.case_list, name="list"),
    path("cases/<str:reference>/", views.case_detail, name="detail"),
    path("cases/<str:reference>/transition/", views.case_transition_view, name="transition"),
    path("cases/<str:reference>/mediator/", views.case_assign_mediator, name="assign_mediator"),
    path("cases/<str:reference>/parties-agreed/", views.case_record_parties_agreed, name="parties_agreed"),
    path("cases/<str:reference>/meeting/", views.case_schedule_meeting, name="schedule_meeting"),
]
