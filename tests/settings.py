"""The site's settings (site_config/settings.py), with the switches only the tests need.

The site reads everything from the environment; a test run sets no environment of its own,
so the few things a test run needs differently are said here, once.
"""

import os

# A test run has no secret to protect; the site itself refuses to start without one.
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-never-used-by-a-real-site-0123456789")

from site_config.settings import *  # noqa: E402, F403 - the site's settings, then the overrides
from site_config.settings import ALLOWED_HOSTS, CACHES, MIDDLEWARE  # noqa: E402

# The test client's host first: the test database's site (contrib.sites, created by
# site_config's migration 0005 from the first entry) is then the one feeds and sitemap use.
ALLOWED_HOSTS = ["testserver", *ALLOWED_HOSTS]

# Hashing strength is Django's business, not ours: keep signing in fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Serve static files straight from static/ (no collectstatic, no manifest) as DEBUG does.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Parallel test workers share one Redis database: each keeps its own keys.
if "KEY_PREFIX" in CACHES["default"]:
    CACHES["default"]["KEY_PREFIX"] += "-test" + os.environ.get("PYTEST_XDIST_WORKER", "")

# django-axes logs every sign-in at INFO: noise in a test run's failure reports.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # noqa: F405

# Jobs run in the test process, even when REDIS_URL is set: tests/test_jobs.py starts a real
# worker where it means to.
JOBS_IN_PROCESS = True

# Outermost: the browser tests wait until no request is under way before the test database is
# flushed (tests/in_flight.py).
MIDDLEWARE = ["tests.in_flight.InFlightMiddleware", *MIDDLEWARE]
