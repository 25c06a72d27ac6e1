"""Public pages sent compressed: Brotli or gzip, as the reader's browser accepts.

WhiteNoise already serves static files pre-compressed; this covers what the views send
(HTML, feeds, the sitemap). The page cache (site_config/page_cache.py) stores each page's
compressed bodies with it (`compressed_bodies`), so a warm hit costs no compression.

BREACH: compressing a page that holds a secret next to text an attacker can put in the
same page (a search query) lets the attacker guess the secret from the sizes. So nothing
is compressed that could hold one: a response that uses a CSRF token or sets a cookie, a
request from someone with a session (signed in: their pages may hold their data), a
response that changed the session, or one marked private or no-store. Those go out as
they are. (Every page reads the empty session of an anonymous reader, so SessionMiddleware
and the page cache add `Vary: Cookie`; with no session cookie there is nothing in it.)
"""

import gzip
import re

from django.conf import settings
from django.utils.cache import cc_delim_re, patch_vary_headers

try:
    import brotli
except ImportError:  # whitenoise[brotli] installs it; without it, gzip only
    brotli = None

# Smaller bodies gain nothing worth the work (and the header).
MIN_LENGTH = 200
# Fast settings: about 10 ms for a 70 kB article on a busy laptop, within a few per cent of
# the smallest output.
BROTLI_QUALITY = 5
GZIP_LEVEL = 6
COMPRESSIBLE_TYPES = (
    "text/",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
    "application/ld+json",
    "image/svg+xml",
)
SECRET_CACHE_CONTROL = {"private", "no-store"}
# "br;q=0", "gzip;q=0.5": a coding and its optional weight.
CODING_RE = re.compile(r"^\s*([a-z*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


def available_codings():
    return ("br", "gzip") if brotli is not None else ("gzip",)


def compress(body, coding):
    if coding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY, mode=brotli.MODE_TEXT)
    # mtime=0: the same page compresses to the same bytes on every server.
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def is_compressible(response):
    if response.streaming or response.status_code != 200:
        return False
    if response.has_header("Content-Encoding") or len(response.content) < MIN_LENGTH:
        return False
    content_type = response.get("Content-Type", "").lower()
    return content_type.startswith(COMPRESSIBLE_TYPES)


def compressed_bodies(response):
    """{coding: compressed body} for a response the page cache is about to store."""
    if not is_compressible(response):
        return {}
    return {coding: compress(response.content, coding) for coding in available_codings()}


def chosen_coding(accept_encoding):
    """The coding to send for this Accept-Encoding header: "br", "gzip" or None."""
    weights = {}
    for part in accept_encoding.lower().split(","):
        match = CODING_RE.match(part)
        if not match:
            continue
        try:
            weight = float(match.group(2)) if match.group(2) is not None else 1.0
        except ValueError:
            continue
        weights[match.group(1)] = weight
    best = None
    for coding in available_codings():  # preference order: br, then gzip
        weight = weights.get(coding, weights.get("*", 0.0))
        if weight > 0 and (best is None or weight > best[1]):
            best = (coding, weight)
    return best[0] if best else None


def may_hold_a_secret(request, response):
    if request.META.get("CSRF_COOKIE_USED") or response.cookies:
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return True
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return bool(cache_control & SECRET_CACHE_CONTROL)


class CompressionMiddleware:
    """Compress public responses (placed above ConditionalGetMiddleware, as Django's own
    GZipMiddleware is, so a 304 is decided on the page itself)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_compressible(response) or may_hold_a_secret(request, response):
            return response
        # Whatever we send, a shared cache must keep the codings apart.
        patch_vary_headers(response, ["Accept-Encoding"])
        coding = chosen_coding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if coding is None:
            return response
        stored = getattr(response, "compressed_bodies", None) or {}
        body = stored.get(coding) or compress(response.content, coding)
        if len(body) >= len(response.content):
            return response
        response.content = body
        response.headers["Content-Length"] = str(len(body))
        response.headers["Content-Encoding"] = coding
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            # The same page in other bytes: only weakly the same (as GZipMiddleware does).
            response.headers["ETag"] = "W/" + etag
        return response
