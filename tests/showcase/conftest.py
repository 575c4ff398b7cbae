"""Published (and unpublished) stories with real media: audio made by ffmpeg, images by Pillow."""

from io import BytesIO
from itertools import count

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from benchmarks.public_pages import tone_m4a
from stories import public_cache
from stories.models import AUDIO_READY, STATUS_SELECTED, Story

CONTACT = {
    "org_contact_name": "Secret Contact Person",
    "org_contact_role": "Hidden Role",
    "org_contact_email": "private-contact@example.org",
    "org_contact_phone": "+41 22 555 0199",
}
_numbers = count(1)


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    # The Redis cache outlives a test's database: start every test from an empty one, and
    # read the cache version on every request unless a test says otherwise.
    settings.SHOWCASE_STAMP_SECONDS = 0
    cache.clear()
    public_cache.forget()
    yield
    cache.clear()
    public_cache.forget()


@pytest.fixture(scope="session")
def m4a_bytes():
    return tone_m4a(seconds=3, frequency=440, bitrate="32k")


def png_bytes(size=(800, 120)):
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], 8):
        height = 10 + (x * 7) % (size[1] - 20)
        draw.rectangle([x, (size[1] - height) // 2, x + 5, (size[1] + height) // 2], fill="#0b5cad")
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(size=(2000, 1200)):
    image = Image.new("RGB", size, "#c97b2a")
    ImageDraw.Draw(image).ellipse([200, 200, 1000, 1000], fill="#2a6bc9")
    out = BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


@pytest.fixture
def make_story(call, submitter, m4a_bytes):
    def make(
        title="Keeping the looms running",
        *,
        published=True,
        status=STATUS_SELECTED,
        audio=False,
        photo=False,
        language="en",
        themes=(),
        **fields,
    ):
        number = next(_numbers)
        values = {
            "call": call,
            "submitter": submitter,
            "number": number,
            "reference": f"WTO21-{number:04d}",
            "title": title,
            "summary": fields.pop("summary", f"Summary of {title}"),
            "language": language,
            "format": "audio" if audio else "text",
            "body": fields.pop("body", "" if audio else "First paragraph.\n\nSecond paragraph with <b>markup</b>."),
            "consent_publication": True,
            "licence": "cc-by-4.0",
            "org_name": "Jasmine Textiles",
            "org_country": "JO",
            "org_city": "Amman",
            "org_size_class": "micro",
            "org_sector": "textiles",
            "status": status,
            "submitted_at": timezone.now(),
            "published_at": timezone.now() if published else None,
            **CONTACT,
            **fields,
        }
        story = Story(**values)
        if audio:
            story.audio_state = AUDIO_READY
            story.duration = 3.0
            story.waveform_peaks = [((index * 37) % 100) / 100 for index in range(400)]
            story.transcript = fields.get("transcript") or "We kept working.\n\nTrade helped us."
        story.save()
        if audio:
            story.audio.save("audio.m4a", ContentFile(m4a_bytes), save=False)
            story.audio_size = story.audio.size
            story.waveform_image.save("waveform.png", ContentFile(png_bytes()), save=False)
        if photo:
            story.photo.save("photo", ContentFile(jpeg_bytes()), save=False)
            story.photo_alt = "Weavers at work in the workshop"
        story.save()
        story.themes.set(themes or [call.forum.themes.first()])
        return story

    return make
