"""Pages whose cost must not grow with the number of stories."""

import pytest

from forums.models import Call
from stories.models import Story
from tests.conftest import make_user


def _stories(call, submitter, count):
    themes = list(call.forum.themes.all())
    for number in range(count):
        story = Story.objects.create(
            call=call,
            submitter=submitter,
            title=f"Story {number}",
            status="submitted" if number % 2 else "draft",
            reference=f"WTO21-{number:04d}" if number % 2 else "",
            format="audio" if number % 3 == 0 else "text",
            audio_state="ready" if number % 3 == 0 else "",
        )
        story.themes.set(themes[:2])


@pytest.mark.parametrize("count", [3, 60])
def test_my_stories_queries_do_not_grow(client_in, call, submitter, count, django_assert_max_num_queries):
    _stories(call, submitter, count)
    with django_assert_max_num_queries(8):
        response = client_in.get("/my/stories/")
    assert response.content.decode().count("Story ") >= count
    with django_assert_max_num_queries(4):
        response = client_in.get("/my/stories/status.json")
    assert len(response.json()["stories"]) == len([n for n in range(count) if n % 3 == 0])


@pytest.mark.parametrize("count", [3, 60])
def test_call_and_home_pages_queries_do_not_grow(client, call, count, django_assert_max_num_queries):
    _stories(call, make_user("many@example.org"), count)
    for number in range(count // 10):
        Call.objects.create(
            forum=call.forum,
            title=f"Another call {number}",
            slug=f"another-{number}",
            reference_prefix=f"A{number}",
            opens_at=call.opens_at,
            closes_at=call.closes_at,
        )
    with django_assert_max_num_queries(6):
        assert client.get(f"/calls/{call.slug}/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/").status_code == 200
