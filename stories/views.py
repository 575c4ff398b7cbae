"""The submitter's pages: write, save, submit, follow and withdraw stories."""

import uuid as uuidlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from forums.models import Call
from stories import media, services
from stories.forms import StoryForm
from stories.models import STATUS_DRAFT, Story


def upload_limits(limits_for):
    """Declare the upload limits of a view; the upload handler reads them before parsing.

    The limits must be known before the request body is read, which the CSRF middleware
    does before the view runs.
    """

    def decorate(view):
        view.upload_limits = limits_for
        return view

    return decorate


def _call_limits(call):
    return {"audio_file": call.max_upload_bytes, "photo": call.max_photo_bytes}


def _limits_for_new(request, slug):
    call = Call.objects.filter(slug=slug).first()
    return _call_limits(call) if call else {}


def _limits_for_edit(request, uuid):
    call = Call.objects.filter(stories__uuid=uuid).first()
    return _call_limits(call) if call else {}


def _own_story(request, uuid):
    # Another person's story is a 404, not a 403: whether it exists is not theirs to know.
    return get_object_or_404(Story.objects.select_related("call__forum"), uuid=uuid, submitter=request.user)


@upload_limits(_limits_for_new)
@login_required
def new_story(request, slug):
    call = get_object_or_404(Call.objects.select_related("forum"), slug=slug)
    if not hasattr(request.user, "organisation"):
        messages.info(request, _("First, tell us about your organisation. You fill this in only once."))
        return redirect(f"{reverse('accounts:organisation')}?{urlencode({'next': request.get_full_path()})}")
    token = _parse_uuid(request.POST.get("form_token")) if request.method == "POST" else None
    story = None
    if token:
        story = Story.objects.filter(submitter=request.user, form_token=token).select_related("call").first()
    if story is None:
        story = Story(call=call, submitter=request.user, form_token=token)
    return _story_form(request, call, story)


@upload_limits(_limits_for_edit)
@login_required
def edit_story(request, uuid):
    story = _own_story(request, uuid)
    try:
        services.ensure_editable(story)
    except services.StoryError as refused:
        messages.error(request, str(refused))
        return redirect("stories:detail", story.uuid)
    return _story_form(request, story.call, story)


def _parse_uuid(value):
    try:
        return uuidlib.UUID(str(value))
    except ValueError:
        return None


def _story_form(request, call, story):
    now = timezone.now()
    if request.method != "POST":
        form = StoryForm(instance=story, call=call, initial={"form_token": story.form_token or uuidlib.uuid4()})
        return _render_form(request, call, story, form)

    try:
        if story.pk:
            services.ensure_editable(story, now)
        elif not call.is_open(now):
            raise services.CallClosed(_("This call is closed; it no longer accepts stories."))
    except services.StoryError as refused:
        messages.error(request, str(refused))
        return redirect("stories:mine")

    form = StoryForm(request.POST, request.FILES, instance=story, call=call)
    if getattr(request, "upload_cut", False):
        form.add_error(None, _("What you sent is larger than this call allows. Please upload a smaller file."))
    form.is_valid()
    submitting = request.POST.get("action") == "submit"
    try:
        with transaction.atomic():
            if story.status == STATUS_DRAFT:
                # A draft keeps whatever is valid, the new file included, before the
                # checks: nothing typed or uploaded is lost to an error elsewhere.
                story = form.save_draft()
                problems = story.submission_errors() if submitting else {}
            else:
                # A submitted story changes only as a whole, and stays complete.
                problems = story.submission_errors(themes=form.cleaned_data.get("themes"))
                if form.cleaned_data.get("audio_file"):
                    problems.pop("audio_file", None)
                if form.errors or problems:
                    form.save_audio_only()
                else:
                    story = form.save_draft()
    except IntegrityError:
        # The same form posted twice at once: the other request made the story.
        existing = get_object_or_404(Story, submitter=request.user, form_token=story.form_token)
        return redirect("stories:edit", existing.uuid)

    if form.errors or problems:
        for field, field_messages in problems.items():
            if field in form.errors:
                continue  # the form already says what is wrong with it (e.g. a refused file)
            for message in field_messages:
                form.add_error(field if field in form.fields else None, message)
        story.refresh_from_db()
        if story.status == STATUS_DRAFT:
            messages.warning(request, _("Your draft is saved. Please correct the points marked below."))
        else:
            messages.error(request, _("Your changes are not saved yet. Please correct the points marked below."))
        return _render_form(request, call, story, form)

    if submitting and story.status == STATUS_DRAFT:
        try:
            story = services.submit_story(story, request.user)
        except services.StoryError as refused:
            messages.error(request, str(refused))
            return redirect("stories:edit", story.uuid)
        return redirect("stories:submitted", story.uuid)
    messages.success(
        request, _("Your draft is saved.") if story.status == STATUS_DRAFT else _("Your changes are saved.")
    )
    return redirect("stories:edit", story.uuid)


def _render_form(request, call, story, form):
    return render(request, "stories/form.html", {"call": call, "story": story, "form": form})


@login_required
def submitted(request, uuid):
    story = _own_story(request, uuid)
    if story.status == STATUS_DRAFT:
        return redirect("stories:edit", story.uuid)
    return render(request, "stories/submitted.html", {"story": story})


@login_required
def my_stories(request):
    stories = Story.objects.filter(submitter=request.user).select_related("call__forum").order_by("-created_at")
    return render(request, "stories/mine.html", {"stories": stories})


@login_required
def my_stories_status(request):
    """The audio state of each of the person's stories, polled by "My stories"."""
    # Polled every few seconds while something is pending: only the columns the answer uses.
    rows = (
        Story.objects.filter(submitter=request.user)
        .exclude(audio_state="")
        .select_related("call")
        .only(
            "uuid",
            "audio_state",
            "audio_error_code",
            "duration",
            "audio",
            "waveform_image",
            "call__min_audio_seconds",
            "call__max_audio_seconds",
            "call__max_upload_mb",
        )
    )
    return JsonResponse(
        {
            "stories": [
                {
                    "id": str(story.uuid),
                    "state": story.audio_state,
                    "label": str(story.get_audio_state_display()),
                    "message": story.audio_failure_message() if story.audio_state == "failed" else "",
                    "duration": story.duration,
                    "audio_url": reverse("stories:own_audio", args=[story.uuid]) if story.audio else "",
                    "waveform_url": reverse("stories:own_waveform", args=[story.uuid]) if story.waveform_image else "",
                }
                for story in rows
            ]
        }
    )


@login_required
def story_detail(request, uuid):
    story = _own_story(request, uuid)
    return render(request, "stories/detail.html", {"story": story, "themes": story.themes.all()})


@login_required
def withdraw(request, uuid):
    story = _own_story(request, uuid)
    if request.method == "POST":
        try:
            services.withdraw_story(story, request.user, note=request.POST.get("reason", "")[:1000])
        except services.StoryError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Your story is withdrawn. We keep it for our records only."))
        return redirect("stories:mine")
    if not story.can_withdraw():
        messages.error(request, _("This story can no longer be withdrawn."))
        return redirect("stories:mine")
    return render(request, "stories/withdraw.html", {"story": story})


@login_required
def own_audio(request, uuid):
    """The person's own recording: the processed file when ready, else the original."""
    story = _own_story(request, uuid)
    field = story.audio if story.audio else story.audio_original
    if not field:
        raise Http404
    return serve_file(request, field, media.audio_type(field.name))


@login_required
def own_waveform(request, uuid):
    story = _own_story(request, uuid)
    if not story.waveform_image:
        raise Http404
    return serve_file(request, story.waveform_image, "image/png")


def serve_original(story):
    """The original as it was sent, as a download: its content type is not to be trusted."""
    field = story.audio_original
    filename = f"{story.reference or story.uuid}-original{_extension(story.audio_original_name)}"
    if media.is_remote(field.storage):
        disposition = {"ResponseContentDisposition": f'attachment; filename="{filename}"'}
        return HttpResponseRedirect(field.storage.url(field.name, parameters=disposition))
    response = FileResponse(field.storage.open(field.name, "rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = "application/octet-stream"
    return media.file_headers(response, media.PRIVATE_CACHE_CONTROL)


def _extension(name):
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return f".{suffix}" if suffix.isalnum() and len(suffix) <= 5 else ""


def serve_file(request, field, content_type):
    """Send a stored file to its owner or a curator; never kept by a shared cache."""
    return media.send_file(request, field, content_type, cache_control=media.PRIVATE_CACHE_CONTROL)


def csrf_failure_view(request, reason=""):
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match else ""
    if request.method == "POST" and request.user.is_authenticated and name in ("stories:new", "stories:edit"):
        if name == "stories:new":
            call = get_object_or_404(Call.objects.select_related("forum"), slug=match.kwargs["slug"])
            story = Story(call=call, submitter=request.user)
        else:
            story = _own_story(request, match.kwargs["uuid"])
            call = story.call
        form = StoryForm(request.POST, instance=story, call=call)
        form.is_valid()
        messages.warning(
            request,
            _(
                "For your security, your page had expired and nothing was saved. Your text is below: "
                "please press “Save draft” again (and choose your files again, if you had chosen any)."
            ),
        )
        return _render_form(request, call, story, form)
    return render(request, "403_csrf.html", status=403)
