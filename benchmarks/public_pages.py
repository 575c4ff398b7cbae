"""Requests per second of the public pages against a trivial Django view on the same server.

Builds a PostgreSQL database with 5,000 published stories (``load_demo --stories`` then every
synthetic story with a reference is published, one in five as audio with a real AAC file),
serves it with gunicorn on 127.0.0.1 twice — page cache on (warmed) and off
(``SHOWCASE_CACHE=0``) — and lets locust (headless) hit each URL in turn. Searches are never
cached, so "search" measures the full work in both runs. Prints requests
per second and the ratio to the trivial view, then a profile of each page with the cache
off: its queries and the share of time spent in SQL and in template rendering.

    .venv/bin/python benchmarks/public_pages.py [--seconds 12] [--users 16] [--keep-db]

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/stories_showcase_bench),
BENCH_REDIS_URL (default redis://127.0.0.1:6379/3), BENCH_PORT (default 8613).
"""

import argparse
import cProfile
import csv
import os
import pstats
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = 5000


def environment(cache_on):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stories_showcase_bench"),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
        CELERY_TASK_ALWAYS_EAGER="1",
        DB_CONN_MAX_AGE="600",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        SHOWCASE_CACHE="1" if cache_on else "0",
        LOG_LEVEL="WARNING",
    )
    return env


def manage(*args, env):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env, check=True)


def build_database(env):
    database = env["DATABASE_URL"].rsplit("/", 1)[1]
    admin_url = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}"')
        connection.execute(f'CREATE DATABASE "{database}"')
    manage("migrate", "-v0", env=env)
    # Drafts get no reference; about 10% of synthetic stories are drafts.
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "load_demo", "--no-audio", "--stories", str(int(PUBLISHED * 1.2))],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run([sys.executable, __file__, "--publish"], cwd=ROOT, env=env, check=True)
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        # What autovacuum would have done by the time visitors come: fresh statistics.
        connection.execute("VACUUM ANALYZE")


def tone_m4a(seconds, frequency, bitrate):
    """A sine tone as AAC in MP4 (moov first, as served), made by ffmpeg; the bytes.

    Shared with the showcase tests, which need real audio for the player and the feeds.
    """
    from stories.audio import ffmpeg_binary

    with tempfile.TemporaryDirectory() as work:
        target = Path(work) / "tone.m4a"
        subprocess.run(
            [
                ffmpeg_binary(),
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency={frequency}:duration={seconds}",
                "-c:a",
                "aac",
                "-b:a",
                bitrate,
                "-movflags",
                "+faststart",
                str(target),
            ],
            check=True,
            timeout=60,
        )
        return target.read_bytes()


def publish():
    """Publish 5,000 synthetic stories; one in five becomes an audio story with a real file."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from stories import public_cache, search
    from stories.models import AUDIO_READY, STATUS_SELECTED, Story

    data = tone_m4a(seconds=20, frequency=330, bitrate="48k")
    synthetic = Story.objects.filter(title__startswith="Synthetic story").exclude(reference="").order_by("pk")
    ids = list(synthetic.values_list("pk", flat=True)[:PUBLISHED])
    now = timezone.now()
    Story.objects.filter(pk__in=ids).update(
        status=STATUS_SELECTED, published_at=now, consent_publication=True, updated_at=now
    )
    Story.objects.filter(title__startswith="Synthetic story").exclude(pk__in=ids).update(published_at=None)
    stored = Story.objects.get(pk=ids[0])
    stored.audio.save("bench.m4a", ContentFile(data), save=False)
    Story.objects.filter(pk__in=ids[::5]).update(
        format="audio",
        audio=stored.audio.name,
        audio_size=len(data),
        duration=20.0,
        audio_state=AUDIO_READY,
        transcript="We kept trading online and our customers stayed with us through the crisis.",
    )
    search.update_search_vectors(Story.objects.filter(pk__in=ids))
    public_cache.bump()
    print(f"  published: {Story.objects.published().count()} stories")


def urls():
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from stories.models import Story

    story = Story.objects.published().filter(format="text").order_by("-published_at", "pk").first()
    return {
        "trivial view": "/bench/trivial/",
        "/stories/": "/stories/",
        "story page": f"/stories/{story.reference}/",
        "search, 1 hit": "/stories/?q=looms",
        "search, 5k hits": "/stories/?q=export+customers",
        "podcast feed": "/feeds/podcast.xml",
    }


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url}")


def requests_per_second(base, path, seconds, users, env):
    with tempfile.TemporaryDirectory() as work:
        prefix = Path(work) / "stats"
        subprocess.run(
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(ROOT / "benchmarks" / "locustfile.py"),
                "--headless",
                "--host",
                base,
                "-u",
                str(users),
                "-r",
                str(users),
                "-t",
                f"{seconds}s",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "ERROR",
            ],
            cwd=ROOT,
            env={**env, "BENCH_PATH": path},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with open(f"{prefix}_stats.csv") as stats:
            row = next(r for r in csv.DictReader(stats) if r["Name"] == "Aggregated")
    failures = int(row["Failure Count"])
    if failures:
        raise RuntimeError(f"{path}: {failures} failed requests")
    return float(row["Requests/s"]), float(row["50%"]), float(row["95%"])


def serve_and_measure(label, env, paths, seconds, users, port):
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/bench/trivial/")
        for path in paths.values():  # warm the cache (and the workers' connections)
            for _ in range(4):
                urllib.request.urlopen(base + path, timeout=30).read()
        results = {name: requests_per_second(base, path, seconds, users, env) for name, path in paths.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)
    trivial = results["trivial view"][0]
    print(f"\n{label}")
    print(f"  {'page':<16} {'req/s':>8} {'ratio':>7} {'p50 ms':>7} {'p95 ms':>7}")
    for name, (rps, p50, p95) in results.items():
        print(f"  {name:<16} {rps:8.1f} {rps / trivial:7.2f} {p50:7.0f} {p95:7.0f}")
    return results


class SqlMeter:
    """Counts and times the queries run through a connection's execute wrapper."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - start


def profile(paths):
    """In-process, cache off: per page, its queries and where the time goes."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    print("\nProfile with the cache off (20 requests each, in process)")
    print(f"  {'page':<16} {'queries':>7} {'ms/req':>7} {'SQL':>6} {'templates':>10}")
    for name, path in paths.items():
        client.get(path)
        meter = SqlMeter()
        with connection.execute_wrapper(meter):
            client.get(path)
        queries = meter.count
        meter = SqlMeter()
        start = time.perf_counter()
        with connection.execute_wrapper(meter):
            for _ in range(20):
                client.get(path)
        total = time.perf_counter() - start
        # A second pass under the profiler, for the share of template rendering (which
        # includes the queries that templates trigger, e.g. the page of stories).
        profiler = cProfile.Profile()
        profiler.enable()
        profiled_start = time.perf_counter()
        for _ in range(10):
            client.get(path)
        profiled = time.perf_counter() - profiled_start
        profiler.disable()
        stats = pstats.Stats(profiler)
        rendering = max(
            (
                value[3]
                for key, value in stats.stats.items()
                if key[0].endswith("django/template/base.py") and key[2] == "render"
            ),
            default=0.0,
        )
        print(
            f"  {name:<16} {queries:7d} {1000 * total / 20:7.1f} {100 * meter.seconds / total:5.0f}% "
            f"{100 * rendering / profiled:9.0f}%"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=12)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--keep-db", action="store_true", help="reuse the database of an earlier run")
    parser.add_argument("--publish", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.publish:
        return publish()
    on, off = environment(cache_on=True), environment(cache_on=False)
    if options.profile:
        return profile(urls())
    if not options.keep_db:
        print("Building the database (5,000 published stories)…")
        build_database(on)
    os.environ.update(on)
    paths = urls()
    port = int(os.environ.get("BENCH_PORT", "8613"))
    print(f"gunicorn, 2 sync workers, 127.0.0.1; locust headless, {options.users} users, {options.seconds} s per URL")
    warm = serve_and_measure("Cache warm", on, paths, options.seconds, options.users, port)
    cold = serve_and_measure("Cache off (SHOWCASE_CACHE=0)", off, paths, options.seconds, options.users, port)
    subprocess.run([sys.executable, __file__, "--profile"], cwd=ROOT, env=off, check=True)
    goals = {"/stories/": 0.5, "story page": 0.6, "podcast feed": 0.5}
    print("\nGoals with the cache warm:")
    for name, goal in goals.items():
        ratio = warm[name][0] / warm["trivial view"][0]
        print(f"  {name:<16} {ratio:.2f} (goal ≥ {goal}) {'met' if ratio >= goal else 'NOT met'}")
    return cold


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
