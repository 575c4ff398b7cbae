"""Curation fixtures: a second forum, curators of each, reviewers, and stories in bulk."""

import random
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from forums.models import ReviewCriterion, Session
from stories import review_counts, search
from stories.curation import CURATORS, REVIEWERS
from stories.models import STATUS_DRAFT, Review, StatusChange, Story
from tests.conftest import make_call, make_forum, make_user

PASSWORD = "a-long-pass-phrase-2021"


def curation_group(name):
    """The group the data migration made."""
    return Group.objects.get(name=name)


def staff(email, group=None, **extra):
    user = make_user(email, is_staff=True, **extra)
    if group:
        user.groups.add(curation_group(group))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def criteria(call):
    return [
        ReviewCriterion.objects.create(call=call, name=name, position=i)
        for i, name in enumerate(["Relevance", "Clarity", "The trade angle", "Originality"])
    ]


@pytest.fixture
def curator(forum):
    user = staff("curator@forum.example.org", CURATORS, full_name="Cora Curator")
    forum.curators.add(user)
    return user


@pytest.fixture
def other_forum(db):
    return make_forum("Paris Peace Forum 2021", "ppf", "PPF", date(2021, 11, 11), [("Gender equality", "gender")])


@pytest.fixture
def other_call(other_forum):
    return make_call(other_forum, "Call for projects", "ppf21", "PPF21", "What?")


@pytest.fixture
def other_curator(other_forum):
    user = staff("other-curator@forum.example.org", CURATORS)
    other_forum.curators.add(user)
    return user


@pytest.fixture
def reviewer(db):
    return staff("rita@forum.example.org", REVIEWERS, full_name="Rita Reviewer", reads_languages=["en", "fr"])


@pytest.fixture
def reviewer2(db):
    return staff("rami@forum.example.org", REVIEWERS, full_name="Rami Reviewer", reads_languages=["ar", "en"])


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="root@forum.example.org", password=PASSWORD)


def make_stories(call, count, status="submitted", seed=1, **extra):
    """Submitted stories made in bulk, with a reference and an organisation snapshot."""
    rng = random.Random(seed)
    submitter = User.objects.filter(email="bulk@sme.example.org").first() or make_user(
        "bulk@sme.example.org", language="fr"
    )
    start = call.last_reference_number
    stories = []
    for index in range(count):
        number = start + index + 1
        fields = {
            "call": call,
            "submitter": submitter,
            "number": number,
            "reference": f"{call.reference_prefix}-{number:04d}",
            "title": f"Story {number}",
            "summary": "How we kept going.",
            "language": rng.choice(["en", "fr", "es", "ar"]),
            "format": "text",
            "body": "We exported online during the crisis. " * 10,
            "consent_publication": True,
            "licence": "cc-by-4.0",
            "org_name": f"Enterprise {number}",
            "org_country": rng.choice(["KE", "JO", "FR", "CO", "IN"]),
            "org_size_class": rng.choice(["micro", "small", "medium"]),
            "org_sector": "food",
            "org_contact_name": f"Contact Person {number}",
            "org_contact_email": f"contact{number}@sme.example.org",
            "org_contact_phone": "+41 22 000 0000",
            "status": status,
            "submitted_at": timezone.now() - timedelta(days=rng.randrange(20)) if status != STATUS_DRAFT else None,
        }
        fields.update(extra)
        stories.append(Story(**fields))
    call.last_reference_number = start + count
    call.save(update_fields=["last_reference_number"])
    stories = Story.objects.bulk_create(stories)
    # A bulk insert sends no signal: the stories are indexed for search as a save would.
    search.update_search_vectors(Story.objects.filter(pk__in=[story.pk for story in stories]))
    themes = list(call.forum.themes.all())
    if themes:
        Story.themes.through.objects.bulk_create(
            [Story.themes.through(story_id=s.pk, theme_id=themes[i % len(themes)].pk) for i, s in enumerate(stories)]
        )
    StatusChange.objects.bulk_create([StatusChange(story=s, from_status="draft", to_status=status) for s in stories])
    return stories


def add_reviews(stories, reviewers, criteria, seed=2):
    rng = random.Random(seed)
    reviews = []
    for story in stories:
        for reviewer in reviewers:
            scores = {str(c.pk): rng.randint(1, 5) for c in criteria}
            reviews.append(
                Review(
                    story=story,
                    reviewer=reviewer,
                    scores=scores,
                    score=sum(scores.values()) / len(scores),
                    recommendation=rng.choice(["select", "maybe", "decline"]),
                )
            )
    Review.objects.bulk_create(reviews)
    # A bulk insert sends no signal; the stories' review counters are brought up to date.
    review_counts.recount(Story.objects.filter(pk__in=[story.pk for story in stories]))


@pytest.fixture
def session(forum):
    start = timezone.now().replace(microsecond=0) + timedelta(days=30)
    return Session.objects.create(
        forum=forum,
        title="SME stories: resilience",
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
        room="Room A",
    )


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    # Staff accounts are made in every test; the real hasher's cost buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
