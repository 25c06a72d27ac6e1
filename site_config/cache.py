import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    """Redis cache that degrades to "no cache" when Redis is unreachable.

    A cache outage must never become a reader-facing 500: reads miss, writes are
    dropped, and the failure is logged.
    """

    def _guard(name, default=None):  # noqa: N805 - a decorator factory used in the class body
        def method(self, *args, **kwargs):
            try:
                return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)  # noqa: UP008
            except (RedisError, OSError) as error:
                logger.warning("Redis cache %s failed: %s", name, error)
                return default() if callable(default) else default

        method.__name__ = name
        return method

    get = _guard("get")
    get_many = _guard("get_many", dict)
    set = _guard("set")
    set_many = _guard("set_many", list)
    add = _guard("add", False)
    delete = _guard("delete", False)
    delete_many = _guard("delete_many")
    touch = _guard("touch", False)
    has_key = _guard("has_key", False)
    incr = _guard("incr", 0)
    clear = _guard("clear", False)
    del _guard
