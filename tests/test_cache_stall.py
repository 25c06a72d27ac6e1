"""An edit saved while the shared cache stalls still shows on every page once the cache is
back (site_config.cache_keys): the missed invalidation is recorded in the database and
replayed. The fault tests start a Redis of their own on a free port and pause it with
SIGSTOP while the edit is saved."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache

from site_config import cache_keys
from site_config import redis_cache as resilient_cache
from site_config.models import MissedInvalidation

pytestmark = pytest.mark.django_db


def wait_for(condition, timeout=10, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def own_redis(settings):
    """A Redis server of this test's own, as the site's cache: (its process, a raw client)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed")
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    raw = redis.Redis(host="127.0.0.1", port=port, socket_timeout=2)

    def answers():
        try:
            return raw.ping()
        except redis.RedisError:
            return False

    try:
        assert wait_for(answers), "redis-server did not start"
        settings.CACHES = {
            "default": {
                "BACKEND": "site_config.redis_cache.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
        settings.PAGE_CACHE_ENABLED = True
        resilient_cache._unavailable_until.clear()
        cache_keys._pending_bumps.clear()
        yield server, raw
    finally:
        os.kill(server.pid, signal.SIGCONT)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        resilient_cache._unavailable_until.clear()
        cache_keys._pending_bumps.clear()


def stored_generation(raw):
    """PUBLIC_PAGES as stored in Redis, read around the site's code (which would retry)."""
    value = raw.get(cache.make_key(cache_keys._generation_key(cache_keys.PUBLIC_PAGES)))
    return int(value or 0)


def save_edit_while_paused(server, article, title):
    os.kill(server.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        article.title = title
        article.save()
        # The save waited for the stalled cache at most its socket timeouts, and went on.
        assert time.monotonic() - started < 10
    finally:
        os.kill(server.pid, signal.SIGCONT)


def cache_page(client, article, raw):
    """Read the article's page until it is cached under the generation Redis holds now (the
    first read of a new article may itself move the generation)."""
    for _ in range(3):
        client.get(article.get_absolute_url())
        generation = stored_generation(raw)
        if raw.keys(cache.make_key(f"page:{generation}:*")):
            return generation
    pytest.fail("the page was never cached")


def shows(client, article, text):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return text in response.content.decode()


@pytest.mark.redis
def test_edit_saved_while_redis_stalls_shows_once_it_is_back(client, own_redis, public_article):
    server, raw = own_redis
    before = cache_page(client, public_article, raw)

    save_edit_while_paused(server, public_article, "Edited while the cache stalled")

    # Another process never saw the outage: it reads the generation straight from Redis.
    # The bump it missed is made again by this process as soon as Redis answers.
    assert wait_for(lambda: stored_generation(raw) > before), "the missed bump was not replayed"
    resilient_cache._unavailable_until.clear()
    assert shows(client, public_article, "Edited while the cache stalled")


@pytest.mark.redis
def test_missed_bump_of_a_stopped_process_is_replayed_from_the_database(
    client, own_redis, public_article, monkeypatch
):
    server, raw = own_redis
    before = cache_page(client, public_article, raw)
    # The process that saves the edit stops before Redis is back: nothing it kept in memory,
    # nor its retry thread, survives it.
    monkeypatch.setattr(cache_keys, "_start_replayer", lambda: None)

    save_edit_while_paused(server, public_article, "Edited by a process that then stopped")
    cache_keys._pending_bumps.clear()
    resilient_cache._unavailable_until.clear()

    assert MissedInvalidation.objects.filter(name=cache_keys.PUBLIC_PAGES).exists()
    assert stored_generation(raw) == before
    assert shows(client, public_article, "Public article")  # still the cached page
    assert client.get("/healthz").status_code == 200
    assert stored_generation(raw) > before
    assert not MissedInvalidation.objects.exists()
    assert shows(client, public_article, "Edited by a process that then stopped")


def test_missed_bump_is_recorded_in_the_database_with_the_edit(monkeypatch):
    (before,) = cache_keys.get_generations(cache_keys.PUBLIC_PAGES)
    with monkeypatch.context() as outage:
        outage.setattr(cache_keys, "_increment", lambda key: False)
        cache_keys.bump(cache_keys.PUBLIC_PAGES, cache_keys.GLOSSARY)
    assert sorted(MissedInvalidation.objects.values_list("name", flat=True)) == [
        cache_keys.GLOSSARY,
        cache_keys.PUBLIC_PAGES,
    ]
    cache_keys._pending_bumps.clear()  # as in another process

    assert cache_keys.replay_missed_invalidations() == 0
    assert not MissedInvalidation.objects.exists()
    assert cache_keys.get_generations(cache_keys.PUBLIC_PAGES) > (before,)


def test_replay_keeps_what_the_cache_still_refuses(monkeypatch):
    with monkeypatch.context() as outage:
        outage.setattr(cache_keys, "_increment", lambda key: False)
        cache_keys.bump(cache_keys.PUBLIC_PAGES)
        assert cache_keys.replay_missed_invalidations() == 1
    assert MissedInvalidation.objects.count() == 1
    assert cache_keys.replay_missed_invalidations() == 0
    assert not MissedInvalidation.objects.exists()


def test_health_check_replays_missed_invalidations(client, monkeypatch):
    (before,) = cache_keys.get_generations(cache_keys.PUBLIC_PAGES)
    with monkeypatch.context() as outage:
        outage.setattr(cache_keys, "_increment", lambda key: False)
        cache_keys.bump(cache_keys.PUBLIC_PAGES)
    cache_keys._pending_bumps.clear()
    assert cache_keys.get_generations(cache_keys.PUBLIC_PAGES) == (before,)

    assert client.get("/healthz").status_code == 200
    assert cache_keys.get_generations(cache_keys.PUBLIC_PAGES) > (before,)
    assert not MissedInvalidation.objects.exists()
