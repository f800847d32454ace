from django.urls import path

from . import link_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/enrol/<str:token>/", views.enrolment_start, name="enrolment_start"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("password/", views.password_change, name="password_change"),
    path("password/choose/", link_views.password_choose, name="password_choose"),
    path("email/confirm/<str:token>/", link_views.email_confirm, name="email_confirm"),
    path("sign-out/", views.sign_out, name="logout"),
]
