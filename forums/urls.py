from django.urls import path

from forums import views

app_name = "forums"
urlpatterns = [
    path("", views.home, name="home"),
    path("calls/<slug:slug>/", views.call_detail, name="call"),
    path("forums/<slug:slug>/", views.forum_detail, name="forum"),
]
