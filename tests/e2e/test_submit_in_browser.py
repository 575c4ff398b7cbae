"""A newcomer signs up, confirms, fills the profile and submits a text and an audio story."""

import re

import pytest
from django.core import mail

from stories.models import Story
from tests.conftest import AUDIO_FILES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-pass-phrase-2021"


@pytest.mark.parametrize("prefix", ["", "/ar"], ids=["en", "ar"])
def test_sign_up_and_submit_a_text_and_an_audio_story(page, live_server, call, prefix):
    site = live_server.url
    base = site + prefix
    page.goto(f"{base}/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if prefix == "/ar" else "ltr")
    page.get_by_role("link", name=call.title).first.click()
    assert "How did trade help?" in page.content()

    page.goto(f"{base}/accounts/signup/")
    page.fill("input[name=email]", "amina@example.org")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/"))
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(site + "/" + link.split("://", 1)[1].split("/", 1)[1])
    page.locator("form button[type=submit]").last.click()

    # Submitting leads through the organisation profile first.
    page.goto(f"{base}/calls/{call.slug}/submit/")
    page.wait_for_url(re.compile(r"/accounts/organisation/"))
    page.fill("input[name=name]", "Amina Spices")
    page.select_option("select[name=country]", "MA")
    page.fill("input[name=city]", "Fès")
    page.check("input[name=size_class][value=micro]")
    page.select_option("select[name=sector]", index=1)
    page.fill("input[name=contact_name]", "Amina")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(rf"/calls/{call.slug}/submit/"))

    # A text story, with the live word counter.
    page.fill("input[name=title]", "Spices by post")
    page.fill("textarea[name=summary]", "We moved our market stall online.")
    page.select_option("#id_language", "fr")
    page.locator("input[name=themes]").first.check()
    page.check("input[name=format][value=text]")
    page.fill("textarea[name=body]", "Quand le marché a fermé, nous avons vendu par la poste.")
    assert "11" in page.locator("[data-word-count]").inner_text()
    page.check("input[name=consent_publication]")
    page.select_option("select[name=licence]", "cc-by-4.0")
    page.click("button[name=action][value=submit]")
    page.wait_for_url(re.compile(r"/submitted/"))
    assert "WTO21-0001" in page.content()

    # An audio story: the file goes up with a progress bar and is checked on the server.
    page.goto(f"{base}/calls/{call.slug}/submit/")
    page.fill("input[name=title]", "A voice note from the souk")
    page.fill("textarea[name=summary]", "How trade kept us open.")
    page.select_option("#id_language", "ar")
    page.locator("input[name=themes]").first.check()
    page.check("input[name=format][value=audio]")
    recording = next(path for path in AUDIO_FILES if path.suffix == ".ogg")
    page.set_input_files("input[name=audio_file]", str(recording))
    page.check("input[name=consent_publication]")
    page.select_option("select[name=licence]", "cc-by-4.0")
    page.click("button[name=action][value=submit]")
    page.wait_for_url(re.compile(r"/submitted/"), timeout=60_000)
    assert "WTO21-0002" in page.content()

    page.goto(f"{base}/my/stories/")
    listing = page.content()
    assert "Spices by post" in listing and "A voice note from the souk" in listing
    audio = Story.objects.get(reference="WTO21-0002")
    assert audio.audio_original_name == recording.name
    assert audio.audio_state == "ready"
    confirmations = [m for m in mail.outbox if m.to == ["amina@example.org"] and "WTO21-" in m.subject]
    assert [re.search(r"WTO21-\d{4}", m.subject).group(0) for m in confirmations] == ["WTO21-0001", "WTO21-0002"]
    if prefix == "/ar":
        assert all(re.search("[\u0600-\u06ff]", m.subject) for m in confirmations)
