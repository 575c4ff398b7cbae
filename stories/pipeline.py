"""The audio pipeline: from an uploaded original to a checked, normalised recording.

Plain functions, run by the Celery task, by ``import_stories --sync``, ``reprocess_audio``
and the tests alike. Files go through Django's storage API only, so the same code works
on local disk and on S3.

Safe to run twice, or after a worker died midway: each run *claims* the story (counting
an attempt) and only the latest claim may write its result; output files have fresh
names and whatever the story does not point at is deleted once a result is committed.
"""

import logging
import tempfile
from datetime import timedelta
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from stories import audio
from stories import audio_reasons as reasons
from stories.audio import AudioRejected
from stories.models import (
    AUDIO_FAILED,
    AUDIO_PENDING,
    AUDIO_PROCESSING,
    AUDIO_READY,
    AUDIO_RESULT_FIELDS,
    NOT_RECEIVED_STATUSES,
    Story,
    processed_audio_path,
    waveform_path,
)

logger = logging.getLogger(__name__)


def process_story_audio(story_id, force=False):
    """Check a story's original recording and mark it ready or failed. Returns the story.

    A story already ready or failed is left alone unless ``force`` (a curator's
    "reprocess"); a story whose processing started too often without finishing is failed.
    """
    story, attempt = _claim(story_id, force)
    if attempt is None:
        return story
    original_name = story.audio_original.name
    with tempfile.TemporaryDirectory(prefix="audio-") as work:
        source = Path(work) / audio.FILE_NAME
        with story.audio_original.open("rb") as original, open(source, "wb") as copy:
            for chunk in original.chunks():
                copy.write(chunk)
        try:
            result = audio.process_file(source, work, audio.Limits.for_call(story.call))
        except AudioRejected as rejected:
            return _finish(story, attempt, original_name, failure=(rejected.code, rejected.detail))
        except SoftTimeLimitExceeded:
            return _finish(story, attempt, original_name, failure=(reasons.TIMEOUT, "the task's time limit"))
        return _finish(story, attempt, original_name, result=result)


def _claim(story_id, force):
    with transaction.atomic():
        story = Story.objects.locked().select_related("call").filter(pk=story_id).first()
        if story is None or not story.audio_original:
            return story, None
        if story.audio_state in (AUDIO_READY, AUDIO_FAILED) and not force:
            return story, None
        if force:
            story.audio_attempts = 0
        elif story.audio_attempts >= settings.AUDIO_MAX_ATTEMPTS:
            # Each earlier attempt started and never finished: the file may be what kills
            # the worker, so it is not given another one.
            detail = f"{story.audio_attempts} attempts started and none finished (worker killed or time limit)"
            _set_failed(story, reasons.TOO_MANY_ATTEMPTS, detail)
            story.save(update_fields=AUDIO_RESULT_FIELDS)
            _after_failure(story)
            return story, None
        story.audio_attempts += 1
        story.audio_state = AUDIO_PROCESSING
        story.audio_state_changed_at = timezone.now()
        story.save(update_fields=["audio_attempts", "audio_state", "audio_state_changed_at"])
        return story, story.audio_attempts


def _finish(claimed, attempt, original_name, result=None, failure=None):
    new_files = []
    if result is not None:
        # Written before the transaction so that the row lock is held for milliseconds;
        # a run that dies here leaves files that the next committed run deletes.
        storage = Story._meta.get_field("audio").storage
        with open(result.delivery, "rb") as delivered:
            audio_name = storage.save(processed_audio_path(claimed, ""), File(delivered))
        image = ContentFile(audio.render_waveform(result.peaks))
        image_name = storage.save(waveform_path(claimed, ""), image)
        new_files = [audio_name, image_name]
    with transaction.atomic():
        story = Story.objects.locked().select_related("call").get(pk=claimed.pk)
        taken_over = (story.audio_attempts, story.audio_state_changed_at) != (attempt, claimed.audio_state_changed_at)
        if story.audio_original.name != original_name or taken_over:
            # A new file was uploaded, or a later run claimed the story: this result is stale.
            transaction.on_commit(lambda: _delete(new_files))
            return story
        if failure is not None:
            _set_failed(story, *failure)
        else:
            story.audio.name, story.waveform_image.name = new_files
            story.audio_size = result.delivery.stat().st_size
            story.duration = round(result.duration, 2)
            story.loudness = result.loudness
            story.waveform_peaks = result.peaks
            story.audio_state = AUDIO_READY
            story.audio_error_code = ""
            story.audio_error_detail = result.detail()
            story.audio_processed_at = story.audio_state_changed_at = timezone.now()
        story.save(update_fields=AUDIO_RESULT_FIELDS)
        transaction.on_commit(lambda: delete_unreferenced_files(story.pk))
        if failure is not None:
            _after_failure(story)
    return story


def _set_failed(story, code, detail):
    logger.info("Audio of story %s refused: %s (%s)", story.pk, code, detail[:200])
    story.audio_state = AUDIO_FAILED
    story.audio_error_code = code
    story.audio_error_detail = detail
    story.clear_processed_audio()
    story.audio_state_changed_at = timezone.now()


def _after_failure(story):
    """A submitted story whose recording failed needs its submitter: tell them by e-mail."""
    if story.status not in NOT_RECEIVED_STATUSES:
        from stories.services import email_submitter

        story_id = story.pk
        transaction.on_commit(lambda: email_submitter(story_id, "audio_failed"))


def delete_unreferenced_files(story_id):
    """Delete the processed files of a story that it no longer points at (earlier runs,
    runs that died after writing, a replaced recording), as the database has it now."""
    story = Story.objects.only("uuid", "audio", "waveform_image").get(pk=story_id)
    storage = Story._meta.get_field("audio").storage
    keep = {story.audio.name, story.waveform_image.name}
    for folder in (f"audio/{story.uuid}", f"waveforms/{story.uuid}"):
        try:
            _dirs, files = storage.listdir(folder)
        except FileNotFoundError:
            continue
        _delete(name for name in (f"{folder}/{file}" for file in files) if name not in keep)


def _delete(names):
    storage = Story._meta.get_field("audio").storage
    for name in names:
        storage.delete(name)


def stuck_stories(now=None):
    """Recordings waiting or being processed for longer than any run may take."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.AUDIO_STUCK_AFTER)
    return Story.objects.filter(audio_state__in=[AUDIO_PENDING, AUDIO_PROCESSING], audio_state_changed_at__lt=cutoff)


def sweep_stuck(enqueue, now=None):
    """Hand stuck recordings to ``enqueue(story_id)`` again; returns their ids.

    Their timestamp is refreshed so that the next sweep does not send them twice.
    """
    now = now or timezone.now()
    ids = list(stuck_stories(now).values_list("pk", flat=True))
    Story.objects.filter(pk__in=ids).update(audio_state_changed_at=now)
    for story_id in ids:
        enqueue(story_id)
    return ids
