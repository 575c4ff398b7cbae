"""The audio pipeline: from an uploaded original to a checked recording.

Plain functions, run by the Celery task, by ``import_stories --sync`` and by tests alike.
"""

import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from stories import audio_reasons as reasons
from stories.audio import AudioRejected, probe
from stories.models import AUDIO_FAILED, AUDIO_PROCESSING, AUDIO_READY, Story

# Recordings a little over the limit are accepted: people stop talking, then press stop.
LENGTH_GRACE_SECONDS = 5


def validate(info, call):
    if info.duration is None:
        return
    if info.duration < call.min_audio_seconds:
        raise AudioRejected(reasons.TOO_SHORT, f"{info.duration:.1f} s")
    if info.duration > call.max_audio_seconds + LENGTH_GRACE_SECONDS:
        raise AudioRejected(reasons.TOO_LONG, f"{info.duration:.1f} s")


def process_story_audio(story_id):
    """Check a story's original recording and mark it ready or failed. Returns the story."""
    with transaction.atomic():
        story = Story.objects.select_for_update().select_related("call").get(pk=story_id)
        if not story.audio_original:
            return story
        story.audio_state = AUDIO_PROCESSING
        story.audio_attempts += 1
        story.audio_state_changed_at = timezone.now()
        story.save(update_fields=["audio_state", "audio_attempts", "audio_state_changed_at"])
    with tempfile.TemporaryDirectory(prefix="audio-") as work:
        source = Path(work) / "original"
        with story.audio_original.open("rb") as original, open(source, "wb") as copy:
            for chunk in original.chunks():
                copy.write(chunk)
        try:
            if source.stat().st_size == 0:
                raise AudioRejected(reasons.EMPTY)
            info = probe(source)
            validate(info, story.call)
        except AudioRejected as rejected:
            story.audio_state = AUDIO_FAILED
            story.audio_error_code = rejected.code
            story.audio_error_detail = rejected.detail
        else:
            story.audio_state = AUDIO_READY
            story.duration = info.duration
            story.audio_error_code = story.audio_error_detail = ""
            story.audio_processed_at = timezone.now()
    story.audio_state_changed_at = timezone.now()
    story.save()
    return story
