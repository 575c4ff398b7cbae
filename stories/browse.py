"""Browsing published stories: filters that combine, with a count for every option.

Filters of different facets combine with AND, options of one facet with OR. The count of an
option is the number of stories the visitor would see by ticking it: every other facet's
filter applies, not its own.

One narrow query returns, in display order, the few columns the facets need for every
published story matching the search; two small queries add their sub-themes and sessions.
Filtering and counting then happen in memory in a single pass; one query loads the page's
stories and one the sub-themes' labels. The page costs the same five queries whatever is
chosen, and one scan of the stories (on PostgreSQL, of a covering index) instead of one
per facet.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import SECTORS, SIZE_CLASSES
from forums import regions
from forums.models import FORMATS, Theme
from stories import search
from stories.models import STORY_LANGUAGES, ProgrammeSlot, Story

SORT_FEATURED = "featured"
SORT_NEWEST = "newest"
SORT_RELEVANCE = "relevance"
SORTS = [(SORT_FEATURED, _("Featured first")), (SORT_NEWEST, _("Newest first")), (SORT_RELEVANCE, _("Best match"))]
ORDERINGS = {
    SORT_FEATURED: ("-featured", "-published_at", "-pk"),
    SORT_NEWEST: ("-published_at", "-pk"),
    SORT_RELEVANCE: ("-rank", "-featured", "-published_at", "-pk"),
}

FACETS = {
    "forum": _("Forum"),
    "theme": _("Sub-theme"),
    "session": _("Session"),
    "region": _("Region"),
    "country": _("Country"),
    "sector": _("Sector"),
    "size": _("Size"),
    "language": _("Language"),
    "format": _("Format"),
}
# Facets read straight from a column of the story (or of its forum).
COLUMNS = {
    "forum": "call__forum__slug",
    "country": "org_country",
    "sector": "org_sector",
    "size": "org_size_class",
    "language": "language",
    "format": "format",
}
FIXED_LABELS = {
    "sector": dict(SECTORS),
    "size": dict(SIZE_CLASSES),
    "language": dict(STORY_LANGUAGES),
    "format": dict(FORMATS),
}
INTEGER_FACETS = {"theme", "session"}
FEW_ROWS = 500


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)  # [(value, label, count, selected)]


@dataclass
class Result:
    page: object
    facets: list


def chosen(params):
    """The filter values of a request's query string, per facet."""
    result = {}
    for name in FACETS:
        values = {value for value in params.getlist(name) if value and len(value) <= 100}
        if name in INTEGER_FACETS:
            values = {int(value) for value in values if value.isdigit()}
        if values:
            result[name] = set(sorted(values)[:30])
    return result


def _getters(story_themes, story_sessions):
    """For each facet, a function from a story's row to the values it has in that facet."""
    getters = {name: lambda row, column=column: (getattr(row, column),) for name, column in COLUMNS.items()}
    getters["region"] = lambda row: (regions.region_of(row.org_country), regions.subregion_of(row.org_country))
    getters["theme"] = lambda row: story_themes.get(row.pk, ())
    getters["session"] = lambda row: story_sessions.get(row.pk, ())
    return getters


def _count(name, rows, getters):
    if name in COLUMNS:
        return Counter(map(attrgetter(COLUMNS[name]), rows))
    if name == "region":
        # Count countries first: a few dozen distinct ones, then add them up by region.
        counts = Counter()
        for country, number in Counter(map(attrgetter("org_country"), rows)).items():
            for code in {regions.region_of(country), regions.subregion_of(country)}:
                counts[code] += number
        return counts
    return Counter(chain.from_iterable(map(getters[name], rows)))


def browse(choices, text, sort, page_number, per_page):
    """The page of stories to show and the facets with their counts."""
    queryset = Story.objects.published()
    if text:
        queryset = search.apply(queryset, text)
    rows = list(
        queryset.order_by(*ORDERINGS[sort]).values_list("pk", "call__forum__name", *COLUMNS.values(), named=True)
    )
    story_themes, story_sessions = defaultdict(list), defaultdict(list)
    through = Story.themes.through.objects.all()
    slots = ProgrammeSlot.objects.all()
    if len(rows) <= FEW_ROWS:
        # A narrow search: only its stories' links, rather than every story's.
        through = through.filter(story_id__in=[row.pk for row in rows])
        slots = slots.filter(story_id__in=[row.pk for row in rows])
    for story_id, theme_id in through.values_list("story_id", "theme_id"):
        story_themes[story_id].append(theme_id)
    labels = {"session": {}}
    for story_id, session_id, title in slots.values_list("story_id", "session_id", "session__title"):
        story_sessions[story_id].append(session_id)
        labels["session"][session_id] = title
    getters = _getters(story_themes, story_sessions)

    # One pass: a story passing every chosen filter is shown and counts in every facet; one
    # failing a single facet's filter counts in that facet only (ticking it would show it).
    tests = [(name, wanted, getters[name]) for name, wanted in choices.items()]
    passing, near = [], defaultdict(list)
    for row in rows:
        missed = None
        for name, wanted, values in tests:
            if wanted.isdisjoint(values(row)):
                if missed is not None:
                    missed = False
                    break
                missed = name
        if missed is None:
            passing.append(row)
        elif missed:
            near[missed].append(row)
    counts = {name: _count(name, passing + near[name] if near[name] else passing, getters) for name in FACETS}
    labels["forum"] = {slug: name for slug, name in {(row.call__forum__slug, row.call__forum__name) for row in rows}}

    page = Paginator(passing, per_page).get_page(page_number)
    ids = [row.pk for row in page.object_list]
    stories = Story.objects.filter(pk__in=ids).for_cards()
    if text:
        stories = search.with_highlights(stories, text)
    by_id = {story.pk: story for story in stories}
    page.object_list = [by_id[pk] for pk in ids if pk in by_id]
    if text:
        search.highlight(page.object_list, text)
    return Result(page, _facets(choices, counts, labels))


def _label(name, value, labels, several_forums):
    if name == "theme" and value in labels["theme"]:
        title, forum = labels["theme"][value]
        return f"{title} ({forum})" if several_forums else title
    if name == "country":
        # Country names come in the page's language, so they are looked up per request.
        return countries.name(value) or value
    known = labels.get(name) or FIXED_LABELS.get(name, {})
    return str(known.get(value, value))


def _facets(choices, counts, labels):
    labels["theme"] = {
        pk: (title, forum)
        for pk, title, forum in Theme.objects.filter(
            pk__in=list(counts["theme"]) + list(choices.get("theme", ()))
        ).values_list("pk", "title", "forum__name")
    }
    several_forums = len(counts["forum"]) > 1
    region_choices = regions.filter_choices()
    labels["region"] = dict(region_choices)
    region_order = {code: position for position, (code, _label) in enumerate(region_choices)}
    result = []
    for name, label in FACETS.items():
        selected = choices.get(name, set())
        values = {value for value, number in counts[name].items() if value and number} | selected
        options = [
            (value, _label(name, value, labels, several_forums), counts[name][value], value in selected)
            for value in values
        ]
        if name == "region":
            options.sort(key=lambda option: region_order.get(option[0], len(region_order)))
        else:
            options.sort(key=lambda option: (-option[2], option[1]))
        if options:
            result.append(Facet(name, label, options))
    return result
