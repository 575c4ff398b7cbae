"""Form data and files for the submission tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import AUDIO_FILES


def story_data(call, **overrides):
    data = {
        "title": "How our looms kept running",
        "summary": "A weaving shop in Amman found buyers online.",
        "language": "en",
        "themes": [call.forum.themes.first().pk],
        "format": "text",
        "body": "When the borders closed we sold to neighbours first, then online.",
        "consent_publication": "on",
        "licence": "cc-by-4.0",
        "action": "save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def audio_upload(name="whatsapp_voice_note_en.ogg", upload_name=None):
    path = next(path for path in AUDIO_FILES if path.name == name)
    return SimpleUploadedFile(upload_name or path.name, path.read_bytes(), content_type="application/octet-stream")
