from django.urls import path

from senmediation.expenses.portal_views import claim_check

from . import views

app_name = "portal"
urlpatterns = [
    path("code/", views.code_entry, name="code"),
    path("<str:token>/", views.party_page, name="page"),
    path("<str:token>/thank-you/", views.party_done, name="done"),
    path("<str:token>/check/", claim_check, name="expenses_check"),
    path("<str:token>/agreement.pdf", views.agreement_file, name="agreement_file"),
]
