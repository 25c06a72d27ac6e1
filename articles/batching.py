"""Refresh an article's derived data once per batch of saves, not once per saved part.

Saving an article's sections and figures one by one (an admin save with inlines, load_demo)
would re-derive the article's glossary links and search entry after every part. Inside
`once_per_article()` each refresh is collected and run once per article when the batch ends;
outside it, refreshes run at once.
"""

import threading
from contextlib import contextmanager

_batch = threading.local()


@contextmanager
def once_per_article():
    if getattr(_batch, "pending", None) is not None:  # an outer batch will run them
        yield
        return
    _batch.pending = {}
    try:
        yield
        pending = _batch.pending
    finally:
        _batch.pending = None
    for refresh, article_id in pending:
        refresh(article_id)


def refresh_article(refresh, article_id):
    """Run `refresh(article_id)` now, or once at the end of the current batch."""
    pending = getattr(_batch, "pending", None)
    if pending is None:
        refresh(article_id)
    else:
        pending.setdefault((refresh, article_id), None)
