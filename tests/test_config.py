"""Settings come from the environment: each case imports the settings in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
# Everything the settings read, so the test run's own environment cannot leak in.
SETTINGS_VARIABLES = {
    "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DATABASE_URL",
    "REDIS_URL", "MEDIA_ROOT", "MEDIA_URL", "HTTPS", "BEHIND_PROXY", "SERVE_MEDIA",
    "CONN_MAX_AGE", "CACHE_KEY_PREFIX", "NO_CACHE", "PAGE_CACHE", "STATIC_ROOT",
    "PYTEST_XDIST_WORKER", "PYTEST_CURRENT_TEST", "DJANGO_SETTINGS_MODULE",
}  # fmt: skip
SECRET = "a-test-secret-key-that-is-long-enough-0123456789-abcdefghijklmnop"

READ_SETTINGS = """
import json, sys
from django.conf import settings
print(json.dumps({name: getattr(settings, name, None) for name in sys.argv[1:]}, default=str))
"""


def run_python(code, *args, **env):
    """Run code with the settings importable and exactly these variables set."""
    environment = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    environment["DJANGO_SETTINGS_MODULE"] = "site_config.settings"
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_settings(names, **env):
    return run_python(READ_SETTINGS, *names, **env)


def settings_with(*names, **env):
    result = run_settings(names, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production(**env):
    return {"SECRET_KEY": SECRET, "DEBUG": "0", **env}


# Database


def test_database_defaults_to_sqlite_in_the_project_folder():
    database = settings_with("DATABASES", **production())["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == PROJECT_DIR / "db.sqlite3"


def test_database_url_selects_postgresql():
    url = "postgres://health:s3cret@db.internal:6432/healthlib"
    database = settings_with("DATABASES", **production(DATABASE_URL=url))["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == (
        "healthlib",
        "health",
        "s3cret",
    )
    assert (database["HOST"], database["PORT"]) == ("db.internal", 6432)


def test_database_connections_are_kept_and_checked():
    url = "postgres://health@db/healthlib"
    database = settings_with("DATABASES", **production(DATABASE_URL=url))["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_sqlite_url_selects_that_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    database = settings_with("DATABASES", **production(DATABASE_URL=url))["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "other.sqlite3")


# Cache


def test_cache_is_in_process_without_redis_url():
    cache = settings_with("CACHES", **production())["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_redis_url_switches_the_cache_to_redis():
    url = "redis://cache.internal:6379/3"
    cache = settings_with("CACHES", **production(REDIS_URL=url))["CACHES"]["default"]
    assert cache["LOCATION"] == url
    result = run_python(
        "from django.conf import settings\n"
        "from django.core.cache.backends.redis import RedisCache\n"
        "from django.utils.module_loading import import_string\n"
        "print(issubclass(import_string(settings.CACHES['default']['BACKEND']), RedisCache))",
        **production(REDIS_URL=url),
    )
    assert result.stdout.split() == ["True"], result.stderr


# Secret key and debug


def test_missing_secret_key_with_debug_off_is_a_clear_error():
    result = run_settings(["SECRET_KEY"], DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_empty_secret_key_with_debug_off_is_refused():
    result = run_settings(["SECRET_KEY"], DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_missing_secret_key_is_generated_for_local_debugging():
    first = settings_with("SECRET_KEY", DEBUG="1")["SECRET_KEY"]
    second = settings_with("SECRET_KEY", DEBUG="1")["SECRET_KEY"]
    assert len(first) >= 50
    assert first != second


def test_secret_key_comes_from_the_environment():
    assert settings_with("SECRET_KEY", **production())["SECRET_KEY"] == SECRET


def test_debug_is_off_by_default():
    assert settings_with("DEBUG", SECRET_KEY=SECRET)["DEBUG"] is False


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("0", False)])
def test_debug_reads_common_spellings(value, expected):
    assert settings_with("DEBUG", SECRET_KEY=SECRET, DEBUG=value)["DEBUG"] is expected


# Hosts, origins, media


def test_allowed_hosts_and_trusted_origins_are_comma_separated_lists():
    values = settings_with(
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
        **production(
            ALLOWED_HOSTS="health.example.org, www.health.example.org",
            CSRF_TRUSTED_ORIGINS="https://health.example.org",
        ),
    )
    assert values["ALLOWED_HOSTS"] == ["health.example.org", "www.health.example.org"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://health.example.org"]


def test_allowed_hosts_default_to_this_machine():
    hosts = settings_with("ALLOWED_HOSTS", **production())["ALLOWED_HOSTS"]
    assert "127.0.0.1" in hosts and "localhost" in hosts
    assert "*" not in hosts


def test_media_location_comes_from_the_environment(tmp_path):
    values = settings_with(
        "MEDIA_ROOT",
        "MEDIA_URL",
        **production(MEDIA_ROOT=str(tmp_path), MEDIA_URL="https://cdn.example.org/media/"),
    )
    assert values == {"MEDIA_ROOT": str(tmp_path), "MEDIA_URL": "https://cdn.example.org/media/"}


# The HTTPS switch

HTTPS_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
]


def test_production_is_https_only_by_default():
    values = settings_with(*HTTPS_SETTINGS, **production())
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000


def test_https_switch_off_serves_plain_http():
    values = settings_with(*HTTPS_SETTINGS, **production(HTTPS="0"))
    assert values == {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
    }


def test_debug_never_forces_https():
    values = settings_with(*HTTPS_SETTINGS, DEBUG="1")
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0


def test_proxy_header_is_trusted_only_behind_a_proxy():
    plain = settings_with("SECURE_PROXY_SSL_HEADER", **production())
    assert plain["SECURE_PROXY_SSL_HEADER"] is None
    behind = settings_with("SECURE_PROXY_SSL_HEADER", **production(BEHIND_PROXY="1"))
    assert behind["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_settings_are_safe_to_import_without_any_variable_but_secret_key():
    result = run_settings(["DEBUG"], SECRET_KEY=SECRET)
    assert result.returncode == 0, result.stderr
