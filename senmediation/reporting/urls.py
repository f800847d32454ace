from django.urls import path

from . import views, views_activity, views_appeals, views_scorecard, views_statements

app_name = "reporting"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("<str:la>/", views.report, name="report"),
    path("<str:la>/report.pdf", views.report_pdf, name="pdf"),
    path("<str:la>/late/", views.late_steps, name="late"),
    path("<str:la>/activity/", views_activity.activity, name="activity"),
    path("<str:la>/activity.csv", views_activity.activity_csv, name="activity_csv"),
    path("<str:la>/activity.pdf", views_activity.activity_pdf, name="activity_pdf"),
    path("<str:la>/rates/", views_activity.rate_card, name="rate_card"),
    path("<str:la>/statements/", views_statements.statements, name="statements"),
    path("<str:la>/statements/issue/", views_statements.statement_issue_view, name="statement_issue"),
    path("<str:la>/statements/<slug:number>/", views_statements.statement, name="statement"),
    path("<str:la>/statements/<slug:number>/correct/", views_statements.statement_correct, name="statement_correct"),
    path("<str:la>/statements/<slug:number>.pdf", views_statements.statement_pdf, name="statement_pdf"),
    path("<str:la>/statements/<slug:number>.csv", views_statements.statement_csv, name="statement_csv"),
    path("<str:la>/scorecard/", views_scorecard.scorecard, name="scorecard"),
    path("<str:la>/scorecard.csv", views_scorecard.scorecard_csv, name="scorecard_csv"),
    path("<str:la>/scorecard.pdf", views_scorecard.scorecard_pdf, name="scorecard_pdf"),
    path("<str:la>/<slug:table>.csv", views.report_csv, name="csv"),
    path("<str:la>/sen2/<int:year>/", views.sen2, name="sen2"),
    path("<str:la>/sen2/<int:year>.csv", views.sen2_csv, name="sen2_csv"),
    path("<str:la>/tribunal-appeals/", views_appeals.tribunal_appeals, name="tribunal_appeals"),
    path("<str:la>/tribunal-appeals/new/", views_appeals.tribunal_appeal_new, name="tribunal_appeal_new"),
]
