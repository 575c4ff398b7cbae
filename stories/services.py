"""The operations that change a story: each checks its rule, writes its record, and queues
what follows (e-mail, audio processing) for after the transaction commits."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models import Call
from stories.models import (
    AUDIO_PENDING,
    AUDIO_UPLOAD_FIELDS,
    STATUS_DECLINED,
    STATUS_DRAFT,
    STATUS_IN_REVIEW,
    STATUS_SELECTED,
    STATUS_SHORTLISTED,
    STATUS_SUBMITTED,
    STATUS_WITHDRAWN,
    STATUSES,
    WITHDRAWABLE_STATUSES,
    ProgrammeSlot,
    StatusChange,
    Story,
)

# Who may move a story from one status to another. Curators move stories forward;
# only the submitter withdraws.
CURATOR_TRANSITIONS = {
    STATUS_SUBMITTED: {STATUS_IN_REVIEW, STATUS_DECLINED},
    STATUS_IN_REVIEW: {STATUS_SHORTLISTED, STATUS_DECLINED},
    STATUS_SHORTLISTED: {STATUS_SELECTED, STATUS_DECLINED, STATUS_IN_REVIEW},
    STATUS_SELECTED: {STATUS_SHORTLISTED},
    STATUS_DECLINED: {STATUS_IN_REVIEW},
}


class StoryError(Exception):
    """A rule refused the operation; the message is for the person who asked."""


class CallClosed(StoryError):
    pass


class NotSubmittable(StoryError):
    def __init__(self, errors):
        super().__init__(_("The story is not complete yet."))
        self.errors = errors


class InvalidTransition(StoryError):
    pass


def _record(story, from_status, to_status, by, note="", now=None):
    StatusChange.objects.create(
        story=story,
        from_status=from_status,
        to_status=to_status,
        changed_by=by,
        note=note,
        changed_at=now or timezone.now(),
    )


def _locked(story):
    return Story.objects.locked().select_related("call").get(pk=story.pk)


def attach_audio(story, uploaded, duration=None, enqueue=True):
    """Keep a new original recording on the story and queue it for processing.

    The original is stored as sent; the processed file, waveform and any earlier failure
    belong to the previous recording and are cleared. ``enqueue=False`` is for callers
    that process the recording themselves (``import_stories --sync``).
    """
    old_original = story.audio_original.name
    old_processed = [story.audio.name, story.waveform_image.name]
    story.audio_original.save("original", uploaded, save=False)
    story.audio_original_name = (getattr(uploaded, "name", "") or "")[-255:]
    story.audio_original_size = uploaded.size
    story.audio_uploaded_at = timezone.now()
    story.duration = duration
    story.clear_processed_audio()
    story.audio_error_code = ""
    story.audio_error_detail = ""
    story.audio_attempts = 0
    story.audio_processed_at = None
    story.audio_state = AUDIO_PENDING
    story.audio_state_changed_at = timezone.now()
    if story.pk:
        # Only the recording's fields: the rest of the row may be changing meanwhile (a
        # curator's decision, the submitter's own edits saved a moment ago).
        story.save(update_fields=AUDIO_UPLOAD_FIELDS)
    else:
        story.save()
    if enqueue:
        transaction.on_commit(lambda: _enqueue_audio(story.pk))
    transaction.on_commit(lambda: _delete_files(story, old_original, old_processed))


def _enqueue_audio(story_id):
    from stories.tasks import process_audio

    process_audio.delay(story_id)


def _delete_files(story, original, processed):
    if original:
        story.audio_original.storage.delete(original)
    for name in processed:
        if name:
            story.audio.storage.delete(name)


@transaction.atomic
def submit_story(story, by, now=None):
    """Submit a draft: give it the call's next reference code and send the confirmation.

    Submitting an already submitted story (a double click) changes nothing.
    """
    now = now or timezone.now()
    story = _locked(story)
    if story.status != STATUS_DRAFT:
        if story.status == STATUS_SUBMITTED:
            return story
        raise InvalidTransition(_("Only a draft can be submitted."))
    if not story.call.is_open(now):
        raise CallClosed(_("This call closed on %(date)s; stories can no longer be submitted.") % _closing(story.call))
    errors = story.submission_errors()
    if errors:
        raise NotSubmittable(errors)
    _submit(story, by, now)
    transaction.on_commit(lambda: email_submitter(story.pk, "submitted"))
    return story


@transaction.atomic
def import_as_submitted(story, by, note="", now=None):
    """Submit a story received outside the site (by e-mail, on a USB stick): the operator
    vouches for it, so the completeness checks and the confirmation e-mail are skipped."""
    story = _locked(story)
    if story.status != STATUS_DRAFT:
        raise InvalidTransition(_("Only a draft can be submitted."))
    return _submit(story, by, now or timezone.now(), note)


def _submit(story, by, now, note=""):
    # The call's row lock serialises concurrent submits, so numbers have no gaps or twins.
    call = Call.objects.select_for_update().get(pk=story.call_id)
    call.last_reference_number += 1
    call.save(update_fields=["last_reference_number"])
    story.number = call.last_reference_number
    story.reference = f"{call.reference_prefix}-{story.number:04d}"
    profile = getattr(story.submitter, "organisation", None)
    if profile is not None:
        for field, value in profile.snapshot().items():
            setattr(story, field, value)
    story.status = STATUS_SUBMITTED
    story.submitted_at = now
    story.save()
    _record(story, STATUS_DRAFT, STATUS_SUBMITTED, by, note, now=now)
    return story


def _closing(call):
    from django.utils.formats import date_format

    return {"date": date_format(timezone.localtime(call.closes_at), "DATETIME_FORMAT")}


def ensure_editable(story, now=None):
    if story.call.has_closed(now):
        raise CallClosed(_("This call closed on %(date)s; stories can no longer be changed.") % _closing(story.call))
    if not story.can_edit(now):
        raise InvalidTransition(_("This story can no longer be changed."))


@transaction.atomic
def withdraw_story(story, by, note=""):
    story = _locked(story)
    if story.status == STATUS_WITHDRAWN:
        return story
    if story.status not in WITHDRAWABLE_STATUSES:
        raise InvalidTransition(_("This story can no longer be withdrawn."))
    previous = story.status
    story.status = STATUS_WITHDRAWN
    story.featured = False
    story.published_at = None
    story.save()
    _record(story, previous, STATUS_WITHDRAWN, by, note)
    return story


@transaction.atomic
def change_status(story, to_status, by, note=""):
    """Move a story as a curator; only the transitions in CURATOR_TRANSITIONS are allowed."""
    story = _locked(story)
    if to_status not in CURATOR_TRANSITIONS.get(story.status, set()):
        raise InvalidTransition(
            _("A story cannot go from “%(from)s” to “%(to)s”.")
            % {"from": story.get_status_display(), "to": dict(STATUSES).get(to_status, to_status)}
        )
    previous = story.status
    story.status = to_status
    if to_status != STATUS_SELECTED:
        # Only selected stories are published, featured and in the programme.
        story.published_at = None
        story.featured = False
        ProgrammeSlot.objects.filter(story=story).delete()
    story.save()
    _record(story, previous, to_status, by, note)
    return story


def email_submitter(story_id, kind):
    """Queue the e-mail of ``kind`` to a story's submitter, in their language."""
    from stories.tasks import send_story_email

    send_story_email.delay(story_id, kind)
