from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("complaints/", views.complaint_list, name="complaints"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint"),
    path("complaints/<int:pk>/acknowledge/", views.complaint_acknowledge, name="complaint_acknowledge"),
    path("complaints/<int:pk>/owner/", views.complaint_owner, name="complaint_owner"),
    path("complaints/<int:pk>/note/", views.complaint_note, name="complaint_note"),
    path("complaints/<int:pk>/stage-2/", views.complaint_escalate, name="complaint_escalate"),
    path("complaints/<int:pk>/respond/", views.complaint_respond, name="complaint_respond"),
    path("complaints/<int:pk>/letter.pdf", views.complaint_letter, name="complaint_letter"),
    path("feedback/", views.feedback_results, name="results"),
    path("feedback/mine/", views.feedback_mine, name="mine"),
]
