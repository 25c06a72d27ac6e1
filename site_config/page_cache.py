"""Whole public pages for anonymous readers, cached in the shared cache.

The key carries the PUBLIC_PAGES generation (site_config.cache_keys), which every content
edit bumps (articles/invalidation.py), so an edit shows at once on every app server. An
entry also expires when the next scheduled change goes public (PAGE_CACHE_NEXT_CHANGE, a
function of the articles app named in settings, so this module imports no other app), so a
scheduled article appears on time. A warm hit runs no SQL: the middleware sits before
sessions and authentication and answers from the cache.

Only anonymous requests are served from or stored in the cache (a request with a session
cookie may be a signed-in editor, who always gets a fresh page), and only plain 200
responses that set no cookie, use no CSRF token and are not marked private or no-store.
An entry keeps the page's Brotli and gzip bodies too (site_config/compression.py sends the
one the reader accepts), so a warm hit compresses nothing.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_vary_headers, set_response_etag
from django.utils.module_loading import import_string

from . import cache_keys
from .compression import compressed_bodies

UNCACHEABLE_CACHE_CONTROL = {"private", "no-cache", "no-store"}


def next_content_change(generation, now):
    """When pages of this generation go stale by themselves (a scheduled article appears).

    Asked once per generation, not per request: the answer is kept in the cache.
    """
    key = cache_keys.next_change_key(generation)
    next_change = cache.get(key)
    if next_change is None or next_change <= now:
        scheduled = import_string(settings.PAGE_CACHE_NEXT_CHANGE)()
        next_change = scheduled.timestamp() if scheduled else float("inf")
        cache.set(key, next_change, settings.PAGE_CACHE_SECONDS)
    return next_change


def cached_public_fragment(name, compute):
    """compute(), kept like a whole page: under the PUBLIC_PAGES generation and until the
    next scheduled change (cache_keys.public_fragment_key). For costly pieces that several
    public pages share, such as the public tag counts; used with the page cache on or off.
    """
    (generation,) = cache_keys.get_generations(cache_keys.PUBLIC_PAGES)
    key = cache_keys.public_fragment_key(generation, name)
    entry = cache.get(key)
    now = time.time()
    if entry is not None and entry[0] > now:
        return entry[1]
    value = compute()
    valid_until = min(now + settings.PAGE_CACHE_SECONDS, next_content_change(generation, now))
    if valid_until > now:
        cache.set(key, (valid_until, value), max(1, int(valid_until - now)))
    return value


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        prefixes = [*settings.PAGE_CACHE_EXCLUDED_PATHS, settings.STATIC_URL, settings.MEDIA_URL]
        self.excluded_prefixes = tuple(prefix for prefix in prefixes if prefix)

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        (generation,) = cache_keys.get_generations(cache_keys.PUBLIC_PAGES)
        key = self.key_for(request, generation)
        entry = cache.get(key)
        now = time.time()
        if entry is not None and entry[0] > now:
            return self.response_from(entry)
        response = self.get_response(request)
        # What we answer depends on the session cookie (signed-in editors bypass the cache).
        patch_vary_headers(response, ["Cookie"])
        if request.method == "GET" and self.is_cacheable_response(request, response):
            valid_until = min(
                now + settings.PAGE_CACHE_SECONDS, next_content_change(generation, now)
            )
            if valid_until > now:
                set_response_etag(response)
                headers = list(response.items())
                response.compressed_bodies = compressed_bodies(response)
                entry = (
                    valid_until,
                    response.status_code,
                    headers,
                    response.content,
                    response.compressed_bodies,
                )
                cache.set(key, entry, max(1, int(valid_until - now)))
        return response

    def is_cacheable_request(self, request):
        return (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            # Cheap and DB-free: no session means nobody is signed in.
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith(self.excluded_prefixes)
        )

    def is_cacheable_response(self, request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_USED"):
            # The page holds a CSRF token tied to this visitor's cookie.
            return False
        cache_control = {
            directive.split("=")[0].strip().lower()
            for directive in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if cache_control & UNCACHEABLE_CACHE_CONTROL:
            return False
        # The key covers the URL only; a page that varies on other headers is not shared.
        vary = {value.strip().lower() for value in cc_delim_re.split(response.get("Vary", ""))}
        return vary <= {"", "cookie"}

    def key_for(self, request, generation):
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        return cache_keys.page_key(generation, url)

    def response_from(self, entry):
        _, status, headers, content, *compressed = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response.headers[name] = value
        # Entries stored before compressed bodies were kept have none (compressed per hit).
        response.compressed_bodies = compressed[0] if compressed else {}
        return response
