from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from forums.models import Call, Forum
from stories.public_cache import cached_page

HOME_FEATURED = 6


def _current_forum(open_calls):
    """The forum of the call closing soonest, else the most recent forum."""
    if open_calls:
        return open_calls[0].forum
    return Forum.objects.order_by("-starts_on").first()


@cached_page
def home(request):
    from stories.models import Story

    now = timezone.now()
    open_calls = list(Call.objects.open(now).select_related("forum").order_by("closes_at"))
    published = Story.objects.published().for_cards()
    featured = list(published.filter(featured=True).order_by("-published_at", "-pk")[:HOME_FEATURED])
    if not featured:
        featured = list(published.order_by("-published_at", "-pk")[:HOME_FEATURED])
    return render(
        request,
        "forums/home.html",
        {"open_calls": open_calls, "now": now, "forum": _current_forum(open_calls), "featured": featured},
    )


def call_detail(request, slug):
    call = get_object_or_404(Call.objects.select_related("forum").prefetch_related("forum__themes"), slug=slug)
    return render(
        request,
        "forums/call.html",
        {"call": call, "themes": call.forum.themes.all(), "is_open": call.is_open(), "now": timezone.now()},
    )


@cached_page
def forum_detail(request, slug):
    """A forum, its sub-themes and its programme: sessions with their published stories in order."""
    from stories.models import ProgrammeSlot, Story

    forum = get_object_or_404(Forum, slug=slug)
    slots = (
        ProgrammeSlot.objects.filter(story__in=Story.objects.published())
        .select_related("story")
        .defer("story__search_vector", "story__waveform_peaks", "story__audio_error_detail")
    )
    sessions = forum.sessions.select_related("theme").prefetch_related(
        Prefetch("slots", queryset=slots.order_by("position", "id"), to_attr="public_slots")
    )
    return render(
        request,
        "forums/forum.html",
        {"forum": forum, "themes": list(forum.themes.all()), "sessions": list(sessions)},
    )
