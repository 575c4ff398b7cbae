"""The submitter's path: draft, submit, confirmation, edit, withdraw, and every refusal."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from stories.models import StatusChange, Story
from tests.conftest import make_user
from tests.stories.helpers import audio_upload, story_data


def submit_url(call):
    return f"/calls/{call.slug}/submit/"


def test_without_an_organisation_the_form_asks_for_it_first(client, call):
    client.force_login(make_user("new@example.org"))
    response = client.get(submit_url(call))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/organisation/?next=")


def test_the_form_shows_the_time_left_before_the_deadline(client_in, call):
    after_a_draft = client_in.post(submit_url(call), story_data(call, title=""), follow=True)
    for response in (client_in.get(submit_url(call)), after_a_draft):
        deadline = response.content.decode().split('class="deadline"')[1].split("</p>")[0]
        assert "left" in deadline and "closed" not in deadline


def test_a_draft_saves_whatever_is_there(client_in, call, submitter):
    response = client_in.post(submit_url(call), story_data(call, summary="", body="Only a beginning."))
    story = Story.objects.get(submitter=submitter)
    assert response.status_code == 302
    assert response["Location"] == f"/my/stories/{story.uuid}/edit/"
    assert story.status == "draft"
    assert story.body == "Only a beginning."
    assert story.reference == ""


def test_submit_gives_a_reference_a_record_and_an_email(client_in, call, submitter, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_in.post(submit_url(call), story_data(call, action="submit"))
    story = Story.objects.get(submitter=submitter)
    assert response["Location"] == f"/my/stories/{story.uuid}/submitted/"
    assert story.status == "submitted"
    assert story.reference == "WTO21-0001"
    # The organisation is copied onto the story when it is submitted.
    assert (story.org_name, story.org_country, story.org_contact_phone) == ("Jasmine Textiles", "JO", "+962 6 000 0000")
    assert story.consented_at is not None
    assert story.terms_version == call.terms_version
    change = StatusChange.objects.get(story=story)
    assert (change.from_status, change.to_status, change.changed_by) == ("draft", "submitted", submitter)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [submitter.email]
    assert "WTO21-0001" in mail.outbox[0].subject + mail.outbox[0].body

    page = client_in.get(response["Location"]).content.decode()
    assert "WTO21-0001" in page

    # Later profile edits do not rewrite what was submitted.
    submitter.organisation.name = "Jasmine & Co"
    submitter.organisation.save()
    story.refresh_from_db()
    assert story.org_name == "Jasmine Textiles"


def test_the_confirmation_email_is_in_the_language_the_submitter_uses(
    call, submitter, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(submitter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/es" + submit_url(call), story_data(call, action="submit"))
    submitter.refresh_from_db()
    assert submitter.language == "es"
    message = mail.outbox[0]
    assert "WTO21-0001" in message.body
    assert "historia" in (message.subject + message.body).lower()


def test_a_double_click_makes_one_story(client_in, call, submitter):
    data = story_data(call, action="submit", form_token="6b1f3c3e-8f0a-4d62-9a55-3f7f3f4f0b11")
    first = client_in.post(submit_url(call), data)
    second = client_in.post(submit_url(call), data)
    assert Story.objects.filter(submitter=submitter).count() == 1
    story = Story.objects.get(submitter=submitter)
    assert story.reference == "WTO21-0001"
    assert first.status_code == second.status_code == 302
    assert StatusChange.objects.filter(story=story).count() == 1


def test_too_many_words_is_refused_and_the_text_kept(client_in, call, submitter):
    long_text = " ".join(["word"] * 51)
    response = client_in.post(submit_url(call), story_data(call, body=long_text, action="submit"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "51 words; the limit is 50 words" in page
    story = Story.objects.get(submitter=submitter)
    assert story.status == "draft"
    assert story.body == long_text


def test_missing_consent_is_refused(client_in, call, submitter):
    response = client_in.post(submit_url(call), story_data(call, consent_publication=None, action="submit"))
    assert response.status_code == 200
    assert "Please agree to the publication of your story." in response.content.decode()
    assert Story.objects.get(submitter=submitter).status == "draft"


def test_a_file_that_is_not_audio_is_refused_by_its_content(client_in, call, submitter, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = SimpleUploadedFile("voice.mp3", b"\x89PNG\r\n\x1a\n" + b"\0" * 2000, content_type="audio/mpeg")
    response = client_in.post(submit_url(call), story_data(call, format="audio", body="", audio_file=png))
    assert response.status_code == 200
    assert response.context["form"].errors["audio_file"]
    story = Story.objects.get(submitter=submitter)
    assert not story.audio_original
    # What was typed is saved with the draft.
    assert story.title == "How our looms kept running"


def test_a_file_over_the_size_limit_is_refused_and_the_rest_kept(client_in, call, submitter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("long.ogg", b"OggS" + b"\0" * (3 * 1024 * 1024), content_type="audio/ogg")
    response = client_in.post(submit_url(call), story_data(call, format="audio", body="", audio_file=big))
    assert response.status_code == 200
    page = response.content.decode()
    assert "the limit is 2 MB" in page or "larger than this call allows" in page
    story = Story.objects.get(submitter=submitter)
    assert not story.audio_original
    assert story.summary == "A weaving shop in Amman found buyers online."


def test_a_form_error_keeps_the_uploaded_file(client_in, call, submitter):
    response = client_in.post(
        submit_url(call),
        story_data(call, title="", format="audio", body="", audio_file=audio_upload(), action="submit"),
    )
    assert response.status_code == 200
    story = Story.objects.get(submitter=submitter)
    assert story.status == "draft"
    assert story.audio_original
    assert story.audio_original_name == "whatsapp_voice_note_en.ogg"
    page = response.content.decode()
    assert "whatsapp_voice_note_en.ogg" in page
    assert "Please add a title." in page

    # The second post sends no file: the kept one is used.
    response = client_in.post(
        f"/my/stories/{story.uuid}/edit/", story_data(call, format="audio", body="", action="submit")
    )
    story.refresh_from_db()
    assert story.status == "submitted", response.content.decode()[:2000]
    assert story.audio_original_name == "whatsapp_voice_note_en.ogg"


def test_an_expired_csrf_token_keeps_what_was_typed(call, submitter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(submitter)
    response = client.post(submit_url(call), story_data(call, title="Typed before the page expired"))
    page = response.content.decode()
    assert "Typed before the page expired" in page
    assert "expired" in page
    assert not Story.objects.filter(submitter=submitter).exists()


@pytest.mark.parametrize("path", ["", "edit/", "withdraw/", "audio/", "submitted/"])
def test_another_users_story_is_not_found(client, call, submitter, path):
    story = Story.objects.create(call=call, submitter=submitter, title="Private draft")
    client.force_login(make_user("other@example.org"))
    assert client.get(f"/my/stories/{story.uuid}/{path}").status_code == 404
    assert client.post(f"/my/stories/{story.uuid}/{path}", story_data(call)).status_code == 404
    story.refresh_from_db()
    assert story.title == "Private draft"


def test_my_stories_lists_only_mine_with_state_and_reference(client_in, call, submitter):
    Story.objects.create(call=call, submitter=submitter, title="Mine", status="submitted", reference="WTO21-0007")
    Story.objects.create(call=call, submitter=make_user("x@example.org"), title="Someone else's")
    page = client_in.get("/my/stories/").content.decode()
    assert "Mine" in page and "WTO21-0007" in page
    assert "Someone else" not in page


def test_edit_after_submit_until_the_deadline(client_in, call, submitter):
    client_in.post(submit_url(call), story_data(call, action="submit"))
    story = Story.objects.get(submitter=submitter)
    client_in.post(f"/my/stories/{story.uuid}/edit/", story_data(call, title="A better title"))
    story.refresh_from_db()
    assert (story.title, story.status, story.reference) == ("A better title", "submitted", "WTO21-0001")

    # A submitted story cannot be emptied into an incomplete one.
    response = client_in.post(f"/my/stories/{story.uuid}/edit/", story_data(call, title=""))
    assert response.status_code == 200
    story.refresh_from_db()
    assert story.title == "A better title"

    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.save()
    response = client_in.post(f"/my/stories/{story.uuid}/edit/", story_data(call, title="Too late"), follow=True)
    story.refresh_from_db()
    assert story.title == "A better title"
    assert "stories can no longer be changed" in response.content.decode()


def test_a_closed_call_refuses_new_stories(client_in, call, submitter):
    call.closes_at = timezone.now() - timedelta(seconds=5)
    call.save()
    response = client_in.post(submit_url(call), story_data(call, action="submit"), follow=True)
    assert "This call is closed" in response.content.decode()
    assert not Story.objects.filter(submitter=submitter).exists()


def test_a_draft_cannot_be_submitted_after_the_deadline(client_in, call, submitter):
    client_in.post(submit_url(call), story_data(call))
    story = Story.objects.get(submitter=submitter)
    call.closes_at = timezone.now() - timedelta(seconds=5)
    call.save()
    client_in.post(f"/my/stories/{story.uuid}/edit/", story_data(call, action="submit"))
    story.refresh_from_db()
    assert story.status == "draft"
    assert story.reference == ""


def test_withdraw_keeps_the_story_for_the_record(client_in, call, submitter):
    client_in.post(submit_url(call), story_data(call, action="submit"))
    story = Story.objects.get(submitter=submitter)
    assert client_in.get(f"/my/stories/{story.uuid}/withdraw/").status_code == 200
    client_in.post(f"/my/stories/{story.uuid}/withdraw/", {"reason": "Changed my mind"})
    story.refresh_from_db()
    assert story.status == "withdrawn"
    change = story.status_changes.order_by("-changed_at").first()
    assert (change.from_status, change.to_status, change.note) == ("submitted", "withdrawn", "Changed my mind")
    # A withdrawn story is not edited any more.
    client_in.post(f"/my/stories/{story.uuid}/edit/", story_data(call, title="Changed"))
    story.refresh_from_db()
    assert story.title == "How our looms kept running"


def test_saving_the_form_does_not_undo_what_the_worker_wrote_meanwhile(client_in, call, submitter):
    from stories.forms import StoryForm

    story = Story.objects.create(call=call, submitter=submitter, title="Draft", audio_state="processing")
    form = StoryForm(story_data(call, title="Typed while the file was processed"), instance=story, call=call)
    assert form.is_valid()
    # The worker finishes between the page's read and its write.
    Story.objects.filter(pk=story.pk).update(audio_state="ready", duration=12.5, audio="public/audio/x.m4a")
    form.save_draft()
    story.refresh_from_db()
    assert story.title == "Typed while the file was processed"
    assert (story.audio_state, story.duration, story.audio.name) == ("ready", 12.5, "public/audio/x.m4a")


def test_a_refused_file_is_explained_once(client_in, call, submitter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = SimpleUploadedFile("voice.mp3", b"\x89PNG\r\n\x1a\n" + b"\0" * 2000, content_type="audio/mpeg")
    response = client_in.post(
        f"/calls/{call.slug}/submit/", story_data(call, format="audio", body="", audio_file=png, action="submit")
    )
    errors = response.context["form"].errors["audio_file"]
    assert len(errors) == 1
    assert "Please upload your audio file." not in errors
