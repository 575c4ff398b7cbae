"""Sending published media: byte ranges for audio (so players can seek), photo renditions.

Nothing under MEDIA_ROOT has a URL of its own; these helpers are called by views that
have already checked who may see the file (the public, or the owner and curators, who get
it uncached through ``stories.views.serve_file``). On S3 they redirect to a short-lived
signed URL instead (S3 answers range requests itself).
"""

import os
import re
from io import BytesIO

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from PIL import Image, ImageOps

AUDIO_TYPES = {
    ".m4a": "audio/mp4",
    ".mp4": "audio/mp4",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".webm": "audio/webm",
    ".wav": "audio/wav",
    ".aac": "audio/aac",
    ".flac": "audio/flac",
}
PHOTO_WIDTHS = (480, 960, 1440)
OG_WIDTH = 960
CHUNK = 64 * 1024
# Public media may be cached briefly: a story that is unpublished disappears within minutes.
PUBLIC_CACHE_CONTROL = "public, max-age=300"
# Owners' and curators' files: never kept by a shared cache.
PRIVATE_CACHE_CONTROL = "private, max-age=0"

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def audio_type(name):
    return AUDIO_TYPES.get(os.path.splitext(name)[1].lower(), "application/octet-stream")


def is_remote(storage):
    return hasattr(storage, "bucket_name")


def _stream(handle, start, length):
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def _parse_range(header, size):
    """(start, end) inclusive for a single-range request, None for the whole file, or False if unsatisfiable."""
    match = _RANGE.match(header.strip()) if header else None
    if not match or size == 0:
        return None if not header or not match else False
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        length = int(last)
        if length == 0:
            return False
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return False
    return start, end


def send_file(request, field, content_type, cache_control=PUBLIC_CACHE_CONTROL):
    """Send a stored file, honouring a single byte range (HTTP 206) so that players can seek."""
    return _send(request, field.storage, field.name, content_type, cache_control)


def _send(request, storage, name, content_type, cache_control=PUBLIC_CACHE_CONTROL):
    if is_remote(storage):
        return HttpResponseRedirect(storage.url(name))
    size = storage.size(name)
    wanted = _parse_range(request.headers.get("Range", ""), size)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return file_headers(response, cache_control)
    start, end = wanted or (0, size - 1)
    length = max(0, end - start + 1)
    status = 206 if wanted else 200
    if request.method == "HEAD":
        response = HttpResponse(status=status, content_type=content_type)
    else:
        response = StreamingHttpResponse(
            _stream(storage.open(name, "rb"), start, length), status=status, content_type=content_type
        )
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if wanted:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return file_headers(response, cache_control)


def file_headers(response, cache_control):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    return response


def rendition_name(story, width):
    # Named after the photo's own stored name: a new photo gets new renditions.
    stem = os.path.basename(story.photo.name)
    return f"renditions/{story.uuid}/{stem}-{width}.jpg"


def photo_rendition(story, width):
    """The stored JPEG of the story's photo at most ``width`` pixels wide, made on first use."""
    storage = story.photo.storage
    name = rendition_name(story, width)
    if not storage.exists(name):
        with storage.open(story.photo.name, "rb") as source:
            image = ImageOps.exif_transpose(Image.open(source))
            image = image.convert("RGB")
            if image.width > width:
                image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
            out = BytesIO()
            image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
        name = storage.save(name, ContentFile(out.getvalue()))
    return name


def photo_size(story):
    """(width, height) of the photo as shown (EXIF rotation applied), or None if unreadable.

    Kept in the cache under the photo's stored name, which a new photo changes: the file
    (on S3, a network read) is opened once, not on every render of the story's page.
    """
    return cache.get_or_set(f"photo-size:{story.photo.name}", lambda: _read_photo_size(story), timeout=None)


def _read_photo_size(story):
    try:
        with story.photo.storage.open(story.photo.name, "rb") as source:
            image = Image.open(source)
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    except (OSError, ValueError):
        return None
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def send_rendition(request, story, width):
    return _send(request, story.photo.storage, photo_rendition(story, width), "image/jpeg")
