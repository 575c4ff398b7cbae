"""Figures for a call's dashboard, each one grouped query whatever the number of stories."""

from collections import Counter
from datetime import timedelta

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Least, TruncDate
from django.utils.translation import gettext_lazy as _

from accounts.models import SIZE_CLASSES
from forums.models import FORMATS
from forums.regions import region_name, region_of
from stories.models import STATUS_DRAFT, STATUS_WITHDRAWN, STATUSES, STORY_LANGUAGES, Review, Story


def _counts(queryset, field, labels):
    rows = dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))
    table = [(label, rows.get(code, 0)) for code, label in labels if rows.get(code)]
    unknown = sum(n for code, n in rows.items() if code not in dict(labels))
    if unknown:
        table.append((_("Not given"), unknown))
    return table


def call_dashboard(call):
    stories = Story.objects.filter(call=call)
    received = stories.exclude(status__in=[STATUS_DRAFT, STATUS_WITHDRAWN])
    by_country = dict(received.order_by().values_list("org_country").annotate(n=Count("pk")))
    regions = Counter()
    for country, n in by_country.items():
        regions[region_of(country)] += n
    reviews_done = Coalesce(
        Subquery(
            Review.objects.filter(story=OuterRef("pk")).order_by().values("story").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    needed_each = call.reviews_per_story
    progress = received.aggregate(
        done=Coalesce(Sum(Least(reviews_done, Value(needed_each))), Value(0)), stories=Count("pk")
    )
    per_day = list(
        received.exclude(submitted_at=None)
        .annotate(day=TruncDate("submitted_at"))
        .order_by("day")
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    return {
        "statuses": _counts(stories.exclude(status=STATUS_DRAFT), "status", STATUSES),
        "formats": _counts(received, "format", FORMATS),
        "languages": sorted(_counts(received, "language", STORY_LANGUAGES), key=lambda row: -row[1]),
        "sizes": _counts(received, "org_size_class", SIZE_CLASSES),
        "regions": sorted(((region_name(code), n) for code, n in regions.items()), key=lambda row: -row[1]),
        "received": progress["stories"],
        "reviews_done": progress["done"],
        "reviews_needed": progress["stories"] * needed_each,
        "per_day": per_day,
        "chart": per_day_svg(per_day),
    }


def per_day_svg(per_day, width=640, height=160):
    """Submissions per day as bars in an inline SVG: no script, no external file."""
    if not per_day:
        return ""
    first, last = per_day[0][0], per_day[-1][0]
    days = (last - first).days + 1
    counts = dict(per_day)
    top = max(counts.values())
    bar = width / days
    bars = []
    for index in range(days):
        day = first + timedelta(days=index)
        n = counts.get(day, 0)
        h = (height - 20) * n / top
        bars.append(
            f'<rect x="{index * bar + 1:.1f}" y="{height - 20 - h:.1f}" width="{max(bar - 2, 1):.1f}" '
            f'height="{h:.1f}" fill="#417690"><title>{day.isoformat()}: {n}</title></rect>'
        )
    label = _("Submissions per day")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{label}">{"".join(bars)}'
        f'<text x="0" y="{height - 4}" font-size="11">{first.isoformat()}</text>'
        f'<text x="{width}" y="{height - 4}" font-size="11" text-anchor="end">{last.isoformat()}</text>'
        f'<text x="{width}" y="12" font-size="11" text-anchor="end">max {top}</text></svg>'
    )
