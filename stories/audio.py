"""Every ffmpeg command line is built and run here, with the safety options in one place."""

import re
import shutil
import subprocess
from dataclasses import dataclass

from django.conf import settings

from stories import audio_reasons as reasons


class AudioRejected(Exception):
    """The file cannot be used; ``code`` is one of ``audio_reasons``."""

    def __init__(self, code, detail=""):
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


def ffmpeg_binary():
    """The system's ffmpeg if present, else the one shipped by the imageio-ffmpeg wheel."""
    if settings.FFMPEG_BINARY:
        return settings.FFMPEG_BINARY
    found = shutil.which("ffmpeg")
    if found:
        return found
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


@dataclass
class Probe:
    container: str
    duration: float | None
    codec: str | None
    channels: int | None
    sample_rate: int | None
    has_video: bool


_INPUT = re.compile(r"^Input #0, ([^ ]+), from", re.M)
_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_AUDIO = re.compile(r"Stream #0:\d+.*?: Audio: (\w+)[^,]*, (\d+) Hz, ([^,]+)")
_VIDEO = re.compile(r"Stream #0:\d+.*?: Video: ")


def probe(path, timeout=30):
    """Read the container and audio stream of a file by its content."""
    result = subprocess.run(
        [ffmpeg_binary(), "-hide_banner", "-nostdin", "-protocol_whitelist", "file,pipe", "-i", str(path)],
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    output = result.stderr.decode("utf-8", "replace")
    container = _INPUT.search(output)
    if not container:
        raise AudioRejected(reasons.NOT_AUDIO, output[-500:])
    audio = _AUDIO.search(output)
    if not audio:
        raise AudioRejected(reasons.NO_AUDIO_STREAM, output[-500:])
    duration = _DURATION.search(output)
    seconds = None
    if duration:
        hours, minutes, secs = duration.groups()
        seconds = int(hours) * 3600 + int(minutes) * 60 + float(secs)
    layout = audio.group(3).strip()
    channels = {"mono": 1, "stereo": 2}.get(layout)
    return Probe(
        container=container.group(1),
        duration=seconds,
        codec=audio.group(1),
        channels=channels,
        sample_rate=int(audio.group(2)),
        has_video=bool(_VIDEO.search(output)),
    )
