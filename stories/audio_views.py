"""Recordings served to the people allowed to hear them: the submitter's own files, and
every file of a story (the untouched original included) for curators."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404

from stories.models import Story
from stories.views import _own_story, serve_file


@login_required
def own_waveform(request, uuid):
    story = _own_story(request, uuid)
    if not story.waveform_image:
        raise Http404
    return serve_file(story.waveform_image, "image/png")


CURATOR_FILES = {
    "original": ("audio_original", "application/octet-stream"),
    "processed": ("audio", "audio/mp4"),
    "waveform": ("waveform_image", "image/png"),
}


@staff_member_required
def curator_audio(request, pk, kind):
    if kind not in CURATOR_FILES:
        raise Http404
    if not request.user.has_perm("stories.view_story"):
        raise PermissionDenied
    story = get_object_or_404(Story, pk=pk)
    field_name, content_type = CURATOR_FILES[kind]
    field = getattr(story, field_name)
    if not field:
        raise Http404
    if kind != "original":
        return serve_file(field, content_type)
    # The original as it was sent, as a download: its content type is not to be trusted.
    filename = f"{story.reference or story.uuid}-original{_extension(story.audio_original_name)}"
    if hasattr(field.storage, "bucket_name"):
        disposition = {"ResponseContentDisposition": f'attachment; filename="{filename}"'}
        return HttpResponseRedirect(field.storage.url(field.name, parameters=disposition))
    response = FileResponse(field.storage.open(field.name, "rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    return response


def _extension(name):
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return f".{suffix}" if suffix.isalnum() and len(suffix) <= 5 else ""
