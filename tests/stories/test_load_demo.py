"""The demo data that `make run` loads: every run leaves the same site behind."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from forums.models import Call, Forum
from stories.models import Review, Story

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Forum.objects.count(),
        Call.objects.count(),
        Story.objects.count(),
        Review.objects.count(),
        sorted(Story.objects.exclude(reference="").values_list("reference", flat=True)),
    )


def test_load_demo_twice_changes_nothing_and_tops_up_synthetic_stories():
    call_command("load_demo", "--no-audio", "--stories", "30", stdout=io.StringIO())
    first = snapshot()
    synthetic = Story.objects.filter(submitter__email__endswith="@synthetic.example.org")
    assert synthetic.count() == 30

    call_command("load_demo", "--no-audio", "--stories", "30", stdout=io.StringIO())
    assert snapshot() == first

    call_command("load_demo", "--no-audio", "--stories", "40", stdout=io.StringIO())
    assert synthetic.count() == 40
    # Reviews made in bulk are counted on their stories all the same.
    counted = Story.objects.annotate(n=Count("reviews")).values_list("review_count", "n")
    assert all(stored == actual for stored, actual in counted)
