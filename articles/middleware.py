"""Scheduled replacements go public with no cron job: the first request after their time
publishes them (articles.workflow.publish_due_drafts) before anything is served.

Asking costs nothing extra: the page cache already keeps, per content generation, when the
public content next changes (articles.models.next_public_change), and a working copy that is
due makes that time lie in the past.
"""

import time

from django.db import DatabaseError

from site_config import cache_keys
from site_config.page_cache import next_content_change

from .workflow import publish_due_drafts


class PublishDueDraftsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = time.time()
        try:
            (generation,) = cache_keys.get_generations(cache_keys.PUBLIC_PAGES)
            if next_content_change(generation, now) <= now:
                publish_due_drafts()
        except DatabaseError:
            # The database is down: what comes next (the health check, the 503 page, a page
            # still in the cache) says so; publishing waits for the next request.
            pass
        return self.get_response(request)
