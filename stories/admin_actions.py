"""Curators' audio tools in the story admin: the processing state with its reason and
technical detail, the original to download, and a "reprocess" action.

Kept apart from ``admin.py``; ``install(StoryAdmin)`` adds them to the story admin.
"""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from stories import audio_reasons


@admin.action(description=_("Process the recordings again"), permissions=["change"])
def reprocess_audio(modeladmin, request, queryset):
    from stories.tasks import process_audio

    ids = list(queryset.exclude(audio_original="").values_list("pk", flat=True))
    for story_id in ids:
        transaction.on_commit(lambda story_id=story_id: process_audio.delay(story_id, force=True))
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d recording will be processed again.", "%(count)d recordings will be processed again.", len(ids)
        )
        % {"count": len(ids)},
        messages.SUCCESS,
    )


@admin.display(description=_("processing"))
def audio_facts(model_admin, story):
    """The state of the recording, with what curators need when it failed."""
    if not story.audio_original:
        return "—"
    facts = [
        (_("state"), story.get_audio_state_display()),
        (_("reason"), f"{story.audio_error_code} — {audio_reasons.LABELS.get(story.audio_error_code, '')}")
        if story.audio_error_code
        else None,
        (_("attempts"), story.audio_attempts),
        (_("duration"), f"{story.duration:.1f} s" if story.duration else "—"),
        (_("loudness"), f"{story.loudness:.1f} LUFS" if story.loudness is not None else "—"),
        (_("original file"), f"{story.audio_original_name} ({story.audio_original_size or 0:,} bytes)"),
    ]
    rows = format_html_join("", "<div><dt>{}</dt><dd>{}</dd></div>", (fact for fact in facts if fact))
    return format_html(
        '<dl class="audio-facts">{}</dl><pre style="white-space: pre-wrap">{}</pre>', rows, story.audio_error_detail
    )


def install(admin_class):
    admin_class.actions = [*(admin_class.actions or []), reprocess_audio]
    admin_class.audio_facts = audio_facts
