"""Transitions, their history, concurrent decisions, publishing and featuring."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from stories import curation
from stories.models import (
    AUDIO_PROCESSING,
    AUDIO_READY,
    STATUS_DECLINED,
    STATUS_IN_REVIEW,
    STATUS_SELECTED,
    STATUS_SHORTLISTED,
    STATUS_SUBMITTED,
    STATUS_WITHDRAWN,
    ProgrammeSlot,
    StatusChange,
    Story,
)
from stories.services import InvalidTransition, StoryError
from tests.curation.conftest import make_stories

LIST = "/admin/stories/story/"


@pytest.fixture
def story(call):
    return make_stories(call, 1)[0]


def walk(story, by, *statuses):
    for status in statuses:
        story = curation.move(story, status, by)
    return story


def test_full_path_writes_one_status_change_per_step(story, curator):
    walk(story, curator, STATUS_IN_REVIEW, STATUS_SHORTLISTED, STATUS_SELECTED)
    changes = list(StatusChange.objects.filter(story=story).order_by("id").values_list("from_status", "to_status"))
    assert changes[1:] == [
        (STATUS_SUBMITTED, STATUS_IN_REVIEW),
        (STATUS_IN_REVIEW, STATUS_SHORTLISTED),
        (STATUS_SHORTLISTED, STATUS_SELECTED),
    ]
    assert StatusChange.objects.filter(story=story, changed_by=curator).count() == 3


@pytest.mark.parametrize(
    "path, illegal",
    [
        ([], STATUS_SELECTED),
        ([], STATUS_SHORTLISTED),
        ([STATUS_IN_REVIEW], STATUS_SELECTED),
        ([STATUS_IN_REVIEW, STATUS_SHORTLISTED, STATUS_SELECTED], STATUS_DECLINED),
        ([], STATUS_WITHDRAWN),
    ],
)
def test_illegal_transitions_are_refused_and_not_recorded(story, curator, path, illegal):
    story = walk(story, curator, *path)
    before = StatusChange.objects.filter(story=story).count()
    with pytest.raises(InvalidTransition):
        curation.move(story, illegal, curator)
    assert Story.objects.get(pk=story.pk).status == (path[-1] if path else STATUS_SUBMITTED)
    assert StatusChange.objects.filter(story=story).count() == before


def test_other_forums_curator_and_reviewer_cannot_move(story, other_curator, reviewer):
    for user in (other_curator, reviewer):
        with pytest.raises(PermissionDenied):
            curation.move(story, STATUS_IN_REVIEW, user)
    assert Story.objects.get(pk=story.pk).status == STATUS_SUBMITTED


def test_bulk_transition_shows_confirmation_then_applies(client, call, curator):
    stories = make_stories(call, 3)
    curation.move(stories[2], STATUS_IN_REVIEW, curator)
    client.force_login(curator)
    ids = [s.pk for s in stories]
    page = client.post(LIST, {"action": "move_to_in_review", "_selected_action": ids})
    assert page.status_code == 200
    assert "not allowed from this status" in page.content.decode()
    assert Story.objects.filter(pk__in=ids, status=STATUS_IN_REVIEW).count() == 1
    client.post(LIST, {"action": "move_to_in_review", "_selected_action": ids, "confirm": "yes", "note": "Batch one"})
    assert Story.objects.filter(pk__in=ids, status=STATUS_IN_REVIEW).count() == 3
    assert StatusChange.objects.filter(story__in=stories, note="Batch one").count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_decisions_cannot_clobber(call, curator):
    """Two curators decide the same shortlisted story at once: the row lock lets one win."""
    story = walk(make_stories(call, 1)[0], curator, STATUS_IN_REVIEW, STATUS_SHORTLISTED)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(status):
        try:
            barrier.wait()
            curation.move(Story.objects.get(pk=story.pk), status, curator)
            outcomes.append(("ok", status))
        except StoryError:
            outcomes.append(("refused", status))
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(s,)) for s in (STATUS_SELECTED, STATUS_DECLINED)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _status in outcomes) == ["ok", "refused"]
    winner = next(status for kind, status in outcomes if kind == "ok")
    assert Story.objects.get(pk=story.pk).status == winner
    assert StatusChange.objects.filter(story=story, from_status=STATUS_SHORTLISTED).count() == 1


def test_publish_refusals_and_success(call, curator):
    submitted, no_consent, audio_waiting, audio_ready, text_ok = make_stories(call, 5)
    for s in (no_consent, audio_waiting, audio_ready, text_ok):
        walk(s, curator, STATUS_IN_REVIEW, STATUS_SHORTLISTED, STATUS_SELECTED)
    Story.objects.filter(pk=no_consent.pk).update(consent_publication=False)
    Story.objects.filter(pk=audio_waiting.pk).update(format="audio", audio_state=AUDIO_PROCESSING, body="")
    Story.objects.filter(pk=audio_ready.pk).update(format="audio", audio_state=AUDIO_READY, body="")
    for story, reason in [
        (submitted, "only a selected story"),
        (no_consent, "consented"),
        (audio_waiting, "audio is not ready"),
    ]:
        with pytest.raises(StoryError, match=reason):
            curation.publish(Story.objects.get(pk=story.pk), curator)
        assert Story.objects.get(pk=story.pk).published_at is None
    curation.publish(Story.objects.get(pk=audio_ready.pk), curator)
    curation.publish(Story.objects.get(pk=text_ok.pk), curator)
    assert set(Story.objects.published().values_list("pk", flat=True)) == {audio_ready.pk, text_ok.pk}


def test_publish_action_reports_refusals(client, call, curator):
    selected, waiting = make_stories(call, 2)
    walk(selected, curator, STATUS_IN_REVIEW, STATUS_SHORTLISTED, STATUS_SELECTED)
    client.force_login(curator)
    response = client.post(LIST, {"action": "publish", "_selected_action": [selected.pk, waiting.pk]}, follow=True)
    body = response.content.decode()
    assert "1 stories published" in body
    assert f"{waiting.reference}: only a selected story can be published" in body
    assert Story.objects.get(pk=selected.pk).published_at is not None


def test_leaving_selected_unpublishes_and_leaves_the_programme(call, curator, session):
    story = walk(make_stories(call, 1)[0], curator, STATUS_IN_REVIEW, STATUS_SHORTLISTED, STATUS_SELECTED)
    ProgrammeSlot.objects.create(session=session, story=story, position=1)
    curation.publish(story, curator)
    curation.set_featured(story, curator, True)
    curation.move(story, STATUS_SHORTLISTED, curator)
    story.refresh_from_db()
    assert story.published_at is None and not story.featured
    assert not ProgrammeSlot.objects.filter(story=story).exists()


def test_only_selected_stories_are_featured(call, curator):
    story = make_stories(call, 1)[0]
    with pytest.raises(StoryError):
        curation.set_featured(story, curator, True)


def test_curator_edits_the_transcript_but_not_the_story(client, story, curator):
    client.force_login(curator)
    response = client.post(
        f"{LIST}{story.pk}/change/",
        {"transcript": "Good morning, I run a small spice shop.", "themes": [], "body": "Replaced", "title": "Hacked"},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.transcript == "Good morning, I run a small spice shop."
    assert story.title == "Story 1" and story.body.startswith("We exported")
