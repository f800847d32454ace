from django.urls import path

from . import staff_views as views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("invite/", views.person_invite, name="invite"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/change/", views.person_change, name="change"),
    path("<int:pk>/email/", views.person_email, name="email"),
    path("<int:pk>/second-factor/", views.person_second_factor_reset, name="second_factor_reset"),
    path("<int:pk>/switch-off/", views.person_switch_off, name="switch_off"),
    path("<int:pk>/switch-on/", views.person_switch_on, name="switch_on"),
    path("<int:pk>/link/", views.person_link_send, name="link_send"),
]
