import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("stories")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The folder broker of the embedded mode needs its folders before the first message.
for folder in (app.conf.broker_transport_options or {}).values():
    if isinstance(folder, str) and "/" in folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
