"""Per-client limits kept in the shared cache, so they hold across app servers.

Public search uses django-ratelimit; reader feedback (articles/feedback.py) counts with
is_over_limit below, whose keys ("ratelimit:feedback:...") it names in its own tests.
"""

import functools
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django_ratelimit.core import get_usage


def client_ip(request):
    """The address of the client, as far as we can trust it.

    Behind our proxy (BEHIND_PROXY=1) that is the last address in X-Forwarded-For: the one
    our proxy saw and appended. Addresses to its left are whatever the client claimed, so
    they are never used. Without a proxy, X-Forwarded-For is ignored entirely.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            address = forwarded
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None  # django-axes stores it in an address field: no made-up values


def is_over_limit(scope, client, limit, window_seconds):
    """Count one request in the client's current fixed window; True once past the limit."""
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{client or 'unknown'}:{window}"
    cache.add(key, 0, window_seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        count = 1
    # A cache outage counts nothing (incr returns 0): the limit fails open, the site stays up.
    return count > limit


def seconds_until_next_window(window_seconds):
    return int(window_seconds - time.time() % window_seconds) + 1


def search_rate(group, request):
    """SEARCH_RATE_LIMIT searches per SEARCH_RATE_WINDOW_SECONDS, read when a search comes in."""
    return f"{settings.SEARCH_RATE_LIMIT}/{settings.SEARCH_RATE_WINDOW_SECONDS}s"


def client_key(group, request):
    return client_ip(request) or "unknown"


def rate_limit_search(view):
    """Limit how often one client may run a public search (SEARCH_RATE_LIMIT per window).

    django-ratelimit counts in the shared cache; over the limit, the reader gets the 429 page
    with Retry-After. Only searches that reach the view count: answers from the page cache
    cost nothing. A cache outage counts nothing and the limit fails open (RATELIMIT_FAIL_OPEN).
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        usage = get_usage(request, group="search", key=client_key, rate=search_rate, increment=True)
        if usage is not None and usage["should_limit"]:
            retry_after = max(usage["time_left"], 1)
            response = render(request, "429.html", {"retry_after": retry_after}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
        return view(request, *args, **kwargs)

    return wrapper


def signin_lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked username and address pair: a page that says why."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    response = render(
        request,
        "lockout.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes, "username": username},
        status=429,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
