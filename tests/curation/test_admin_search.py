"""The story list's search box: identifiers and names by substring, the text word by word."""

from stories.models import Assignment, Story
from tests.curation.conftest import make_stories

LIST = "/admin/stories/story/"


def found(client, user, text):
    client.force_login(user)
    body = client.get(LIST, {"q": text}).content.decode()
    return {story.reference for story in Story.objects.exclude(reference="") if story.reference in body}


def test_words_of_the_text_are_found_in_any_form(client, call, curator):
    looms, bakery = make_stories(call, 2, status="in_review")
    looms = Story.objects.get(pk=looms.pk)
    looms.body = "Our looms kept running while markets closed."
    looms.save()
    assert found(client, curator, "loom") == {looms.reference}
    assert found(client, curator, "running markets") == {looms.reference}
    assert found(client, curator, "looms bakery") == set()


def test_references_titles_and_organisations_are_found_by_substring(client, call, curator, reviewer):
    first, second = make_stories(call, 2, status="in_review", org_name="Jasmine Textiles")
    Assignment.objects.bulk_create(
        [Assignment(story=first, reviewer=reviewer), Assignment(story=second, reviewer=reviewer)]
    )
    assert found(client, curator, first.reference[-4:]) == {first.reference}
    assert found(client, curator, "jasm") == {first.reference, second.reference}
    assert found(client, reviewer, first.reference) == {first.reference}
    # A reviewer may not search by organisation: anonymous review would give it away.
    assert found(client, reviewer, "jasm") == set()


def test_an_audio_story_is_found_by_its_transcript(client, call, curator):
    (story,) = make_stories(call, 1, status="in_review", format="audio", body="")
    story = Story.objects.get(pk=story.pk)
    story.transcript = "We sold our shea butter to buyers abroad."
    story.save()
    assert found(client, curator, "shea butter") == {story.reference}
