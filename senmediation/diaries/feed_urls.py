from django.urls import path

from . import feed

app_name = "diary_feed"
urlpatterns = [
    path("<str:token>.ics", feed.calendar_feed, name="feed"),
]
