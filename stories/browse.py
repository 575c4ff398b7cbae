"""Browsing published stories: filters that combine, with a count for every option.

Filters of different facets combine with AND, options of one facet with OR. The count of an
option is the number of stories the visitor would see by ticking it: every other facet's
filter applies, not its own. All the counts come from one query (a UNION ALL of one
GROUP BY per facet), so the page costs the same number of queries whatever is chosen.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import SECTORS, SIZE_CLASSES
from forums import regions
from forums.models import FORMATS, Forum, Session, Theme
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


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)  # [(value, label, count, selected)]

    @property
    def selected_count(self):
        return sum(1 for option in self.options if option[3])


# name → (label, how a chosen value filters the stories)
FACETS = {
    "forum": (_("Forum"), lambda qs, values: qs.filter(call__forum__slug__in=values)),
    "theme": (
        _("Sub-theme"),
        lambda qs, values: qs.filter(
            pk__in=Story.themes.through.objects.filter(theme_id__in=values).values("story_id")
        ),
    ),
    "session": (
        _("Session"),
        lambda qs, values: qs.filter(pk__in=ProgrammeSlot.objects.filter(session_id__in=values).values("story_id")),
    ),
    "region": (
        _("Region"),
        lambda qs, values: qs.filter(org_country__in=[c for code in values for c in regions.countries_in(code)]),
    ),
    "country": (_("Country"), lambda qs, values: qs.filter(org_country__in=values)),
    "sector": (_("Sector"), lambda qs, values: qs.filter(org_sector__in=values)),
    "size": (_("Size"), lambda qs, values: qs.filter(org_size_class__in=values)),
    "language": (_("Language"), lambda qs, values: qs.filter(language__in=values)),
    "format": (_("Format"), lambda qs, values: qs.filter(format__in=values)),
}
INTEGER_FACETS = {"theme", "session"}


def chosen(params):
    """The valid filter values of a request's query string, per facet."""
    result = {}
    for name in FACETS:
        values = [value for value in params.getlist(name) if value][:30]
        if name in INTEGER_FACETS:
            values = [int(value) for value in values if value.isdigit()]
        if values:
            result[name] = values
    return result


def filtered(choices, text="", skip=None, ranked=False):
    queryset = Story.objects.published()
    for name, values in choices.items():
        if name != skip:
            queryset = FACETS[name][1](queryset, values)
    if text:
        queryset = search.apply(queryset, text, ranked=ranked)
    return queryset


def _count_by(queryset, name, column):
    return (
        queryset.order_by()
        .annotate(facet=Value(name, output_field=CharField()), value=Cast(column, CharField()))
        .values("facet", "value")
        .annotate(n=Count("pk"))
        .values_list("facet", "value", "n")
    )


def _count_through(model, queryset, name, column):
    return (
        model.objects.filter(story__in=queryset.values("pk"))
        .order_by()
        .annotate(facet=Value(name, output_field=CharField()), value=Cast(column, CharField()))
        .values("facet", "value")
        .annotate(n=Count("story_id"))
        .values_list("facet", "value", "n")
    )


def counts(choices, text=""):
    """{facet: Counter(value → number of stories)} in one query."""
    columns = {
        "forum": F("call__forum__slug"),
        "region": F("org_country"),
        "country": F("org_country"),
        "sector": F("org_sector"),
        "size": F("org_size_class"),
        "language": F("language"),
        "format": F("format"),
    }
    parts = [_count_by(filtered(choices, text, skip=name), name, column) for name, column in columns.items()]
    parts.append(_count_through(Story.themes.through, filtered(choices, text, skip="theme"), "theme", "theme_id"))
    parts.append(_count_through(ProgrammeSlot, filtered(choices, text, skip="session"), "session", "session_id"))
    result = {name: Counter() for name in FACETS}
    for name, value, number in parts[0].union(*parts[1:], all=True):
        if name == "region":
            # A story counts in its region and in its sub-region.
            for code in {regions.region_of(value), regions.subregion_of(value)}:
                result["region"][code] += number
        else:
            result[name][value or ""] += number
    return result


def facets(choices, text=""):
    """The facets to show, with their options' labels, counts and whether each is chosen."""
    numbers = counts(choices, text)
    labels = {
        "forum": dict(Forum.objects.filter(slug__in=list(numbers["forum"])).values_list("slug", "name")),
        "theme": {
            str(theme.pk): f"{theme.title} ({theme.forum.name})" if len(numbers["forum"]) > 1 else theme.title
            for theme in Theme.objects.filter(pk__in=[int(v) for v in numbers["theme"] if v.isdigit()]).select_related(
                "forum"
            )
        },
        "session": {
            str(pk): title
            for pk, title in Session.objects.filter(
                pk__in=[int(v) for v in numbers["session"] if v.isdigit()]
            ).values_list("pk", "title")
        },
        "region": dict(regions.filter_choices()),
        "country": dict(countries),
        "sector": dict(SECTORS),
        "size": dict(SIZE_CLASSES),
        "language": dict(STORY_LANGUAGES),
        "format": dict(FORMATS),
    }
    result = []
    for name, (label, _filter) in FACETS.items():
        selected = {str(value) for value in choices.get(name, [])}
        options = [
            (value, str(labels[name].get(value, value)), number, value in selected)
            for value, number in numbers[name].items()
            if value and (number or value in selected)
        ]
        options += [(value, str(labels[name].get(value, value)), 0, True) for value in selected - set(numbers[name])]
        if name == "region":
            order = {code: position for position, (code, _label) in enumerate(regions.filter_choices())}
            options.sort(key=lambda option: order.get(option[0], len(order)))
        else:
            options.sort(key=lambda option: (-option[2], option[1]))
        if options:
            result.append(Facet(name, label, options))
    return result
