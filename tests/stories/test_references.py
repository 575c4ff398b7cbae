"""Reference codes stay gapless and unique when many people submit at the same moment."""

import threading

import pytest
from django.db import connection

from stories import services
from stories.models import Story
from tests.conftest import make_user

WRITERS = 12


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submits_get_distinct_gapless_references(call):
    assert connection.vendor == "postgresql"
    stories = []
    for number in range(WRITERS):
        user = make_user(f"owner{number}@example.org")
        story = Story.objects.create(
            call=call,
            submitter=user,
            title=f"Story {number}",
            summary="Summary",
            language="en",
            body="A short story.",
            consent_publication=True,
            licence="cc-by-4.0",
        )
        story.themes.set(call.forum.themes.all()[:1])
        stories.append(story)

    start = threading.Barrier(WRITERS)
    errors = []

    def submit(story):
        try:
            start.wait()
            services.submit_story(story, story.submitter)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(story,)) for story in stories]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    references = sorted(Story.objects.filter(call=call).values_list("reference", flat=True))
    assert references == [f"WTO21-{number:04d}" for number in range(1, WRITERS + 1)]
    call.refresh_from_db()
    assert call.last_reference_number == WRITERS
