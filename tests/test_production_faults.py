"""Faults, with the site running as in production (gunicorn, DEBUG off) in a subprocess:
a database that is down, a worker killed mid-request, two app servers sharing PostgreSQL
and Redis. Redis being down is covered in test_production_cache.py."""

import contextlib
import http.cookiejar
import json
import os
import re
import signal
import sqlite3
import threading
import time
import urllib.parse
import urllib.request
from http import HTTPStatus

import pytest
from django.conf import global_settings
from django.conf import settings as django_settings

from site_config.models import SiteSettings
from tests.admin_forms import form_data
from tests.servers import GunicornServer, get, manage, site_env
from tests.slow_wsgi import SAVE_THEN_HANG_PATH, SAVED_SLUG

BROKEN_DATABASES = {
    "sqlite file that cannot be opened": "sqlite:////nonexistent-directory/site.sqlite3",
    "postgresql on a closed port": "postgres://postgres@127.0.0.1:6391/healthlib",
}


def wait_for(condition, timeout=20, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


# Database down


@pytest.fixture(params=BROKEN_DATABASES.values(), ids=BROKEN_DATABASES.keys())
def site_without_database(request, tmp_path, collected_static_root):
    env = site_env(DATABASE_URL=request.param, STATIC_ROOT=collected_static_root)
    log_path = tmp_path / "gunicorn.log"
    with GunicornServer(env, log_path=log_path) as server:
        server.log_path = log_path
        yield server


@pytest.mark.parametrize("path", ["/", "/articles/sleep/", "/glossary/", "/search/?q=sleep"])
def test_database_down_gives_a_styled_503_page(site_without_database, path):
    status, headers, body = site_without_database.get(path)
    html = body.decode()
    assert status == HTTPStatus.SERVICE_UNAVAILABLE
    assert "We'll be back in a moment" in html
    assert '<link rel="stylesheet" href="/static/css/site.' in html
    assert "Traceback" not in html


def test_database_down_503_asks_to_retry_later(site_without_database):
    _, headers, _ = site_without_database.get("/")
    assert int(headers["Retry-After"]) > 0


def test_database_down_503_keeps_the_security_headers(site_without_database):
    _, headers, _ = site_without_database.get("/")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_database_down_fails_the_health_check(site_without_database):
    status, _, body = site_without_database.get("/healthz")
    assert status == HTTPStatus.SERVICE_UNAVAILABLE
    assert json.loads(body)["database"] == "unavailable"


def test_database_down_is_logged(site_without_database):
    site_without_database.get("/")
    site_without_database.stop()
    assert "Database unavailable for /" in site_without_database.log_path.read_text()


# A worker killed in the middle of a request


def get_ignoring_disconnect(server):
    with contextlib.suppress(OSError):  # the worker dies under this request
        server.get(SAVE_THEN_HANG_PATH, timeout=30)


def test_killed_worker_loses_nothing_already_saved(tmp_path, collected_static_root):
    database = tmp_path / "site.sqlite3"
    env = site_env(DATABASE_URL=f"sqlite:///{database}", STATIC_ROOT=collected_static_root)
    manage("migrate", "--noinput", "--verbosity", "0", env=env)

    def saved_rows():
        with sqlite3.connect(database, timeout=5) as db:
            query = "SELECT count(*) FROM articles_article WHERE slug = ?"
            return db.execute(query, [SAVED_SLUG]).fetchone()[0]

    with GunicornServer(env, app="tests.slow_wsgi:application") as server:
        [worker] = server.worker_pids()
        request = threading.Thread(target=get_ignoring_disconnect, args=[server])
        request.start()
        assert wait_for(lambda: saved_rows() == 1), "the slow request never saved its article"
        os.kill(worker, signal.SIGKILL)
        request.join(timeout=30)
        # The master replaces the worker; the new one serves what the old one saved.
        assert wait_for(lambda: server.get(f"/articles/{SAVED_SLUG}/")[0] == HTTPStatus.OK)
        assert worker not in server.worker_pids()

    assert saved_rows() == 1
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# Two app servers sharing PostgreSQL and Redis


def shared_services_env(static_root):
    database = django_settings.DATABASES["default"]
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{key: database.get(key) or "" for key in ("USER", "PASSWORD", "HOST", "PORT", "NAME")}
    )
    return site_env(
        DATABASE_URL=url,
        REDIS_URL=django_settings.CACHES["default"]["LOCATION"],
        CACHE_KEY_PREFIX=django_settings.CACHES["default"]["KEY_PREFIX"],
        STATIC_ROOT=static_root,
    )


@pytest.fixture
def two_app_servers(transactional_db, collected_static_root):
    SiteSettings.load()
    env = shared_services_env(collected_static_root)
    with GunicornServer(env) as first, GunicornServer(env) as second:
        yield first, second


def body_of(server, path):
    status, _, body = server.get(path)
    assert status == HTTPStatus.OK, (server.url, path, status)
    return body.decode()


@pytest.mark.postgres
@pytest.mark.redis
def test_edit_shows_on_both_app_servers_at_once(two_app_servers, article_factory):
    first, second = two_app_servers
    article = article_factory(title="Sleep and hormones", slug="sleep")
    for server in two_app_servers:  # both now hold the page in the shared cache
        assert "Sleep and hormones" in body_of(server, "/articles/sleep/")
        assert "Sleep and hormones" in body_of(server, "/")

    article.title = "Sleep, hormones and shift work"
    article.save()

    for server in (second, first):
        assert "Sleep, hormones and shift work" in body_of(server, "/articles/sleep/")
        assert "Sleep, hormones and shift work" in body_of(server, "/")


@pytest.mark.postgres
@pytest.mark.redis
def test_banner_edit_saved_through_one_server_shows_on_the_other(
    two_app_servers, django_user_model, settings
):
    first, second = two_app_servers
    # The servers run with production hashers, not the fast one the test process uses.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    django_user_model.objects.create_superuser("admin", "", "a-long-pass-phrase-for-tests")
    assert "Ask your pharmacist" not in body_of(second, "/")

    session = AdminSession(first)
    session.sign_in("admin", "a-long-pass-phrase-for-tests")
    session.change_site_settings(banner_text="Ask your pharmacist before changing a medicine.")

    assert "Ask your pharmacist before changing a medicine." in body_of(second, "/")
    assert SiteSettings.objects.get().banner_text.startswith("Ask your pharmacist")


class AdminSession:
    """A browser-like admin session (cookies, CSRF token) against one app server."""

    def __init__(self, server):
        self.server = server
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def open(self, path, data=None):
        encoded = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        with self.opener.open(self.server.url + path, encoded, timeout=10) as response:
            return response.status, response.read().decode()

    def form(self, path, form_id=None):
        _, html = self.open(path)
        data = form_data(type("Page", (), {"content": html.encode()})(), form_id)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        data["csrfmiddlewaretoken"] = token.group(1)
        return data

    def sign_in(self, username, password):
        data = self.form("/admin/login/")
        data.update(username=username, password=password)
        _, html = self.open("/admin/login/", data)
        assert "Log out" in html or "logout" in html, "sign-in failed"

    def change_site_settings(self, **changes):
        path = "/admin/site_config/sitesettings/1/change/"
        data = self.form(path, "sitesettings_form")
        data.update(changes)
        status, _ = self.open(path, data)
        assert status == HTTPStatus.OK


def test_local_server_speaks_plain_http(tmp_path, collected_static_root):
    env = site_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}", STATIC_ROOT=collected_static_root
    )
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    with GunicornServer(env) as server:
        status, headers, _ = server.get("/")
    assert status == HTTPStatus.OK
    # The other security headers stay: only the HTTPS-only ones follow the switch.
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "Strict-Transport-Security" not in headers


def test_static_files_are_compressed_with_far_future_cache_headers(tmp_path, collected_static_root):
    manifest = json.loads((collected_static_root / "staticfiles.json").read_text())
    hashed_css = manifest["paths"]["css/site.css"]
    env = site_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}", STATIC_ROOT=collected_static_root
    )
    with GunicornServer(env) as server:
        url = f"{server.url}/static/{hashed_css}"
        brotli = get(url, headers={"Accept-Encoding": "br"})[1]
        gzip = get(url, headers={"Accept-Encoding": "gzip"})[1]
    assert brotli["Content-Encoding"] == "br"
    assert gzip["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in brotli["Cache-Control"]
    assert "immutable" in brotli["Cache-Control"]
