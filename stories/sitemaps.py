"""The sitemap: the public pages and every published story, in each interface language."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.urls import reverse

from forums.models import Forum
from stories.models import Story


class LocalisedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def __init__(self, domain):
        self.domain = domain

    def get_domain(self, site=None):
        # The request's host (checked against ALLOWED_HOSTS), as on the pages and feeds.
        return self.domain


class PagesSitemap(LocalisedSitemap):
    changefreq = "daily"

    def items(self):
        return ["forums:home", "showcase:list"]

    def location(self, item):
        return reverse(item)


class ForumSitemap(LocalisedSitemap):
    changefreq = "weekly"

    def items(self):
        return Forum.objects.filter(calls__stories__in=Story.objects.published()).distinct().order_by("pk")

    def location(self, forum):
        return reverse("forums:forum", args=[forum.slug])


class StorySitemap(LocalisedSitemap):
    changefreq = "monthly"

    def items(self):
        return Story.objects.published().only("reference", "published_at", "updated_at").order_by("pk")

    def location(self, story):
        return reverse("showcase:detail", args=[story.reference])

    def lastmod(self, story):
        return max(story.published_at, story.updated_at)


SITEMAPS = {"pages": PagesSitemap, "forums": ForumSitemap, "stories": StorySitemap}


def sitemap_view(request):
    return sitemap(request, {name: kind(request.get_host()) for name, kind in SITEMAPS.items()})
