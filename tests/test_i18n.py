"""The interface speaks English, French, Spanish and Arabic, completely."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_every_message_is_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert missing == []
    assert len(catalogue.translated_entries()) > 300


@pytest.mark.parametrize(
    ("prefix", "direction", "expected"),
    [("", "ltr", "Tell your story"), ("/fr", "ltr", "mots sur"), ("/es", "ltr", "palabras"), ("/ar", "rtl", "كلمة")],
)
def test_the_story_form_in_each_language(client_in, call, prefix, direction, expected):
    page = client_in.get(f"{prefix}/calls/{call.slug}/submit/").content.decode()
    assert f'dir="{direction}"' in page
    assert expected in page
    # The word counter's message reaches the script with its placeholders intact.
    assert "%(count)s" in page and "%%(count)s" not in page


def test_dates_are_localised(client, call):
    french = client.get(f"/fr/calls/{call.slug}/").content.decode()
    month = call.closes_at.month
    french_months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                     "octobre", "novembre", "décembre"]  # fmt: skip
    assert french_months[month - 1] in french
