"""Time the curators' admin pages at 5,000 stories against the same pages at 50 stories.

Two PostgreSQL databases are loaded with ``load_demo --stories N`` (about four reviews per
story), then one process per database serves the pages through Django's test client. The
rounds are interleaved (small, large, small, large…) so that a busy moment of the machine
hits both sides alike; each figure is the median over the rounds. It prints, per page, the
median times, the ratio large/small (the goal is ≤ 2) and the number of queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/stories .venv/bin/python benchmarks/admin_pages.py
    [--small 50] [--large 5000] [--rounds 15] [--reuse]

``--reuse`` keeps databases loaded by an earlier run. The databases are named after the
one in DATABASE_URL with ``_bench_<N>`` appended.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["list", "list sorted by score", "list filtered", "list text search", "one story", "dashboard"]


def database_url(base, count):
    head, _, name = base.rpartition("/")
    return f"{head}/{name.split('?')[0]}_bench_{count}"


def psql(base, sql):
    head, _, _name = base.rpartition("/")
    subprocess.run(["psql", f"{head}/postgres", "-q", "-c", sql], check=True, capture_output=True)


def load(base, count, reuse):
    url = database_url(base, count)
    name = url.rpartition("/")[2]
    if reuse:
        return url
    psql(base, f'DROP DATABASE IF EXISTS "{name}"')
    psql(base, f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": url}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    started = time.perf_counter()
    subprocess.run(
        [*manage, "load_demo", "--no-audio", "--stories", str(count)],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    print(f"loaded {count} stories into {name} in {time.perf_counter() - started:.0f} s", flush=True)
    subprocess.run(["psql", url, "-q", "-c", "VACUUM ANALYZE"], check=True)
    return url


def worker():
    """Serve timing requests on stdin: one line in, one JSON line of seconds out."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from forums.models import Call
    from stories.models import Story

    call = Call.objects.get(slug="wto-2021-sme-stories")
    story = (
        Story.objects.filter(call=call, status="in_review", reviews__isnull=False)
        .order_by("pk")
        .distinct()
        .values_list("pk", flat=True)
    )
    story_id = story[len(story) // 2]
    client = Client()
    client.force_login(User.objects.get(email="curator@example.org"))
    urls = {
        "list": "/admin/stories/story/",
        "list sorted by score": "/admin/stories/story/?o=-12",
        # A filter and a sort that still fill a page at 50 stories, so both sides render the
        # same number of rows.
        "list filtered": "/admin/stories/story/?format__exact=text&status__in=in_review,shortlisted,submitted&o=-12",
        # A word in nearly every synthetic story: the search reads every text, at any size.
        "list text search": "/admin/stories/story/?q=trade",
        "one story": f"/admin/stories/story/{story_id}/change/",
        "dashboard": f"/admin/forums/call/{call.pk}/dashboard/",
    }
    counts = {"stories": Story.objects.count()}
    for page, url in urls.items():
        client.get(url)  # warm caches and connections
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (page, response.status_code)
        counts[page] = len(queries)
        counts[f"{page} rows"] = response.content.decode().count('class="action-select"')
    print(json.dumps(counts), flush=True)
    for line in sys.stdin:
        repeat = int(line)
        timings = {}
        for page, url in urls.items():
            started = time.perf_counter()
            for _ in range(repeat):
                client.get(url)
            timings[page] = (time.perf_counter() - started) / repeat
        print(json.dumps(timings), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=50)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=2, help="requests per page per round")
    parser.add_argument("--reuse", action="store_true", help="keep the databases of an earlier run")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database; the benchmark databases are made next to it.")

    sizes = [args.small, args.large]
    urls = {n: load(base, n, args.reuse) for n in sizes}
    workers = {}
    for n in sizes:
        env = {
            **os.environ,
            "DATABASE_URL": urls[n],
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "DEBUG": "False",
        }
        workers[n] = subprocess.Popen(
            [sys.executable, __file__, "--worker"],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
    counts = {n: json.loads(workers[n].stdout.readline()) for n in sizes}
    samples = {n: {page: [] for page in PAGES} for n in sizes}
    for _round in range(args.rounds):
        for n in sizes:
            workers[n].stdin.write(f"{args.repeat}\n")
            workers[n].stdin.flush()
            for page, seconds in json.loads(workers[n].stdout.readline()).items():
                samples[n][page].append(seconds)
    for n in sizes:
        workers[n].stdin.close()
        workers[n].wait()

    small, large = sizes
    print(f"\nstories in the databases: {counts[small]['stories']} and {counts[large]['stories']}")
    print(f"median of {args.rounds} interleaved rounds x {args.repeat} requests\n")
    print(f"{'page':24} {'ms @' + str(small):>10} {'ms @' + str(large):>10} {'ratio':>7} {'queries':>9} {'rows':>7}")
    worst = 0
    for page in PAGES:
        a, b = statistics.median(samples[small][page]), statistics.median(samples[large][page])
        ratio = b / a
        worst = max(worst, ratio)
        queries = f"{counts[small][page]}/{counts[large][page]}"
        rows = f"{counts[small][page + ' rows']}/{counts[large][page + ' rows']}"
        print(f"{page:24} {a * 1000:10.1f} {b * 1000:10.1f} {ratio:7.2f} {queries:>9} {rows:>7}")
    print(f"\nworst ratio {worst:.2f} (goal ≤ 2)")


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
    else:
        main()
