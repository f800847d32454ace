from django.urls import path

from . import views

app_name = "workqueue"
urlpatterns = [
    path("", views.home, name="home"),
    path("queue/<slug:kind>/", views.queue_list, name="list"),
    path("queue/time-changes/<int:pk>/done/", views.time_change_done, name="time_change_done"),
]
