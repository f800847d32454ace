from django.urls import path

from . import views, views_mine

app_name = "diaries"
urlpatterns = [
    path("", views.index, name="index"),
    path("mediators/<int:pk>/", views.mediator, name="mediator"),
    path("rooms/<int:pk>/", views.room, name="room"),
    path("interpreters/<int:pk>/", views.interpreter, name="interpreter"),
    path("mine/", views_mine.mine, name="mine"),
    path("mine/availability/", views_mine.availability, name="availability"),
    path("mine/leave/", views_mine.leave, name="leave"),
    path("mine/leave/<int:pk>/cancel/", views_mine.leave_cancel, name="leave_cancel"),
    path("mine/calendar-feed/new/", views_mine.feed_new, name="feed_new"),
    path("mine/calendar-feed/stop/", views_mine.feed_stop, name="feed_stop"),
]
