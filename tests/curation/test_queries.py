"""Bounded queries: the admin pages cost the same whatever the number of stories."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.models import Assignment, StatusChange
from tests.curation.conftest import add_reviews, make_stories, staff

LIST = "/admin/stories/story/"
LIST_URLS = [
    "",
    "?p=3",
    "?o=12",
    "?o=-12.2",
    "?o=13",
    "?status__exact=in_review",
    "?region=142",
    "?region=014&language__exact=ar",
    "?country=KE&org_size_class__exact=small",
    "?q=exported",
    "?review=todo",
    "?featured__exact=0&audio_state__exact=&format__exact=text",
]


@pytest.fixture
def many(call, criteria, curator, reviewer):
    reviewers = [reviewer] + [staff(f"extra{n}@forum.example.org", "Reviewers") for n in range(3)]
    stories = make_stories(call, 300, status="in_review")
    add_reviews(stories, reviewers, criteria)
    Assignment.objects.bulk_create([Assignment(story=s, reviewer=reviewer) for s in stories[:120]])
    StatusChange.objects.bulk_create(
        [StatusChange(story=s, from_status="submitted", to_status="in_review") for s in stories]
    )
    return stories


@pytest.mark.parametrize("who", ["curator", "reviewer", "superuser"])
def test_list_queries_are_bounded(client, many, request, who, django_assert_max_num_queries):
    client.force_login(request.getfixturevalue(who))
    for query in LIST_URLS:
        with django_assert_max_num_queries(15):
            response = client.get(f"{LIST}{query}")
        assert response.status_code == 200, query
        body = response.content.decode()
        assert "WTO21-" in body or query in ("?region=014&language__exact=ar", "?review=todo"), query


def test_list_query_count_does_not_grow_with_rows(client, call, many, curator):
    client.force_login(curator)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    small = count(f"{LIST}?p=6")  # the last, short page
    make_stories(call, 300, status="in_review", seed=9)
    assert count(LIST) == count(f"{LIST}?p=2") == small


def test_story_page_queries_are_bounded(client, many, curator, django_assert_max_num_queries):
    client.force_login(curator)
    with django_assert_max_num_queries(20):
        response = client.get(f"{LIST}{many[0].pk}/change/")
    assert "Relevance" in response.content.decode()


def test_review_page_queries_are_bounded(client, many, reviewer, django_assert_max_num_queries):
    client.force_login(reviewer)
    with django_assert_max_num_queries(20):
        response = client.get(f"{LIST}{many[0].pk}/review/")
    assert response.status_code == 200


def test_dashboard_queries_are_bounded(client, call, many, curator, django_assert_max_num_queries):
    client.force_login(curator)
    with django_assert_max_num_queries(15):
        response = client.get(f"/admin/forums/call/{call.pk}/dashboard/")
    body = response.content.decode()
    assert "<svg" in body and "1200 of 900 reviews" not in body
    assert "900 of 900 reviews done" in body  # 4 reviews each, 3 wanted: capped per story


def test_export_queries_are_bounded(client, many, curator, django_assert_max_num_queries):
    client.force_login(curator)
    with django_assert_max_num_queries(20):
        response = client.get(f"{LIST}export/json/")
    assert response.content.decode().count('"reference"') == 300
