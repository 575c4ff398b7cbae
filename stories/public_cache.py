"""Caching of the public pages, checked against a version that any public change moves.

The version has two parts: a number that signals bump when a story, forum, session or
programme slot is saved (kept in the shared cache), and the latest ``Story.updated_at``,
which also catches changes written with ``QuerySet.update()`` that send no signal, such as
unpublishing in bulk. Each process reads the version at most every SHOWCASE_STAMP_SECONDS
(2 s), so a change shows everywhere within that time. A cached page whose version is not the
current one is rendered again. Pages live in the shared cache and, for the most requested,
in a small in-process copy, so that a hit usually costs no network round trip at all. Only
visitors without a session are served from the cache: their pages carry nothing personal
and no CSRF token.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpResponse

VERSION_KEY = "showcase:version"
KEPT_HEADERS = ("Content-Type", "Cache-Control", "Content-Language", "Vary", "Link")


def enabled():
    return getattr(settings, "SHOWCASE_CACHE", True)


def timeout():
    return getattr(settings, "SHOWCASE_CACHE_SECONDS", 600)


LOCAL_PAGES = 256
_memo = {"version": None, "read_at": float("-inf")}
_pages = OrderedDict()
_pages_lock = threading.Lock()


def current_version():
    """(signalled number, latest story change), read at most every SHOWCASE_STAMP_SECONDS per process."""
    from stories.models import Story

    now = time.monotonic()
    if now - _memo["read_at"] >= getattr(settings, "SHOWCASE_STAMP_SECONDS", 2):
        signalled = cache.get(VERSION_KEY)
        if signalled is None:
            signalled = int(time.time() * 1000)
            cache.add(VERSION_KEY, signalled, None)
        latest = Story.objects.aggregate(latest=Max("updated_at"))["latest"]
        _memo.update(version=(signalled, latest.timestamp() if latest else 0), read_at=now)
    return _memo["version"]


def _remember(key, entry):
    with _pages_lock:
        _pages[key] = entry
        _pages.move_to_end(key)
        while len(_pages) > LOCAL_PAGES:
            _pages.popitem(last=False)


def forget():
    """Drop this process's copies (the version it read and its pages), e.g. after clearing the cache."""
    with _pages_lock:
        _pages.clear()
    _memo.update(version=None, read_at=float("-inf"))


def bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(time.time() * 1000), None)
    # This process sees its own changes at once; others within SHOWCASE_STAMP_SECONDS.
    _memo["read_at"] = float("-inf")


def _cacheable_request(request):
    # Searches are not cached: their URLs are endless, and each would take a place in the cache.
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.GET.get("q")
    )


def cached_page(view):
    """Serve a public view's response from the cache for visitors without a session."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        digest = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        # Times are rendered in the zone the browser reports in the "tz" cookie.
        zone = request.COOKIES.get("tz", "")[:64]
        language = getattr(request, "LANGUAGE_CODE", "")
        key = f"showcase:page:{request.get_host()}:{language}:{zone}:{digest}"
        current = current_version()
        entry = _pages.get(key)
        if entry is None or entry[0] != current:
            entry = cache.get(key)
            if entry is not None and entry[0] == current:
                _remember(key, entry)
        if entry is not None and entry[0] == current:
            _version_, content, status, headers = entry
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        # A page that used a CSRF token or set a cookie is personal: never shared.
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            entry = (current, response.content, response.status_code, headers)
            cache.set(key, entry, timeout())
            _remember(key, entry)
        return response

    return wrapped
