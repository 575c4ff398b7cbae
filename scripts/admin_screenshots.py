"""Screenshots of the curation pages for docs/screenshots/, from a running demo site.

    .venv/bin/python scripts/admin_screenshots.py http://127.0.0.1:8765

The site must have the demo loaded (``load_demo --stories 60``): it logs in as the demo
curator and the first demo reviewer.
"""

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CURATOR = ("curator@example.org", "demo-curator-2021")
REVIEWER = ("reviewer1@example.org", "demo-reviewer-2021")


def login(page, base, who):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", who[0])
    page.fill("#id_password", who[1])
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def main(base):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        curator = browser.new_page(viewport={"width": 1280, "height": 900})
        login(curator, base, CURATOR)
        # The admin's navigation sidebar takes a quarter of a 1280-pixel screen; fold it.
        curator.evaluate("localStorage.setItem('django.admin.navSidebarIsOpen', 'false')")
        curator.goto(f"{base}/admin/stories/story/")
        curator.screenshot(path=OUT / "admin-list.png")
        story_url = curator.get_attribute("#result_list tbody tr:nth-child(3) th a", "href")
        curator.goto(base + sys.argv[2] if len(sys.argv) > 2 else base + story_url)
        curator.screenshot(path=OUT / "admin-story.png", full_page=True)
        curator.goto(f"{base}/admin/forums/call/")
        curator.goto(base + curator.get_attribute("#result_list a[href$='/dashboard/']", "href"))
        curator.wait_for_selector(".dash-chart svg")
        curator.screenshot(path=OUT / "admin-dashboard.png", full_page=True)
        curator.goto(f"{base}/admin/forums/forum/")
        curator.click("text=Print")
        curator.emulate_media(media="print")
        curator.screenshot(path=OUT / "admin-programme-print.png", full_page=True)

        reviewer = browser.new_page(viewport={"width": 1280, "height": 900})
        login(reviewer, base, REVIEWER)
        reviewer.evaluate("localStorage.setItem('django.admin.navSidebarIsOpen', 'false')")
        reviewer.goto(f"{base}/admin/stories/story/?review=todo")
        reviewer.click("#result_list tbody tr:first-child th a")
        reviewer.wait_for_selector(".review-form")
        reviewer.screenshot(path=OUT / "admin-review.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"))
