"""Shared fixtures: a forum with an open call, a submitter with an organisation, stories."""

import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.db import connections
from django.utils import timezone

from accounts.models import OrganisationProfile, User
from forums.models import Call, Forum, Theme

FIXTURES_AUDIO = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "audio"
AUDIO_FILES = sorted(FIXTURES_AUDIO.glob("*")) if FIXTURES_AUDIO.exists() else []
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _default_language():
    """A request made by the test client leaves its language active in this thread; each
    test starts from the default language."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright; one for the whole run (the sync API
    allows one event loop per thread)."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test-tools` installs Debian's chromium.")
    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are
    # still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    # While Playwright's event loop runs in this thread, Django keeps the thread's database
    # connections apart from those made before (asgiref's Local sees a running loop): the
    # copy of the migrated data that serialized_rollback tests restore goes along, and the
    # connections opened meanwhile are closed before the loop stops, or they would outlive
    # it and keep the test database from being dropped.
    serialized = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()
        connections.close_all()


def make_forum(name, slug, organiser, starts_on, themes):
    """A three-day forum with its sub-themes, given as (title, slug)."""
    ends_on = starts_on + timedelta(days=2)
    forum = Forum.objects.create(name=name, slug=slug, organiser=organiser, starts_on=starts_on, ends_on=ends_on)
    for position, (title, slug) in enumerate(themes):
        Theme.objects.create(forum=forum, title=title, slug=slug, position=position)
    return forum


def make_call(forum, title, slug, prefix, brief, **limits):
    """A call open from yesterday to ten days from now."""
    now = timezone.now()
    return Call.objects.create(
        forum=forum,
        title=title,
        slug=slug,
        reference_prefix=prefix,
        brief=brief,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        **limits,
    )


@pytest.fixture
def forum(db):
    themes = [("Building resilience", "theme-0"), ("Multilateral trade", "theme-1"), ("Collective action", "theme-2")]
    return make_forum("WTO Public Forum 2021", "wto-2021", "WTO", date(2021, 9, 28), themes)


@pytest.fixture
def call(forum):
    brief = "How did COVID-19 affect your business?\nWhat did you do?\nHow did trade help?"
    return make_call(
        forum, "Share your story", "wto21", "WTO21", brief, max_words=50, max_audio_seconds=60, max_upload_mb=2
    )


def make_user(email, language="en", password="a-long-pass-phrase-2021", verified=True, **extra):
    user = User.objects.create_user(email=email, password=password, language=language, **extra)
    if verified:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def submitter(db):
    user = make_user("owner@example.org")
    OrganisationProfile.objects.create(
        user=user,
        name="Jasmine Textiles",
        country="JO",
        city="Amman",
        size_class="micro",
        sector="textiles",
        contact_name="Lina",
        contact_phone="+962 6 000 0000",
    )
    return user


@pytest.fixture
def client_in(client, submitter):
    client.force_login(submitter)
    return client
