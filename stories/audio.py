"""Every ffmpeg command line is built and run here, with the safety options in one place.

Uploaded files are hostile until proven otherwise. The 2017 HLS attacks made ffmpeg read
local files and fetch internal URLs from a "video" that was really a playlist, so:

- the container is recognised from the file's first bytes by this module, and ffmpeg is
  told which demuxer to use (``-f``) from a short allow-list: it never guesses, so it never
  opens a playlist, a concat list or an image sequence;
- every input only allows the ``file`` and ``pipe`` protocols (no http, tcp, crypto,
  concat, subfile), and ``-nostdin`` keeps it from reading the worker's input;
- ffmpeg runs with a timeout, CPU, memory and file-size limits, in a private temporary
  folder, on a copy of the upload with a fixed name: nothing the submitter chose (a file
  name, an extension) ever reaches a command line, and the shell is never involved.

The work is one decode: the analysis pass (the container and streams as ffmpeg reads
them, loudness, sample peak, a 1 kHz copy for the waveform, decode errors and the decoded
length, plus a float copy of the audio), then one encode of that float copy with a fixed
gain. Writing and reading back the float copy costs a third of decoding the original again
with the wheel's ffmpeg (about the same with Debian's, whose decoder is cheaper).
"""

import ctypes
import io
import math
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from stories import audio_reasons as reasons


class AudioRejected(Exception):
    """The file cannot be used; ``code`` is one of ``audio_reasons``, ``detail`` is for curators."""

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


# Delivery: AAC in M4A plays in every browser (Safari/iOS included) and podcast app.
DELIVERY_RATE = 44100
# The native AAC encoder overshoots its target bitrate by up to 30 % on short speech:
# asking for 48 kb/s delivers at most 64 kb/s.
DELIVERY_BITRATE = "48k"
# The podcast convention is -16 LUFS for stereo; a mono file plays on two speakers 3 dB
# louder than it measures, so it is normalised to -19 LUFS.
TARGET_LUFS = -19.0
TRUE_PEAK_CEILING = -1.0
# A limiter holds the peaks when the gain would push them higher. It sits 1.5 dB under
# the ceiling: room for inter-sample peaks and for the encoder's own overshoot (the
# "fast" AAC coder adds a few tenths of a decibel; the default "twoloop" coder adds up to
# 3 dB on speech at this bitrate, unpredictably, and costs three times the CPU).
LIMITER_DBFS = TRUE_PEAK_CEILING - 1.5
LOUDNESS_TOLERANCE = 0.5
MAX_GAIN_DB = 40.0
SILENT_BELOW_LUFS = -60.0
WAVEFORM_POINTS = 1000
# The waveform is 1,000 peaks: a 1 kHz copy (180 samples per peak for a 3-minute
# recording) draws the same shape as a 4 kHz one at a quarter of the work in Python, and
# a short resampling filter is enough for a picture (the full-quality one costs more than
# the AAC decode's tenth).
WAVEFORM_RATE = 1000
WAVEFORM_RESAMPLER = "filter_size=4:phase_shift=4"
# The analysis copy goes to the file and the pipe in large frames: ffmpeg hands every frame
# from thread to thread, and 1,024-sample frames cost a tenth of a second per 3 minutes.
ANALYSIS_FRAME = 16384
ANALYSIS_RATE = DELIVERY_RATE
# A few decoder complaints happen in ordinary phone files (a damaged last frame); more
# than this, or audio that ends well before its header says, is a damaged file.
TOLERATED_DECODE_ERRORS = 2

FILE_NAME = "original"
DECODED_NAME = "decoded.f32"
DELIVERY_NAME = "delivery.m4a"

# The demuxers ffmpeg may use, each recognised by its first bytes in ``sniff``.
ALLOWED_FORMATS = {"wav", "mp3", "aac", "ogg", "matroska", "mov", "flac", "aiff", "amr", "caf"}
# ISO base media "brands" that are still images, not recordings.
IMAGE_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis"}
MOV_ATOMS = {b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"}
IMAGE_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
    b"BM",
    b"%PDF",
    b"\x00\x00\x01\x00",
)
PLAYLIST_STARTS = (b"#extm3u", b"#ext-x-", b"ffconcat", b"[playlist]", b"<asx", b"<smil", b"<?wpl", b"<mpd")


@dataclass
class Limits:
    """What a call accepts, as the pipeline needs it."""

    min_seconds: float = 5
    max_seconds: float = 300
    max_bytes: int = 20 * 1024 * 1024
    # Recordings a little over the limit are accepted: people stop talking, then press stop.
    grace_seconds: float = 5

    @classmethod
    def for_call(cls, call):
        return cls(
            min_seconds=call.min_audio_seconds, max_seconds=call.max_audio_seconds, max_bytes=call.max_upload_bytes
        )

    def check_length(self, seconds):
        """Refuse a recording too long or too short for the call."""
        if seconds > self.max_seconds + self.grace_seconds:
            raise AudioRejected(reasons.TOO_LONG, f"{seconds:.1f} s; the limit is {self.max_seconds} s")
        if seconds < self.min_seconds:
            raise AudioRejected(reasons.TOO_SHORT, f"{seconds:.1f} s; the minimum is {self.min_seconds} s")


@dataclass
class Probe:
    format: str
    container: str
    duration: float | None
    codec: str | None
    channels: int | None
    sample_rate: int | None
    has_video: bool


@dataclass
class Analysis:
    duration: float
    loudness: float
    sample_peak: float
    decode_errors: int
    peaks: list = field(default_factory=list)


@dataclass
class Result:
    """A checked and transcoded recording, in the working folder."""

    probe: Probe
    analysis: Analysis
    delivery: Path
    loudness: float
    gain_db: float
    limit_dbfs: float | None

    @property
    def duration(self):
        return self.analysis.duration

    @property
    def peaks(self):
        return self.analysis.peaks

    def detail(self):
        p, a = self.probe, self.analysis
        return (
            f"{p.container} {p.codec} {p.sample_rate} Hz {p.channels or '?'} ch{' +video' if p.has_video else ''}; "
            f"{a.duration:.2f} s; {a.loudness:.1f} LUFS, sample peak {a.sample_peak:.1f} dBFS; "
            f"{a.decode_errors} decode error(s); gain {self.gain_db:+.1f} dB"
            f"{f', limiter at {self.limit_dbfs:.1f} dBFS' if self.limit_dbfs is not None else ''}; "
            f"delivered {self.loudness:.1f} LUFS"
        )


# ---------------------------------------------------------------- running ffmpeg

try:
    _libc = ctypes.CDLL(None, use_errno=True)
except OSError:  # pragma: no cover - not Linux
    _libc = None
PR_SET_PDEATHSIG = 1


def _child_limits(cpu_seconds, memory_bytes, file_bytes):
    """Limits set in the child between fork and exec: a file that makes ffmpeg spin or
    balloon is stopped by the kernel, and ffmpeg dies with the worker that started it."""

    def apply():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if _libc is not None:
            _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

    return apply


def input_args(name, fmt, *options):
    """The options that must precede every input: the two protocols and a forced demuxer."""
    if fmt not in ALLOWED_FORMATS and fmt != "f32le":
        raise ValueError(f"format {fmt!r} is not allowed")
    return ["-protocol_whitelist", "file,pipe", "-f", fmt, *options, "-i", f"file:{name}"]


def run_ffmpeg(args, workdir, timeout=None, stdout=None):
    """Run ffmpeg in ``workdir`` with the safety options; returns (returncode, stdout, stderr)."""
    timeout = timeout or settings.AUDIO_FFMPEG_TIMEOUT
    command = [ffmpeg_binary(), "-hide_banner", "-nostdin", "-y", "-threads", "1", *args]
    try:
        result = subprocess.run(
            command,
            cwd=workdir,
            stdin=subprocess.DEVNULL,
            stdout=stdout if stdout is not None else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
            preexec_fn=_child_limits(
                cpu_seconds=int(timeout) + 1,
                memory_bytes=settings.AUDIO_FFMPEG_MEMORY_MB * 1024 * 1024,
                file_bytes=settings.AUDIO_FFMPEG_FILE_MB * 1024 * 1024,
            ),
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"},
            close_fds=True,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        raise AudioRejected(reasons.TIMEOUT, f"ffmpeg ran for more than {timeout} s") from expired
    stderr = result.stderr.decode("utf-8", "replace")
    if result.returncode < 0:
        name = signal.Signals(-result.returncode).name
        code = reasons.TIMEOUT if result.returncode == -signal.SIGXCPU else reasons.CRASHED
        raise AudioRejected(code, f"ffmpeg stopped by {name}; {_tail(stderr)}")
    return result.returncode, result.stdout, stderr


def _tail(text, lines=6):
    return "\n".join(text.strip().splitlines()[-lines:])[-800:]


# ---------------------------------------------------------------- recognising the file


def sniff(path):
    """The ffmpeg demuxer for a file, from its first bytes; refuses everything else."""
    with open(path, "rb") as f:
        head = f.read(4096)
        if head.startswith(b"ID3") and len(head) >= 10:
            # An ID3 tag may sit in front of MP3, ADTS AAC or FLAC: look behind it.
            size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
            f.seek(10 + size + (10 if head[5] & 0x10 else 0))
            after = f.read(4)
            if after.startswith(b"fLaC"):
                return "flac"
            if len(after) >= 2 and after[0] == 0xFF and after[1] & 0xF6 == 0xF0:
                return "aac"
            return "mp3"
    if not head:
        raise AudioRejected(reasons.EMPTY)
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    lower = stripped[:64].lower()
    if lower.startswith(PLAYLIST_STARTS) or b"#ext-x-" in head.lower() or b"<mpd" in head[:512].lower():
        raise AudioRejected(reasons.PLAYLIST, repr(head[:80]))
    if head.startswith(IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        raise AudioRejected(reasons.NOT_AUDIO, f"image: {head[:12]!r}")
    if head[4:8] == b"ftyp" and head[8:12] in IMAGE_BRANDS:
        raise AudioRejected(reasons.NOT_AUDIO, f"image: {head[4:12]!r}")
    fmt = _container(head)
    if fmt:
        return fmt
    if _is_text(head):
        lines = [line.strip() for line in stripped.splitlines() if line.strip()][:20]
        if lines and all(line.startswith(b"#") or b"://" in line or line.startswith(b"/") for line in lines):
            raise AudioRejected(reasons.PLAYLIST, repr(head[:80]))
        raise AudioRejected(reasons.NOT_AUDIO, f"text: {head[:80]!r}")
    raise AudioRejected(reasons.UNSUPPORTED_CONTAINER, f"first bytes {head[:16].hex()}")


def _container(head):
    if head[:4] in (b"RIFF", b"RF64") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "matroska"
    if head[4:8] in MOV_ATOMS:
        return "mov"
    if head.startswith(b"fLaC"):
        return "flac"
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return "aiff"
    if head.startswith(b"#!AMR"):
        return "amr"
    if head.startswith(b"caff"):
        return "caf"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        # MPEG audio sync word; layer bits 00 mean ADTS AAC rather than MP3.
        return "aac" if head[1] & 0x06 == 0 else "mp3"
    return None


def _is_text(head):
    if b"\x00" in head[:512].lstrip(b"\xff\xfe"):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start > len(head) - 4
    return True


_INPUT = re.compile(r"^\s*(?:\[\w+\]\s*)?Input #0, ([^ ]+), from", re.M)
_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_AUDIO = re.compile(r"Stream #0:\d+.*?: Audio: (\w+)[^,\n]*, (\d+) Hz, ([^,\n]+)")
_VIDEO = re.compile(r"Stream #0:\d+.*?: Video: ")
_LAYOUT_CHANNELS = {"mono": 1, "stereo": 2, "2.1": 3, "quad": 4, "5.0": 5, "5.1": 6, "7.1": 8}


def probe(path, workdir=None):
    """Read the container and audio stream of a file by its content.

    Works through a link with a fixed name in a private folder, so it is safe on an upload's
    temporary file, whose name ends with the extension the submitter chose (and no upload is
    copied inside the web request).
    """
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="probe-") as work:
            os.symlink(Path(path).resolve(), Path(work) / FILE_NAME)
            return probe(Path(work) / FILE_NAME, work)
    path = Path(path)
    fmt = sniff(path)
    _returncode, _out, output = run_ffmpeg([*input_args(path.name, fmt)], workdir, timeout=30)
    return read_header(fmt, output)


def read_header(fmt, output):
    """The container and audio stream, from what ffmpeg printed about its input.

    Every run at the ``info`` level prints it, so the analysis pass needs no probe of its own.
    """
    # Only the input's description: what follows is about the outputs.
    header = re.split(r"Stream mapping:|Output #0|\[fatal\]", output, maxsplit=1)[0]
    container = _INPUT.search(header)
    if not container:
        raise AudioRejected(reasons.DAMAGED, f"{fmt}: {_tail(output)}")
    audio = _AUDIO.search(header)
    if not audio:
        raise AudioRejected(reasons.NO_AUDIO_STREAM, _tail(header))
    if audio.group(1) == "none":
        raise AudioRejected(reasons.UNSUPPORTED_CONTAINER, f"unknown audio codec; {_tail(header)}")
    duration = _DURATION.search(header)
    seconds = None
    if duration:
        hours, minutes, secs = duration.groups()
        seconds = int(hours) * 3600 + int(minutes) * 60 + float(secs)
    layout = audio.group(3).strip()
    channels = _LAYOUT_CHANNELS.get(layout)
    if channels is None and layout.endswith(" channels"):
        channels = int(layout.split()[0])
    return Probe(
        format=fmt,
        container=container.group(1),
        duration=seconds,
        codec=audio.group(1),
        channels=channels,
        sample_rate=int(audio.group(2)),
        has_video=bool(_VIDEO.search(header)),
    )


# ---------------------------------------------------------------- analysis and transcode

# The ebur128 summary; older ffmpeg versions put a log prefix on each of its lines.
_INTEGRATED = re.compile(r"Integrated loudness:.*?I:\s+(-?[\d.]+|-inf|nan) LUFS", re.S)
_SAMPLE_PEAK = re.compile(r"Sample peak:.*?Peak:\s+(-?[\d.]+|-inf|nan) dBFS", re.S)
_ERROR_LINE = re.compile(r"\[(error|fatal|panic)\]")


def _summary_value(pattern, output, what):
    found = pattern.findall(output)
    if not found:
        raise AudioRejected(reasons.DAMAGED, f"no {what} measured; {_tail(output)}")
    value = float(found[-1])
    return -math.inf if math.isnan(value) else value


def analyse(fmt, workdir, limits):
    """The one analysis decode: what the file is (a ``Probe``), then its loudness, peak,
    decode errors, waveform and a float copy (an ``Analysis``).

    The audio is mixed to mono and resampled once, here; the transcode reads the float
    copy, so the delivered file and its measurement come from the very same samples.
    Decoding stops a little past the call's limit, so a file that lies about its length
    cannot keep a worker busy.
    """
    cap = limits.max_seconds + limits.grace_seconds + 1
    graph = (
        f"[0:a:0]aresample={ANALYSIS_RATE},aformat=sample_fmts=flt:channel_layouts=mono,"
        f"ebur128=peak=sample:framelog=verbose,asetnsamples=n={ANALYSIS_FRAME}:pad=0,asplit=2[full][low];"
        f"[low]aresample={WAVEFORM_RATE}:{WAVEFORM_RESAMPLER},aformat=sample_fmts=s16[wave]"
    )
    returncode, wave, output = run_ffmpeg(
        [
            "-v",
            "level+info",
            "-nostats",
            *input_args(FILE_NAME, fmt, "-t", str(cap)),
            "-filter_complex",
            graph,
            "-map",
            "[full]",
            "-f",
            "f32le",
            f"file:{DECODED_NAME}",
            "-map",
            "[wave]",
            "-f",
            "s16le",
            "pipe:1",
        ],
        workdir,
        stdout=subprocess.PIPE,
    )
    probe_info = read_header(fmt, output)
    error_lines = [line for line in output.splitlines() if _ERROR_LINE.search(line)]
    errors = len(error_lines)
    decoded = Path(workdir) / DECODED_NAME
    samples = decoded.stat().st_size // 4 if decoded.exists() else 0
    if returncode != 0 or samples == 0:
        if "Decoder (codec" in output and "not found" in output:
            raise AudioRejected(reasons.UNSUPPORTED_CONTAINER, _tail(output))
        raise AudioRejected(reasons.DAMAGED, f"ffmpeg exit {returncode}; {_tail(output)}")
    duration = samples / ANALYSIS_RATE
    if errors > TOLERATED_DECODE_ERRORS:
        raise AudioRejected(reasons.DAMAGED, f"{errors} decode errors: " + "\n".join(error_lines[:8])[:800])
    declared = probe_info.duration
    if declared and duration < cap - 1 and duration < declared * 0.95 - 0.5:
        raise AudioRejected(
            reasons.DAMAGED,
            f"decoded {duration:.2f} s of the {declared:.2f} s announced; " + "\n".join(error_lines[:8])[:800],
        )
    return probe_info, Analysis(
        duration=duration,
        loudness=_summary_value(_INTEGRATED, output, "loudness"),
        sample_peak=_summary_value(_SAMPLE_PEAK, output, "peak"),
        decode_errors=errors,
        peaks=waveform_peaks(wave),
    )


def validate(analysis, limits):
    """Refuse recordings outside the call's limits, or with nothing to hear."""
    limits.check_length(analysis.duration)
    if analysis.loudness < SILENT_BELOW_LUFS:
        raise AudioRejected(reasons.SILENT, f"integrated loudness {analysis.loudness:.1f} LUFS")


def plan_gain(analysis):
    """The fixed gain to the target, and the limiter's ceiling (dBFS) if the peaks need one."""
    gain = min(TARGET_LUFS - analysis.loudness, MAX_GAIN_DB)
    # Sample peaks understate true (inter-sample) peaks by up to about half a decibel.
    needs_limiter = analysis.sample_peak + 0.5 + gain > LIMITER_DBFS
    return gain, (LIMITER_DBFS if needs_limiter else None)


def transcode(workdir, gain_db, limit_dbfs=None, measure=False):
    """Encode the analysed float copy with a fixed gain (and a peak limiter if asked).

    With ``measure``, returns the integrated loudness of what went into the encoder.
    """
    chain = f"volume={gain_db:.2f}dB"
    if limit_dbfs is not None:
        chain += f",alimiter=limit={10 ** (limit_dbfs / 20):.4f}:level=0:latency=1:attack=5:release=100"
    if measure:
        chain += ",ebur128=peak=none:framelog=verbose"
    _returncode, _out, output = run_ffmpeg(
        [
            "-v",
            "level+info" if measure else "error",
            "-nostats",
            *input_args(DECODED_NAME, "f32le", "-ar", str(ANALYSIS_RATE), "-ac", "1"),
            "-af",
            chain,
            "-map_metadata",
            "-1",
            "-map_chapters",
            "-1",
            "-fflags",
            "+bitexact",
            "-c:a",
            "aac",
            "-aac_coder",
            "fast",
            "-b:a",
            DELIVERY_BITRATE,
            "-ar",
            str(DELIVERY_RATE),
            "-ac",
            "1",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            f"file:{DELIVERY_NAME}",
        ],
        workdir,
    )
    delivery = Path(workdir) / DELIVERY_NAME
    if not delivery.exists() or delivery.stat().st_size == 0:
        raise AudioRejected(reasons.CRASHED, f"no output; {_tail(output)}")
    return _summary_value(_INTEGRATED, output, "loudness") if measure else None


def process_file(path, workdir, limits):
    """Check, measure and transcode ``path`` (a file named FILE_NAME inside ``workdir``)."""
    path = Path(path)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise AudioRejected(reasons.TOO_BIG, f"{size} bytes; the limit is {limits.max_bytes}")
    # The analysis pass reads the header too: no separate probe run (an ffmpeg start costs
    # a tenth of a plain transcode with a dynamically linked build).
    info, analysis = analyse(sniff(path), workdir, limits)
    validate(analysis, limits)
    gain, limit = plan_gain(analysis)
    # A gain alone is linear: the result's loudness is known without measuring it again.
    # A limiter takes some loudness off with the peaks, so then the encoder's input is
    # measured on the way, and encoded once more if it left the target window.
    limited = limit is not None
    loudness = transcode(workdir, gain, limit, measure=limited)
    if not limited:
        loudness = analysis.loudness + gain
    elif abs(TARGET_LUFS - loudness) > LOUDNESS_TOLERANCE:
        gain += TARGET_LUFS - loudness
        loudness = transcode(workdir, gain, limit, measure=True)
    (Path(workdir) / DECODED_NAME).unlink(missing_ok=True)
    return Result(
        probe=info,
        analysis=analysis,
        delivery=Path(workdir) / DELIVERY_NAME,
        loudness=round(loudness, 2),
        gain_db=gain,
        limit_dbfs=limit,
    )


# ---------------------------------------------------------------- waveform


def waveform_peaks(pcm, points=WAVEFORM_POINTS):
    """About ``points`` peak values in 0..1 from signed 16-bit mono samples, loudest = 1."""
    samples = array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if not samples:
        return []
    count = min(points, len(samples))
    step = len(samples) / count
    view = memoryview(samples)
    peaks = []
    for i in range(count):
        chunk = view[int(i * step) : int((i + 1) * step) or 1]
        peaks.append(max(max(chunk), -min(chunk)))
    top = max(peaks) or 1
    return [round(p / top, 3) for p in peaks]


def render_waveform(peaks, width=1000, height=160, colour=(29, 78, 216), background=(255, 255, 255)):
    """A PNG of the peaks: shown without JavaScript, and as the share image."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    middle = height / 2
    if peaks:
        bar = width / len(peaks)
        for i, peak in enumerate(peaks):
            half = max(1.0, peak * (middle - 2))
            x0 = int(i * bar)
            draw.rectangle([x0, middle - half, max(x0, int((i + 1) * bar) - 1), middle + half], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
