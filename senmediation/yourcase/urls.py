"""Every page a secure link opens, under /p/: the family's case page and its downloads (this app), each party's
task (portal), the expenses claim and the late-action letter. It joins several features, so it lives in the
composition layer; the namespace stays "portal" so every {% url 'portal:...' %} is unchanged."""

from django.urls import path

from senmediation.agreements.portal_views import late_letter
from senmediation.expenses.portal_views import claim_check
from senmediation.portal import views, views_lost

from . import views as yourcase
from .meeting_reply import meeting_reply

app_name = "portal"
urlpatterns = [
    path("code/", views.code_entry, name="code"),
    # Before "<str:token>/", which would otherwise take "lost" for a token.
    path("lost/", views_lost.lost_link, name="lost"),
    path("lost/sent/", views_lost.lost_link_sent, name="lost_sent"),
    # Above "<str:token>/" so that the family's page never swallows it.
    path("<str:token>/agreed/<int:item_id>/letter.pdf", late_letter, name="late_letter"),
    # A family's link opens their case page (yourcase/); anyone else's opens its task, as /task/ does.
    path("<str:token>/", yourcase.case_page, name="page"),
    path("<str:token>/task/", views.party_page, name="task"),
    path("<str:token>/thank-you/", views.party_done, name="done"),
    path("<str:token>/check/", claim_check, name="expenses_check"),
    path("<str:token>/agreement.pdf", views.agreement_file, name="agreement_file"),
    path("<str:token>/meeting.ics", yourcase.meeting_calendar, name="meeting_ics"),
    path("<str:token>/meeting/", meeting_reply, name="meeting_reply"),
    path("<str:token>/documents/certificates/<int:pk>/", yourcase.certificate_file, name="certificate_file"),
    path("<str:token>/documents/agreement/", yourcase.agreement_download, name="agreement_download"),
    path("<str:token>/documents/letters/<int:pk>/", yourcase.letter_file, name="letter_file"),
]
