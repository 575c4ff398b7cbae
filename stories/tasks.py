"""Celery tasks: thin wrappers that load a story and call a plain function."""

from celery import shared_task

from stories import emails, pipeline
from stories.models import Story


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=600, time_limit=660)
def process_audio(story_id):
    pipeline.process_story_audio(story_id)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=6)
def send_story_email(self, story_id, kind):
    story = Story.objects.select_related("submitter", "call").filter(pk=story_id).first()
    if story is not None:
        emails.send_story_email(story, kind)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=6)
def send_decision_email(self, email_id):
    from stories.curation import deliver_decision_email

    deliver_decision_email(email_id)
