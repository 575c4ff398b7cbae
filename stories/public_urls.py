"""URLs of the public side: pages (under the language prefix) and files (without one)."""

from django.urls import path, register_converter

from stories import feeds, public_views
from stories.public_cache import cached_page
from stories.sitemaps import sitemap_view


class ReferenceConverter:
    regex = r"[A-Za-z0-9]+-[0-9]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ReferenceConverter, "reference")

pages = [
    path("stories/", public_views.story_list, name="list"),
    path("stories/<reference:reference>/", public_views.story_detail, name="detail"),
    path("stories/<reference:reference>/embed/", public_views.story_embed, name="embed"),
    path("stories/<reference:reference>/transcript.txt", public_views.transcript, name="transcript"),
]

files = [
    path("media/stories/<reference:reference>/audio.<slug:extension>", public_views.audio, name="audio"),
    path("media/stories/<reference:reference>/waveform.png", public_views.waveform, name="waveform"),
    path("media/stories/<reference:reference>/photo-<int:width>.jpg", public_views.photo, name="photo"),
    path("feeds/stories.atom", feeds.stories_atom, name="atom"),
    path("feeds/podcast.xml", feeds.podcast, name="podcast"),
]

site = [
    path("sitemap.xml", cached_page(sitemap_view), name="sitemap"),
    path("robots.txt", public_views.robots, name="robots"),
]
