from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("what-is-mediation/", views.info_page("what_is_mediation"), name="what_is_mediation"),
    path("how-it-works/", views.info_page("how_it_works"), name="how_it_works"),
    path("who-can-use-this-service/", views.info_page("who"), name="who"),
    path("cost-and-opening-hours/", views.info_page("cost"), name="cost"),
    path("what-you-will-see-online/", views.info_page("online"), name="online"),
    path("contact/", views.info_page("contact"), name="contact"),
    path("feedback-and-complaints/", views.info_page("feedback"), name="feedback"),
    path("accessibility/", views.info_page("accessibility"), name="accessibility"),
    path("privacy/", views.info_page("privacy"), name="privacy"),
    path("appeal-dates/", views.appeal_deadlines, name="appeal_deadlines"),
]
