"""Public pages sent compressed (site_config/compression.py), never one that may hold a
secret (BREACH), and compressed once per cached page."""

import gzip
from http import HTTPStatus

import brotli
import pytest
from django.core.cache import cache

from site_config import compression
from site_config.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(article_factory):
    SiteSettings.load()
    return article_factory(
        title="Sleep and hormones", slug="sleep-and-hormones", sections=3, tags=["sleep"]
    )


def plain_html(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert not response.has_header("Content-Encoding")
    return response.content


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=1, br;q=0.5", "gzip"),
        ("*", "br"),
        ("identity", None),
        ("", None),
        ("gzip;q=0", None),
        ("gzip;q=nonsense, br;q=", None),
    ],
)
def test_coding_follows_accept_encoding(accept, coding):
    assert compression.chosen_coding(accept) == coding


def test_article_is_sent_brotli_compressed(client, article):
    url = article.get_absolute_url()
    html = plain_html(client, url)
    response = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    assert response["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response["Vary"]
    assert brotli.decompress(response.content) == html
    assert int(response["Content-Length"]) == len(response.content) < len(html) / 2


def test_article_is_sent_gzip_compressed_to_a_client_without_brotli(client, article):
    url = article.get_absolute_url()
    html = plain_html(client, url)
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == html


def test_gzip_only_without_the_brotli_module(client, article, monkeypatch):
    monkeypatch.setattr(compression, "brotli", None)
    cache.clear()
    response = client.get(article.get_absolute_url(), headers={"accept-encoding": "br, gzip"})
    assert response["Content-Encoding"] == "gzip"


def test_page_is_not_compressed_for_a_client_that_does_not_ask(client, article):
    response = client.get(article.get_absolute_url())
    assert not response.has_header("Content-Encoding")
    assert b"<h1" in response.content
    assert "Accept-Encoding" in response["Vary"]


def test_cached_page_keeps_its_compressed_bodies(client, article, monkeypatch):
    url = article.get_absolute_url()
    client.get(url)  # stored in the page cache, with its compressed bodies

    def refuse(body, coding):
        raise AssertionError("a cached page was compressed again")

    monkeypatch.setattr(compression, "compress", refuse)
    response = client.get(url, headers={"accept-encoding": "br"})
    assert response["Content-Encoding"] == "br"
    assert b"Sleep and hormones" in brotli.decompress(response.content)


def test_compressed_page_answers_304_to_its_own_etag(client, article):
    url = article.get_absolute_url()
    first = client.get(url, headers={"accept-encoding": "gzip"})
    assert first["ETag"].startswith('W/"')
    again = client.get(url, headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED


def test_feed_is_compressed(client, article):
    response = client.get("/feeds/articles/rss/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert b"Sleep and hormones" in gzip.decompress(response.content)


# BREACH: nothing that may hold a secret is compressed.


@pytest.mark.urls("tests.production_urls")
def test_page_with_a_csrf_token_is_not_compressed(client):
    response = client.get("/csrf-form/", headers={"accept-encoding": "gzip, br"})
    assert b"csrfmiddlewaretoken" in response.content
    assert not response.has_header("Content-Encoding")


@pytest.mark.urls("tests.production_urls")
def test_response_setting_a_cookie_is_not_compressed(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    response = client.get("/sets-cookie/", headers={"accept-encoding": "gzip, br"})
    assert response.cookies
    assert not response.has_header("Content-Encoding")


def test_page_for_a_signed_in_editor_is_not_compressed(staff_client, article):
    response = staff_client.get(article.get_absolute_url(), headers={"accept-encoding": "br"})
    assert b"Sleep and hormones" in response.content
    assert not response.has_header("Content-Encoding")


def test_admin_is_not_compressed(staff_client):
    response = staff_client.get("/admin/", headers={"accept-encoding": "br"})
    assert response.status_code == HTTPStatus.OK
    assert not response.has_header("Content-Encoding")


def test_page_feedback_form_on_the_article_is_not_compressed(client, article):
    # The article's feedback form carries no CSRF token (it is a public, cached page); if
    # it ever did, the page must go out uncompressed.
    response = client.get(article.get_absolute_url(), headers={"accept-encoding": "br"})
    html = brotli.decompress(response.content)
    assert b"csrfmiddlewaretoken" not in html
