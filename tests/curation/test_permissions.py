"""Who sees and does what: reviewer, curator, another forum's curator, superuser."""

import pytest

from stories.models import STATUS_SUBMITTED, Assignment, Story
from tests.curation.conftest import make_stories

LIST = "/admin/stories/story/"


@pytest.fixture
def world(call, other_call, curator, other_curator, reviewer, superuser, criteria):
    mine, unassigned = make_stories(call, 2)
    theirs = make_stories(other_call, 1)[0]
    Assignment.objects.create(story=mine, reviewer=reviewer)
    return {"mine": mine, "unassigned": unassigned, "theirs": theirs}


def login(client, user):
    client.force_login(user)
    return client


def listed(client):
    body = client.get(f"{LIST}?all=").content.decode()
    return {ref for ref in ("WTO21-0001", "WTO21-0002", "PPF21-0001") if f">{ref}<" in body}


def test_list_is_scoped_per_role(client, world, curator, other_curator, reviewer, superuser):
    assert listed(login(client, curator)) == {"WTO21-0001", "WTO21-0002"}
    assert listed(login(client, other_curator)) == {"PPF21-0001"}
    assert listed(login(client, reviewer)) == {"WTO21-0001"}
    assert listed(login(client, superuser)) == {"WTO21-0001", "WTO21-0002", "PPF21-0001"}


def test_submitter_cannot_enter_the_admin(client, world, submitter):
    response = login(client, submitter).get(LIST)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "who, expected",
    [("curator", 200), ("superuser", 200), ("other_curator", "not found"), ("reviewer", "review form")],
)
def test_change_view(client, world, request, who, expected):
    story = world["mine"]
    response = login(client, request.getfixturevalue(who)).get(f"{LIST}{story.pk}/change/")
    if expected == 200:
        assert response.status_code == 200
        assert story.org_contact_email in response.content.decode()
    elif expected == "review form":
        assert response.status_code == 302 and response["Location"].endswith(f"/{story.pk}/review/")
    else:
        # The admin answers a row outside the queryset as if it did not exist.
        assert response.status_code == 302 and response["Location"] == "/admin/"


def test_reviewer_cannot_open_what_is_not_assigned(client, world, reviewer, other_curator):
    assert login(client, reviewer).get(f"{LIST}{world['unassigned'].pk}/review/").status_code == 404
    assert login(client, reviewer).get(f"{LIST}{world['unassigned'].pk}/change/")["Location"] == "/admin/"
    assert login(client, other_curator).get(f"{LIST}{world['mine'].pk}/review/").status_code == 404


def test_original_download_is_for_curators_only(client, world, reviewer):
    assert login(client, reviewer).get(f"{LIST}{world['mine'].pk}/media/original/").status_code == 403


@pytest.mark.parametrize(
    "who, changed",
    [("curator", True), ("superuser", True), ("other_curator", False), ("reviewer", False)],
)
def test_transition_action(client, world, request, who, changed):
    story = world["mine"]
    login(client, request.getfixturevalue(who)).post(
        LIST, {"action": "move_to_in_review", "_selected_action": [story.pk], "confirm": "yes", "note": ""}
    )
    story.refresh_from_db()
    assert (story.status != STATUS_SUBMITTED) is changed


def test_reviewer_sees_no_curation_actions(client, world, reviewer):
    body = login(client, reviewer).get(LIST).content.decode()
    assert "move_to_selected" not in body
    assert "assign_reviewers" not in body


def test_transition_view_refuses_other_forum(client, world, other_curator):
    story = world["mine"]
    response = login(client, other_curator).post(f"{LIST}{story.pk}/transition/", {"to": "in_review"})
    assert response.status_code == 404
    assert Story.objects.get(pk=story.pk).status == STATUS_SUBMITTED


@pytest.mark.parametrize(
    "who, status, refs",
    [
        ("curator", 200, {"WTO21-0001", "WTO21-0002"}),
        ("other_curator", 200, {"PPF21-0001"}),
        ("superuser", 200, {"WTO21-0001", "WTO21-0002", "PPF21-0001"}),
        ("reviewer", 403, set()),
    ],
)
def test_exports(client, world, request, who, status, refs):
    response = login(client, request.getfixturevalue(who)).get(f"{LIST}export/csv/")
    assert response.status_code == status
    if status == 200:
        body = response.content.decode()
        assert {ref for ref in ("WTO21-0001", "WTO21-0002", "PPF21-0001") if ref in body} == refs
        assert "contact1@sme.example.org" not in body


@pytest.mark.parametrize(
    "who, status", [("curator", 200), ("superuser", 200), ("other_curator", 403), ("reviewer", 403)]
)
def test_dashboard(client, world, call, request, who, status):
    response = login(client, request.getfixturevalue(who)).get(f"/admin/forums/call/{call.pk}/dashboard/")
    assert response.status_code == status


@pytest.mark.parametrize(
    "who, status", [("curator", 200), ("superuser", 200), ("other_curator", 403), ("reviewer", 403)]
)
def test_programme(client, world, forum, request, who, status):
    response = login(client, request.getfixturevalue(who)).get(f"/admin/forums/session/programme/{forum.pk}/")
    assert response.status_code == status


def test_reviewer_sees_only_own_reviews_and_assignments(client, world, reviewer, reviewer2, criteria):
    from stories.models import Review

    Assignment.objects.create(story=world["mine"], reviewer=reviewer2)
    Review.objects.create(story=world["mine"], reviewer=reviewer2, comment="Secret opinion", scores={})
    body = login(client, reviewer).get("/admin/stories/review/").content.decode()
    assert "Secret opinion" not in body and "0 reviews" in body


def test_curator_cannot_see_other_forums_calls(client, world, curator, other_call):
    assert login(client, curator).get(f"/admin/forums/call/{other_call.pk}/change/")["Location"] == "/admin/"
