"""The operators' commands over the real fixtures."""

import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from stories.models import AUDIO_FAILED, AUDIO_READY, Story
from tests.audio.conftest import duration_of, make_audio_story, tone
from tests.conftest import AUDIO_FILES

pytestmark = pytest.mark.django_db


def test_import_stories_sync_json_prints_ready_and_duration_for_each_fixture(call, capsys):
    call_command("import_stories", "--call", call.slug, "--sync", "--json", *map(str, AUDIO_FILES))

    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["file"] for row in rows] == [path.name for path in AUDIO_FILES]
    for row, path in zip(rows, AUDIO_FILES, strict=True):
        assert row["state"] == "ready" and row["reason"] is None, row
        assert abs(row["duration"] - duration_of(path)) <= 0.2
        assert row["reference"].startswith("WTO21-")
    assert Story.objects.filter(audio_state=AUDIO_READY).count() == len(AUDIO_FILES)


def test_reprocess_failed_runs_again_with_a_progress_bar(call, submitter, tmp_path, capsys):
    from stories.pipeline import process_story_audio

    silent = process_story_audio(
        make_audio_story(call, submitter, tone(tmp_path / "s.ogg", 8, extra=("-af", "volume=0"))).pk
    )
    ready = process_story_audio(make_audio_story(call, submitter, AUDIO_FILES[0]).pk)
    assert silent.audio_state == AUDIO_FAILED

    call_command("reprocess_audio", "--failed")

    captured = capsys.readouterr()
    assert captured.out.strip() == "1 failed"
    assert "1/1" in captured.err  # tqdm's bar
    silent.refresh_from_db()
    assert silent.audio_attempts == 1 and silent.audio_state_changed_at > ready.audio_state_changed_at


def test_reprocess_by_reference_and_unknown_references(call, submitter):
    story = make_audio_story(call, submitter, AUDIO_FILES[0], reference="WTO21-0100")
    call_command("reprocess_audio", "WTO21-0100")
    assert Story.objects.get(pk=story.pk).audio_state == AUDIO_READY
    with pytest.raises(CommandError, match="WTO21-9999"):
        call_command("reprocess_audio", "WTO21-9999")
    with pytest.raises(CommandError):
        call_command("reprocess_audio")


def test_the_sweep_sends_stuck_recordings_again_and_leaves_fresh_ones(call, submitter, settings):
    from django.utils import timezone

    from stories.tasks import sweep_stuck_audio

    stuck = make_audio_story(call, submitter, AUDIO_FILES[0])
    fresh = make_audio_story(call, submitter, AUDIO_FILES[1])
    long_ago = timezone.now() - timedelta(seconds=settings.AUDIO_STUCK_AFTER + 60)
    Story.objects.filter(pk=stuck.pk).update(
        audio_state="processing", audio_attempts=1, audio_state_changed_at=long_ago
    )
    Story.objects.filter(pk=fresh.pk).update(audio_state="processing", audio_attempts=1)

    assert sweep_stuck_audio.delay().get() == [stuck.pk]  # eager in tests: the task ran here

    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.audio_state, stuck.audio_attempts) == (AUDIO_READY, 2)
    assert fresh.audio_state == "processing"
    assert settings.CELERY_BEAT_SCHEDULE["sweep-stuck-audio"]["task"] == "stories.tasks.sweep_stuck_audio"
