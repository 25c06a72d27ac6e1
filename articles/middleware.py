"""Scheduled replacements go public with no cron job: the first request after their time
publishes them (articles.workflow.publish_due_drafts) before anything is served."""

import time

from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Min

from site_config import cache_keys

from .models import Article
from .workflow import publish_due_drafts

CHECK_SECONDS = 600


def next_due_time():
    """When the next scheduled working copy is due (a timestamp), asked once per content
    generation and at most every CHECK_SECONDS, not per request."""
    (generation,) = cache_keys.get_generations(cache_keys.PUBLIC_PAGES)
    key = cache_keys.next_draft_due_key(generation)
    due = cache.get(key)
    if due is None:
        first = Article.objects.scheduled_working_copies().aggregate(Min("publish_at"))
        due = first["publish_at__min"].timestamp() if first["publish_at__min"] else float("inf")
        cache.set(key, due, CHECK_SECONDS)
    return due


class PublishDueDraftsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            if next_due_time() <= time.time():
                publish_due_drafts()
        except DatabaseError:
            # The database is down: what comes next (the health check, the 503 page, a page
            # still in the cache) says so; publishing waits for the next request.
            pass
        return self.get_response(request)
