from django.urls import path

from . import views

# The pages were the audit app's; their names (audit:case_access, audit:subject_access) are kept, as
# links, the access matrix and the audit log's recorded view names use them.
app_name = "audit"
urlpatterns = [
    path("cases/<str:reference>/", views.case_access, name="case_access"),
    path("subject-access/", views.subject_access, name="subject_access"),
]
