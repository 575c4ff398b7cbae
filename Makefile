# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# The test suite runs against the machine's PostgreSQL and Redis.
TEST_ENV := DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/stories} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/0} \
	CELERY_BROKER_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/0} \
	CELERY_TASK_ALWAYS_EAGER=1 DISABLE_RATE_LIMITS=1 \
	STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage \
	MEDIA_ROOT=$${MEDIA_ROOT:-$(CURDIR)/var/test-media}

.PHONY: run setup test lint format messages services test-tools clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(VENV)/bin/pip install -q -r requirements-dev.txt
	touch $@

messages: $(VENV)/.installed
	$(PY) scripts/compile_messages.py

setup: $(VENV)/.installed messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py collectstatic --noinput -v0

run: setup
	$(PY) manage.py load_demo
	@echo "Open http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	PORT=$(PORT) $(VENV)/bin/honcho start -f Procfile.embedded

services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no

# Debian's chromium drives the browser tests; strace watches what ffmpeg opens; the audio
# tests run with Debian's ffmpeg as well as the one the imageio-ffmpeg wheel brings.
test-tools:
	@(command -v chromium && command -v strace && test -x /usr/bin/ffmpeg) >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq chromium strace ffmpeg >/dev/null)

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: $(VENV)/.dev-installed messages services test-tools lint
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py compilemessages -v0
	$(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media/public media/originals staticfiles var
