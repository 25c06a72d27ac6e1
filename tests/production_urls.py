"""Small views for the production tests: what the page cache refuses to share, a view with
its own CSP, a rate-limited search."""

import uuid

from csp.decorators import csp_update
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.utils.cache import patch_vary_headers

from site_config.ratelimit import rate_limit_search


def plain(request):
    return HttpResponse(uuid.uuid4().hex)


def sets_cookie(request):
    response = HttpResponse(uuid.uuid4().hex)
    response.set_cookie("preference", "large-text")
    return response


def csrf_form(request):
    template = engines["django"].from_string('<form method="post">{% csrf_token %}</form>')
    return HttpResponse(template.render({}, request))


def varies_on_language(request):
    response = HttpResponse(uuid.uuid4().hex)
    patch_vary_headers(response, ["Accept-Language"])
    return response


@csp_update({"img-src": ["https://images.example.org"]})
def with_its_own_csp(request):
    return HttpResponse("A page that shows images from another host.")


@rate_limit_search
def limited_search(request):
    return HttpResponse(f"Results for {request.GET.get('q', '')}")


urlpatterns = [
    path("plain/", plain),
    path("sets-cookie/", sets_cookie),
    path("csrf-form/", csrf_form),
    path("varies-on-language/", varies_on_language),
    path("limited-search/", limited_search),
    path("own-csp/", with_its_own_csp),
    # The site's own pages, for templates that link to them.
    path("", include("site_config.urls")),
]
