"""Exports of the story list and of the programme, parsed back; programme order and timing."""

import csv
import io
import json
from datetime import timedelta

import pytest

from forums.regions import COUNTRY_SUBREGION, SUBREGIONS, countries_in, region_of
from stories import curation
from stories.models import STATUS_IN_REVIEW, STATUS_SELECTED, STATUS_SHORTLISTED, ProgrammeSlot, Session
from tests.curation.conftest import add_reviews, make_stories

LIST = "/admin/stories/story/"


def select(story, by):
    for status in (STATUS_IN_REVIEW, STATUS_SHORTLISTED, STATUS_SELECTED):
        story = curation.move(story, status, by)
    return story


@pytest.fixture
def programme(call, curator, session):
    stories = [select(s, curator) for s in make_stories(call, 3)]
    stories[0].title = "Café, ¡por fin!; a story\nwith a line break"
    stories[0].save()
    later = Session.objects.create(
        forum=call.forum,
        title="Second session",
        starts_at=session.starts_at + timedelta(days=1),
        ends_at=session.starts_at + timedelta(days=1, hours=1),
        stream_url="https://stream.example.org/2",
    )
    ProgrammeSlot.objects.create(session=session, story=stories[2], position=1)
    ProgrammeSlot.objects.create(session=session, story=stories[0], position=2)
    ProgrammeSlot.objects.create(session=later, story=stories[1], position=1)
    return session, later, stories


def session_form(session, slots):
    """What the admin's session form posts: the session as it is, and new slots of (story, position)."""
    data = {
        "forum": session.forum_id,
        "title": session.title,
        "starts_at_0": session.starts_at.strftime("%Y-%m-%d"),
        "starts_at_1": session.starts_at.strftime("%H:%M:%S"),
        "ends_at_0": session.ends_at.strftime("%Y-%m-%d"),
        "ends_at_1": session.ends_at.strftime("%H:%M:%S"),
        "slots-TOTAL_FORMS": str(len(slots)),
        "slots-INITIAL_FORMS": "0",
    }
    for index, (story, position) in enumerate(slots):
        data[f"slots-{index}-story"] = story.pk
        data[f"slots-{index}-position"] = str(position)
    return data


def test_story_list_csv_and_json_follow_the_filters(client, call, curator, reviewer, criteria):
    kenya = make_stories(call, 4, org_country="KE", language="en")
    make_stories(call, 3, org_country="FR", language="fr", seed=5)
    add_reviews(kenya[:1], [reviewer], criteria)
    client.force_login(curator)
    rows = list(csv.DictReader(io.StringIO(client.get(f"{LIST}export/csv/?region=002").content.decode())))
    assert sorted(r["reference"] for r in rows) == sorted(s.reference for s in kenya)
    assert {r["region"] for r in rows} == {"Africa"}
    reviewed = next(r for r in rows if r["reference"] == kenya[0].reference)
    assert reviewed["reviews"] == "1" and float(reviewed["average_score"]) > 0
    data = json.loads(client.get(f"{LIST}export/json/?language__exact=fr").content)
    assert len(data) == 3 and {d["country"] for d in data} == {"FR"}
    assert set(data[0]) >= {"reference", "title", "sub_themes", "status", "average_score"}
    assert "org_contact_email" not in data[0] and "contact" not in json.dumps(data)


def test_programme_csv_and_json_in_order(client, forum, curator, programme):
    session, later, stories = programme
    client.force_login(curator)
    base = f"/admin/forums/session/programme/{forum.pk}/export/"
    rows = list(csv.DictReader(io.StringIO(client.get(f"{base}csv/").content.decode())))
    assert [(r["session"], r["reference"]) for r in rows] == [
        (session.title, stories[2].reference),
        (session.title, stories[0].reference),
        (later.title, stories[1].reference),
    ]
    assert rows[1]["title"] == stories[0].title
    data = json.loads(client.get(f"{base}json/").content)
    assert [s["title"] for s in data["sessions"]] == [session.title, later.title]
    assert [s["reference"] for s in data["sessions"][0]["stories"]] == [stories[2].reference, stories[0].reference]


def unfold(ics):
    assert "\r\n" in ics
    return ics.replace("\r\n ", "").split("\r\n")


def test_programme_ics(client, forum, curator, programme):
    session, later, stories = programme
    client.force_login(curator)
    response = client.get(f"/admin/forums/session/programme/{forum.pk}/export/ics/")
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content.decode()
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    events = []
    for line in lines:
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and ":" in line and not line.startswith("END:"):
            key, value = line.split(":", 1)
            events[-1][key] = value
    assert [e["SUMMARY"] for e in events] == [session.title, later.title]
    assert events[0]["DTSTART"] == session.starts_at.strftime("%Y%m%dT%H%M%SZ")
    assert events[0]["LOCATION"] == "Room A"
    assert events[1]["URL"] == "https://stream.example.org/2"
    description = events[0]["DESCRIPTION"]
    assert description.index(stories[2].reference) < description.index(stories[0].reference)
    assert "Café\\, ¡por fin!\\; a story\\nwith a line break" in description


def test_printable_programme_lists_sessions_in_order(client, forum, curator, programme):
    session, later, stories = programme
    client.force_login(curator)
    body = client.get(f"/admin/forums/session/programme/{forum.pk}/").content.decode()
    assert "programme-print.css" in body
    assert body.index(stories[2].reference) < body.index(stories[0].reference) < body.index(stories[1].reference)


def test_session_admin_orders_slots_and_totals_running_time(client, forum, curator, programme):
    session, later, stories = programme
    client.force_login(curator)
    body = client.get(f"/admin/forums/session/{session.pk}/change/").content.decode()
    assert body.index(stories[2].title) < body.index("por fin")
    # Two text stories of 60 words each at 150 words a minute, against a 30-minute session.
    assert '<span class="">0:48 / 30:00</span>' in body


def test_session_inline_refuses_stories_not_selected(client, call, curator, session):
    waiting = make_stories(call, 1)[0]
    client.force_login(curator)
    response = client.post(f"/admin/forums/session/{session.pk}/change/", session_form(session, [(waiting, 1)]))
    assert response.status_code == 200
    assert "Only selected stories can be placed in a session." in response.content.decode()
    assert not ProgrammeSlot.objects.exists()


def test_every_iso_country_has_a_region():
    from django_countries.data import COUNTRIES

    assert set(COUNTRIES) == set(COUNTRY_SUBREGION)
    assert region_of("KE") == "002" and region_of("BR") == "019" and region_of("JO") == "142"
    assert "FR" in countries_in("150") and "FR" in countries_in("155") and "DE" not in countries_in("039")
    assert all(code in SUBREGIONS for code in COUNTRY_SUBREGION.values())


def test_story_autocomplete_offers_only_selected_stories_of_own_forums(client, call, curator, other_call, programme):
    _session, _later, stories = programme
    waiting = make_stories(call, 1, seed=7)[0]
    theirs = make_stories(other_call, 1)[0]
    client.force_login(curator)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "stories", "model_name": "programmeslot", "field_name": "story", "term": ""},
    )
    ids = {int(row["id"]) for row in json.loads(response.content)["results"]}
    assert ids == {s.pk for s in stories}
    assert waiting.pk not in ids and theirs.pk not in ids


def test_curator_places_and_orders_stories_in_a_session(client, call, curator, session):
    first, second = (select(s, curator) for s in make_stories(call, 2))
    client.force_login(curator)
    data = session_form(session, [(first, 2), (second, 1)])
    response = client.post(f"/admin/forums/session/{session.pk}/change/", data)
    assert response.status_code == 302
    assert list(session.slots.values_list("story_id", flat=True)) == [second.pk, first.pk]
