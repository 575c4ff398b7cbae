"""Settings, all read from the environment in this one module.

With no environment at all the site runs embedded: SQLite, media on local disk, a
Celery broker kept in folders on disk, e-mail printed to the console. Production sets
DATABASE_URL, REDIS_URL, the S3 variables and the SMTP variables; no code changes.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def envbool(name, default="False"):
    return env(name, default).lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(env(name, str(default)))


DEBUG = envbool("DEBUG", "False")
SECRET_KEY = env("SECRET_KEY", "embedded-insecure-key-set-SECRET_KEY-in-production")
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o]
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

if envbool("SECURE_COOKIES", "False"):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "accounts",
    "forums",
    "stories",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.TimezoneMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
            ],
        },
    },
]

# One variable picks the database: SQLite when it is unset.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=envint("DB_CONN_MAX_AGE", 0)
    )
}
if env("TEST_DATABASE_NAME"):
    # Lets two test runs share one PostgreSQL server without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_DATABASE_NAME")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write to the same file; wait for the lock instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "stories:mine"

# Accounts: e-mail is the login, and it must be confirmed before the first login.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = False if envbool("DISABLE_RATE_LIMITS", "False") else {}

# Languages of the interface; stories themselves may be in any language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploads are private everywhere: nothing under MEDIA_ROOT is served by URL. Published
# media goes through views that check visibility (or short-lived signed S3 URLs).
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "access_key": env("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 600,
            "file_overwrite": False,
        },
    }
    STORAGES = {
        "default": {**_s3, "OPTIONS": {**_s3["OPTIONS"], "location": "media"}},
        "originals": {**_s3, "OPTIONS": {**_s3["OPTIONS"], "location": "originals"}},
    }
else:
    STORAGES = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": MEDIA_ROOT / "public", "base_url": "/media-is-not-served/"},
        },
        "originals": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": MEDIA_ROOT / "originals", "base_url": "/media-is-not-served/"},
        },
    }
STORAGES["staticfiles"] = {
    "BACKEND": env("STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage")
}

# Uploads go to temporary files on disk, never whole into memory, and stop being
# written once they pass the limit the view sets from the call.
FILE_UPLOAD_HANDLERS = ["stories.uploads.LimitedTemporaryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "True")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Stories <stories@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis in production; with no broker URL, a broker kept in folders on disk so
# that the embedded mode runs a real worker without any server.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
_queue_dir = BASE_DIR / "var" / "celery"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(_queue_dir / "queue"),
        "data_folder_out": str(_queue_dir / "queue"),
        "processed_folder": str(_queue_dir / "processed"),
        "control_folder": str(_queue_dir / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    # A task not acknowledged within this time is handed to another worker; it must
    # exceed the hard time limit of the longest task.
    else {"visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 3600)}
)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", "False")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

FFMPEG_BINARY = env("FFMPEG_BINARY")

TERMS_VERSION = env("TERMS_VERSION", "2021-06")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
CSRF_FAILURE_VIEW = "stories.views.csrf_failure_view"

# Audio pipeline. Each ffmpeg run is bounded by its own timeout (and as many CPU seconds),
# which must stay under the task's soft time limit; the soft limit comes before the hard
# one, and the hard one before the broker hands an unacknowledged task to another worker.
AUDIO_FFMPEG_TIMEOUT = envint("AUDIO_FFMPEG_TIMEOUT", 240)
AUDIO_FFMPEG_MEMORY_MB = envint("AUDIO_FFMPEG_MEMORY_MB", 1024)
AUDIO_FFMPEG_FILE_MB = envint("AUDIO_FFMPEG_FILE_MB", 512)
AUDIO_TASK_SOFT_TIME_LIMIT = envint("AUDIO_TASK_SOFT_TIME_LIMIT", 540)
AUDIO_TASK_TIME_LIMIT = envint("AUDIO_TASK_TIME_LIMIT", 600)
# A recording whose processing started this many times without finishing (a file that
# kills its worker comes back at every redelivery) is marked failed.
AUDIO_MAX_ATTEMPTS = envint("AUDIO_MAX_ATTEMPTS", 4)
# The sweep re-enqueues recordings left pending or processing for longer than this.
AUDIO_STUCK_AFTER = envint("AUDIO_STUCK_AFTER", 900)
_visibility = CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout")
if not (
    AUDIO_FFMPEG_TIMEOUT < AUDIO_TASK_SOFT_TIME_LIMIT < AUDIO_TASK_TIME_LIMIT < (_visibility or float("inf"))
    and AUDIO_TASK_TIME_LIMIT < AUDIO_STUCK_AFTER
):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Audio time limits must grow: AUDIO_FFMPEG_TIMEOUT < AUDIO_TASK_SOFT_TIME_LIMIT < AUDIO_TASK_TIME_LIMIT "
        "< CELERY_VISIBILITY_TIMEOUT, and AUDIO_TASK_TIME_LIMIT < AUDIO_STUCK_AFTER."
    )
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-audio": {"task": "stories.tasks.sweep_stuck_audio", "schedule": envint("AUDIO_SWEEP_EVERY", 300)},
}

# Public pages: cached for visitors without a session; SHOWCASE_CACHE=0 turns it off (benchmarks).
SHOWCASE_CACHE = envbool("SHOWCASE_CACHE", "True")
SHOWCASE_CACHE_SECONDS = envint("SHOWCASE_CACHE_SECONDS", 600)
SHOWCASE_STAMP_SECONDS = envint("SHOWCASE_STAMP_SECONDS", 2)
