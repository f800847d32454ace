from django.urls import path

from senmediation.agreements.portal_views import late_letter
from senmediation.expenses.portal_views import claim_check

from . import views, views_lost

app_name = "portal"
urlpatterns = [
    path("code/", views.code_entry, name="code"),
    # Before "<str:token>/", which would otherwise take "lost" for a token.
    path("lost/", views_lost.lost_link, name="lost"),
    path("lost/sent/", views_lost.lost_link_sent, name="lost_sent"),
    # Above "<str:token>/" so that the family's page never swallows it.
    path("<str:token>/agreed/<int:item_id>/letter.pdf", late_letter, name="late_letter"),
    path("<str:token>/", views.party_page, name="page"),
    path("<str:token>/thank-you/", views.party_done, name="done"),
    path("<str:token>/check/", claim_check, name="expenses_check"),
    path("<str:token>/agreement.pdf", views.agreement_file, name="agreement_file"),
]
