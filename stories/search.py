"""Full-text search of stories.

On PostgreSQL each story keeps a ``search_vector`` built with its own language's text
search configuration (stemming for English, French, Spanish…; ``simple`` for Arabic and
languages PostgreSQL has no configuration for), weighted title A > summary B > text and
transcript C, and GIN-indexed. A query is parsed with every configuration in use and the
parts OR-ed, so a French query finds French stories through French stemming and an Arabic
query finds Arabic words as written. On SQLite (the embedded mode) a plain
case-insensitive match stands in.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQueryField, SearchRank, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Case, F, Func, Lookup, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import mark_safe

# The interface languages PostgreSQL has a stemming configuration for; every other language
# (Arabic included: its stemmer mangles short words) uses "simple", words as written.
# Each query is parsed once per configuration, so the list stays short.
SEARCH_CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}
SIMPLE = "simple"

# Highlight markers PostgreSQL puts around matches; the text is escaped before they become <mark>.
_START, _STOP = "\x02", "\x03"


def uses_postgres():
    return connection.vendor == "postgresql"


def _vector(config):
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body", "transcript", weight="C", config=config)
    )


def _language_config():
    """Each story's text configuration, from its language (per row, in SQL)."""
    return Case(
        *[When(language=language, then=Value(config)) for language, config in SEARCH_CONFIGS.items()],
        default=Value(SIMPLE),
    )


def update_search_vectors(queryset):
    """Rebuild the stories' vectors in one UPDATE (after bulk loads); nothing to do on SQLite."""
    if uses_postgres():
        queryset.update(search_vector=_vector(_language_config()))


def update_search_vector(story):
    update_search_vectors(type(story).objects.filter(pk=story.pk))


class _Matches(Func):
    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


def _query(text):
    """The query parsed with every configuration, OR-ed: one SQL expression, cheap to compile."""
    configs = [*sorted(set(SEARCH_CONFIGS.values())), SIMPLE]
    sql = " || ".join(["websearch_to_tsquery(%s::regconfig, %s)"] * len(configs))
    params = [value for config in configs for value in (config, text)]
    return RawSQL(f"({sql})", params, output_field=SearchQueryField())


class Words(Lookup):
    """``search_vector__words=text``: the vector holds the words of ``text`` (parsed as ``apply`` does).

    An admin's ``search_fields`` can name it: each term is then looked up in the GIN-indexed
    vector rather than found by reading every story's whole text for a substring.
    """

    lookup_name = "words"

    def get_prep_lookup(self):
        return _query(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @@ {rhs}", [*lhs_params, *rhs_params]


SearchVectorField.register_lookup(Words)


def text_search_field():
    """The admin search field for a story's words: the vector on PostgreSQL, the text on SQLite."""
    return "search_vector__words" if uses_postgres() else "body"


def terms(text):
    return [term for term in re.split(r"\s+", text.strip()) if term][:8]


def apply(queryset, text):
    """Stories matching ``text``, annotated with ``rank`` (higher is better)."""
    if uses_postgres():
        query = _query(text)
        queryset = queryset.filter(_Matches(F("search_vector"), query))
        return queryset.annotate(rank=SearchRank(F("search_vector"), query))
    matches = Q()
    for term in terms(text):
        matches &= (
            Q(title__icontains=term)
            | Q(summary__icontains=term)
            | Q(body__icontains=term)
            | Q(transcript__icontains=term)
        )
    queryset = queryset.filter(matches)
    return queryset.annotate(rank=Value(1.0))


def with_highlights(queryset, text):
    """On PostgreSQL, annotate the highlighted title and excerpt (computed for the page's rows only)."""
    if not uses_postgres():
        return queryset
    query = _query(text)
    excerpt = Concat("summary", Value(" "), "body", Value(" "), "transcript", output_field=TextField())
    marks = {"config": _language_config(), "start_sel": _START, "stop_sel": _STOP}
    return queryset.annotate(
        title_headline=SearchHeadline("title", query, highlight_all=True, **marks),
        excerpt_headline=SearchHeadline(
            excerpt, query, max_words=30, min_words=12, max_fragments=2, fragment_delimiter=" … ", **marks
        ),
    )


def _marked(text):
    return mark_safe(escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _highlight_plain(text, words, window=None):
    if not text:
        return mark_safe("")
    if window:
        lower = text.lower()
        positions = [position for word in words if (position := lower.find(word.lower())) >= 0]
        start = max(0, min(positions) - window // 3) if positions else 0
        snippet = text[start : start + window]
        text = ("… " if start else "") + snippet + (" …" if start + window < len(text) else "")
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))


def highlight(stories, text):
    """Give each story of a page ``title_highlight`` and ``excerpt_highlight``, safe HTML."""
    words = terms(text)
    for story in stories:
        if hasattr(story, "title_headline"):
            story.title_highlight = _marked(story.title_headline)
            story.excerpt_highlight = _marked(story.excerpt_headline)
        else:
            story.title_highlight = _highlight_plain(story.title, words)
            story.excerpt_highlight = _highlight_plain(
                " ".join(part for part in (story.summary, story.body, story.transcript) if part), words, window=220
            )
    return stories
