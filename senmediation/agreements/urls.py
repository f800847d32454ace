"""Under /staff/cases/<reference>/agreement/ (config/urls.py): the meeting record and the agreement."""

from django.urls import path

from .views import builder, finalise, followup, meeting

app_name = "agreements"
urlpatterns = [
    path("meeting/", meeting.meeting_page, name="meeting"),
    path("meeting/attendance/", meeting.attendance_add, name="attendance_add"),
    path("meeting/attendance/<int:pk>/remove/", meeting.attendance_remove, name="attendance_remove"),
    path("meeting/ground-rules/", meeting.ground_rules, name="ground_rules"),
    path("meeting/session/start/", meeting.session_start, name="session_start"),
    path("meeting/session/end/", meeting.session_end, name="session_end"),
    path("meeting/issues/", meeting.issue_outcomes, name="issue_outcomes"),
    path("", builder.builder_page, name="builder"),
    path("items/<int:pk>/", builder.item_edit, name="item_edit"),
    path("items/<int:pk>/remove/", builder.item_remove, name="item_remove"),
    path("finalise/", finalise.finalise_page, name="finalise"),
    path("agreement.pdf", finalise.agreement_pdf, name="pdf"),
    path("copies/", finalise.copies_send, name="copies_send"),
    path("follow-up/", followup.followup_page, name="followup"),
    path("follow-up/items/<int:pk>/done/", followup.item_done, name="item_done"),
    path("follow-up/items/<int:pk>/ask-family/", followup.item_ask_family, name="item_ask_family"),
]
