"""Feeds of published stories: Atom for readers, RSS 2.0 with iTunes tags for podcast apps."""

from functools import wraps

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from stories import media
from stories.models import Story
from stories.public_cache import cached_page
from stories.public_views import audio_path

FEED_ITEMS = 50
FEED_MAX_AGE = 900
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def _latest():
    return Story.objects.published().for_cards().order_by("-published_at", "-pk")


class StoriesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Stories of resilience")
    subtitle = _("Small businesses tell how they came through a crisis.")
    language = "en"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    # Absolute URLs from the request's host (checked against ALLOWED_HOSTS), like the pages',
    # rather than from the sites framework's record.
    def link(self):
        return self.request.build_absolute_uri(reverse("showcase:list"))

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        return _latest()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return self.request.build_absolute_uri(reverse("showcase:detail", args=[item.reference]))

    def item_guid(self, item):
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.published_at, item.updated_at)

    def item_author_name(self, item):
        return item.org_name

    def item_categories(self, item):
        return [item.call.forum.name]


class PodcastRss(Rss201rev2Feed):
    """RSS 2.0 with the iTunes namespace tags podcast apps read."""

    content_type = "application/rss+xml; charset=utf-8"

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:itunes": ITUNES}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("itunes:author", self.feed["author_name"] or "")
        handler.addQuickElement("itunes:summary", self.feed["description"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:category", attrs={"text": "Business"})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("itunes:duration", str(item["duration"]))
        handler.addQuickElement("itunes:summary", item["description"])
        handler.addQuickElement("itunes:explicit", "false")
        handler.addQuickElement("itunes:episodeType", "full")


class PodcastFeed(StoriesFeed):
    feed_type = PodcastRss
    title = _("Stories of resilience (audio)")
    description = _("Small businesses tell, in their own voice, how they came through a crisis.")
    author_name = _("Stories of resilience")

    def items(self):
        return _latest().filter(format="audio").exclude(audio="")[:FEED_ITEMS]

    def item_enclosures(self, item):
        url = self.request.build_absolute_uri(audio_path(item))
        length = item.audio_size or item.audio.storage.size(item.audio.name)
        return [Enclosure(url, str(length), media.audio_type(item.audio.name))]

    def item_extra_kwargs(self, item):
        return {"duration": round(item.duration or 0)}


def _with_cache_headers(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
        return response

    return wrapped


def stories_atom(request):
    return StoriesFeed()(request)


def podcast(request):
    return PodcastFeed()(request)


stories_atom = _with_cache_headers(cached_page(stories_atom))
podcast = _with_cache_headers(cached_page(podcast))
