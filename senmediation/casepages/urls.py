"""The staff case URLconf. It keeps the name `cases` (every `cases:...` URL name is unchanged) but lives in
the composition layer, as some of its pages show features above the case domain."""

from django.urls import path

from senmediation.cases import (
    views,
    views_casework,
    views_issues,
    views_late_contact,
    views_late_reason,
    views_representative,
)

from . import views as case_pages
from . import views_proposals, views_summaries

app_name = "cases"
urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/<str:reference>/", case_pages.case_detail, name="detail"),
    path("cases/<str:reference>/transition/", views.case_transition_view, name="transition"),
    path("cases/<str:reference>/not-arranged/", views.case_not_arranged, name="not_arranged"),
    path("cases/<str:reference>/mediator/", views.case_assign_mediator, name="assign_mediator"),
    path("cases/<str:reference>/coordinator/", views.case_set_coordinator, name="set_coordinator"),
    path("cases/<str:reference>/parties-agreed/", views.case_record_parties_agreed, name="parties_agreed"),
    path("cases/<str:reference>/meeting/", case_pages.case_schedule_meeting, name="schedule_meeting"),
    path("cases/<str:reference>/meeting/cancel/", case_pages.case_cancel_meeting, name="cancel_meeting"),
    path("cases/<str:reference>/find-a-time/", views_proposals.case_find_a_time, name="find_a_time"),
    path("cases/<str:reference>/find-a-time/book/", views_proposals.case_book_proposal, name="book_proposal"),
    path("cases/<str:reference>/people/add/", views_casework.case_party_edit, name="party_add"),
    path("cases/<str:reference>/people/<int:pk>/", views_casework.case_party_edit, name="party_edit"),
    path("cases/<str:reference>/people/<int:pk>/representative/", views_representative.case_party_representative,
         name="party_representative"),
    path("cases/<str:reference>/contacts/", views_casework.case_contacts, name="contacts"),
    path("cases/<str:reference>/advice/", views_casework.case_advice, name="advice"),
    path("cases/<str:reference>/issues/", views_issues.case_issues, name="issues"),
    path("cases/<str:reference>/late-contact/", views_late_contact.case_late_contact_override,
         name="late_contact_override"),
    path("cases/<str:reference>/late/<slug:clock>/", views_late_reason.case_late_reason, name="late_reason"),
    path("cases/<str:reference>/child-views/", views_casework.case_child_views, name="child_views"),
    path("cases/<str:reference>/child-views/<int:pk>/file/", views_casework.case_child_views_file,
         name="child_views_file"),
    path("cases/<str:reference>/summaries/", views_summaries.case_summaries, name="summaries"),
    path("cases/<str:reference>/mediator-notes/", views_casework.case_mediator_notes, name="mediator_notes"),
]
