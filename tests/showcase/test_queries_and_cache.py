"""Query counts stay constant whatever the number of stories; the cache is invalidated by changes."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forums.models import Session
from stories import public_cache
from stories.models import ProgrammeSlot

LIST_URLS = [
    "/stories/",
    "/stories/?sector=food",
    "/stories/?forum=wto-2021&theme={theme}&session={session}&region=002&country=KE&sector=food&size=micro"
    "&language=en&format=audio&sort=newest",
    "/stories/?q=baskets",
    "/stories/?q=baskets&format=text&region=145&sort=featured&page=2",
    "/ar/stories/?q=الكمامات",
]


def many(make_story, call, count):
    themes = list(call.forum.themes.all())
    session = Session.objects.get_or_create(
        forum=call.forum, title="SME stories", starts_at=call.opens_at, ends_at=call.closes_at
    )[0]
    stories = []
    for index in range(count):
        story = make_story(
            f"Baskets and trade {index}",
            audio=index % 7 == 0,
            org_country=["KE", "JO", "FR", "CO"][index % 4],
            org_sector=["food", "textiles"][index % 2],
            language=["en", "ar", "fr"][index % 3],
            themes=[themes[index % 3]],
        )
        ProgrammeSlot.objects.create(session=session, story=story, position=index)
        stories.append(story)
    return stories, themes, session


def queries(client, url):
    cache.clear()
    public_cache.forget()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


def test_list_and_story_pages_use_few_queries_whatever_the_number_of_stories(
    client, make_story, call, settings, django_assert_max_num_queries
):
    # The cache's version check (one query) runs on every request here: it is counted.
    stories, themes, session = many(make_story, call, 3)
    urls = [url.format(theme=themes[0].pk, session=session.pk) for url in LIST_URLS]
    urls += [
        f"/stories/{stories[0].reference}/",
        f"/stories/{stories[1].reference}/",
        "/",
        f"/forums/{call.forum.slug}/",
    ]
    few = {url: queries(client, url) for url in urls}
    many(make_story, call, 40)
    for url in urls:
        cache.clear()
        public_cache.forget()
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
        assert queries(client, url) == few[url], url


def test_a_cached_page_costs_no_query(client, make_story, settings, django_assert_num_queries):
    settings.SHOWCASE_STAMP_SECONDS = 60
    story = make_story("Baskets")
    client.get("/stories/")
    client.get(f"/stories/{story.reference}/")
    client.get("/feeds/podcast.xml")
    client.get("/")
    with django_assert_num_queries(0):
        for url in ["/stories/", f"/stories/{story.reference}/", "/feeds/podcast.xml", "/"]:
            assert client.get(url).status_code == 200


def test_searches_are_not_cached(client, make_story, django_assert_max_num_queries):
    make_story("Baskets")
    client.get("/stories/?q=baskets")
    with django_assert_max_num_queries(8) as context:
        client.get("/stories/?q=baskets")
    assert len(context) >= 4


def test_changes_that_send_no_signal_invalidate_the_cache_too(client, make_story, settings):
    # In production each process looks at most every SHOWCASE_STAMP_SECONDS; here, every time.
    from django.utils import timezone

    from stories.models import Story

    story = make_story("Baskets from Nairobi")
    assert client.get(f"/stories/{story.reference}/").status_code == 200
    Story.objects.filter(pk=story.pk).update(published_at=None, updated_at=timezone.now())
    assert client.get(f"/stories/{story.reference}/").status_code == 404
    assert "Baskets" not in client.get("/feeds/stories.atom").content.decode()


def test_publishing_editing_and_withdrawing_invalidate_the_cache(client, make_story):
    story = make_story("Baskets from Nairobi")
    draft = make_story("Coffee from Colombia", published=False)
    assert "Coffee" not in client.get("/stories/").content.decode()
    assert "Coffee" not in client.get("/feeds/stories.atom").content.decode()
    from django.utils import timezone

    draft.published_at = timezone.now()
    draft.save()
    assert "Coffee from Colombia" in client.get("/stories/").content.decode()
    assert "Coffee from Colombia" in client.get("/feeds/stories.atom").content.decode()

    client.get(f"/stories/{story.reference}/")
    story.title = "Baskets from Mombasa"
    story.save()
    assert "Baskets from Mombasa" in client.get(f"/stories/{story.reference}/").content.decode()
    assert "Baskets from <mark>Mombasa</mark>" in client.get("/stories/?q=Mombasa").content.decode()

    from stories.services import withdraw_story

    story.status = "submitted"
    story.save()
    withdraw_story(story, story.submitter)
    assert client.get(f"/stories/{story.reference}/").status_code == 404


def test_programme_changes_invalidate_the_forum_page(client, make_story, call):
    story = make_story("Baskets from Nairobi")
    session = Session.objects.create(forum=call.forum, title="Day one", starts_at=call.opens_at, ends_at=call.closes_at)
    assert "Baskets from Nairobi" not in client.get(f"/forums/{call.forum.slug}/").content.decode()
    ProgrammeSlot.objects.create(session=session, story=story)
    assert "Baskets from Nairobi" in client.get(f"/forums/{call.forum.slug}/").content.decode()


def test_logged_in_people_are_not_served_cached_pages(client, make_story, submitter):
    make_story("Baskets")
    anonymous = client.get("/stories/").content.decode()
    client.force_login(submitter)
    personal = client.get("/stories/").content.decode()
    assert "My stories" in personal and "My stories" not in anonymous


@pytest.mark.parametrize("setting", [False])
def test_caching_can_be_switched_off(client, make_story, settings, setting, django_assert_max_num_queries):
    settings.SHOWCASE_CACHE = setting
    story = make_story("Baskets")
    client.get(f"/stories/{story.reference}/")
    with CaptureQueriesContext(connection) as context:
        client.get(f"/stories/{story.reference}/")
    assert len(context) > 0


def test_other_processes_see_a_change_within_the_stamp_interval(client, make_story, settings):
    from django.utils import timezone

    from stories.models import Story

    settings.SHOWCASE_STAMP_SECONDS = 60
    story = make_story("Baskets from Nairobi")
    assert client.get(f"/stories/{story.reference}/").status_code == 200
    # Another process unpublishes it without a signal: this one still serves its copy…
    Story.objects.filter(pk=story.pk).update(published_at=None, updated_at=timezone.now())
    assert client.get(f"/stories/{story.reference}/").status_code == 200
    # …until its interval is over.
    settings.SHOWCASE_STAMP_SECONDS = 0
    assert client.get(f"/stories/{story.reference}/").status_code == 404
