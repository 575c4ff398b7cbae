"""Screenshots of the submitter's pages, at phone and desktop width, in English and Arabic.

Run against the demo site (`make run` in another terminal):

    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out docs/screenshots]

Needs Debian's chromium (`make test-tools`) and, for Arabic text, a font that has it
(`fonts-noto-core`).
"""

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

SUBMITTER = ("sme@example.org", "demo-sme-2021")
CALL = "wto-2021-sme-stories"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
LANGUAGES = {"en": "", "ar": "/ar"}
PAGES = {
    "call": "/calls/{call}/",
    "story-form": "/calls/{call}/submit/",
    "my-stories": "/my/stories/",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--call", default=CALL)
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for width, height in WIDTHS.values():
            context = browser.new_context(viewport={"width": width, "height": height}, timezone_id="Africa/Nairobi")
            page = context.new_page()
            page.goto(f"{args.base}/accounts/login/")
            page.fill("input[name=login]", SUBMITTER[0])
            page.fill("input[name=password]", SUBMITTER[1])
            page.locator("form button[type=submit]").last.click()
            page.wait_for_load_state()
            for language, prefix in LANGUAGES.items():
                for name, path in PAGES.items():
                    page.goto(args.base + prefix + path.format(call=args.call))
                    page.wait_for_load_state("networkidle")
                    target = out / f"{name}-{language}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
