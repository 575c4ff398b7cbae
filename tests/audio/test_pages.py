"""What the submitter and the curators see of a recording."""

import json

import pytest
from django.urls import reverse

from accounts.models import User
from stories import audio_reasons as reasons
from stories.models import AUDIO_FAILED, AUDIO_PENDING, AUDIO_READY, STATUS_SUBMITTED, Story
from stories.pipeline import process_story_audio
from tests.audio.conftest import make_audio_story, tone
from tests.conftest import AUDIO_FILES, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_story(call, submitter):
    return process_story_audio(make_audio_story(call, submitter, AUDIO_FILES[0]).pk)


@pytest.fixture
def failed_story(call, submitter, tmp_path):
    silent = tone(tmp_path / "silence.ogg", 8, extra=("-af", "volume=0"))
    story = make_audio_story(call, submitter, silent, status=STATUS_SUBMITTED, reference="WTO21-0007")
    return process_story_audio(story.pk)


def test_my_stories_shows_the_player_with_its_waveform_when_ready(
    client_in, ready_story, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = client_in.get(reverse("stories:mine")).content.decode()
    assert f'src="{reverse("stories:own_audio", args=[ready_story.uuid])}"' in page
    assert f'src="{reverse("stories:own_waveform", args=[ready_story.uuid])}"' in page
    assert "<audio controls" in page

    waveform = client_in.get(reverse("stories:own_waveform", args=[ready_story.uuid]))
    assert waveform["Content-Type"] == "image/png"
    assert b"".join(waveform.streaming_content).startswith(b"\x89PNG")
    audio = client_in.get(reverse("stories:own_audio", args=[ready_story.uuid]))
    assert audio["Content-Type"] == "audio/mp4"


def test_the_status_endpoint_gives_the_player_once_ready(client_in, ready_story):
    rows = json.loads(client_in.get(reverse("stories:mine_status")).content)["stories"]
    assert rows == [
        {
            "id": str(ready_story.uuid),
            "state": AUDIO_READY,
            "label": "Ready",
            "message": "",
            "duration": ready_story.duration,
            "audio_url": reverse("stories:own_audio", args=[ready_story.uuid]),
            "waveform_url": reverse("stories:own_waveform", args=[ready_story.uuid]),
        }
    ]


def test_a_failed_recording_is_flagged_with_what_to_do_and_a_way_to_replace_it(client_in, failed_story):
    page = client_in.get(reverse("stories:mine")).content.decode()
    assert "Action needed:" in page
    assert "We could not hear any sound in your file. Please record again and upload it." in page
    assert reverse("stories:edit", args=[failed_story.uuid]) + "#field-audio_file" in page
    status = json.loads(client_in.get(reverse("stories:mine_status")).content)["stories"][0]
    assert status["state"] == AUDIO_FAILED and "could not hear any sound" in status["message"]
    assert status["audio_url"] == ""


def test_replacing_a_failed_recording_through_the_form_makes_it_ready(
    client_in, failed_story, django_capture_on_commit_callbacks
):
    with open(AUDIO_FILES[-1], "rb") as upload, django_capture_on_commit_callbacks(execute=True):
        response = client_in.post(
            reverse("stories:edit", args=[failed_story.uuid]),
            {"format": "audio", "audio_file": upload, "action": "save"},
        )
    assert response.status_code in (200, 302)
    story = Story.objects.get(pk=failed_story.pk)
    assert story.audio_state == AUDIO_READY, story.audio_error_detail
    assert story.audio_error_code == ""


def test_someone_else_cannot_see_the_waveform(client, ready_story):
    client.force_login(make_user("other@example.org"))
    assert client.get(reverse("stories:own_waveform", args=[ready_story.uuid])).status_code == 404


@pytest.fixture
def curator(client):
    user = User.objects.create_superuser(email="curator@example.org", password="a-long-pass-phrase-2021")
    client.force_login(user)
    return client


def test_curators_download_the_original_untouched(curator, ready_story):
    response = curator.get(reverse("admin:stories_story_media", args=[ready_story.pk, "original"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == AUDIO_FILES[0].read_bytes()


def test_submitters_cannot_use_the_curators_download(client_in, ready_story):
    response = client_in.get(reverse("admin:stories_story_media", args=[ready_story.pk, "original"]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not response.has_header("Content-Disposition")


def test_the_admin_shows_state_reason_detail_and_reprocesses(curator, failed_story, django_capture_on_commit_callbacks):
    change = curator.get(reverse("admin:stories_story_change", args=[failed_story.pk])).content.decode()
    assert "silent" in change and "LUFS" in change  # the reason code and the technical detail
    assert reverse("admin:stories_story_media", args=[failed_story.pk, "original"]) in change

    with django_capture_on_commit_callbacks(execute=True):
        curator.post(
            reverse("admin:stories_story_changelist"),
            {"action": "reprocess_audio", "_selected_action": [failed_story.pk]},
        )
    story = Story.objects.get(pk=failed_story.pk)
    assert story.audio_state == AUDIO_FAILED and story.audio_error_code == reasons.SILENT
    assert story.audio_attempts == 1  # processed again from a fresh count
    assert story.audio_state_changed_at > failed_story.audio_state_changed_at


def test_pending_state_is_shown_for_live_updates(client_in, call, submitter):
    story = make_audio_story(call, submitter, AUDIO_FILES[0])
    assert story.audio_state == AUDIO_PENDING
    page = client_in.get(reverse("stories:mine")).content.decode()
    assert f'data-audio-state="{story.uuid}"' in page and "state-pending" in page
    assert 'window.STATUS_URL = "/my/stories/status.json"' in page
