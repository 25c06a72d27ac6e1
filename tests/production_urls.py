"""Small views for testing what the page cache refuses to share."""

import uuid

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils.cache import patch_vary_headers


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


urlpatterns = [
    path("plain/", plain),
    path("sets-cookie/", sets_cookie),
    path("csrf-form/", csrf_form),
    path("varies-on-language/", varies_on_language),
]
