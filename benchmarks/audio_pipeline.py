"""How much the audio pipeline costs over a plain transcode, and whether a worker grows.

    python benchmarks/audio_pipeline.py [--repeat 5] [--files 50]

For a generated 3-minute voice memo (AAC in M4A, as an iPhone makes: built from the
speech fixtures when present), times, interleaved, ``--repeat`` times each:

(a) the floor: one plain ffmpeg command decoding the memo and encoding the delivery
    format (same encoder and settings), no analysis;
(b) the whole pipeline: the analysis pass (container and streams, loudness, peaks, decode
    errors, waveform), validation, the fixed-gain encode, the waveform PNG, and the files read from
    and written to Django's storage API.

Prints the ratio (b)/(a) in wall time and in CPU time, the audio seconds processed per
CPU second, and the peak RSS of a worker-like process after 1 and after ``--files`` files.
No database is needed: the storage is a FileSystemStorage in a temporary folder.
"""

import argparse
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
FIXTURES = ROOT.parent / "shared" / "fixtures" / "audio"
SECONDS = 180


def setup_django():
    import django

    django.setup()


def make_memo(folder):
    """Three minutes of speech in AAC-LC/M4A with the tags a phone writes."""
    from stories.audio import ffmpeg_binary

    memo = folder / "memo.m4a"
    speech = [p for p in sorted(FIXTURES.glob("*")) if p.is_file()] if FIXTURES.exists() else []
    if speech:
        inputs, labels = [], []
        for i, path in enumerate(speech):
            inputs += ["-stream_loop", "-1", "-t", str(SECONDS), "-i", str(path)]
            labels.append(f"[{i}:a]aresample=44100,aformat=channel_layouts=mono[s{i}]")
        graph = ";".join(labels) + ";" + "".join(f"[s{i}]" for i in range(len(speech)))
        graph += f"concat=n={len(speech)}:v=0:a=1,atrim=0:{SECONDS}[out]"
        source = [*inputs, "-filter_complex", graph, "-map", "[out]"]
    else:
        voice = "0.4*sin(2*PI*(150+40*sin(2*PI*0.6*t))*t)*pow(abs(sin(2*PI*2.2*t)),2)*gt(sin(2*PI*0.2*t),-0.5)"
        source = ["-f", "lavfi", "-i", f"aevalsrc='{voice}':s=44100:d={SECONDS}"]
    subprocess.run(
        [ffmpeg_binary(), "-v", "error", "-nostdin", "-y", *source, "-ac", "1", "-c:a", "aac", "-b:a", "64k"]
        + ["-metadata", "title=New Recording 3", "-metadata", "location=+46.2044+006.1432/", str(memo)],
        check=True,
    )
    return memo


def cpu_seconds():
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def floor(memo, folder, coder="fast"):
    from stories import audio

    subprocess.run(
        [audio.ffmpeg_binary(), "-v", "error", "-nostdin", "-y", "-i", str(memo), "-ac", "1", "-ar", "44100"]
        + ["-c:a", "aac", "-aac_coder", coder, "-b:a", audio.DELIVERY_BITRATE, "-movflags", "+faststart"]
        + [str(folder / "floor.m4a")],
        check=True,
    )


class Pipeline:
    """The pipeline with its storage: the original is read from, and the results written
    to, Django storages (local folders here, S3 in production)."""

    def __init__(self, folder):
        from django.core.files.storage import FileSystemStorage

        self.originals = FileSystemStorage(location=folder / "originals")
        self.public = FileSystemStorage(location=folder / "public")

    def store_original(self, memo):
        with open(memo, "rb") as f:
            return self.originals.save("audio/memo", f)

    def run(self, original_name):
        from django.core.files import File
        from django.core.files.base import ContentFile

        from stories import audio

        with tempfile.TemporaryDirectory(prefix="audio-") as work:
            source = Path(work) / audio.FILE_NAME
            with self.originals.open(original_name, "rb") as original, open(source, "wb") as copy:
                for chunk in original.chunks():
                    copy.write(chunk)
            result = audio.process_file(source, work, audio.Limits(max_seconds=300, max_bytes=50 * 1024 * 1024))
            with open(result.delivery, "rb") as delivered:
                names = [self.public.save("audio/x.m4a", File(delivered))]
            names.append(self.public.save("waveforms/x.png", ContentFile(audio.render_waveform(result.peaks))))
        for name in names:
            self.public.delete(name)
        return result


def timed(action):
    wall, cpu = time.perf_counter(), cpu_seconds()
    action()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def worker_rss(memo, files, queue):
    """Runs in its own process, as a worker would: peak RSS after the first and the last file."""
    setup_django()
    with tempfile.TemporaryDirectory() as folder:
        pipeline = Pipeline(Path(folder))
        name = pipeline.store_original(memo)
        peaks = []
        for i in range(files):
            pipeline.run(name)
            if i in (0, files - 1):
                peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    queue.put((peaks, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--files", type=int, default=50)
    args = parser.parse_args()
    setup_django()
    from stories import audio

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        memo = make_memo(folder)
        pipeline = Pipeline(folder)
        original = pipeline.store_original(memo)
        print(f"ffmpeg: {audio.ffmpeg_binary()}")
        print(f"memo: {SECONDS} s of speech, AAC-LC in M4A, {memo.stat().st_size / 1e6:.1f} MB")
        floors, runs, twoloops = [], [], []
        pipeline.run(original)  # warm caches once, out of the figures
        for _ in range(args.repeat):
            floors.append(timed(lambda: floor(memo, folder)))
            runs.append(timed(lambda: pipeline.run(original)))
            twoloops.append(timed(lambda: floor(memo, folder, coder="twoloop")))
        result = pipeline.run(original)
        kept = Path(tempfile.mkdtemp(prefix="audio-benchmark-")) / "memo.m4a"
        shutil.copyfile(memo, kept)  # for the worker-like process, after this folder is gone

    def median(rows, i):
        return statistics.median(row[i] for row in rows)

    print(f"one run: {result.detail()}")
    print(f"(a) floor, plain decode + encode:  wall {median(floors, 0):.2f} s   CPU {median(floors, 1):.2f} s")
    print(f"(b) whole pipeline:                wall {median(runs, 0):.2f} s   CPU {median(runs, 1):.2f} s")
    wall_ratio, cpu_ratio = median(runs, 0) / median(floors, 0), median(runs, 1) / median(floors, 1)
    print(f"ratio (b)/(a): wall {wall_ratio:.2f}   CPU {cpu_ratio:.2f}")
    print(
        f"for reference, the floor with ffmpeg's default 'twoloop' AAC coder: wall {median(twoloops, 0):.2f} s "
        f"(the pipeline takes {median(runs, 0) / median(twoloops, 0):.2f} of it)"
    )
    print(f"audio seconds per CPU second: {SECONDS / median(runs, 1):.0f}")

    if args.files:
        queue = multiprocessing.get_context("spawn").Queue()
        child = multiprocessing.get_context("spawn").Process(target=worker_rss, args=(kept, args.files, queue))
        child.start()
        (first, last), ffmpeg_peak = queue.get()
        child.join()
        print(
            f"worker peak RSS: {first / 1024:.1f} MB after 1 file, {last / 1024:.1f} MB after {args.files} files "
            f"(growth {100 * (last - first) / first:+.1f} %); largest ffmpeg child {ffmpeg_peak / 1024:.1f} MB"
        )
    shutil.rmtree(kept.parent)


if __name__ == "__main__":
    main()
