from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models import FORMATS, LICENCES
from stories import audio_reasons as reasons
from stories import services
from stories.audio import AudioRejected, Limits, probe
from stories.models import Story


def _mb(size):
    return f"{size / 1024 / 1024:.1f}"


class StoryForm(forms.ModelForm):
    """The submitter's story form. Every field is optional so that a draft can always be
    saved; what a submission needs is checked by ``Story.submission_errors``."""

    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    audio_file = forms.FileField(
        label=_("Audio file"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": "audio/*,video/mp4,video/webm,.m4a,.mp3,.ogg,.opus,.wav,.webm"}
        ),
    )
    consent_publication = forms.BooleanField(
        label=_("I agree that the forum may publish my story, with my organisation's name, under the licence below."),
        required=False,
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=[("", "—"), *LICENCES], required=False)

    class Meta:
        model = Story
        fields = [
            "title",
            "summary",
            "language",
            "themes",
            "format",
            "body",
            "transcript",
            "photo",
            "photo_alt",
            "consent_publication",
            "licence",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
            "themes": forms.CheckboxSelectMultiple,
            "format": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 14}),
            "transcript": forms.Textarea(attrs={"rows": 6}),
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        help_texts = {
            "summary": _("One or two sentences that make people want to read or listen."),
            "transcript": _("Optional: the words of your recording, for people who cannot listen."),
            "photo_alt": _("Describe the photo for people who cannot see it."),
        }

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.audio_probe = None
        for field in self.fields.values():
            field.required = False
        self.fields["themes"].queryset = call.forum.themes.all()
        self.fields["format"].choices = [(code, label) for code, label in FORMATS if code in call.formats]
        if not self.instance.pk and len(call.formats) == 1:
            self.initial.setdefault("format", call.formats[0])
        self.fields["body"].widget.attrs.update({"data-word-limit": call.max_words})
        self.fields["audio_file"].widget.attrs.update(
            {
                "data-max-bytes": call.max_upload_bytes,
                "data-max-seconds": call.max_audio_seconds + Limits.grace_seconds,
                "data-min-seconds": call.min_audio_seconds,
            }
        )
        self.fields["photo"].widget.attrs.update({"data-max-bytes": call.max_photo_bytes})
        if self.instance.licence:
            self.initial["licence"] = self.instance.licence

    def clean_audio_file(self):
        upload = self.cleaned_data.get("audio_file")
        if not upload:
            return None
        if getattr(upload, "too_big", False) or upload.size > self.call.max_upload_bytes:
            raise ValidationError(
                _("This file is %(size)s MB; the limit is %(limit)s MB. Please upload a shorter recording.")
                % {"size": _mb(upload.size), "limit": self.call.max_upload_mb}
            )
        if upload.size == 0:
            raise ValidationError(reasons.MESSAGES[reasons.EMPTY])
        try:
            info = probe(upload.temporary_file_path())
            if info.duration:
                Limits.for_call(self.call).check_length(info.duration)
        except AudioRejected as rejected:
            raise ValidationError(reasons.submitter_message(rejected.code, self.call)) from rejected
        self.audio_probe = info
        return upload

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and getattr(photo, "too_big", False):
            raise ValidationError(
                _("This photo is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": _mb(photo.size), "limit": self.call.max_photo_mb}
            )
        return photo

    def save_audio_only(self):
        """Keep a valid new recording even when the rest of the form cannot be saved."""
        if self.cleaned_data.get("audio_file"):
            # attach_audio saves the recording's fields only, not the form's other edits.
            services.attach_audio(self.instance, self.cleaned_data["audio_file"], self.audio_probe.duration)

    def save_draft(self):
        """Save whatever is valid in the form onto the story; call after ``is_valid()``.

        Fields with errors keep their previous value on the story (the page shows what was
        typed); a valid new audio file is stored at once so it is never uploaded twice.
        """
        story = self.instance
        data = self.cleaned_data
        if "consent_publication" in data:
            if data["consent_publication"] and not story.consented_at:
                story.consented_at = timezone.now()
                story.terms_version = self.call.terms_version
            elif not data["consent_publication"]:
                story.consented_at = None
                story.terms_version = ""
        story.call = self.call
        if story.pk:
            # Only what the form edits: a worker may be writing the recording's fields meanwhile.
            edited = [name for name in self._meta.fields if name != "themes"]
            story.save(update_fields=[*edited, "consented_at", "terms_version", "updated_at"])
        else:
            story.save()
        if "themes" in data:
            story.themes.set(data["themes"])
        if data.get("audio_file"):
            services.attach_audio(story, data["audio_file"], self.audio_probe.duration)
        return story
