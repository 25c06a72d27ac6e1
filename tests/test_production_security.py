"""Hardening: deploy checks, security headers on every page type, admin sign-in throttling,
uploaded images and the search rate limit."""

import io
import os
import secrets
import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from articles.forms import FigureForm
from articles.models import Figure
from site_config.models import SiteSettings
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(django_settings.BASE_DIR)
PASSWORD = "a-long-pass-phrase-for-tests"


# `manage.py check --deploy`


def test_deploy_check_reports_nothing_with_debug_off():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "HTTPS", "PYTEST_XDIST_WORKER", "PYTEST_CURRENT_TEST"}
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        DEBUG="0",
        DJANGO_SETTINGS_MODULE="site_config.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


# Security headers on every page type


@pytest.fixture
def site(article_factory, term_factory):
    SiteSettings.load()
    article = article_factory(slug="sleep", tags=["sleep"], references=1)
    term = term_factory(name="melatonin", slug="melatonin", tags=["sleep"])
    return {"article": article, "term": term}


PAGE_TYPES = {
    "home": "/",
    "article": "/articles/sleep/",
    "article list": "/articles/",
    "glossary": "/glossary/",
    "term": "/glossary/melatonin/",
    "tags": "/tags/",
    "tag": "/tags/sleep/",
    "references": "/references/",
    "about": "/about/",
    "disclaimer": "/disclaimer/",
    "search": "/search/?q=sleep",
    "rss feed": "/feeds/articles/rss/",
    "atom feed": "/feeds/articles/atom/",
    "sitemap": "/sitemap.xml",
    "robots": "/robots.txt",
    "health check": "/healthz",
    "not found": "/no-such-page/",
    "admin sign-in": "/admin/login/",
}


def assert_security_headers(response):
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    csp = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split("; ")}
    assert directives["default-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for kind in ("script-src", "style-src", "img-src", "font-src"):
        assert directives[kind] == ["'self'"], kind
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_carries_the_security_headers(client, site, url):
    first = client.get(url, secure=True)
    second = client.get(url, secure=True)  # from the page cache where the page is cacheable
    assert first.status_code in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}
    for response in (first, second):
        assert_security_headers(response)
        assert response["X-Frame-Options"] == "DENY"


def test_not_modified_answer_carries_the_security_headers(client, site):
    etag = client.get("/", secure=True)["ETag"]
    response = client.get("/", secure=True, headers={"if-none-match": etag})
    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert_security_headers(response)


def test_site_wide_policy_is_django_csps(client):
    from csp.utils import build_policy

    assert client.get("/robots.txt")["Content-Security-Policy"] == build_policy()


@pytest.mark.urls("tests.production_urls")
def test_a_view_can_still_change_its_policy(client):
    csp = client.get("/own-csp/")["Content-Security-Policy"]
    assert "img-src 'self' https://images.example.org" in csp


def test_policy_follows_changed_settings(client, settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    assert client.get("/robots.txt")["Content-Security-Policy"] == "default-src 'self'"


def test_plain_http_is_redirected_to_https_when_https_is_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"].startswith("https://")


def test_cookies_are_secure_and_http_only_when_https_is_on():
    assert django_settings.SESSION_COOKIE_SECURE
    assert django_settings.CSRF_COOKIE_SECURE
    assert django_settings.SESSION_COOKIE_HTTPONLY


def test_csrf_failure_page_needs_no_inline_style():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "editor", "password": "guess"})
    html = response.content.decode()
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "This form could not be sent" in html
    assert "<style" not in html


# Admin sign-in throttling


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password=PASSWORD, is_staff=True
    )


def sign_in(client, username, password, address="203.0.113.5", **headers):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        headers=headers,
    )


def fail_to_sign_in(client, username, times, address="203.0.113.5", **headers):
    for _ in range(times):
        response = sign_in(client, username, "wrong guess", address, **headers)
        assert response.status_code in {HTTPStatus.OK, HTTPStatus.TOO_MANY_REQUESTS}


def test_correct_password_signs_in(client, editor):
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"


def test_repeated_failures_lock_the_username_and_address_pair(client, editor, settings):
    fail_to_sign_in(client, "editor", settings.AXES_FAILURE_LIMIT)
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "_auth_user_id" not in client.session


def test_lockout_page_explains_what_happened(client, editor, settings):
    fail_to_sign_in(client, "editor", settings.AXES_FAILURE_LIMIT)
    response = sign_in(client, "editor", PASSWORD)
    html = response.content.decode()
    assert "Sign-in paused" in html
    assert "15 minutes" in html
    assert response["Retry-After"] == str(15 * 60)


def test_fewer_failures_than_the_limit_do_not_lock(client, editor, settings):
    fail_to_sign_in(client, "editor", settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "editor", PASSWORD).status_code == HTTPStatus.FOUND


def test_lockout_does_not_stop_other_users_at_the_same_address(
    client, editor, django_user_model, settings
):
    django_user_model.objects.create_user(username="publisher", password=PASSWORD, is_staff=True)
    fail_to_sign_in(client, "editor", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "publisher", PASSWORD).status_code == HTTPStatus.FOUND


def test_lockout_does_not_stop_the_same_user_elsewhere(client, editor, settings):
    fail_to_sign_in(client, "editor", settings.AXES_FAILURE_LIMIT, address="203.0.113.5")
    assert sign_in(client, "editor", PASSWORD, address="198.51.100.7").status_code == (
        HTTPStatus.FOUND
    )


def test_lockout_ends_after_the_cooloff(client, editor, settings):
    import datetime as dt

    import time_machine

    fail_to_sign_in(client, "editor", settings.AXES_FAILURE_LIMIT)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)):
        assert sign_in(client, "editor", PASSWORD).status_code == HTTPStatus.FOUND


def test_forwarded_address_is_ignored_without_a_proxy(client, editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong guess", x_forwarded_for=f"192.0.2.{n}")
    response = sign_in(client, "editor", PASSWORD, x_forwarded_for="192.0.2.99")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_behind_a_proxy_the_address_the_proxy_saw_is_locked(client, editor, settings):
    settings.BEHIND_PROXY = True
    # The client may put anything left of the address our proxy appends.
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(
            client,
            "editor",
            "wrong guess",
            address="10.0.0.2",
            x_forwarded_for=f"192.0.2.{n}, 203.0.113.5",
        )
    locked = sign_in(
        client, "editor", PASSWORD, address="10.0.0.2", x_forwarded_for="192.0.2.99, 203.0.113.5"
    )
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_behind_a_proxy_other_clients_are_not_locked(client, editor, settings):
    settings.BEHIND_PROXY = True
    fail_to_sign_in(
        client,
        "editor",
        settings.AXES_FAILURE_LIMIT,
        address="10.0.0.2",
        x_forwarded_for="203.0.113.5",
    )
    response = sign_in(
        client, "editor", PASSWORD, address="10.0.0.2", x_forwarded_for="198.51.100.7"
    )
    assert response.status_code == HTTPStatus.FOUND


def test_off_site_next_is_ignored_after_sign_in(client, editor):
    response = client.post(
        "/admin/login/?next=https://evil.example/",
        {"username": "editor", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"


def test_scheme_relative_next_is_ignored_after_sign_in(client, editor):
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD, "next": "//evil.example/"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"


def test_sign_in_without_a_client_address_is_recorded(client, editor):
    # e.g. a test client or a unix socket: no REMOTE_ADDR. Stored as no address, not a 500.
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD}, REMOTE_ADDR=""
    )
    assert response.status_code == HTTPStatus.FOUND


# Uploaded figure images


def image_bytes(image_format, size=(40, 30), **save_options):
    buffer = io.BytesIO()
    mode = "P" if image_format == "GIF" else "RGB"
    Image.new(mode, size, 1 if mode == "P" else (15, 94, 99)).save(
        buffer, format=image_format, **save_options
    )
    return buffer.getvalue()


def figure_form(content, name="diagram.png", content_type="image/png"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return FigureForm(
        data={"position": 0, "alt_text": "A diagram", "caption": "", "credit": ""},
        files={"image": upload},
    )


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP", "GIF"])
def test_accepted_image_formats(image_format):
    form = figure_form(image_bytes(image_format), name=f"figure.{image_format.lower()}")
    assert form.is_valid(), form.errors


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize("content", [SVG, HTML], ids=["svg", "html"])
def test_file_named_png_that_is_not_an_image_is_refused(content):
    form = figure_form(content, name="diagram.png")
    assert not form.is_valid()
    message = form.errors["image"][0]
    assert "“diagram.png” is not a PNG, JPEG, WebP or GIF image" in message
    assert "SVG" in message


def test_other_image_formats_are_refused():
    form = figure_form(image_bytes("BMP"), name="diagram.bmp", content_type="image/bmp")
    assert not form.is_valid()
    assert "is not a PNG, JPEG, WebP or GIF image" in form.errors["image"][0]


def test_image_over_the_size_limit_is_refused(settings):
    settings.FIGURE_MAX_BYTES = 100
    form = figure_form(image_bytes("PNG", size=(200, 200)))
    assert not form.is_valid()
    assert "figures can be at most 100" in form.errors["image"][0]


def test_image_over_the_pixel_limit_is_refused(settings):
    settings.FIGURE_MAX_PIXELS = 1_000_000
    form = figure_form(image_bytes("PNG", size=(1001, 1000)))
    assert not form.is_valid()
    assert "1001 × 1000 pixels" in form.errors["image"][0]


def test_pillow_refuses_decompression_bombs_everywhere():
    assert Image.MAX_IMAGE_PIXELS == django_settings.FIGURE_MAX_PIXELS


def test_image_metadata_is_stripped():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS latitude
    form = figure_form(image_bytes("JPEG", exif=exif.tobytes()), name="photo.jpg")
    assert form.is_valid(), form.errors
    stored = form.cleaned_data["image"].read()
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
    assert b"Camera maker" not in stored


def test_data_hidden_after_the_image_is_dropped():
    form = figure_form(image_bytes("PNG") + HTML)
    assert form.is_valid(), form.errors
    assert b"<script>" not in form.cleaned_data["image"].read()


def test_image_is_stored_under_a_generated_name_with_its_real_extension():
    form = figure_form(image_bytes("JPEG"), name="../../my holiday photo.png")
    assert form.is_valid(), form.errors
    figure = form.save(commit=False)
    figure.section = None
    name = Figure._meta.get_field("image").generate_filename(
        figure, form.cleaned_data["image"].name
    )
    assert name.startswith("figures/")
    assert name.endswith(".jpg")
    assert "holiday" not in name


def test_admin_refuses_an_svg_named_png_with_a_message(staff_client, article_factory):
    section = article_factory(sections=1, status="draft").sections.get()
    url = f"/admin/articles/section/{section.pk}/change/"
    data = form_data(staff_client.get(url), "section_form")
    data.update(
        {
            "figures-TOTAL_FORMS": "1",
            "figures-0-position": "0",
            "figures-0-alt_text": "A diagram",
            "figures-0-image": SimpleUploadedFile("diagram.png", SVG, "image/png"),
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "is not a PNG, JPEG, WebP or GIF image" in response.content.decode()
    assert not Figure.objects.exists()


# The public search rate limit


def search(client, n, address="203.0.113.5", **headers):
    # A new query each time: repeated ones are answered from the page cache, uncounted.
    return client.get(f"/limited-search/?q=query{n}", REMOTE_ADDR=address, headers=headers)


@pytest.mark.urls("tests.production_urls")
def test_searches_within_the_limit_are_answered(client, settings):
    for n in range(settings.SEARCH_RATE_LIMIT):
        assert search(client, n).status_code == HTTPStatus.OK


@pytest.mark.urls("tests.production_urls")
def test_too_many_searches_get_a_friendly_429(client, settings):
    for n in range(settings.SEARCH_RATE_LIMIT):
        search(client, n)
    response = search(client, "over")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many searches in a short time" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= settings.SEARCH_RATE_WINDOW_SECONDS + 1


@pytest.mark.urls("tests.production_urls")
def test_search_limit_is_per_client(client, settings):
    for n in range(settings.SEARCH_RATE_LIMIT + 1):
        search(client, n, address="203.0.113.5")
    assert search(client, "other", address="198.51.100.7").status_code == HTTPStatus.OK


@pytest.mark.urls("tests.production_urls")
def test_search_limit_behind_a_proxy_counts_the_address_the_proxy_saw(client, settings):
    settings.BEHIND_PROXY = True
    for n in range(settings.SEARCH_RATE_LIMIT):
        search(client, n, address="10.0.0.2", x_forwarded_for=f"192.0.2.{n}, 203.0.113.5")
    over = search(client, "over", address="10.0.0.2", x_forwarded_for="192.0.2.99, 203.0.113.5")
    other = search(client, "other", address="10.0.0.2", x_forwarded_for="198.51.100.7")
    assert over.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert other.status_code == HTTPStatus.OK


@pytest.mark.urls("tests.production_urls")
def test_search_limit_starts_afresh_in_the_next_window(client, settings):
    import datetime as dt

    import time_machine

    for n in range(settings.SEARCH_RATE_LIMIT + 1):
        search(client, n)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=settings.SEARCH_RATE_WINDOW_SECONDS)
    with time_machine.travel(later):
        assert search(client, "later").status_code == HTTPStatus.OK


@pytest.mark.urls("tests.production_urls")
def test_search_limit_fails_open_when_the_cache_cannot_count(client, settings):
    from unittest import mock

    from django.core.cache import caches

    settings.SEARCH_RATE_LIMIT = 1
    cache = caches["default"]
    with (
        mock.patch.object(cache, "add", return_value=False),
        mock.patch.object(cache, "incr", side_effect=ValueError),
    ):
        for n in range(3):
            response = search(client, n)
            assert response.status_code == HTTPStatus.OK
            assert f"Results for query{n}" in response.content.decode()


def test_public_search_is_rate_limited(client, settings):
    settings.SEARCH_RATE_LIMIT = 3
    for n in range(3):
        assert client.get(f"/search/?q=sleep{n}").status_code == HTTPStatus.OK
    assert client.get("/search/?q=sleep-over").status_code == HTTPStatus.TOO_MANY_REQUESTS
