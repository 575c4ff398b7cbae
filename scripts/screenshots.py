"""Screenshots for docs/screenshots/, from the running demo site (`make run` in another terminal).

    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out docs/screenshots]
                                           [--only public submitter admin]

- public: home, story list, an audio story and the WTO forum's programme, as a visitor;
- submitter: the call page, the story form and "My stories", as the demo submitter;
  both at phone and desktop width, in English and Arabic;
- admin: the story list, a story, the dashboard, the printed programme (as the demo curator)
  and the review form (as the first demo reviewer), at 1280 px, in English and Arabic. The list looks best with
  synthetic stories loaded (`manage.py load_demo --stories 60`).

Needs Debian's chromium (`make test-tools`) and, for Arabic text, a font that has it
(`fonts-noto-core`).
"""

import argparse
import os
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

CALL = "wto-2021-sme-stories"
FORUM = "wto-public-forum-2021"
SUBMITTER = ("sme@example.org", "demo-sme-2021")
CURATOR = ("curator@example.org", "demo-curator-2021")
REVIEWER = ("reviewer1@example.org", "demo-reviewer-2021")
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
LANGUAGES = {"en": "", "ar": "/ar"}
SUBMITTER_PAGES = {"call": f"/calls/{CALL}/", "story-form": f"/calls/{CALL}/submit/", "my-stories": "/my/stories/"}


def site_login(page, base, who):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", who[0])
    page.fill("input[name=password]", who[1])
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def admin_login(page, base, who):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", who[0])
    page.fill("#id_password", who[1])
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
    # The admin's navigation sidebar takes a quarter of a 1280-pixel screen; fold it.
    page.evaluate("localStorage.setItem('django.admin.navSidebarIsOpen', 'false')")


def widths_and_languages(browser, base, out, prefix, pages, who=None):
    """Each page at each width in each language; ``pages`` maps names to paths."""
    for width, height in WIDTHS.values():
        context = browser.new_context(viewport={"width": width, "height": height}, timezone_id="Africa/Nairobi")
        page = context.new_page()
        if who:
            site_login(page, base, who)
        for language, language_prefix in LANGUAGES.items():
            for name, path in pages.items():
                page.goto(base + language_prefix + path, wait_until="networkidle")
                target = out / f"{prefix}{name}-{language}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
        context.close()


def newest_audio_story(browser, base):
    page = browser.new_page()
    page.goto(f"{base}/stories/?format=audio&sort=newest")
    path = page.get_attribute("a[href^='/stories/'][href$='/']:not([href='/stories/'])", "href")
    page.close()
    return path


def admin(browser, base, out):
    """The curators' and reviewers' pages, in English (/admin/) and in Arabic (/ar/admin/)."""
    for language, prefix in LANGUAGES.items():
        suffix = "" if language == "en" else f"-{language}"
        site = base + prefix
        curator = browser.new_page(viewport={"width": 1280, "height": 900})
        admin_login(curator, site, CURATOR)
        curator.goto(f"{site}/admin/stories/story/")
        curator.screenshot(path=out / f"admin-list{suffix}.png")
        curator.goto(base + curator.get_attribute("#result_list tbody tr:nth-child(3) th a", "href"))
        curator.screenshot(path=out / f"admin-story{suffix}.png", full_page=True)
        curator.goto(f"{site}/admin/forums/call/")
        curator.goto(base + curator.get_attribute("#result_list a[href$='/dashboard/']", "href"))
        curator.wait_for_selector(".dash-chart svg")
        curator.screenshot(path=out / f"admin-dashboard{suffix}.png", full_page=True)
        curator.goto(f"{site}/admin/forums/forum/")
        curator.click("#result_list a[href*='/session/programme/']")
        curator.emulate_media(media="print")
        curator.screenshot(path=out / f"admin-programme-print{suffix}.png", full_page=True)
        curator.close()

        reviewer = browser.new_page(viewport={"width": 1280, "height": 900})
        admin_login(reviewer, site, REVIEWER)
        reviewer.goto(f"{site}/admin/stories/story/?review=todo")
        reviewer.click("#result_list tbody tr:first-child th a")
        reviewer.wait_for_selector(".review-form")
        reviewer.screenshot(path=out / f"admin-review{suffix}.png", full_page=True)
        reviewer.close()
        for name in ("list", "story", "dashboard", "programme-print", "review"):
            print(out / f"admin-{name}{suffix}.png")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--only", nargs="+", choices=["public", "submitter", "admin"])
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    base, out = args.base.rstrip("/"), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sets = args.only or ["public", "submitter", "admin"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        if "public" in sets:
            public_pages = {
                "home": "/",
                "list": "/stories/",
                "audio-story": newest_audio_story(browser, base),
                "forum": f"/forums/{FORUM}/",
            }
            widths_and_languages(browser, base, out, "public-", public_pages)
        if "submitter" in sets:
            widths_and_languages(browser, base, out, "", SUBMITTER_PAGES, who=SUBMITTER)
        if "admin" in sets:
            admin(browser, base, out)
        browser.close()


if __name__ == "__main__":
    main()
