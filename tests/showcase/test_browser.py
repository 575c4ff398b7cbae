"""In headless Chromium: axe-core finds no accessibility violation on the public pages and the
submission form, in English and Arabic; a keyboard alone goes from the list to playing a story."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from forums.models import Session
from stories.models import ProgrammeSlot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(live_server, make_story, call):
    themes = list(call.forum.themes.all())
    session = Session.objects.create(
        forum=call.forum,
        theme=themes[0],
        title="SME stories: resilience",
        starts_at=call.opens_at,
        ends_at=call.closes_at,
        room="Room A",
    )
    text = make_story(
        "Keeping the looms running in Kenya", featured=True, photo=True, org_country="KE", themes=[themes[0]]
    )
    voice = make_story(
        "صوت من سوق دمشق",
        audio=True,
        language="ar",
        featured=True,
        org_country="SY",
        summary="رسالة صوتية عن متجر للتوابل خلال الجائحة.",
        themes=[themes[1]],
        transcript="بدأنا البيع عبر الإنترنت.\n\nالتجارة ساعدتنا.",
    )
    make_story("Le cacao passe au numérique", language="fr", org_country="CI", themes=[themes[2]])
    ProgrammeSlot.objects.create(session=session, story=text, position=1)
    ProgrammeSlot.objects.create(session=session, story=voice, position=2)
    return {"text": text, "voice": voice, "call": call}


def pages(site):
    return {
        "home": "/",
        "list": "/stories/",
        "search": "/stories/?q=looms&language=en",
        "text story": f"/stories/{site['text'].reference}/",
        "audio story": f"/stories/{site['voice'].reference}/",
        "forum": f"/forums/{site['call'].forum.slug}/",
        "embed": f"/stories/{site['voice'].reference}/embed/",
    }


def violations(page):
    results = Axe().run(page)
    return [(v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3]) for v in results.response["violations"]]


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_public_pages_have_no_axe_violations(browser, live_server, site, prefix):
    page = browser.new_page()
    found = {}
    for name, path in pages(site).items():
        page.goto(f"{live_server.url}{prefix}{path}")
        found[name] = violations(page)
        if name == "audio story":
            # The enhanced player too, once its script has shown it.
            page.wait_for_selector("[data-waveform]:not([hidden])")
            found["audio player"] = violations(page)
    page.close()
    assert found == {name: [] for name in found}


@pytest.mark.parametrize("prefix", ["", "/ar"])
def test_submission_form_has_no_axe_violations(browser, live_server, site, submitter, client, prefix):
    client.force_login(submitter)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}{prefix}/calls/{site['call'].slug}/submit/")
    assert page.locator("form[data-story-form]").count() == 1
    assert violations(page) == []
    context.close()


def test_keyboard_only_from_the_list_to_playing_a_story(browser, live_server, site):
    page = browser.new_page()
    page.goto(f"{live_server.url}/stories/?format=audio")
    target = f"/stories/{site['voice'].reference}/"
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == target:
            break
    else:
        pytest.fail("the story link was never reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{target}")
    page.wait_for_selector("[data-waveform]:not([hidden])")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-play')"):
            break
    else:
        pytest.fail("the play button was never reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "!document.querySelector('audio').paused && document.querySelector('audio').currentTime > 0.2"
    )
    assert page.get_attribute("[data-play]", "aria-pressed") == "true"

    # Speed, then the waveform: Space pauses, arrows seek.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('audio').playbackRate") == 1.25
    page.focus("[data-waveform]")
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('audio').paused")
    page.keyboard.press("Home")
    page.wait_for_function("document.querySelector('audio').currentTime === 0")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('audio').currentTime > 2.5")
    assert page.get_attribute("[data-waveform]", "aria-valuenow") == "3"
    page.close()


def test_the_axe_check_does_find_violations(browser):
    page = browser.new_page()
    page.set_content('<html><body><img src="x.png"><a href="#"></a></body></html>')
    assert {found[0] for found in violations(page)} >= {"image-alt", "html-has-lang", "link-name"}
    page.close()
