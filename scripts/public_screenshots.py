"""Screenshots of the public pages at phone and desktop widths, in English and Arabic.

Run against a server with the demo loaded (``make run``, or any port):

    .venv/bin/python scripts/public_screenshots.py http://127.0.0.1:8000 docs/screenshots

Writes public-<page>-<language>-<width>.png for the home page, the story list, an audio
story and the WTO 2021 forum's programme.
"""

import json
import re
import sys
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = (390, 1280)
LANGUAGES = ("en", "ar")
CHROMIUM = "/usr/bin/chromium"


def audio_story(base):
    """The newest audio story in the list."""
    with urllib.request.urlopen(f"{base}/stories/?format=audio&sort=newest", timeout=30) as response:
        page = response.read().decode()
    return re.search(r'href="(/stories/[A-Za-z0-9]+-[0-9]+/)"', page).group(1)


def main(base, folder):
    base = base.rstrip("/")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pages = {
        "home": "/",
        "list": "/stories/",
        "audio-story": audio_story(base),
        "forum": "/forums/wto-public-forum-2021/",
    }
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
            page = context.new_page()
            for language in LANGUAGES:
                prefix = "" if language == "en" else f"/{language}"
                for name, path in pages.items():
                    page.goto(f"{base}{prefix}{path}", wait_until="networkidle")
                    target = folder / f"public-{name}-{language}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(str(target))
            context.close()
        browser.close()
    print(json.dumps(written, indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:3])
