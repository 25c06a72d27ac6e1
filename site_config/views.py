import logging
import sys

from django.db.utils import DatabaseError
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from site_config.markdown import render_markdown

from . import cache_keys
from .models import SiteSettings
from .unavailable import DATABASE_ERRORS, database_unavailable_response

logger = logging.getLogger(__name__)


def disclaimer(request):
    text = SiteSettings.load().disclaimer_text
    return render(
        request, "site_config/disclaimer.html", {"disclaimer_html": render_markdown(text)}
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@never_cache
@require_GET
def healthz(request):
    try:
        # Reads the database (its one query when all is well), and replays any cache
        # invalidation an outage of the cache made some process miss: load balancers ask
        # often, so an edit saved during the outage shows soon after (site_config.cache_keys).
        cache_keys.replay_missed_invalidations()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    # A database outage outside any view (e.g. in a middleware) still gets the 503 page.
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable_response()
    # No request context: the database may be the very thing that failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def favicon(request):
    # Resolved per request: the hashed static name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
