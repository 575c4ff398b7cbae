"""Story lists and the programme as CSV, JSON and iCalendar, for curators.

Exports carry what a curator works with, never the submitter's private contact details.
"""

import csv
import io
import json
from datetime import UTC

from django.conf import settings
from django.utils import timezone

from forums.regions import region_label
from stories.curation import running_seconds

STORY_COLUMNS = [
    "reference",
    "title",
    "organisation",
    "country",
    "region",
    "size_class",
    "sector",
    "format",
    "language",
    "sub_themes",
    "status",
    "audio_state",
    "duration_seconds",
    "average_score",
    "reviews",
    "featured",
    "published_at",
]


def story_rows(stories):
    """One dict per story; ``stories`` carries the ``avg_score`` annotation
    and prefetched themes, as the admin list builds it."""
    for story in stories:
        yield {
            "reference": story.reference,
            "title": story.title,
            "organisation": story.org_name,
            "country": story.org_country,
            "region": str(region_label(story.org_country)),
            "size_class": story.org_size_class,
            "sector": story.org_sector,
            "format": story.format,
            "language": story.language,
            "sub_themes": [theme.title for theme in story.themes.all()],
            "status": story.status,
            "audio_state": story.audio_state,
            "duration_seconds": story.duration,
            "average_score": round(story.avg_score, 2) if story.avg_score is not None else None,
            "reviews": story.review_count,
            "featured": story.featured,
            "published_at": story.published_at.isoformat() if story.published_at else None,
        }


def to_csv(rows, columns):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else ("" if v is None else v) for k, v in row.items()})
    return out.getvalue()


def to_json(rows):
    return json.dumps(list(rows), ensure_ascii=False, indent=2)


PROGRAMME_COLUMNS = [
    "session",
    "sub_theme",
    "starts_at",
    "ends_at",
    "room",
    "stream_url",
    "position",
    "reference",
    "title",
    "organisation",
    "country",
    "language",
    "format",
    "running_seconds",
]


def _session_fields(session):
    return {
        "sub_theme": session.theme.title if session.theme else "",
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "room": session.room,
        "stream_url": session.stream_url,
    }


def _slot_fields(slot):
    story = slot.story
    return {
        "position": slot.position,
        "reference": story.reference,
        "title": story.title,
        "organisation": story.org_name,
        "country": story.org_country,
        "language": story.language,
        "running_seconds": running_seconds(story),
    }


def programme_rows(sessions):
    """One row per placed story, in session and position order (sessions carry prefetched
    ``slots`` with their stories)."""
    for session in sessions:
        fields = {"session": session.title, **_session_fields(session)}
        for slot in session.slots.all():
            yield {**fields, **_slot_fields(slot), "format": slot.story.format}


def programme_json(forum, sessions):
    return json.dumps(
        {
            "forum": forum.name,
            "sessions": [
                {
                    "title": session.title,
                    **_session_fields(session),
                    "stories": [_slot_fields(slot) for slot in session.slots.all()],
                }
                for session in sessions
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def _ics_text(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """RFC 5545: lines longer than 75 octets continue on the next line after a space,
    cut between characters, never inside a UTF-8 sequence."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _ics_time(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def programme_ics(forum, sessions, now=None):
    stamp = _ics_time(now or timezone.now())
    host = settings.SITE_URL.split("://")[-1].split("/")[0] or "localhost"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Stories of resilience//Programme//EN", "CALSCALE:GREGORIAN"]
    lines.append(f"X-WR-CALNAME:{_ics_text(forum.name)}")
    for session in sessions:
        stories = [f"{slot.position}. {slot.story.title} ({slot.story.reference})" for slot in session.slots.all()]
        description = "\n".join(filter(None, [session.description, *stories]))
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ics_time(session.starts_at)}",
            f"DTEND:{_ics_time(session.ends_at)}",
            f"SUMMARY:{_ics_text(session.title)}",
        ]
        if session.room:
            lines.append(f"LOCATION:{_ics_text(session.room)}")
        if session.stream_url:
            lines.append(f"URL:{session.stream_url}")
        if description:
            lines.append(f"DESCRIPTION:{_ics_text(description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
