from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/download/", views.download, name="download"),
    path("certificates/issue/", views.certificate_issue_view, name="certificate_issue"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate"),
    path("certificates/<int:pk>/reissue/", views.certificate_detail, name="certificate_reissue"),
    path("certificates/<int:pk>/download/", views.certificate_download, name="certificate_download"),
    path("notify-la/", views.notify_la, name="notify_la"),
    path("notify-icb/", views.notify_icb, name="notify_icb"),
    path("mediators/", views.mediators, name="mediators"),
]
