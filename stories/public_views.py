"""The visitors' pages: published stories, their media, the feeds' companions.

Every view starts from ``Story.objects.published()``: a story in any other state is a 404,
and so are its audio, waveform and photo. Contact details are never read here.
"""

import json
import os

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import _json_script_escapes
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from forums import regions
from stories import browse, media
from stories.models import ProgrammeSlot, Story
from stories.public_cache import cached_page

PER_PAGE = 20
WAVEFORM_BARS = 96
LICENCE_URLS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-nc-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
}


def published_story(reference, *fields):
    """A published story, or 404. A file view names the ``fields`` it sends: players ask for
    many byte ranges, and each request then reads just those columns."""
    queryset = Story.objects.published()
    if fields:
        queryset = queryset.only("reference", "uuid", *fields)
    else:
        queryset = queryset.select_related("call__forum").defer("search_vector")
    return get_object_or_404(queryset, reference=reference)


@require_safe
@cached_page
def story_list(request):
    text = request.GET.get("q", "").strip()[:200]
    choices = browse.chosen(request.GET)
    sort = request.GET.get("sort") or (browse.SORT_RELEVANCE if text else browse.SORT_FEATURED)
    if sort not in browse.ORDERINGS or (sort == browse.SORT_RELEVANCE and not text):
        sort = browse.SORT_FEATURED
    result = browse.browse(choices, text, sort, request.GET.get("page"), PER_PAGE)
    sorts = [(value, label) for value, label in browse.SORTS if text or value != browse.SORT_RELEVANCE]
    return render(
        request,
        "showcase/list.html",
        {
            "page": result.page,
            "text": text,
            "sort": sort,
            "sorts": sorts,
            "facets": result.facets,
            "filtered": bool(choices or text),
            "query_without_page": urlencode([(k, v) for k, v in request.GET.lists() if k != "page"], doseq=True),
        },
    )


def _waveform_bars(peaks, count=WAVEFORM_BARS):
    """Peaks reduced to ``count`` bar heights in percent (at least 4, so silence still shows)."""
    values = [abs(float(value)) for value in peaks if isinstance(value, int | float)]
    if not values:
        return []
    top = max(values) or 1.0
    bars = []
    for index in range(count):
        chunk = values[
            index * len(values) // count : max(index * len(values) // count + 1, (index + 1) * len(values) // count)
        ]
        bars.append(max(4, round(100 * max(chunk) / top)) if chunk else 4)
    return bars


def _iso_duration(seconds):
    seconds = round(seconds or 0)
    return f"PT{seconds // 60}M{seconds % 60}S"


def _absolute(request, path):
    return request.build_absolute_uri(path)


def audio_path(story):
    extension = os.path.splitext(story.audio.name)[1].lstrip(".").lower() or "m4a"
    return reverse("showcase_files:audio", args=[story.reference, extension])


def story_media(request, story):
    """URLs of a story's public media (absolute), for pages and feeds."""
    urls = {}
    if story.audio:
        urls["audio"] = _absolute(request, audio_path(story))
        urls["audio_type"] = media.audio_type(story.audio.name)
    if story.waveform_image:
        urls["waveform"] = _absolute(request, reverse("showcase_files:waveform", args=[story.reference]))
    if story.photo:
        urls["photo"] = {
            width: _absolute(request, reverse("showcase_files:photo", args=[story.reference, width]))
            for width in media.PHOTO_WIDTHS
        }
    return urls


def _json_ld(story, page):
    """schema.org metadata of the story page, from its context (``page``)."""
    urls = page["urls"]
    data = {
        "@context": "https://schema.org",
        "@type": "AudioObject" if story.is_audio else "CreativeWork",
        "name": story.title,
        "headline": story.title,
        "description": story.summary,
        "inLanguage": story.language,
        "url": page["page_url"],
        "identifier": story.reference,
        "datePublished": story.published_at.isoformat(),
        "keywords": [theme.title for theme in page["themes"]],
        "author": {
            "@type": "Organization",
            "name": story.org_name,
            "address": {
                "@type": "PostalAddress",
                "addressCountry": story.org_country,
                "addressLocality": story.org_city,
            },
        },
        "isPartOf": {"@type": "CreativeWorkSeries", "name": story.call.forum.name},
    }
    if story.licence in LICENCE_URLS:
        data["license"] = LICENCE_URLS[story.licence]
    if page["og_image"]:
        data["image"] = page["og_image"]
    if story.is_audio and "audio" in urls:
        data.update(
            contentUrl=urls["audio"],
            encodingFormat=urls["audio_type"],
            duration=_iso_duration(story.duration),
        )
        if story.audio_size:
            data["contentSize"] = str(story.audio_size)
        if story.transcript:
            data["transcript"] = story.transcript
    elif story.body:
        data["text"] = story.body
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))


def _share_links(url, title):
    text = f"{title} {url}"
    return [
        ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        ("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("x", "X", "https://twitter.com/intent/tweet?" + urlencode({"text": title, "url": url})),
        ("email", _("E-mail"), "mailto:?" + urlencode({"subject": title, "body": url}).replace("+", "%20")),
    ]


def _subregion_name(country):
    code = regions.subregion_of(country)
    return regions.SUBREGIONS[code][1] if code else ""


def _player_context(request, story):
    """What a story's player and its heading need: the story page and the embed share it."""
    return {
        "story": story,
        "urls": story_media(request, story),
        "page_url": _absolute(request, reverse("showcase:detail", args=[story.reference])),
        "bars": _waveform_bars(story.waveform_peaks),
    }


@require_safe
@cached_page
def story_detail(request, reference):
    story = published_story(reference)
    context = _player_context(request, story)
    urls = context["urls"]
    themes = list(story.themes.all())
    slots = ProgrammeSlot.objects.filter(story=story).select_related("session__forum").order_by("session__starts_at")
    context.update(
        themes=themes,
        sessions=[slot.session for slot in slots],
        og_image=urls["photo"][media.OG_WIDTH] if "photo" in urls else urls.get("waveform", ""),
        region_name=_subregion_name(story.org_country),
        photo_size=media.photo_size(story) if story.photo else None,
        embed_url=_absolute(request, reverse("showcase:embed", args=[story.reference])),
        share_links=_share_links(context["page_url"], story.title),
    )
    context["json_ld"] = _json_ld(story, context)
    return render(request, "showcase/detail.html", context)


@require_safe
@xframe_options_exempt
@cached_page
def story_embed(request, reference):
    story = published_story(reference)
    return render(request, "showcase/embed.html", _player_context(request, story))


@require_safe
def transcript(request, reference):
    story = published_story(reference, "transcript")
    if not story.transcript:
        raise Http404
    response = HttpResponse(story.transcript, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{story.reference}-transcript.txt"'
    return response


@require_safe
def audio(request, reference, extension):
    story = published_story(reference, "audio")
    if not story.audio or audio_path(story) != request.path_info:
        raise Http404
    return media.send_file(request, story.audio, media.audio_type(story.audio.name))


@require_safe
def waveform(request, reference):
    story = published_story(reference, "waveform_image")
    if not story.waveform_image:
        raise Http404
    return media.send_file(request, story.waveform_image, "image/png")


@require_safe
def photo(request, reference, width):
    if width not in media.PHOTO_WIDTHS:
        raise Http404
    story = published_story(reference, "photo")
    if not story.photo:
        raise Http404
    return media.send_rendition(request, story, width)


def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /my/",
        "Disallow: /*/my/",
        "Disallow: /*/accounts/",
        "Disallow: /stories/*/embed/",
        f"Sitemap: {_absolute(request, reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
