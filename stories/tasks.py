"""Celery tasks: thin wrappers that load a story and call a plain function."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from stories import emails, pipeline
from stories.models import Story

# Worth another try later: the database or the storage was unreachable. A bad file is
# never retried; the pipeline records it as failed instead of raising.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=settings.AUDIO_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.AUDIO_TASK_TIME_LIMIT,
)
def process_audio(story_id, force=False):
    pipeline.process_story_audio(story_id, force=force)


@shared_task(ignore_result=True)
def sweep_stuck_audio():
    """Periodic (see CELERY_BEAT_SCHEDULE): re-enqueue recordings stuck pending or processing."""
    return pipeline.sweep_stuck(lambda story_id: process_audio.delay(story_id))


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=6)
def send_story_email(self, story_id, kind):
    story = Story.objects.select_related("submitter", "call").filter(pk=story_id).first()
    if story is not None:
        emails.send_story_email(story, kind)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=6)
def send_decision_email(self, email_id):
    from stories.curation import deliver_decision_email

    deliver_decision_email(email_id)
