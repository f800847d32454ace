from django.urls import path

from . import link_views, views

app_name = "notifications"
urlpatterns = [
    path("", views.message_list, name="messages"),
    path("messages/<int:message_id>/retry/", views.message_retry_view, name="message_retry"),
    path("messages/<int:message_id>/attachments/<int:attachment_id>/", views.attachment_download,
         name="attachment"),
    path("print-queue/", views.print_queue_view, name="print_queue"),
    path("print-queue/<int:message_id>/letter.pdf", views.letter_download, name="letter"),
    path("print-queue/<int:message_id>/print.pdf", views.letter_print_copy, name="letter_print"),
    path("print-queue/<int:message_id>/printed/", views.letter_printed, name="letter_printed"),
    path("print-queue/<int:message_id>/posted/", views.letter_posted, name="letter_posted"),
    path("calls/", views.call_list, name="calls"),
    path("calls/<int:task_id>/done/", views.call_done, name="call_done"),
    path("calls/<int:task_id>/code/", views.call_code, name="call_code"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<slug:key>/", views.template_edit, name="template_edit"),
    path("cases/<str:reference>/links/", link_views.case_links, name="case_links"),
    path("cases/<str:reference>/links/<int:link_id>/revoke/", link_views.case_link_revoke, name="case_link_revoke"),
]
