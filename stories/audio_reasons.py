"""Why an audio file was refused: a stable code per reason, and what the submitter can do.

Codes are stored on the story and shown to curators; the messages are shown to the
submitter in their language.
"""

from django.utils.translation import gettext_lazy as _

from stories.templatetags.showcase import clock

EMPTY = "empty"
NOT_AUDIO = "not_audio"
PLAYLIST = "playlist"
UNSUPPORTED_CONTAINER = "unsupported_container"
NO_AUDIO_STREAM = "no_audio_stream"
DAMAGED = "damaged"
TOO_SHORT = "too_short"
TOO_LONG = "too_long"
SILENT = "silent"
TOO_BIG = "too_big"
TIMEOUT = "timeout"
CRASHED = "crashed"
TOO_MANY_ATTEMPTS = "too_many_attempts"
INTERNAL = "internal_error"

MESSAGES = {
    EMPTY: _("The file you sent is empty. Please upload your recording again."),
    NOT_AUDIO: _("This file is not a sound recording. Please upload an audio file (for example MP3, M4A, OGG or WAV)."),
    PLAYLIST: _("This file is a playlist, not a recording. Please upload the audio file itself."),
    UNSUPPORTED_CONTAINER: _(
        "We cannot read this kind of file. Please save your recording as MP3, M4A, OGG or WAV and upload it again."
    ),
    NO_AUDIO_STREAM: _("We found no sound in this file. Please upload a file that contains your recording."),
    DAMAGED: _("This file seems damaged or incomplete. Please upload the recording again, or record it again."),
    TOO_SHORT: _("Your recording is too short. Please record a story of at least %(min)s seconds."),
    TOO_LONG: _("Your recording is too long. Please keep it under %(max)s and upload it again."),
    SILENT: _("We could not hear any sound in your file. Please record again and upload it."),
    TOO_BIG: _("This file is too large. Please upload a file under %(max_mb)s MB, for example a shorter recording."),
    TIMEOUT: _("Your file took too long to check. Please upload it again; if this happens again, contact us."),
    CRASHED: _("We could not process your file. Please upload it again, or save it in another format."),
    TOO_MANY_ATTEMPTS: _(
        "We tried several times but could not process your file. Please save it in another format "
        "(for example MP3 or M4A) and upload it again."
    ),
    INTERNAL: _("Something went wrong on our side while checking your file. We will try again shortly."),
}


# What each code means, for curators (the technical detail says more).
LABELS = {
    EMPTY: _("empty file"),
    NOT_AUDIO: _("not audio (text, web page, image or document)"),
    PLAYLIST: _("playlist or list of files (HLS, ffconcat, M3U)"),
    UNSUPPORTED_CONTAINER: _("unsupported file type or codec"),
    NO_AUDIO_STREAM: _("no audio stream"),
    DAMAGED: _("damaged or cut file (decode errors)"),
    TOO_SHORT: _("shorter than the call's minimum"),
    TOO_LONG: _("longer than the call's limit"),
    SILENT: _("silent (integrated loudness under -60 LUFS)"),
    TOO_BIG: _("larger than the call's upload limit"),
    TIMEOUT: _("processing took too long"),
    CRASHED: _("ffmpeg crashed"),
    TOO_MANY_ATTEMPTS: _("processing started too many times without finishing"),
    INTERNAL: _("internal error"),
}


def submitter_message(code, call):
    """What the submitter reads for ``code``, with the call's own limits."""
    message = MESSAGES.get(code)
    if message is None:
        return ""
    return str(message) % {
        "min": call.min_audio_seconds,
        "max": clock(call.max_audio_seconds),
        "max_mb": call.max_upload_mb,
    }
