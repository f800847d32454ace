from django.urls import path

from . import views_diary

app_name = "diary"
urlpatterns = [
    path("", views_diary.my_cases, name="my_cases"),
]
