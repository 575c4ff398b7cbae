"""The pipeline on real recordings: every fixture ends ready, loud enough, as long as it
was, and without the tags the phone wrote into it."""

import io
import re
import shutil

import mutagen
import pytest
from django.core import mail
from PIL import Image

from stories import audio_reasons as reasons
from stories.models import AUDIO_FAILED, AUDIO_READY, STATUS_SUBMITTED
from stories.pipeline import process_story_audio
from tests.audio.conftest import (
    duration_of,
    ffmpeg,
    ffmpeg_info,
    loudness_of,
    make_audio_story,
    processed_files,
    tone,
)
from tests.conftest import AUDIO_FILES

pytestmark = pytest.mark.django_db


def delivered_copy(story, tmp_path):
    target = tmp_path / "delivered.m4a"
    with story.audio.open("rb") as source, open(target, "wb") as copy:
        shutil.copyfileobj(source, copy)
    return target


@pytest.mark.parametrize("fixture", AUDIO_FILES, ids=lambda path: path.name)
def test_every_fixture_ends_ready_normalised_and_as_long_as_the_original(
    call, submitter, fixture, tmp_path, ffmpeg_build
):
    story = make_audio_story(call, submitter, fixture)

    story = process_story_audio(story.pk)

    assert story.audio_state == AUDIO_READY, story.audio_error_detail
    delivered = delivered_copy(story, tmp_path)
    integrated, true_peak = loudness_of(delivered)
    assert -20.0 <= integrated <= -18.0
    assert true_peak <= -1.0
    assert abs(story.loudness - integrated) < 0.5
    assert abs(duration_of(delivered) - duration_of(fixture)) <= 0.2
    assert abs(story.duration - duration_of(fixture)) <= 0.2
    info = ffmpeg_info(delivered)
    assert "Input #0, mov,mp4,m4a" in info
    stream = next(line for line in info.splitlines() if "Audio:" in line)
    assert "aac (LC)" in stream and "mono" in stream
    assert int(re.search(r"(\d+) kb/s", stream).group(1)) <= 64, stream
    assert 900 <= len(story.waveform_peaks) <= 1000 and max(story.waveform_peaks) == 1.0
    with story.waveform_image.open("rb") as png:
        image = Image.open(io.BytesIO(png.read()))
        assert image.format == "PNG" and image.width >= 800


def test_tags_from_the_phone_do_not_reach_the_delivered_file(call, submitter, tmp_path, ffmpeg_build):
    tagged = tmp_path / "tagged.m4a"
    ffmpeg(
        "-i",
        str(AUDIO_FILES[0]),
        *("-metadata", "title=Secret title", "-metadata", "artist=Lina's iPhone"),
        *("-metadata", "location=+31.9539+035.9106/", "-metadata", "comment=recorded at home"),
        *("-c:a", "aac", "-b:a", "64k", str(tagged)),
    )
    assert "Lina's iPhone" in ffmpeg_info(tagged)  # the test file really carries them
    assert "+31.9539" in ffmpeg_info(tagged)
    story = process_story_audio(make_audio_story(call, submitter, tagged).pk)

    assert story.audio_state == AUDIO_READY
    delivered = delivered_copy(story, tmp_path)
    info = ffmpeg_info(delivered)
    for leaked in ("Secret title", "iPhone", "31.9539", "recorded at home", "title", "artist", "location"):
        assert leaked not in info
    tags = mutagen.File(delivered).tags
    assert not tags


def test_running_twice_keeps_one_output_file(call, submitter, django_capture_on_commit_callbacks):
    story = process_story_audio(make_audio_story(call, submitter, AUDIO_FILES[0]).pk)
    first = processed_files(story)
    assert len(first) == 2

    again = process_story_audio(story.pk)
    assert processed_files(again) == first  # a ready story is left alone

    with django_capture_on_commit_callbacks(execute=True):
        forced = process_story_audio(story.pk, force=True)
    assert forced.audio_state == AUDIO_READY
    files = processed_files(forced)
    assert len(files) == 2 and files != first
    assert sorted([forced.audio.name, forced.waveform_image.name]) == files


def test_too_many_attempts_fail_the_story_and_tell_the_submitter(call, submitter, settings):
    story = make_audio_story(call, submitter, AUDIO_FILES[0])
    story.status = STATUS_SUBMITTED
    story.reference = "WTO21-0001"
    story.audio_attempts = settings.AUDIO_MAX_ATTEMPTS  # each started, none finished
    story.save()

    story = process_story_audio(story.pk)

    assert story.audio_state == AUDIO_FAILED
    assert story.audio_error_code == reasons.TOO_MANY_ATTEMPTS


def test_a_submitted_story_whose_audio_failed_is_flagged_by_email(
    call, submitter, tmp_path, django_capture_on_commit_callbacks
):
    silent = tone(tmp_path / "silence.ogg", 8, extra=("-af", "volume=0"))
    story = make_audio_story(call, submitter, silent, status=STATUS_SUBMITTED, reference="WTO21-0002")
    with django_capture_on_commit_callbacks(execute=True):
        story = process_story_audio(story.pk)

    assert story.audio_error_code == reasons.SILENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "WTO21-0002" in message.subject
    assert "could not hear any sound" in message.body
    assert f"/my/stories/{story.uuid}/edit/" in message.body


def test_a_draft_whose_audio_failed_sends_no_email(call, submitter, tmp_path, django_capture_on_commit_callbacks):
    silent = tone(tmp_path / "silence.ogg", 8, extra=("-af", "volume=0"))
    with django_capture_on_commit_callbacks(execute=True):
        story = make_audio_story(call, submitter, silent)
    story.refresh_from_db()
    assert story.audio_error_code == reasons.SILENT  # processed by the eager task on commit
    assert mail.outbox == []


def test_a_run_overtaken_by_a_later_one_leaves_no_trace(call, submitter, tmp_path, django_capture_on_commit_callbacks):
    """Two runs of one story at once (a redelivery while the first still works): the
    later claim's result stands, the earlier one's files are deleted."""
    from stories import audio, pipeline

    story = make_audio_story(call, submitter, AUDIO_FILES[0])
    first, first_attempt = pipeline._claim(story.pk, force=False)
    work = tmp_path / "first-run"
    work.mkdir()
    shutil.copyfile(AUDIO_FILES[0], work / audio.FILE_NAME)
    first_result = audio.process_file(work / audio.FILE_NAME, work, audio.Limits.for_call(call))

    with django_capture_on_commit_callbacks(execute=True):
        later = process_story_audio(story.pk, force=True)
    with django_capture_on_commit_callbacks(execute=True):
        after = pipeline._finish(first, first_attempt, first.audio_original.name, result=first_result)

    assert (after.audio.name, after.waveform_image.name) == (later.audio.name, later.waveform_image.name)
    assert processed_files(after) == sorted([later.audio.name, later.waveform_image.name])
