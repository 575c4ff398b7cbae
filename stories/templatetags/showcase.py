from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_info
from django_countries import countries

from stories.models import STORY_LANGUAGES

register = template.Library()
_STORY_LANGUAGES = {code for code, _label in STORY_LANGUAGES if code != "other"}


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each interface language: for hreflang alternates and the language menu."""
    request = context["request"]
    url = request.build_absolute_uri()
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(url, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


@register.filter
def country_name(code):
    return countries.name(code) if code else ""


@register.filter
def lang_attr(code):
    """A story's language as an HTML lang value ("" when it is not a known language)."""
    return code if code in _STORY_LANGUAGES else ""


@register.filter
def clock(seconds):
    """Seconds as m:ss (or h:mm:ss)."""
    if seconds is None:
        return ""
    # Whole seconds elapsed, as players show them.
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.simple_tag
def page_url(query, number):
    return "?" + "&".join(part for part in (query, urlencode({"page": number})) if part)
