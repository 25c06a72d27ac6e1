"""Every cache the site keeps, under which key, and how an edit makes it stale.

All caches live in Django's default cache (Redis, shared by every app server, when
REDIS_URL is set). Nothing is ever deleted to invalidate it: a cached thing puts one or
more *generation* numbers in its key, and an edit bumps the generations it affects, so
every server misses at once and renders afresh; stale entries simply expire.

- whole pages (`page_key`): a public page for anonymous readers (site_config/page_cache.py).
  Stale when PUBLIC_PAGES moves, which every content edit does.
- page expiry (`next_change_key`): when a scheduled change next goes public (also read by
  articles/middleware.py to publish due drafts). PUBLIC_PAGES, which scheduling bumps.
- public fragments (`public_fragment_key`): costly pieces of public pages, such as the public
  tag counts of the home page and the topics page, the topics that narrow a list, the home
  page's lists and an article's content as readers see it
  (`page_cache.cached_public_fragment`). Stale when PUBLIC_PAGES moves, and at the next
  scheduled change, like whole pages; kept even when the page cache is switched off.
- rendered article (`rendered_article_key`): an article's sections as safe HTML with numbered
  citations and glossary links (articles/rendered_article.py). Stale when the article's own
  generation (`article_generation(id)`) or REFERENCES moves. A glossary term edit bumps the
  generations of the articles it can change (those linking it, or mentioning one of its
  names), not every article's.
- article body HTML (`article_body_key`): the contents, sections and reference list of one
  article as HTML. Same as the rendered article.
- Markdown (`markdown_key`): one text rendered to safe HTML. Never stale: the key is the text.
- glossary index (`glossary_index_key`): published terms' names for the linker
  (glossary/linking.py). GLOSSARY.
- site settings (`SITE_SETTINGS`): the SiteSettings row; deleted when the row is saved.

Which edit bumps which generation is said in one place: articles/invalidation.py (its
receivers and its docstring's table). The page cache itself is site_config/page_cache.py.

A bump that fails because the cache is unreachable (down, or stalled past its socket
timeout) is not lost: it is written to the database (site_config.MissedInvalidation, in the
edit's own transaction when there is one) and bumped again once the cache answers:
- by the process that missed it, before it next reads a generation, and from a background
  thread that watches for the cache to come back, so pages served by other processes (which
  never saw the outage) show the edit at once too;
- by any process, from the database rows, when the health check (/healthz) runs, for a
  process that stopped before the cache came back.
"""

import hashlib
import logging
import threading
import time

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

# Generations: the names of things that, when edited, make some cached entries stale.
PUBLIC_PAGES = "public-pages"  # anything a public page shows
GLOSSARY = "glossary"  # published terms: names, aliases, definitions
REFERENCES = "references"  # any reference's text

SITE_SETTINGS = "site-settings"

# Bump the number when what a cache holds changes shape, so a new release never reads an
# entry an older one wrote.
MARKDOWN_FORMAT = 3  # 2: cmark-gfm (captions, scope); 3: table cells labelled
GLOSSARY_INDEX_FORMAT = 1
ARTICLE_BODY_FORMAT = 2  # 2: the first level marker links to the levels' explanation
PUBLIC_FRAGMENT_FORMAT = 1


def article_generation(article_id):
    """The generation of one article's own content (fields, sections, figures, reference list)."""
    return f"article:{article_id}"


def _generation_key(name):
    return f"generation:{name}"


# Bumps that could not reach the cache, retried before generations are next read.
_pending_bumps = set()
_pending_lock = threading.Lock()

# The background retry: how often it asks whether the cache is back, and for how long.
REPLAY_INTERVAL_SECONDS = 0.2
REPLAY_GIVE_UP_SECONDS = 600
_replayer = None


def get_generations(*names):
    if _pending_bumps:
        _retry_pending_bumps()
    keys = [_generation_key(name) for name in names]
    found = cache.get_many(keys)
    return tuple(found.get(key, 0) for key in keys)


def bump(*names):
    """Make everything cached under these generations stale, on every app server."""
    _bump_now(names)
    if connection.in_atomic_block:
        # A reader may render the old rows between the change and the commit and cache
        # them under the new generation: bump again once the change is visible to all.
        transaction.on_commit(lambda: _bump_now(names))


def _bump_now(names):
    missed = [name for name in names if not _increment(_generation_key(name))]
    if missed:
        _record_missed(missed)


def _increment(key):
    """Move a generation on; False if the cache could not be reached."""
    if cache.add(key, 1, None):
        return True
    try:
        return bool(cache.incr(key))
    except ValueError:  # expired or evicted between add and incr
        cache.set(key, 1, None)
        return cache.get(key) is not None


def _record_missed(names):
    with _pending_lock:
        _pending_bumps.update(names)
    from .models import MissedInvalidation

    try:
        with transaction.atomic():
            MissedInvalidation.objects.bulk_create(
                [MissedInvalidation(name=name) for name in names]
            )
    except DatabaseError:
        logger.exception("Could not record the missed cache invalidation of %s", names)
    _start_replayer()


def _retry_pending_bumps():
    with _pending_lock:
        names = list(_pending_bumps)
        _pending_bumps.clear()
    missed = [name for name in names if not _increment(_generation_key(name))]
    if missed:
        with _pending_lock:
            _pending_bumps.update(missed)


def replay_missed_invalidations():
    """Bump again every generation whose bump the cache missed, as recorded in the database
    (by any process), and forget those it could bump. Returns how many are left."""
    from .models import MissedInvalidation

    if _pending_bumps:
        _retry_pending_bumps()
    missed = list(MissedInvalidation.objects.values_list("pk", "name")[:1000])
    if not missed:
        return 0
    bumped = {name for name in {name for _, name in missed} if _increment(_generation_key(name))}
    done = [pk for pk, name in missed if name in bumped]
    MissedInvalidation.objects.filter(pk__in=done).delete()
    return len(missed) - len(done)


def _start_replayer():
    """Start the thread that bumps this process's missed generations once the cache is back,
    unless it runs already. Only for a cache that can tell it is back (Redis)."""
    global _replayer
    if not hasattr(cache, "reachable"):
        return  # a local cache is never unreachable: the next read retries
    with _pending_lock:
        if _replayer is not None and _replayer.is_alive():
            return
        _replayer = threading.Thread(target=_replay_when_back, name="cache-replay", daemon=True)
        _replayer.start()


def _replay_when_back():
    deadline = time.monotonic() + REPLAY_GIVE_UP_SECONDS
    while _pending_bumps and time.monotonic() < deadline:
        time.sleep(REPLAY_INTERVAL_SECONDS)
        # The cache in use may have changed meanwhile (settings in tests): ask it anew.
        reachable = getattr(cache, "reachable", None)
        if reachable is None or reachable():
            _retry_pending_bumps()
    if _pending_bumps:
        logger.error("The cache did not come back in %s s; still pending: %s",
                     REPLAY_GIVE_UP_SECONDS, sorted(_pending_bumps))  # fmt: skip


# Key builders. Every key the site writes is built here.


def page_key(generation, url):
    return f"page:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"


def next_change_key(generation):
    return f"page-cache:next-change:{generation}"


def public_fragment_key(generation, name):
    digest = hashlib.sha256(name.encode()).hexdigest()
    return f"public-fragment:{PUBLIC_FRAGMENT_FORMAT}:{generation}:{digest}"


def rendered_article_key(version):
    return f"rendered-article:{version}"


def article_body_key(version):
    return f"article-body:{ARTICLE_BODY_FORMAT}:{version}"


def markdown_key(text, marked):
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"markdown:{MARKDOWN_FORMAT}:{int(marked)}:{digest}"


def glossary_index_key(generation):
    return f"glossary-index:{GLOSSARY_INDEX_FORMAT}:{generation}"


def glossary_index_stamp_key(generation):
    return f"glossary-index-stamp:{GLOSSARY_INDEX_FORMAT}:{generation}"
