"""Only published stories are public: pages, media, feeds, sitemap and search alike."""

import pytest

from stories.models import (
    AUDIO_FAILED,
    AUDIO_PROCESSING,
    STATUS_DECLINED,
    STATUS_DRAFT,
    STATUS_IN_REVIEW,
    STATUS_SELECTED,
    STATUS_SHORTLISTED,
    STATUS_SUBMITTED,
    STATUS_WITHDRAWN,
)
from tests.showcase.conftest import CONTACT

HIDDEN = {
    "draft": {"status": STATUS_DRAFT, "published": False},
    "submitted": {"status": STATUS_SUBMITTED, "published": False},
    "in review": {"status": STATUS_IN_REVIEW, "published": False},
    "shortlisted": {"status": STATUS_SHORTLISTED, "published": False},
    "declined": {"status": STATUS_DECLINED, "published": False},
    "withdrawn": {"status": STATUS_WITHDRAWN, "published": False},
    "selected but unpublished": {"status": STATUS_SELECTED, "published": False},
    # Even with a publication date, these may not show:
    "withdrawn with a stale date": {"status": STATUS_WITHDRAWN},
    "no consent": {"consent_publication": False},
    "audio still processing": {"audio_state_override": AUDIO_PROCESSING},
    "audio failed": {"audio_state_override": AUDIO_FAILED},
}


def make_hidden(make_story, state):
    options = dict(HIDDEN[state])
    audio_state = options.pop("audio_state_override", None)
    story = make_story("Zanzibar spice secrets", audio=True, photo=True, **options)
    if audio_state:
        story.audio_state = audio_state
        story.save()
    return story


def urls_of(story):
    return [
        f"/stories/{story.reference}/",
        f"/fr/stories/{story.reference}/",
        f"/ar/stories/{story.reference}/",
        f"/stories/{story.reference}/embed/",
        f"/stories/{story.reference}/transcript.txt",
        f"/media/stories/{story.reference}/audio.m4a",
        f"/media/stories/{story.reference}/waveform.png",
        f"/media/stories/{story.reference}/photo-480.jpg",
        f"/media/stories/{story.reference}/photo-960.jpg",
    ]


@pytest.mark.parametrize("state", HIDDEN)
def test_unpublished_story_is_404_everywhere(client, make_story, state):
    story = make_hidden(make_story, state)
    for url in urls_of(story):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("state", HIDDEN)
def test_unpublished_story_is_in_no_list_feed_sitemap_or_search(client, make_story, call, state):
    hidden = make_hidden(make_story, state)
    make_story("A published story about baskets")
    for url in [
        "/",
        "/stories/",
        "/stories/?q=Zanzibar",
        "/stories/?format=audio",
        f"/forums/{call.forum.slug}/",
        "/feeds/stories.atom",
        "/feeds/podcast.xml",
        "/sitemap.xml",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert hidden.reference not in body, url
        assert "spice secrets" not in body, url


def test_published_story_is_reachable_with_its_media(client, make_story):
    story = make_story("Zanzibar spice secrets", audio=True, photo=True)
    for url in urls_of(story):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Zanzibar" in client.get("/stories/?q=Zanzibar").content.decode()


def test_unpublishing_hides_a_story_at_once(client, make_story):
    story = make_story("Zanzibar spice secrets", audio=True)
    assert client.get(f"/stories/{story.reference}/").status_code == 200
    assert f"/stories/{story.reference}/" in client.get("/feeds/podcast.xml").content.decode()
    story.published_at = None
    story.save()
    assert client.get(f"/stories/{story.reference}/").status_code == 404
    assert "Zanzibar" not in client.get("/feeds/podcast.xml").content.decode()
    assert "Zanzibar" not in client.get("/stories/").content.decode()


def test_contact_details_never_appear(client, make_story, call):
    story = make_story("Zanzibar spice secrets", audio=True, photo=True)
    pages = [
        "/",
        "/stories/",
        "/stories/?q=Zanzibar",
        f"/stories/{story.reference}/",
        f"/ar/stories/{story.reference}/",
        f"/stories/{story.reference}/embed/",
        f"/forums/{call.forum.slug}/",
        "/feeds/stories.atom",
        "/feeds/podcast.xml",
        "/sitemap.xml",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        for value in CONTACT.values():
            assert value not in body, (url, value)
        assert "submitter" not in body.lower() or url == "/", url
        assert story.submitter.email not in body, url


def test_original_recording_has_no_url(client, make_story):
    story = make_story("Zanzibar spice secrets", audio=True)
    from django.core.files.base import ContentFile

    story.audio_original.save("original", ContentFile(b"original bytes"), save=True)
    body = client.get(f"/stories/{story.reference}/").content.decode()
    assert story.audio_original.name not in body
    assert story.audio.name not in body
    assert client.get(f"/media/stories/{story.reference}/audio.bin").status_code == 404
