"""In a real browser: "My stories" follows a recording from waiting to playable, live."""

import pytest
from django.core.files import File
from django.test import Client
from django.urls import reverse

from stories import services
from stories.models import Story
from stories.pipeline import process_story_audio
from tests.conftest import AUDIO_FILES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def page(browser, live_server, submitter):
    client = Client()
    client.force_login(submitter)
    context = browser.new_context()
    host = live_server.url.split("//")[1].split(":")[0]
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host, "path": "/"}]
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def test_my_stories_shows_the_player_when_the_recording_becomes_ready(page, live_server, call, submitter):
    story = Story.objects.create(call=call, submitter=submitter, format="audio", title="Our bakery")
    with open(AUDIO_FILES[0], "rb") as source:
        services.attach_audio(story, File(source, name="memo.webm"), enqueue=False)  # waits, as if queued

    page.goto(live_server.url + reverse("stories:mine"))
    state = page.locator(f'[data-audio-state="{story.uuid}"]')
    player = page.locator(f'[data-audio-player="{story.uuid}"]')
    assert state.inner_text() == "Waiting to be checked"
    assert player.is_hidden()

    process_story_audio(story.pk)  # what the worker does

    player.wait_for(state="visible", timeout=15_000)  # the page polls every few seconds
    assert state.inner_text() == "Ready"
    assert player.locator("audio").get_attribute("src") == reverse("stories:own_audio", args=[story.uuid])
    page.wait_for_function("document.querySelector('.own-player img').naturalWidth > 0", timeout=10_000)
