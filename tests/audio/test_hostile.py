"""Hostile and broken files, made in the tests: each is refused with its own reason, and
ffmpeg never opens anything outside its private folder nor connects anywhere."""

import functools
import http.server
import os
import random
import re
import shutil
import stat
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
from PIL import Image

from stories import audio
from stories import audio_reasons as reasons
from stories.models import AUDIO_FAILED, AUDIO_READY
from stories.pipeline import process_story_audio
from tests.audio.conftest import duration_of, ffmpeg, make_audio_story, tone

pytestmark = pytest.mark.django_db
STRACE = shutil.which("strace")


@pytest.fixture
def http_server():
    """A server on 127.0.0.1 that records every request it gets."""
    requests = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.requests = requests
    yield server
    server.shutdown()
    server.server_close()


TRACE = ("-f", "-qq", "-e", "trace=open,openat,openat2,connect,socket")
OPENED = re.compile(r'open(?:at2?)?\((?:AT_FDCWD, )?"([^"]+)"')
# What the hostile files try to reach, and what a name lookup would read: a build whose
# start-up opened any of these could hide the very reads the tests look for.
NEVER_AT_START_UP = ("/etc/passwd", "/etc/shadow", "/etc/group", "/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf")


def is_socket(line):
    return " socket(" in line or " connect(" in line


@functools.cache
def start_up_reads(binary):
    """The absolute paths one ffmpeg build opens whatever its input, traced once per session.

    A dynamically linked build (Debian's) loads libraries that read fixed system files as
    they load (libselinux /proc/filesystems, libgcrypt /etc/gcrypt/hwf.deny, libnuma
    /sys/devices/system/node/...); those reads say nothing about the file being processed.
    """
    with tempfile.TemporaryDirectory(prefix="baseline-") as work:
        log = Path(work) / "trace"
        command = ["-hide_banner", "-nostdin", "-y", "-threads", "1", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono"]
        result = subprocess.run(
            [STRACE, *TRACE, "-o", str(log), binary, *command, "-t", "0.1", "-f", "null", "-"],
            cwd=work,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"},  # as the pipeline runs it
            capture_output=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode()[-2000:]
        lines = log.read_text().splitlines()
    assert not [line for line in lines if is_socket(line)], f"{binary} opens a socket at start-up"
    paths = frozenset(m.group(1) for line in lines if (m := OPENED.search(line)) and m.group(1).startswith("/"))
    assert not paths & set(NEVER_AT_START_UP), f"{binary} reads {sorted(paths & set(NEVER_AT_START_UP))} at start-up"
    assert all(path.startswith(("/etc/", "/lib", "/usr/lib", "/proc/", "/sys/")) for path in paths), sorted(paths)
    return paths


@pytest.fixture
def traced(settings, tmp_path, ffmpeg_build):
    """Run every ffmpeg under strace; returns a function listing what ffmpeg opened outside
    its folder (or connected to), and how many ffmpeg runs it saw."""
    if STRACE is None:
        pytest.fail("strace is missing: run `make test-tools` (Debian package strace).")
    baseline = start_up_reads(ffmpeg_build)
    logs = tmp_path / "strace"
    logs.mkdir()
    wrapper = tmp_path / "ffmpeg-traced"
    wrapper.write_text(f'#!/bin/sh\nexec {STRACE} {" ".join(TRACE)} -o "{logs}/trace.$$" "{ffmpeg_build}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    settings.FFMPEG_BINARY = str(wrapper)

    def outside_reads():
        """Opened absolute paths outside the private folder, the system's libraries and what
        this build opens at start-up whatever its input, and sockets."""
        found = []
        for log in logs.iterdir():
            for line in log.read_text().splitlines():
                if is_socket(line):
                    found.append(line)
                    continue
                opened = OPENED.search(line)
                if not opened or not opened.group(1).startswith("/"):
                    continue  # a relative name: inside the private working folder
                path = opened.group(1)
                if path.startswith(("/etc/ld.so.", "/lib", "/usr/lib", "/proc/self/", "/sys/devices/system/cpu")):
                    continue
                if path in baseline:
                    continue
                if Path(path).name.startswith("audio-") or "/audio-" in path or "/probe-" in path:
                    continue  # the private temporary folder itself
                found.append(line)
        return found, len(list(logs.iterdir()))

    return outside_reads


def write(path, data):
    Path(path).write_bytes(data if isinstance(data, bytes) else data.encode())
    return Path(path)


def hls_playlist(target):
    return f"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXTINF:10.0,\n{target}\n#EXT-X-ENDLIST\n"


def make_png(path):
    Image.new("RGB", (40, 40), (200, 30, 30)).save(path, "PNG")
    return Path(path)


def make_truncated_m4a(path):
    # Phones write the index (moov) at the end: an upload cut short has none.
    whole = tone(path.with_suffix(".full.m4a"), 8, ("-c:a", "aac", "-b:a", "64k"))
    data = whole.read_bytes()
    return write(path, data[: len(data) // 2])


def make_cut_webm(path):
    whole = tone(path.with_suffix(".full.webm"), 12, ("-c:a", "libopus", "-b:a", "32k"))
    data = whole.read_bytes()
    return write(path, data[: len(data) * 6 // 10])


def make_corrupted_mp3(path):
    whole = tone(path.with_suffix(".full.mp3"), 8, ("-c:a", "libmp3lame", "-b:a", "64k"))
    data = bytearray(whole.read_bytes())
    noise = random.Random(2021)
    for start in range(len(data) // 10, len(data) * 9 // 10, len(data) // 12):
        data[start : start + 600] = noise.randbytes(600)  # ten damaged stretches
    return write(path, bytes(data))


def make_video(path, audio_too=True):
    inputs = ["-f", "lavfi", "-i", "testsrc=size=96x64:rate=5:duration=7"]
    if audio_too:
        inputs += ["-f", "lavfi", "-i", "sine=frequency=300:duration=7"]
    codecs = ["-c:v", "mpeg4", "-shortest"] + (["-c:a", "aac", "-b:a", "64k"] if audio_too else [])
    ffmpeg(*inputs, *codecs, "-f", "mp4", str(path))
    return Path(path)


HOSTILE = {
    "empty": (lambda p: write(p, b""), reasons.EMPTY),
    "text": (lambda p: write(p, "Dear forum,\nthis is my story about our shop.\n" * 20), reasons.NOT_AUDIO),
    "png": (make_png, reasons.NOT_AUDIO),
    "html": (
        lambda p: write(p, "<!DOCTYPE html><html><body><audio src='x.mp3'></audio></body></html>"),
        reasons.NOT_AUDIO,
    ),
    "hls-etc-passwd": (lambda p: write(p, hls_playlist("file:///etc/passwd")), reasons.PLAYLIST),
    "ffconcat": (
        lambda p: write(p, "ffconcat version 1.0\nfile '/etc/passwd'\nfile 'subfile,,start,0,end,0,,:x'\n"),
        reasons.PLAYLIST,
    ),
    "random-bytes": (lambda p: write(p, os.urandom(40_000)), reasons.UNSUPPORTED_CONTAINER),
    "avi": (lambda p: tone(p, 6, ("-c:a", "pcm_s16le", "-f", "avi")), reasons.UNSUPPORTED_CONTAINER),
    "video-only": (lambda p: make_video(p, audio_too=False), reasons.NO_AUDIO_STREAM),
    "truncated-m4a": (make_truncated_m4a, reasons.DAMAGED),
    "cut-mid-stream": (make_cut_webm, reasons.DAMAGED),
    "corrupted-mp3": (make_corrupted_mp3, reasons.DAMAGED),
    "silence-60s": (lambda p: tone(p, 60, extra=("-af", "volume=0")), reasons.SILENT),
    "one-second": (lambda p: tone(p, 1), reasons.TOO_SHORT),
    "over-the-limit": (lambda p: tone(p, 70, ("-c:a", "libopus", "-b:a", "8k", "-f", "ogg")), reasons.TOO_LONG),
    "too-big": (lambda p: tone(p, 30, ("-c:a", "pcm_s16le", "-ac", "2", "-f", "wav")), reasons.TOO_BIG),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_file_is_refused_with_its_reason_and_reads_nothing_outside(kind, call, submitter, tmp_path, traced):
    make, expected = HOSTILE[kind]
    path = make(tmp_path / "upload.mp3")  # every one of them claims to be an MP3
    story = make_audio_story(call, submitter, path)

    story = process_story_audio(story.pk)

    assert story.audio_state == AUDIO_FAILED
    assert (story.audio_error_code, kind) == (expected, kind), story.audio_error_detail
    assert story.audio_failure_message()
    assert "root:" not in story.audio_error_detail
    assert not story.audio and not story.waveform_image
    outside, _runs = traced()
    assert outside == []


def test_video_with_sound_is_accepted_and_its_audio_taken(call, submitter, tmp_path, traced):
    video = make_video(tmp_path / "clip.mp4")
    story = process_story_audio(make_audio_story(call, submitter, video, name="clip.mp4").pk)

    assert story.audio_state == AUDIO_READY, story.audio_error_detail
    assert "+video" in story.audio_error_detail
    assert abs(story.duration - duration_of(video)) <= 0.2
    outside, runs = traced()
    assert runs >= 2 and outside == []  # analysis and encode ran, both inside


def test_hls_playlist_pointing_at_a_local_server_fetches_nothing(call, submitter, tmp_path, http_server, traced):
    port = http_server.server_address[1]
    playlist = write(tmp_path / "song.mp3", hls_playlist(f"http://127.0.0.1:{port}/segment.ts"))

    story = process_story_audio(make_audio_story(call, submitter, playlist).pk)

    assert story.audio_error_code == reasons.PLAYLIST
    assert http_server.requests == []
    assert traced()[1] == 0  # refused on its first bytes: ffmpeg never ran


def test_tracing_still_sees_a_read_outside_and_a_connection(tmp_path, http_server, traced, ffmpeg_build):
    """What a build opens at start-up is ignored, and that hides neither the file the hostile
    playlists name nor a connection: ffmpeg run here without the whitelist is caught."""
    assert not start_up_reads(ffmpeg_build) & {"/etc/passwd", "/etc/shadow"}
    url = f"http://127.0.0.1:{http_server.server_address[1]}/segment.ts"

    audio.run_ffmpeg(["-f", "mp3", "-i", "file:/etc/passwd", "-f", "null", "-"], tmp_path)
    audio.run_ffmpeg(["-i", url, "-f", "null", "-"], tmp_path)

    outside, runs = traced()
    assert runs == 2 and http_server.requests == ["/segment.ts"]
    assert any('"/etc/passwd"' in line for line in outside), outside
    assert any(" connect(" in line for line in outside), outside


def test_playlist_entries_outside_the_folder_are_never_opened(call, submitter, tmp_path):
    """A named pipe listed in a playlist: opening it for reading would unblock the writer."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    fifo = elsewhere / "segment.mp3"
    os.mkfifo(fifo)
    opened = threading.Event()

    def writer():
        with open(fifo, "wb"):
            opened.set()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    for name, content in {
        "hls.mp3": hls_playlist(f"file://{fifo}"),
        "plain.mp3": f"{fifo}\n",
        "concat.mp3": f"ffconcat version 1.0\nfile '{fifo}'\n",
    }.items():
        story = process_story_audio(make_audio_story(call, submitter, write(tmp_path / name, content)).pk)
        assert story.audio_error_code == reasons.PLAYLIST, name

    assert not opened.wait(0.5)
    with open(fifo, "rb"):  # let the writer go
        pass
    thread.join(2)


def test_protocol_whitelist_keeps_ffmpeg_off_the_network(tmp_path, http_server, ffmpeg_build):
    """Behind the content check, the whitelist alone stops any network access."""
    url = f"http://127.0.0.1:{http_server.server_address[1]}/segment.ts"
    ffmpeg_alone = subprocess.run([ffmpeg_build, "-nostdin", "-i", url, "-f", "null", "-"], capture_output=True)
    assert ffmpeg_alone.returncode != 0 and http_server.requests == ["/segment.ts"]  # the server does hear

    _code, _out, output = audio.run_ffmpeg(["-protocol_whitelist", "file,pipe", "-i", url, "-f", "null", "-"], tmp_path)

    assert "not on whitelist" in output
    assert http_server.requests == ["/segment.ts"]  # nothing more arrived


def test_every_input_of_every_command_is_whitelisted_and_forced(call, submitter, tmp_path, settings, ffmpeg_build):
    log = tmp_path / "argv"
    wrapper = tmp_path / "ffmpeg-logged"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{audio.ffmpeg_binary()}" "$@"\n')
    wrapper.chmod(0o755)
    settings.FFMPEG_BINARY = str(wrapper)
    story = process_story_audio(make_audio_story(call, submitter, tone(tmp_path / "memo.ogg", 6)).pk)

    assert story.audio_state == AUDIO_READY
    commands = log.read_text().splitlines()
    assert len(commands) == 2  # analysis (which reads the header too), encode
    for command in commands:
        assert command.startswith("-hide_banner -nostdin")
        words = command.split()
        inputs = [i for i, word in enumerate(words) if word == "-i"]
        assert len(inputs) == 1, command
        for i in inputs:
            assert words[i + 1].startswith("file:") and "/" not in words[i + 1], command
            start = max(j for j in range(i) if words[j] == "-protocol_whitelist")
            assert words[start : start + 3] == ["-protocol_whitelist", "file,pipe", "-f"], command
            assert words[start + 3] in audio.ALLOWED_FORMATS | {"f32le"}, command


def test_probe_works_on_a_copy_and_never_puts_the_upload_name_on_the_command_line(tmp_path, settings, ffmpeg_build):
    log = tmp_path / "argv"
    wrapper = tmp_path / "ffmpeg-logged"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{audio.ffmpeg_binary()}" "$@"\n')
    wrapper.chmod(0o755)
    settings.FFMPEG_BINARY = str(wrapper)
    upload = tmp_path / "my story; rm -rf ~.m3u8.ogg"
    tone(upload, 6, ("-c:a", "libopus", "-b:a", "24k", "-f", "ogg"))

    info = audio.probe(upload)

    assert info.format == "ogg" and info.codec == "opus"
    command_line = log.read_text()
    assert "rm -rf" not in command_line and "m3u8" not in command_line
    assert "-protocol_whitelist file,pipe -f ogg" in command_line and "-nostdin" in command_line
