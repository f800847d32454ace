from django.urls import path

from . import public_views

app_name = "feedback_public"
urlpatterns = [
    path("complain/", public_views.complaint, name="complaint"),
    path("complain/sent/", public_views.complaint_sent, name="complaint_sent"),
    path("give-feedback/", public_views.feedback, name="feedback"),
    path("give-feedback/sent/", public_views.feedback_sent, name="feedback_sent"),
]
