"""The site's settings plus one trivial view, the yardstick of the public pages' benchmark."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
