"""Settings for the health library, read from the environment (12-factor).

Local defaults need no services: SQLite in the project folder and a
local-memory cache. Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS,
DATABASE_URL (PostgreSQL) and REDIS_URL.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable (it is required when DEBUG is off). "
            "`make run` generates one for local use in .secret_key."
        )
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.redirects",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    "reversion",
    "nested_admin",
    "csp",
    "axes",
    "django_rq",
    "site_config",
    "glossary",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "site_config.middleware.CSPMiddleware",
    "site_config.middleware.SecurityHeadersMiddleware",
    "site_config.middleware.RequestLimitsMiddleware",
    "site_config.unavailable.DatabaseUnavailableMiddleware",
    # Brotli or gzip for public pages, never for one that may hold a secret (BREACH).
    "site_config.compression.CompressionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Before sessions and authentication: a warm hit for an anonymous reader runs no SQL.
    "site_config.page_cache.PageCacheMiddleware",
    # Publishes drafts whose scheduled time has come, before anything below reads content.
    "articles.middleware.PublishDueDraftsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # contrib.redirects, keeping the query string (site_config/redirects.py).
    "site_config.redirects.RedirectFallbackMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site_config.urls"
# contrib.sites, for contrib.redirects. Its domain (admin, *Sites*) is the one the feeds and
# the sitemap put in their links.
SITE_ID = 1
WSGI_APPLICATION = "site_config.wsgi.application"

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
                "site_config.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; busy timeout instead of "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "site_config.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # Parallel test workers share one Redis database: each keeps its own keys.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "healthlib"),
            "TIMEOUT": 3600,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "healthlib",
            "TIMEOUT": 3600,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
if env_bool("NO_CACHE", False):
    # Every request renders from scratch: for the "cold" benchmark and troubleshooting.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# Background jobs (site_config/jobs.py). With Redis, jobs go on an RQ queue that `make worker`
# (manage.py rqworker) runs; without it they run at once in the process that queued them.
JOBS_IN_PROCESS = env_bool("JOBS_IN_PROCESS", not REDIS_URL)
JOBS_QUEUE = os.environ.get("JOBS_QUEUE", "default")
RQ_QUEUES = {
    JOBS_QUEUE: {
        "URL": os.environ.get("JOBS_REDIS_URL", REDIS_URL or "redis://127.0.0.1:6379/0"),
        # A job re-rendering thousands of articles may take minutes.
        "DEFAULT_TIMEOUT": int(os.environ.get("JOBS_TIMEOUT_SECONDS", "3600")),
    }
}
# Jobs are followed in the admin's own Jobs list (site_config.Job), not django-rq's dashboard.
RQ_SHOW_ADMIN_LINK = False
# site_config.jobs queues a job once the saving transaction has committed, by itself.
RQ = {"COMMIT_MODE": "auto"}
# Attempts per job, and the waits before the second, third... attempt on the queue.
JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "3"))
JOBS_RETRY_SECONDS = [int(s) for s in env_list("JOBS_RETRY_SECONDS", ["10", "60"])]

# Whole pages for anonymous readers (site_config/page_cache.py).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/"]
# When the public content next changes by itself (a scheduled article goes public).
PAGE_CACHE_NEXT_CHANGE = "articles.models.next_public_change"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The time zone editors work in: named next to every date and time in the admin.
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
# Serve uploaded media from Django (local `make run`); in production a proxy or object store does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

# Uploaded figures go to S3-compatible object storage when a bucket is named (django-storages
# with boto3; credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment,
# or the machine's role), otherwise to MEDIA_ROOT. Every app server then sees every upload.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
# Another S3-compatible service (MinIO, moto, R2...) is addressed by path, AWS by host name.
AWS_S3_ADDRESSING_STYLE = "path" if AWS_S3_ENDPOINT_URL else "virtual"
# Public, unsigned URLs: figures are public, and a signed URL would expire inside the
# article HTML that the caches keep. The bucket's policy makes objects readable.
AWS_QUERYSTRING_AUTH = False
AWS_DEFAULT_ACL = None
# Names are generated and unique (articles.models.figure_upload_to): never replace an object.
AWS_S3_FILE_OVERWRITE = False
AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
MEDIA_STORAGE_BACKEND = (
    "storages.backends.s3.S3Storage"
    if AWS_STORAGE_BUCKET_NAME
    else "django.core.files.storage.FileSystemStorage"
)


def object_storage_origin(bucket, endpoint_url, region, custom_domain):
    """The scheme and host that figure URLs point to (for the Content-Security-Policy)."""
    if custom_domain:
        return f"https://{custom_domain}"
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        return f"{parts.scheme}://{parts.netloc}"
    if region and region != "us-east-1":
        return f"https://{bucket}.s3.{region}.amazonaws.com"
    return f"https://{bucket}.s3.amazonaws.com"


STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
# DEBUG serves straight from static/ without collectstatic (so do the tests: tests/settings.py).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG


def add_static_file_headers(headers, path, url):
    # Static files skip the CSP middleware (WhiteNoise answers first). A policy matters for
    # a file a browser shows as a page (an SVG opened on its own): it may run nothing.
    headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; sandbox"


WHITENOISE_ADD_HEADERS_FUNCTION = add_static_file_headers
# Addresses longer than this get the 414 page (site_config.middleware.RequestLimitsMiddleware);
# gunicorn's limit_request_line is above it.
MAX_URL_LENGTH = 8000

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TAGGIT_CASE_INSENSITIVE = True
# Only commas separate tags: "Hormone Balance" typed with no comma is one tag.
TAGGIT_TAGS_FROM_STRING = "site_config.tagging.parse_tag_names"
TAGGIT_STRING_FROM_TAGS = "site_config.tagging.join_tag_names"
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Figure uploads (articles/forms.py): checked by content, re-encoded, within these limits.
FIGURE_MAX_BYTES = 5 * 1024 * 1024
FIGURE_MAX_PIXELS = 40_000_000  # in all frames of an animation together
FIGURE_MAX_FRAMES = 300

# HTTPS-only settings follow one switch: production leaves it on, `make run` turns it off.
HTTPS = env_bool("HTTPS", True) and not DEBUG
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Admin sign-in throttling (django-axes): a username and address pair is locked after
# repeated failures; other users and other addresses can still sign in.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The admin is the only place to sign in.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "site_config.ratelimit.signin_lockout_response"
# The same client address as the search rate limit: X-Forwarded-For only behind our proxy.
AXES_CLIENT_IP_CALLABLE = "site_config.ratelimit.client_ip"

# Public search: searches per client per window (site_config.ratelimit).
SEARCH_RATE_LIMIT = int(os.environ.get("SEARCH_RATE_LIMIT", "30"))
SEARCH_RATE_WINDOW_SECONDS = 60
# django-ratelimit counts search in the default cache; if that cache cannot count, let readers
# search rather than refuse everyone.
RATELIMIT_FAIL_OPEN = True
# Reader feedback on articles: answers per client per window (articles/feedback.py).
FEEDBACK_RATE_LIMIT = int(os.environ.get("FEEDBACK_RATE_LIMIT", "10"))
FEEDBACK_RATE_WINDOW_SECONDS = 600

# Figures are ours wherever they are stored: the bucket's address is allowed for images.
MEDIA_ORIGINS = (
    [
        object_storage_origin(
            AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_S3_CUSTOM_DOMAIN
        )
    ]
    if AWS_STORAGE_BUCKET_NAME
    else []
)

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "manifest-src": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# How long after a medical review the next one is due, unless SiteSettings says otherwise.
REVIEW_INTERVAL_MONTHS = 12
ARTICLES_PER_PAGE = 12
# How often the article form keeps a copy of what is being typed (articles.Autosave).
AUTOSAVE_SECONDS = int(os.environ.get("AUTOSAVE_SECONDS", "30"))
