"""What phones and browsers send is accepted, through the form and through the import command."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from stories.models import Story
from tests.conftest import AUDIO_FILES
from tests.stories.helpers import audio_upload, story_data


@pytest.mark.parametrize("path", AUDIO_FILES, ids=lambda path: path.name)
def test_each_recording_is_accepted_by_the_form(client_in, call, submitter, path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_in.post(
            f"/calls/{call.slug}/submit/",
            story_data(call, format="audio", body="", audio_file=audio_upload(path.name), action="submit"),
        )
    assert response.status_code == 302, response.context["form"].errors
    story = Story.objects.get(submitter=submitter)
    assert story.status == "submitted"
    assert story.audio_original_name == path.name
    assert story.audio_original_size == path.stat().st_size
    assert story.audio_state == "ready", story.audio_error_detail
    assert 5 < story.duration < 20
    # The original is kept as sent, outside the public media.
    with story.audio_original.open("rb") as kept:
        assert kept.read() == path.read_bytes()
    assert "originals" in story.audio_original.path


def test_there_are_recordings_to_test_with():
    assert {path.suffix for path in AUDIO_FILES} >= {".ogg", ".mp3", ".webm", ".mp4", ".wav"}


def test_import_stories_sync_json_prints_one_line_per_file(call, tmp_path):
    text = tmp_path / "story_from_email.txt"
    text.write_text("Nous avons survécu en vendant en ligne.", encoding="utf-8")
    junk = tmp_path / "photo.mp3"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    out = StringIO()
    files = [str(path) for path in AUDIO_FILES] + [str(text), str(junk)]
    call_command("import_stories", "--call", call.slug, "--org", "Coop", "--sync", "--json", *files, stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row["file"] for row in rows] == [path.name for path in AUDIO_FILES] + ["story_from_email.txt", "photo.mp3"]
    references = [row["reference"] for row in rows]
    assert references == [f"WTO21-{number:04d}" for number in range(1, len(files) + 1)]
    for row in rows[: len(AUDIO_FILES)]:
        assert row["state"] == "ready"
        assert row["reason"] is None
        assert 5 < row["duration"] < 20
    assert rows[-1]["state"] == "failed"
    assert rows[-1]["reason"]
    stories = Story.objects.filter(call=call)
    assert stories.filter(status="submitted").count() == len(files)
    assert set(stories.values_list("org_name", flat=True)) == {"Coop"}
    assert stories.get(reference=rows[-2]["reference"]).body.startswith("Nous avons survécu")


def test_import_stories_plain_output(call):
    out = StringIO()
    call_command("import_stories", "--call", call.slug, "--sync", str(AUDIO_FILES[0]), stdout=out)
    file_name, reference, state, duration = out.getvalue().strip().split("\t")
    assert (file_name, reference, state) == (AUDIO_FILES[0].name, "WTO21-0001", "ready")
    assert duration.endswith(" s")
