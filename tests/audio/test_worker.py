"""A real Celery worker against Redis, started by the tests: uploads end ready, a worker
killed mid-transcode loses nothing, and a task delivered twice leaves one output file.

The worker reads the test database, so these tests commit their data (transaction=True).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.urls import reverse

from config.celery import app as celery_app
from stories.models import AUDIO_READY, Story
from stories.tasks import process_audio
from tests.audio.conftest import FFMPEG, make_audio_story, processed_files, tone

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
VISIBILITY_TIMEOUT = 10


class Worker:
    def __init__(self, log, env):
        self.log = log
        self.process = subprocess.Popen(
            [str(CELERY), "-A", "config", "worker", "-P", "prefork", "-c", "1", "--loglevel", "INFO"]
            + ["--without-mingle", "--without-gossip", "-n", f"audio-test-{os.getpid()}-{time.monotonic_ns()}@%h"],
            cwd=ROOT,
            env=env,
            stdout=open(log, "ab"),  # noqa: SIM115 - the worker writes to it until it is stopped
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_for("ready.", timeout=90)

    def output(self):
        return self.log.read_text(errors="replace")

    def wait_for(self, text, count=1, timeout=60):
        deadline = time.monotonic() + timeout
        while self.output().count(text) < count:
            assert self.process.poll() is None, self.output()[-3000:]
            assert time.monotonic() < deadline, f"no {text!r} in time:\n{self.output()[-3000:]}"
            time.sleep(0.1)

    def kill(self):
        """SIGKILL the whole worker, its pool process and whatever ffmpeg it runs."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)


@pytest.fixture
def worker_env(tmp_path):
    broker = os.environ.get("CELERY_BROKER_URL") or settings.CELERY_BROKER_URL
    if not broker.startswith("redis://"):
        pytest.skip("the worker tests need Redis as the broker")
    # No task left over from an earlier run may reach this test's worker.
    redis.Redis.from_url(broker).delete("celery", "unacked", "unacked_index", "unacked_mutex")
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        # Short enough for a test to see a lost task come back; the limits stay in order.
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "AUDIO_FFMPEG_TIMEOUT": "6",
        "AUDIO_TASK_SOFT_TIME_LIMIT": "7",
        "AUDIO_TASK_TIME_LIMIT": "8",
        "PYTHONUNBUFFERED": "1",
    }
    # This process only sends; the worker runs. (Celery keeps the setting under the
    # namespaced name it was loaded with.)
    eager = celery_app.conf.task_always_eager
    celery_app.conf["CELERY_TASK_ALWAYS_EAGER"] = False
    workers = []

    def start(**extra):
        worker = Worker(tmp_path / f"worker-{len(workers)}.log", {**env, **extra})
        workers.append(worker)
        return worker

    yield start
    celery_app.conf["CELERY_TASK_ALWAYS_EAGER"] = eager
    for worker in workers:
        worker.kill()


def wait_until_ready(story, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        story.refresh_from_db()
        if story.audio_state in ("ready", "failed"):
            return story
        time.sleep(0.2)
    raise AssertionError(f"story still {story.audio_state} after {timeout} s")


def test_an_upload_through_the_form_ends_ready(worker_env, call, client_in):
    worker = worker_env()
    with open(Path(settings.BASE_DIR).parent / "shared/fixtures/audio/story_fr.mp3", "rb") as upload:
        response = client_in.post(
            reverse("stories:new", args=[call.slug]),
            {"format": "audio", "title": "Our bakery", "audio_file": upload, "action": "save"},
        )
    assert response.status_code == 302
    story = Story.objects.get(title="Our bakery")

    story = wait_until_ready(story)

    assert story.audio_state == AUDIO_READY, story.audio_error_detail
    assert story.audio_attempts == 1 and -20 < story.loudness < -18
    assert "succeeded" in worker.output()


def slow_encoder(tmp_path):
    """An ffmpeg that waits a moment before encoding (and says so), so that a kill lands
    while a transcode is under way rather than by luck."""
    marker = tmp_path / "encoding"
    slow = tmp_path / "ffmpeg-slow-encode"
    slow.write_text(f'#!/bin/sh\ncase "$*" in *"-c:a aac"*) touch "{marker}"; sleep 2;; esac\nexec "{FFMPEG}" "$@"\n')
    slow.chmod(0o755)
    return slow, marker


def wait_for_file(marker, worker):
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert time.monotonic() < deadline, worker.output()[-3000:]
        time.sleep(0.05)


def pool_process(worker):
    children = Path(f"/proc/{worker.process.pid}/task/{worker.process.pid}/children").read_text().split()
    assert len(children) == 1
    return int(children[0])


def test_a_pool_process_killed_mid_transcode_gives_the_task_back_at_once(worker_env, call, submitter, tmp_path):
    slow, marker = slow_encoder(tmp_path)
    worker = worker_env(FFMPEG_BINARY=str(slow))
    story = make_audio_story(call, submitter, tone(tmp_path / "memo.ogg", 20))  # queued once, on commit
    wait_for_file(marker, worker)

    os.kill(pool_process(worker), signal.SIGKILL)  # reject_on_worker_lost: the message goes back
    story = wait_until_ready(story, timeout=60)

    assert story.audio_state == AUDIO_READY, story.audio_error_detail
    assert story.audio_attempts == 2
    assert "WorkerLostError" in worker.output()
    assert len(processed_files(story)) == 2


def test_a_worker_killed_mid_transcode_loses_nothing(worker_env, call, submitter, tmp_path):
    slow, marker = slow_encoder(tmp_path)
    worker = worker_env(FFMPEG_BINARY=str(slow))
    story = make_audio_story(call, submitter, tone(tmp_path / "memo.ogg", 20))  # queued once, on commit
    wait_for_file(marker, worker)
    story.refresh_from_db()
    assert story.audio_state == "processing"
    worker.kill()

    # Redis hands an unacknowledged task to another worker once it is older than the
    # visibility timeout; a starting worker looks for such tasks straight away.
    time.sleep(VISIBILITY_TIMEOUT + 1)
    replacement = worker_env()
    story = wait_until_ready(story, timeout=120)

    assert story.audio_state == AUDIO_READY, story.audio_error_detail
    assert story.audio_attempts == 2  # the killed attempt was counted
    assert len(processed_files(story)) == 2  # one audio file, one waveform
    assert "succeeded" in replacement.output()
    # The story is saved before the task returns; the acknowledgement follows a moment later.
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    deadline = time.monotonic() + 30
    while broker.hlen("unacked") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert broker.llen("celery") == 0 and broker.hlen("unacked") == 0  # the one message, redelivered and done


def test_the_same_task_twice_leaves_one_output_file(worker_env, call, submitter):
    worker = worker_env()
    story = make_audio_story(call, submitter, Path(settings.BASE_DIR).parent / "shared/fixtures/audio/story_es.wav")
    process_audio.delay(story.pk)  # the second delivery of the task queued on commit

    worker.wait_for("succeeded", count=2, timeout=90)

    story.refresh_from_db()
    assert story.audio_state == AUDIO_READY and story.audio_attempts == 1
    files = processed_files(story)
    assert files == sorted([story.audio.name, story.waveform_image.name])
    assert sum(name.endswith(".m4a") for name in files) == 1
