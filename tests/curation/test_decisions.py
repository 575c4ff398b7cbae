"""Decision e-mails: templated per call and language, sent once per decision."""

import pytest
from django.core import mail

from stories import curation
from stories.models import (
    STATUS_DECLINED,
    STATUS_IN_REVIEW,
    STATUS_SELECTED,
    STATUS_SHORTLISTED,
    DecisionEmail,
    DecisionTemplate,
    ProgrammeSlot,
)
from tests.curation.conftest import make_stories

LIST = "/admin/stories/story/"


@pytest.fixture
def templates(call):
    DecisionTemplate.objects.create(
        call=call,
        language="en",
        kind=STATUS_SELECTED,
        subject="Selected: {reference}",
        body="“{title}” for {forum}, {session}.",
    )
    DecisionTemplate.objects.create(
        call=call,
        language="fr",
        kind=STATUS_SELECTED,
        subject="Sélectionné : {reference}",
        body="Votre récit « {title} » sera présenté à {forum}, session « {session} ». {unknown}",
    )
    DecisionTemplate.objects.create(
        call=call, language="en", kind=STATUS_DECLINED, subject="About {reference}", body="Thank you for “{title}”."
    )


def decide(story, by, status):
    path = {
        STATUS_SELECTED: [STATUS_IN_REVIEW, STATUS_SHORTLISTED, STATUS_SELECTED],
        STATUS_DECLINED: [STATUS_DECLINED],
    }
    for step in path[status]:
        story = curation.move(story, step, by)
    return story


def test_action_twice_sends_each_decision_once(
    client, call, curator, templates, session, django_capture_on_commit_callbacks
):
    chosen, refused = make_stories(call, 2)  # the bulk submitter's language is French
    decide(chosen, curator, STATUS_SELECTED)
    decide(refused, curator, STATUS_DECLINED)
    ProgrammeSlot.objects.create(session=session, story=chosen, position=1)
    client.force_login(curator)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(LIST, {"action": "send_decisions", "_selected_action": [chosen.pk, refused.pk]})
    assert len(mail.outbox) == 2
    by_subject = {m.subject: m for m in mail.outbox}
    french = by_subject[f"Sélectionné : {chosen.reference}"]
    assert french.to == ["bulk@sme.example.org"]
    assert f"« {chosen.title} »" in french.body and "WTO Public Forum 2021" in french.body
    assert "SME stories: resilience" in french.body
    assert "{unknown}" in french.body  # an unknown placeholder is left as written
    # No French "declined" template: the English one is used.
    assert f"About {refused.reference}" in by_subject
    assert DecisionEmail.objects.filter(sent_at__isnull=False).count() == 2


def test_delivering_twice_sends_once(call, curator, templates, django_capture_on_commit_callbacks):
    story = decide(make_stories(call, 1)[0], curator, STATUS_SELECTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert curation.request_decision_email(story, curator) is True
    email = DecisionEmail.objects.get(story=story)
    assert curation.deliver_decision_email(email.pk) is False
    assert len(mail.outbox) == 1


def test_a_new_decision_gets_its_own_email(call, curator, templates, django_capture_on_commit_callbacks):
    story = decide(make_stories(call, 1)[0], curator, STATUS_SELECTED)
    with django_capture_on_commit_callbacks(execute=True):
        curation.request_decision_email(story, curator)
    curation.move(story, STATUS_SHORTLISTED, curator)
    curation.move(story, STATUS_DECLINED, curator)
    with django_capture_on_commit_callbacks(execute=True):
        curation.request_decision_email(story, curator)
        curation.request_decision_email(story, curator)
    assert [m.subject for m in mail.outbox] == [f"Sélectionné : {story.reference}", f"About {story.reference}"]


def test_no_email_before_a_decision_or_without_template(call, curator, django_capture_on_commit_callbacks):
    story = make_stories(call, 1)[0]
    with pytest.raises(curation.StoryError, match="no decision"):
        curation.request_decision_email(story, curator)
    story = decide(story, curator, STATUS_DECLINED)
    with pytest.raises(curation.StoryError, match="no template"):
        curation.request_decision_email(story, curator)
    assert not mail.outbox


def test_template_preview_in_admin(client, call, curator, templates):
    make_stories(call, 1)
    template = DecisionTemplate.objects.get(language="fr")
    client.force_login(curator)
    body = client.get(f"/admin/stories/decisiontemplate/{template.pk}/change/").content.decode()
    assert "Sélectionné : WTO21-0001" in body
    assert "« Story 1 »" in body
