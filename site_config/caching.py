"""Cache generations: cheap, shared invalidation of cached renderings.

Cached things (rendered articles, whole anonymous pages) put a generation number in
their key. Changing content bumps the generation in the shared cache, so every app
server misses at once and renders afresh; stale entries simply expire.
"""

from django.core.cache import cache
from django.db import connection, transaction

CONTENT = "content"
GLOSSARY = "glossary"
REFERENCES = "references"


def _key(name):
    return f"generation:{name}"


def get_generations(*names):
    keys = [_key(name) for name in names]
    found = cache.get_many(keys)
    return tuple(found.get(key, 0) for key in keys)


def _bump_now(names):
    for name in names:
        key = _key(name)
        if not cache.add(key, 1, None):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, None)


def bump(*names):
    _bump_now(names)
    if connection.in_atomic_block:
        # A reader may render the old rows between the change and the commit and cache
        # them under the new generation: bump again once the change is visible to all.
        transaction.on_commit(lambda: _bump_now(names))
