import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# After a failure, leave Redis alone this long: a Redis that hangs instead of refusing
# would otherwise cost every request a socket timeout per cache call.
RETRY_AFTER_SECONDS = 5.0

# Per process and per server: when each Redis may be tried again.
_unavailable_until = {}


class ResilientRedisCache(RedisCache):
    """Redis cache that degrades to "no cache" when Redis is unreachable.

    A cache outage must never become a reader-facing 500: reads miss, writes are
    dropped, and the failure is logged (once per retry interval, not once per call).
    """

    def _call(self, method, default, *args):
        server = self._servers[0]
        if _unavailable_until.get(server, 0.0) > time.monotonic():
            return default
        try:
            return method(*args)
        except (RedisError, OSError) as error:
            _unavailable_until[server] = time.monotonic() + RETRY_AFTER_SECONDS
            logger.error(
                "Redis cache unavailable (%s failed: %s); serving without it for %g s",
                method.__name__,
                error,
                RETRY_AFTER_SECONDS,
            )
            return default

    def reachable(self):
        """True if Redis answers now, even within a pause after a failure (which it ends)."""
        server = self._servers[0]
        try:
            self._cache.get_client(write=True).ping()
        except (RedisError, OSError):
            return False
        _unavailable_until.pop(server, None)
        return True

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call(super().incr, 0, key, delta, version)

    def clear(self):
        """Delete this site's keys only: the Redis database may be shared (FLUSHDB is not)."""
        return self._call(self._clear_own_keys, False)

    def _clear_own_keys(self):
        client = self._cache.get_client(write=True)
        pattern = f"{self.key_prefix}:*"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        return True
