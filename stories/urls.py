from django.urls import path

from stories import views

app_name = "stories"
urlpatterns = [
    path("calls/<slug:slug>/submit/", views.new_story, name="new"),
    path("my/stories/", views.my_stories, name="mine"),
    path("my/stories/status.json", views.my_stories_status, name="mine_status"),
    path("my/stories/<uuid:uuid>/", views.story_detail, name="detail"),
    path("my/stories/<uuid:uuid>/edit/", views.edit_story, name="edit"),
    path("my/stories/<uuid:uuid>/submitted/", views.submitted, name="submitted"),
    path("my/stories/<uuid:uuid>/withdraw/", views.withdraw, name="withdraw"),
    path("my/stories/<uuid:uuid>/audio/", views.own_audio, name="own_audio"),
    path("my/stories/<uuid:uuid>/waveform.png", views.own_waveform, name="own_waveform"),
]
