"""The reviewer's form: scores per criterion, blind and anonymous review, closed after a decision."""

import pytest

from stories import curation
from stories.models import STATUS_IN_REVIEW, STATUS_SHORTLISTED, Assignment, Review
from tests.curation.conftest import make_stories

LIST = "/admin/stories/story/"


@pytest.fixture
def story(call, criteria, reviewer, reviewer2):
    story = make_stories(call, 1, org_name="Jasmine Textiles", org_city="Amman", org_website="https://jasmine.example")[
        0
    ]
    Assignment.objects.create(story=story, reviewer=reviewer)
    Assignment.objects.create(story=story, reviewer=reviewer2)
    return story


def answers(criteria, score=4, recommendation="select", comment="Strong trade angle."):
    data = {f"criterion_{c.pk}": score for c in criteria}
    data.update(recommendation=recommendation, comment=comment)
    return data


def page(client, user, story):
    client.force_login(user)
    return client.get(f"{LIST}{story.pk}/review/").content.decode()


def test_review_form_shows_criteria_and_saves_one_review(client, story, criteria, reviewer):
    body = page(client, reviewer, story)
    for criterion in criteria:
        assert criterion.name in body
    client.post(f"{LIST}{story.pk}/review/", answers(criteria, 4))
    client.post(f"{LIST}{story.pk}/review/", answers(criteria, 2, "decline"))
    review = Review.objects.get(story=story, reviewer=reviewer)
    assert review.score == 2 and review.recommendation == "decline"
    assert review.scores == {str(c.pk): 2 for c in criteria}


def test_incomplete_scores_are_refused(client, story, criteria, reviewer):
    data = answers(criteria)
    del data[f"criterion_{criteria[0].pk}"]
    client.force_login(reviewer)
    response = client.post(f"{LIST}{story.pk}/review/", data)
    assert response.status_code == 200
    assert not Review.objects.exists()


def test_blind_review_hides_others_until_own_is_saved(client, story, criteria, reviewer, reviewer2):
    curation.save_review(story, reviewer2, {str(c.pk): 1 for c in criteria}, "Rami's private comment", "decline")
    before = page(client, reviewer, story)
    assert "Rami&#x27;s private comment" not in before and "Rami's private comment" not in before
    assert "Other reviews are shown once you have saved yours." in before
    client.post(f"{LIST}{story.pk}/review/", answers(criteria))
    after = page(client, reviewer, story)
    assert "Rami&#x27;s private comment" in after


def test_open_review_shows_others_at_once(client, call, story, criteria, reviewer, reviewer2):
    call.blind_review = False
    call.save()
    curation.save_review(story, reviewer2, {str(c.pk): 1 for c in criteria}, "Visible comment", "decline")
    assert "Visible comment" in page(client, reviewer, story)


def test_anonymous_review_hides_submitter_and_organisation(client, call, story, reviewer):
    call.anonymous_review = True
    call.save()
    body = page(client, reviewer, story)
    for secret in ("Jasmine Textiles", "Amman", "jasmine.example", "bulk@sme.example.org", "Contact Person"):
        assert secret not in body
    listing = client.get(LIST).content.decode()
    assert story.reference in listing and "Jasmine Textiles" not in listing
    assert "Jasmine Textiles" not in client.get(f"{LIST}?q=Jasmine").content.decode()


def test_without_anonymous_review_the_organisation_shows_but_never_contacts(client, story, reviewer):
    body = page(client, reviewer, story)
    assert "Jasmine Textiles" in body
    assert "contact1@sme.example.org" not in body and "+41 22" not in body


def test_reviewer_list_shows_no_average_score(client, story, criteria, reviewer, reviewer2):
    curation.save_review(story, reviewer2, {str(c.pk): 1 for c in criteria}, "", "decline")
    client.force_login(reviewer)
    body = client.get(LIST).content.decode()
    assert "avg. score" not in body.lower()
    assert "to review" in body


def test_review_closes_after_the_decision(client, story, criteria, reviewer, curator):
    curation.save_review(story, reviewer, {str(c.pk): 3 for c in criteria}, "First", "maybe")
    for status in (STATUS_IN_REVIEW, STATUS_SHORTLISTED, "declined"):
        story = curation.move(story, status, curator)
    client.force_login(reviewer)
    client.post(f"{LIST}{story.pk}/review/", answers(criteria, 5, "select", "Changed my mind"))
    assert Review.objects.get(story=story, reviewer=reviewer).comment == "First"
    with pytest.raises(curation.StoryError):
        curation.save_review(story, reviewer, {str(c.pk): 5 for c in criteria}, "Again", "select")


def test_unassigned_person_cannot_save_a_review(story, criteria, curator):
    with pytest.raises(curation.PermissionDenied):
        curation.save_review(story, curator, {str(c.pk): 5 for c in criteria})


def test_queue_filter_lists_only_unreviewed_assignments(client, call, story, criteria, reviewer):
    other = make_stories(call, 1)[0]
    Assignment.objects.create(story=other, reviewer=reviewer)
    curation.save_review(story, reviewer, {str(c.pk): 3 for c in criteria}, "", "maybe")
    client.force_login(reviewer)
    body = client.get(f"{LIST}?review=todo").content.decode()
    assert f">{other.reference}<" in body and f">{story.reference}<" not in body


def test_the_queue_leaves_out_stories_that_can_no_longer_be_reviewed(client, call, story, reviewer):
    withdrawn, declined = make_stories(call, 2, status="withdrawn"), make_stories(call, 1, status="declined", seed=3)
    for gone in [*withdrawn, *declined]:
        Assignment.objects.create(story=gone, reviewer=reviewer)
    client.force_login(reviewer)
    body = client.get(f"{LIST}?review=todo").content.decode()
    assert f">{story.reference}<" in body
    assert not any(f">{gone.reference}<" in body for gone in [*withdrawn, *declined])
    assert curation.open_load([reviewer])[reviewer.pk] == 1
    page = client.get(f"{LIST}{story.pk}/review/").content.decode()
    assert "1 story left in your queue." in page


def test_curator_sees_summary_with_spread(client, story, criteria, reviewer, reviewer2, curator):
    curation.save_review(story, reviewer, {str(c.pk): 5 for c in criteria}, "", "select")
    curation.save_review(story, reviewer2, {str(c.pk): 1 for c in criteria}, "", "decline")
    client.force_login(curator)
    body = client.get(f"{LIST}{story.pk}/change/").content.decode()
    assert "<td>Relevance</td><td>3.00</td><td>2.00</td>" in body
    assert "Select 1 · Maybe 0 · Decline 1" in body
