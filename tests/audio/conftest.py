"""Helpers for the audio tests: files made with the real ffmpeg, stories holding them,
and independent measurements of what the pipeline delivered."""

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest
from django.core.files import File
from django.core.files.storage import default_storage

from stories import services
from stories.models import Story

# The tests make and measure files with ffmpeg directly, never through a wrapper a test
# may install in FFMPEG_BINARY to watch the pipeline.
FFMPEG = os.environ.get("FFMPEG_BINARY") or shutil.which("ffmpeg") or imageio_ffmpeg.get_ffmpeg_exe()

# The pipeline must work with the distribution's ffmpeg (dynamically linked, older) as well
# as with the static one the imageio-ffmpeg wheel brings when there is none.
FFMPEG_BUILDS = ("system", "bundled")


def ffmpeg_of(build):
    if build == "bundled":
        return imageio_ffmpeg.get_ffmpeg_exe()
    found = shutil.which("ffmpeg")
    if found is None:
        # Failing, not skipping: a skip would let CI pass without ever trying this build.
        pytest.fail("The system ffmpeg is missing: run `make test-tools` (it installs Debian's ffmpeg).", pytrace=False)
    return found


@pytest.fixture(params=FFMPEG_BUILDS)
def ffmpeg_build(request, settings):
    """Runs the test once with each ffmpeg build; returns the binary the pipeline uses."""
    binary = ffmpeg_of(request.param)
    settings.FFMPEG_BINARY = binary
    return binary


def ffmpeg(*args):
    command = [FFMPEG, "-hide_banner", "-nostdin", "-y", *args]
    result = subprocess.run(command, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()[-2000:]


def ffmpeg_info(path):
    """What ``ffmpeg -i`` says about a file (it exits 1: no output given)."""
    result = subprocess.run([FFMPEG, "-hide_banner", "-nostdin", "-i", str(path)], capture_output=True)
    return result.stderr.decode("utf-8", "replace")


def duration_of(path):
    hours, minutes, seconds = re.search(r"Duration: (\d+):(\d+):([\d.]+)", ffmpeg_info(path)).groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def loudness_of(path):
    """Integrated loudness (LUFS) and true peak (dBTP) of a file, by ffmpeg's ebur128."""
    result = subprocess.run(
        [FFMPEG, "-hide_banner", "-nostdin", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True,
    )
    output = result.stderr.decode()
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", output.split("Summary:")[-1]).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", output.split("True peak:")[-1]).group(1))
    return integrated, peak


def tone(path, seconds, codec_args=("-c:a", "libopus", "-b:a", "32k", "-f", "ogg"), extra=()):
    """A speech-like test signal: a gliding tone with syllable-like bursts."""
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        f"aevalsrc='0.4*sin(2*PI*(160+40*sin(2*PI*0.5*t))*t)*(0.2+pow(abs(sin(2*PI*2*t)),2))':s=48000:d={seconds}",
        *extra,
        *codec_args,
        str(path),
    )
    return Path(path)


def make_audio_story(call, submitter, path, name="recording.mp3", **fields):
    story = Story.objects.create(call=call, submitter=submitter, format="audio", title="A story", **fields)
    with open(path, "rb") as source:
        services.attach_audio(story, File(source, name=name))
    return story


def processed_files(story):
    """Every processed file stored for a story (the delivered audio and waveform images)."""
    names = []
    for folder in (f"audio/{story.uuid}", f"waveforms/{story.uuid}"):
        with contextlib.suppress(FileNotFoundError):
            names += [f"{folder}/{name}" for name in default_storage.listdir(folder)[1]]
    return sorted(names)
