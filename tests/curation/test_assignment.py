"""Assigning reviewers: even load, conflicts skipped, language readers preferred."""

from collections import Counter

from stories import curation
from stories.models import STATUS_IN_REVIEW, Assignment, ReviewerConflict, Story
from tests.curation.conftest import make_stories, staff

LIST = "/admin/stories/story/"


def reviewers(count, languages=("en",)):
    return [staff(f"r{n}@forum.example.org", curation.REVIEWERS, reads_languages=list(languages)) for n in range(count)]


def test_load_is_spread_evenly(call, curator):
    pool = reviewers(5)
    stories = make_stories(call, 12, language="en")
    made, short = curation.assign_reviewers(stories, 3, curator)
    assert made == 36 and short == []
    load = Counter(Assignment.objects.values_list("reviewer_id", flat=True))
    assert set(load) == {r.pk for r in pool}
    assert max(load.values()) - min(load.values()) <= 1
    assert all(n == 3 for n in Counter(Assignment.objects.values_list("story_id", flat=True)).values())


def test_running_twice_only_fills_up(call, curator):
    reviewers(4)
    stories = make_stories(call, 4)
    curation.assign_reviewers(stories, 2, curator)
    made, _short = curation.assign_reviewers(stories, 3, curator)
    assert made == 4
    assert Assignment.objects.count() == 12


def test_conflicts_are_skipped(call, curator):
    a, b, c = reviewers(3)
    story, other = make_stories(call, 2)
    ReviewerConflict.objects.create(reviewer=a, story=story)
    ReviewerConflict.objects.create(reviewer=b, org_name=other.org_name.upper())
    made, short = curation.assign_reviewers([story, other], 3, curator)
    assert set(Assignment.objects.filter(story=story).values_list("reviewer_id", flat=True)) == {b.pk, c.pk}
    assert set(Assignment.objects.filter(story=other).values_list("reviewer_id", flat=True)) == {a.pk, c.pk}
    assert {s.pk for s in short} == {story.pk, other.pk}


def test_readers_of_the_story_language_are_preferred(call, curator):
    english = reviewers(2)
    arabic = staff("arabic@forum.example.org", curation.REVIEWERS, reads_languages=["ar", "fr"])
    story = make_stories(call, 1, language="ar")[0]
    curation.assign_reviewers([story], 1, curator)
    assert Assignment.objects.get(story=story).reviewer == arabic
    assert english  # the two English readers were available and passed over


def test_assignment_moves_submitted_stories_to_review(call, curator):
    reviewers(2)
    story = make_stories(call, 1)[0]
    curation.assign_reviewers([story], 2, curator)
    assert Story.objects.get(pk=story.pk).status == STATUS_IN_REVIEW


def test_bulk_action_asks_for_the_number_first(client, call, curator):
    reviewers(3)
    stories = make_stories(call, 2)
    client.force_login(curator)
    ids = [s.pk for s in stories]
    page = client.post(LIST, {"action": "assign_reviewers", "_selected_action": ids})
    assert 'name="per_story"' in page.content.decode()
    assert not Assignment.objects.exists()
    client.post(LIST, {"action": "assign_reviewers", "_selected_action": ids, "confirm": "yes", "per_story": 2})
    assert Assignment.objects.count() == 4


def test_conflicts_are_seen_by_their_reviewer_and_the_story_curators(client, call, other_call, curator, other_curator):
    a, b = reviewers(2)
    mine = make_stories(call, 1)[0]
    ReviewerConflict.objects.create(reviewer=a, story=mine, note="My cousin's firm")
    ReviewerConflict.objects.create(reviewer=b, org_name="Rival Co", note="Former employer")
    pages = {}
    for user in (a, b, curator, other_curator):
        client.force_login(user)
        pages[user.email] = client.get("/admin/stories/reviewerconflict/").content.decode()
    assert "My cousin" in pages[a.email] and "Former employer" not in pages[a.email]
    assert "Former employer" in pages[b.email] and "My cousin" not in pages[b.email]
    assert "My cousin" in pages[curator.email] and "Former employer" in pages[curator.email]
    assert "My cousin" not in pages[other_curator.email]


def test_a_reviewer_declares_a_conflict_for_themselves(client, call):
    a, b = reviewers(2)
    story = make_stories(call, 1)[0]
    client.force_login(a)
    client.post(
        "/admin/stories/reviewerconflict/add/", {"story": story.pk, "org_name": "", "note": "Friend", "reviewer": b.pk}
    )
    conflict = ReviewerConflict.objects.get()
    assert conflict.reviewer == a
