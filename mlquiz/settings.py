"""mlquiz settings, driven entirely by environment variables.

With nothing set, mlquiz runs on a laptop: DEBUG on, SQLite, grading executed
in-process through the sandbox (Celery eager mode). Production sets
DJANGO_DEBUG=0, DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE),
DJANGO_ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

# Django's generic classes (ModelAdmin[Quiz], ModelForm[Course]...) subscriptable at run time,
# as the type checker reads them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
CONTENT_DIR = Path(os.environ.get("MLQUIZ_CONTENT_DIR", BASE_DIR / "content"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def read_secret_key(debug: bool) -> str:
    """The secret key comes from the environment or a file (Docker secrets).

    A development key exists only in DEBUG mode, so production can never run
    with a key that is committed to git.
    """
    key_file = os.environ.get("DJANGO_SECRET_KEY_FILE")
    if key_file:
        return Path(key_file).read_text().strip()
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    if key:
        return key
    if debug:
        return "mlquiz-insecure-development-key-only-for-debug-mode-0123456789"
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set when DJANGO_DEBUG=0."
    )


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = read_secret_key(DEBUG)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "accounts",
    "catalog",
    "exercises",
    "quizzes",
    "courses",
    "api",
    # django-ninja: its Swagger UI files (static/ninja/) and template, so /api/v1/docs loads
    # no script from a CDN (CSP script-src 'self').
    "ninja",
    "lti_tool",
    "lti",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "mlquiz.middleware.DatabaseUnavailableMiddleware",
    # After XFrameOptionsMiddleware (so it runs first on the response): lets the LMSes named in
    # LTI_FRAME_ANCESTORS frame mlquiz, and nobody else.
    "lti.middleware.LmsFrameMiddleware",
]

ROOT_URLCONF = "mlquiz.urls"
WSGI_APPLICATION = "mlquiz.wsgi.application"

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
                "django.template.context_processors.csp",
                "accounts.context_processors.roles",
                "courses.context_processors.teaching",
            ],
        },
    },
]

# Database: SQLite on a laptop, PostgreSQL (DATABASE_URL) in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Shown in pg_stat_activity; grading workers say "mlquiz-worker" (mlquiz/celery.py).
    DATABASES["default"].setdefault("OPTIONS", {})["application_name"] = "mlquiz-web"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: when REDIS_URL is set it is the cache (rate limits, login throttling)
# and the Celery broker; without it, a per-process cache and eager grading.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("MLQUIZ_CACHE_PREFIX", "mlquiz"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Failed-login throttling: this many failures per username or per client
# address within the window lock further attempts until the window passes.
LOGIN_THROTTLE_FAILURES = int(os.environ.get("MLQUIZ_LOGIN_THROTTLE_FAILURES", "5"))
LOGIN_THROTTLE_WINDOW_SECONDS = int(os.environ.get("MLQUIZ_LOGIN_THROTTLE_WINDOW", "900"))

# Grading limits and the stuck-submission sweep (see exercises/services.py).
GRADING_RATE_LIMIT_PER_MINUTE = int(os.environ.get("GRADING_RATE_LIMIT_PER_MINUTE", "20"))
GRADING_SWEEP_QUEUED_AFTER_SECONDS = int(os.environ.get("GRADING_SWEEP_QUEUED_AFTER_SECONDS", "60"))
# Must stay above CELERY_TASK_TIME_LIMIT, or a slow but live grading is handed on.
GRADING_SWEEP_RUNNING_AFTER_SECONDS = int(
    os.environ.get("GRADING_SWEEP_RUNNING_AFTER_SECONDS", "90")
)
GRADING_MAX_ATTEMPTS = int(os.environ.get("GRADING_MAX_ATTEMPTS", "3"))
GRADING_GIVE_UP_AFTER_SECONDS = int(os.environ.get("GRADING_GIVE_UP_AFTER_SECONDS", "1800"))

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Content-Security-Policy: no inline scripts anywhere, no third-party origins.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Security: production (DEBUG off) is expected behind a TLS-terminating proxy.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the page's fetch() reads the token from the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz(/grading)?$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Celery: the queue `grading` carries submissions to sandboxed workers.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None  # the database is the source of truth for grading state
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 60
CELERY_TASK_SOFT_TIME_LIMIT = 45
# A pool process is replaced when it grows past 1.5 GiB (its cache of prepared seeds holds up
# to 1,024 entries of 10 KB-1 MB), or after 20,000 tasks. Every replacement starts a new zygote
# and prepares each exercise's seeds again (~27 ms of authors' jail per seed): at the former
# 1,000 tasks that was ~2 s of CPU every 1,000 gradings of one exercise.
CELERY_WORKER_MAX_TASKS_PER_CHILD = 20_000
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 1_536 * 1024  # KiB
CELERY_TASK_DEFAULT_QUEUE = "grading"
# Periodic housekeeping has its own queue: behind a deep grading backlog the sweep
# would otherwise run minutes late. Workers consume both (`-Q grading,maintenance`).
CELERY_TASK_ROUTES = {
    # exercises.tasks.grade_submission keeps the name it had in grader/tasks.py.
    "grader.tasks.*": {"queue": "grading"},
    "exercises.tasks.*": {"queue": "maintenance"},
    "quizzes.tasks.*": {"queue": "maintenance"},
    "accounts.tasks.*": {"queue": "maintenance"},
    "courses.tasks.sweep_stalled_regrades": {"queue": "maintenance"},
    "courses.tasks.warm_course_activity": {"queue": "maintenance"},
    "courses.tasks.*": {"queue": "grading"},  # a regrade runs the sandbox
    "lti.tasks.*": {"queue": "maintenance"},
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 300}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-submissions": {
        "task": "exercises.tasks.sweep_stuck_submissions",
        "schedule": timedelta(seconds=30),
    },
    "close-expired-quiz-attempts": {
        "task": "quizzes.tasks.close_expired_attempts",
        "schedule": timedelta(seconds=30),
    },
    # Grade passback: scores the LMS did not take yet (it was down, Redis was down) are retried
    # with backoff until they arrive (lti/services.py: outbox_drain).
    "lti-drain-score-outbox": {
        "task": "lti.tasks.drain_score_outbox",
        "schedule": timedelta(seconds=60),
    },
    # A regrade whose worker died (kill -9, a lost machine) is queued again (courses/regrade.py).
    "sweep-stalled-regrades": {
        "task": "courses.tasks.sweep_stalled_regrades",
        "schedule": timedelta(minutes=2),
    },
    # The dashboards' activity chart counts closed days once a day: do it before anyone looks.
    "warm-course-activity": {
        "task": "courses.tasks.warm_course_activity",
        "schedule": crontab(hour=0, minute=5),
    },
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
    },
}

# LTI 1.3 (lti/, docs/lti.md). Inside an LMS, mlquiz runs in an iframe of another site: the
# LMS origins listed here may frame it (CSP frame-ancestors), and in production the session and
# CSRF cookies become SameSite=None (they must travel in a third-party frame; Secure is already
# on). Empty: nobody may frame mlquiz, as before; launches still work in a new window or tab.
LTI_FRAME_ANCESTORS = env_list("MLQUIZ_LTI_FRAME_ANCESTORS", "")
if LTI_FRAME_ANCESTORS and not DEBUG:
    SESSION_COOKIE_SAMESITE = "None"
    CSRF_COOKIE_SAMESITE = "None"
# Grade passback: a score the LMS refused is retried with exponential backoff, from
# LTI_SCORE_RETRY_SECONDS up to LTI_SCORE_RETRY_MAX_SECONDS, and given up (shown as failed, with
# "retry now" for staff) after LTI_SCORE_MAX_ATTEMPTS attempts.
LTI_SCORE_RETRY_SECONDS = int(os.environ.get("MLQUIZ_LTI_SCORE_RETRY_SECONDS", "30"))
LTI_SCORE_RETRY_MAX_SECONDS = int(os.environ.get("MLQUIZ_LTI_SCORE_RETRY_MAX_SECONDS", "3600"))
LTI_SCORE_MAX_ATTEMPTS = int(os.environ.get("MLQUIZ_LTI_SCORE_MAX_ATTEMPTS", "25"))
# Timeout of every call mlquiz makes to an LMS (token, scores, roster, key sets), in seconds.
LTI_HTTP_TIMEOUT = float(os.environ.get("MLQUIZ_LTI_HTTP_TIMEOUT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
