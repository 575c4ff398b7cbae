"""Each story's review counter follows its reviews however they are added or removed."""

import pytest

from stories import curation, review_counts
from stories.dashboard import call_dashboard
from stories.models import Assignment, Review, Story
from tests.curation.conftest import make_stories, staff


@pytest.fixture
def story(call, criteria, reviewer, reviewer2):
    story = make_stories(call, 1, status="in_review")[0]
    Assignment.objects.create(story=story, reviewer=reviewer)
    Assignment.objects.create(story=story, reviewer=reviewer2)
    return story


def scores(criteria, value=4):
    return {str(c.pk): value for c in criteria}


def count(story):
    return Story.objects.values_list("review_count", flat=True).get(pk=story.pk)


def test_a_review_saved_counts_once_and_an_update_does_not_count_again(story, criteria, reviewer, reviewer2):
    assert count(story) == 0
    curation.save_review(story, reviewer, scores(criteria, 4))
    curation.save_review(story, reviewer, scores(criteria, 2))
    assert count(story) == 1
    curation.save_review(story, reviewer2, scores(criteria, 3))
    assert count(story) == 2


def test_a_review_deleted_in_the_admin_is_uncounted(client, story, criteria, reviewer, superuser):
    curation.save_review(story, reviewer, scores(criteria))
    review = Review.objects.get(story=story, reviewer=reviewer)
    client.force_login(superuser)
    response = client.post(f"/admin/stories/review/{review.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Review.objects.filter(pk=review.pk).exists()
    assert count(story) == 0


def test_deleting_a_reviewer_uncounts_their_reviews(story, criteria, reviewer, reviewer2):
    curation.save_review(story, reviewer, scores(criteria))
    curation.save_review(story, reviewer2, scores(criteria))
    reviewer2.delete()
    assert count(story) == 1


def test_saving_a_story_loaded_earlier_keeps_the_count(story, criteria, reviewer):
    stale = Story.objects.get(pk=story.pk)
    curation.save_review(story, reviewer, scores(criteria))
    stale.title = "A new title"
    stale.save()
    assert count(story) == 1
    assert Story.objects.get(pk=story.pk).title == "A new title"


def test_recount_repairs_counters_after_a_bulk_insert(call, criteria, curator):
    stories = make_stories(call, 3, status="in_review")
    others = [staff(f"bulk{n}@forum.example.org", "Reviewers") for n in range(2)]
    Review.objects.bulk_create([Review(story=s, reviewer=r, scores={}) for s in stories[:2] for r in others])
    assert [count(s) for s in stories] == [0, 0, 0]  # a bulk insert sends no signal
    assert review_counts.recount(Story.objects.filter(call=call)) == 3
    assert [count(s) for s in stories] == [2, 2, 0]


def test_dashboard_progress_follows_reviews_added_and_deleted(call, story, criteria, reviewer, reviewer2):
    call.reviews_per_story = 1
    call.save()
    assert call_dashboard(call)["reviews_done"] == 0
    curation.save_review(story, reviewer, scores(criteria))
    curation.save_review(story, reviewer2, scores(criteria))
    figures = call_dashboard(call)
    assert (figures["reviews_done"], figures["reviews_needed"]) == (1, 1)  # capped at what the call wants
    Review.objects.filter(story=story).delete()
    assert call_dashboard(call)["reviews_done"] == 0


def average(story):
    return Story.objects.values_list("average_score", flat=True).get(pk=story.pk)


def test_the_average_score_follows_reviews_written_changed_and_deleted(story, criteria, reviewer, reviewer2):
    assert average(story) is None
    curation.save_review(story, reviewer, scores(criteria, 4))
    assert average(story) == 4
    curation.save_review(story, reviewer2, scores(criteria, 2))
    assert average(story) == 3
    curation.save_review(story, reviewer, scores(criteria, 5))  # a reviewer changes their mind
    assert average(story) == 3.5
    Review.objects.get(story=story, reviewer=reviewer2).delete()
    assert average(story) == 5
    Review.objects.filter(story=story).delete()
    assert average(story) is None


def test_recount_averages_bulk_inserted_reviews_and_the_list_sorts_by_it(client, call, criteria, curator):
    low, high = make_stories(call, 2, status="in_review")
    others = [staff(f"bulk{n}@forum.example.org", "Reviewers") for n in range(2)]
    Review.objects.bulk_create(
        [Review(story=s, reviewer=r, scores={}, score=v) for s, v in ((low, 2), (high, 4)) for r in others]
    )
    review_counts.recount(Story.objects.filter(call=call))
    assert (average(low), average(high)) == (2, 4)
    client.force_login(curator)
    body = client.get("/admin/stories/story/?o=-12").content.decode()
    assert body.index(f">{high.reference}<") < body.index(f">{low.reference}<")
