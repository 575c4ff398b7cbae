"""The story list: combinable filters with counts, sorting, pagination, full-text search."""

import re

import pytest

from forums.models import Session
from stories import search
from stories.models import ProgrammeSlot


def titles(response):
    return re.findall(
        r'<h3 lang="[^"]*" dir="auto"><a href="/(?:\w\w/)?stories/[^"]+/">(.*?)</a></h3>', response.content.decode()
    )


def option_count(response, name, value):
    match = re.search(
        rf'name="{name}" value="{re.escape(str(value))}"[^>]*> <span>[^<]*</span> <span class="count">\((\d+)\)',
        response.content.decode(),
    )
    return int(match.group(1)) if match else None


@pytest.fixture
def library(make_story, call):
    themes = list(call.forum.themes.all())
    session = Session.objects.create(
        forum=call.forum, theme=themes[0], title="SME stories", starts_at=call.opens_at, ends_at=call.closes_at
    )
    stories = {
        "kenya": make_story(
            "Baskets from Nairobi", org_country="KE", org_sector="textiles", language="en", themes=[themes[0]]
        ),
        "ivory": make_story(
            "Le cacao passe au numérique",
            org_country="CI",
            org_sector="food",
            language="fr",
            org_size_class="small",
            themes=[themes[1]],
            featured=True,
        ),
        "colombia": make_story(
            "Café de altura", org_country="CO", org_sector="food", language="es", themes=[themes[2]]
        ),
        "jordan": make_story(
            "من ورشة صغيرة إلى متجر على الإنترنت",
            language="ar",
            org_country="JO",
            summary="كيف حوّلت ورشة خياطة في عمّان أزمة الإغلاق إلى فرصة للتصدير",
            body="بدأنا بخياطة الكمامات القماشية للمستشفيات والصيدليات المجاورة",
            themes=[themes[0]],
        ),
        "france": make_story(
            "Un atelier à Lyon",
            org_country="FR",
            org_sector="manufacturing",
            language="fr",
            audio=True,
            themes=[themes[1]],
        ),
    }
    ProgrammeSlot.objects.create(session=session, story=stories["kenya"], position=1)
    ProgrammeSlot.objects.create(session=session, story=stories["jordan"], position=2)
    return stories, themes, session


def test_filters_combine_and_count(client, library):
    stories, themes, session = library
    response = client.get("/stories/?sector=food")
    assert sorted(titles(response)) == ["Café de altura", "Le cacao passe au numérique"]
    # Counts of the sector facet ignore the sector filter; other facets count within it.
    assert option_count(response, "sector", "textiles") == 2
    assert option_count(response, "sector", "food") == 2
    assert option_count(response, "language", "fr") == 1
    assert option_count(response, "country", "CO") == 1

    response = client.get("/stories/?sector=food&language=es")
    assert titles(response) == ["Café de altura"]
    response = client.get("/stories/?sector=food&sector=manufacturing&language=fr")
    assert sorted(titles(response)) == ["Le cacao passe au numérique", "Un atelier à Lyon"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("format=audio", ["Un atelier à Lyon"]),
        ("size=small", ["Le cacao passe au numérique"]),
        ("country=KE", ["Baskets from Nairobi"]),
        ("region=002", ["Baskets from Nairobi", "Le cacao passe au numérique"]),
        ("region=011", ["Le cacao passe au numérique"]),
        ("region=011&region=014", ["Baskets from Nairobi", "Le cacao passe au numérique"]),
        ("region=155", ["Un atelier à Lyon"]),
        ("region=150&language=fr", ["Un atelier à Lyon"]),
        ("language=ar", ["من ورشة صغيرة إلى متجر على الإنترنت"]),
        ("forum=wto-2021&format=text&country=JO", ["من ورشة صغيرة إلى متجر على الإنترنت"]),
    ],
)
def test_each_filter(client, library, query, expected):
    assert sorted(titles(client.get(f"/stories/?{query}"))) == sorted(expected)


def test_theme_and_session_filters(client, library):
    stories, themes, session = library
    response = client.get(f"/stories/?theme={themes[1].pk}")
    assert sorted(titles(response)) == ["Le cacao passe au numérique", "Un atelier à Lyon"]
    assert option_count(response, "theme", themes[0].pk) == 2
    response = client.get(f"/stories/?session={session.pk}")
    assert sorted(titles(response)) == ["Baskets from Nairobi", "من ورشة صغيرة إلى متجر على الإنترنت"]
    assert option_count(response, "session", session.pk) == 2
    assert titles(client.get(f"/stories/?session={session.pk}&theme={themes[1].pk}")) == []


def test_region_counts_group_countries(client, library):
    response = client.get("/stories/")
    assert option_count(response, "region", "002") == 2  # Kenya and Côte d'Ivoire
    assert option_count(response, "region", "014") == 1  # Kenya: Eastern Africa
    assert option_count(response, "region", "142") == 1  # Jordan: Asia
    assert option_count(response, "region", "145") == 1  # Jordan: Western Asia
    assert "— Western Africa" in response.content.decode()


def test_sort_featured_then_newest(client, library):
    response = client.get("/stories/")
    assert titles(response)[0] == "Le cacao passe au numérique"
    response = client.get("/stories/?sort=newest")
    assert titles(response)[0] == "Un atelier à Lyon"


def test_pagination_keeps_filters(client, make_story):
    for index in range(25):
        make_story(f"Story number {index}", org_sector="food")
    response = client.get("/stories/?sector=food")
    assert len(titles(response)) == 20
    assert 'href="?sector=food&amp;page=2"' in response.content.decode()
    assert len(titles(client.get("/stories/?sector=food&page=2"))) == 5
    assert client.get("/stories/?page=999").status_code == 200


def test_bad_parameters_are_ignored(client, library):
    assert client.get("/stories/?theme=abc&session=-1&sort=evil&page=x").status_code == 200


def test_english_search_uses_stemming(client, make_story):
    make_story("Exporting handmade baskets", body="We exported to Europe through an online marketplace.")
    make_story("Coffee roasting", body="We roast coffee beans.")
    assert titles(client.get("/stories/?q=export")) == ["<mark>Exporting</mark> handmade baskets"]


def test_french_search_uses_french_stemming(client, library):
    assert titles(client.get("/stories/?q=numériques")) == ["Le cacao passe au <mark>numérique</mark>"]


def test_arabic_query_finds_the_arabic_story(client, library):
    response = client.get("/stories/?q=الكمامات")
    assert titles(response) == ["من ورشة صغيرة إلى متجر على الإنترنت"]
    assert "<mark>الكمامات</mark>" in response.content.decode()
    assert titles(client.get("/ar/stories/?q=ورشة")) == ["من <mark>ورشة</mark> صغيرة إلى متجر على الإنترنت"]


def test_search_weights_title_over_summary_over_body(client, make_story):
    make_story("Weaving in the body", body="orchids everywhere", summary="A story.")
    make_story("Weaving in the summary", summary="Our orchids", body="Nothing.")
    make_story("Orchids in the title", body="Nothing.", summary="A story.")
    found = [re.sub("</?mark>", "", title) for title in titles(client.get("/stories/?q=orchids"))]
    assert found == ["Orchids in the title", "Weaving in the summary", "Weaving in the body"]


def test_search_searches_transcripts_and_combines_with_filters(client, make_story):
    make_story("A voice from Dakar", audio=True, transcript="Our tailors sewed masks for the hospital.")
    make_story("Another voice", audio=True, transcript="Flowers from Ecuador.", language="es")
    assert titles(client.get("/stories/?q=hospital")) == ["A voice from Dakar"]
    assert titles(client.get("/stories/?q=hospital&language=es")) == []


def test_highlights_are_escaped(client, make_story):
    make_story("<script>alert(1)</script> baskets", body="<img src=x onerror=alert(1)> baskets")
    body = client.get("/stories/?q=baskets").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>baskets</mark>" in body


def test_plain_highlight_of_the_sqlite_fallback_escapes():
    marked = search._highlight_plain("<b>Trade</b> helped our trade", ["trade"])
    assert marked == "&lt;b&gt;<mark>Trade</mark>&lt;/b&gt; helped our <mark>trade</mark>"


def test_no_result_message(client, library):
    assert "No published story matches" in client.get("/stories/?q=zzzzqqq").content.decode()


def test_country_filter_labels_follow_the_page_language(client, make_story):
    make_story("Olive oil by post", org_country="JO")
    arabic = client.get("/ar/stories/").content.decode()
    assert "الأردن" in arabic
    assert "Jordan" not in arabic
    english = client.get("/stories/").content.decode()
    assert "Jordan" in english
