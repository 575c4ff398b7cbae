"""Figures for a call's dashboard, each one grouped query whatever the number of stories."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count, Sum, Value
from django.db.models.functions import Least, TruncDate
from django.utils.translation import gettext_lazy as _

from accounts.models import SIZE_CLASSES
from forums.models import FORMATS
from forums.regions import region_name, region_of
from stories.models import NOT_RECEIVED_STATUSES, STATUS_DRAFT, STATUSES, STORY_LANGUAGES, Story


def _table(counter, labels):
    return [(label, counter[code]) for code, label in labels if counter[code]]


def call_dashboard(call):
    """Three grouped queries, each an index-only scan of the call's stories (story_dashboard_idx).

    Reviews are not joined: each story carries its review count, so "reviews done" (capped
    at the number the call wants per story) is summed in the first pass.
    """
    stories = Story.objects.filter(call=call).exclude(status=STATUS_DRAFT).order_by()
    received = stories.submitted()
    needed_each = call.reviews_per_story
    # One pass groups by every breakdown at once (a few hundred rows at most); the
    # per-field tables are summed from it here. Count("*") keeps the scan index-only.
    statuses, formats, languages, sizes = Counter(), Counter(), Counter(), Counter()
    done = 0
    groups = stories.values_list("status", "format", "language", "org_size_class").annotate(
        n=Count("*"), done=Sum(Least("review_count", Value(needed_each)))
    )
    for status, story_format, language, size, n, reviews_done in groups:
        statuses[status] += n
        if status not in NOT_RECEIVED_STATUSES:
            formats[story_format] += n
            languages[language] += n
            sizes[size] += n
            done += reviews_done
    received_count = sum(formats.values())
    regions = Counter()
    for country, n in received.values_list("org_country").annotate(n=Count("*")):
        regions[region_of(country)] += n
    per_day = list(
        received.exclude(submitted_at=None)
        .annotate(day=TruncDate("submitted_at"))
        .order_by("day")
        .values_list("day")
        .annotate(n=Count("*"))
    )
    return {
        "statuses": _table(statuses, STATUSES),
        "formats": _table(formats, FORMATS),
        "languages": sorted(_table(languages, STORY_LANGUAGES), key=lambda row: -row[1]),
        "sizes": _table(sizes, SIZE_CLASSES),
        "regions": sorted(((region_name(code), n) for code, n in regions.items()), key=lambda row: -row[1]),
        "received": received_count,
        "reviews_done": done,
        "reviews_needed": received_count * needed_each,
        "per_day": per_day,
        "chart": per_day_svg(per_day),
    }


def per_day_svg(per_day, width=640, height=180):
    """Submissions per day as bars in an inline SVG: no script, no external file."""
    if not per_day:
        return ""
    first, last = per_day[0][0], per_day[-1][0]
    days = (last - first).days + 1
    counts = dict(per_day)
    top = max(counts.values())
    bar = width / days
    plot_top, plot_bottom = 18, height - 20
    bars = []
    for index in range(days):
        day = first + timedelta(days=index)
        n = counts.get(day, 0)
        h = (plot_bottom - plot_top) * n / top
        bars.append(
            f'<rect x="{index * bar + 1:.1f}" y="{plot_bottom - h:.1f}" width="{max(bar - 2, 1):.1f}" '
            f'height="{h:.1f}" fill="#417690"><title>{day.isoformat()}: {n}</title></rect>'
        )
    label = _("Submissions per day")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{label}" font-family="sans-serif" font-size="11" fill="currentColor">'
        f'<line x1="0" y1="{plot_bottom}" x2="{width}" y2="{plot_bottom}" stroke="#999"/>'
        f'<line x1="0" y1="{plot_top}" x2="{width}" y2="{plot_top}" stroke="#ddd" stroke-dasharray="4 3"/>'
        f'<text x="0" y="{plot_top - 5}">{top}</text>{"".join(bars)}'
        f'<text x="0" y="{height - 5}">{first.isoformat()}</text>'
        f'<text x="{width}" y="{height - 5}" text-anchor="end">{last.isoformat()}</text></svg>'
    )
