"""Odd addresses and parameters get a styled 404 (or a normal page), never a 500.

The test client re-raises any exception a view lets escape, so a would-be 500 fails the
test with its traceback.
"""

from http import HTTPStatus
from unittest import mock

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticleQuerySet

pytestmark = pytest.mark.django_db

LONG = "a" * 5000


def assert_styled_404(response):
    assert response.status_code == HTTPStatus.NOT_FOUND
    document = BeautifulSoup(response.content.decode(), "html.parser")
    assert "Page not found" in document.title.get_text()
    assert document.select_one("aside#disclaimer-banner") is not None
    assert document.select_one("header nav") is not None
    assert document.select_one("footer") is not None
    assert "can't find that page" in document.select_one("main h1").get_text()
    assert document.select_one('main a[href="/"]') is not None


@pytest.fixture
def content(article_factory, term_factory, reference_factory):
    article_factory(slug="an-article", tags=["sleep"], references=1)
    term_factory(slug="a-term", tags=["sleep"])


# Unknown or malformed addresses


@pytest.mark.parametrize(
    "path",
    [
        "/articles/no-such-article/",
        "/glossary/no-such-term/",
        "/tags/no-such-topic/",
        "/no-such-page/",
        "/articles/an-article/extra/",
        "/articles/an-article",  # missing slash: redirected, then found; see below
        f"/articles/{LONG}/",
        f"/glossary/{LONG}/",
        f"/tags/{LONG}/",
        f"/{LONG}",
        "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
        "/articles/..%2F..%2Fetc%2Fpasswd/",
        "/articles/%2e%2e/",
        "/articles/%00/",
        "/glossary/%00abc/",
        "/tags/%ff%fe/",
        "/articles/%C3%A9t%C3%A9/",
        "/articles/%E2%80%AE/",
        "/articles/a%20b/",
        "/articles/'%20OR%201=1--/",
        "/glossary/%252e%252e%252f/",
        "/static/../site_config/settings.py",
        "/media/../db.sqlite3",
    ],
)
def test_unknown_addresses_get_the_styled_404(client, content, path):
    response = client.get(path, follow=True)
    if path == "/articles/an-article":
        assert response.status_code == HTTPStatus.OK
        return
    assert_styled_404(response)


def test_404_page_has_a_title_and_language(client):
    response = client.get("/articles/no-such-article/")
    document = BeautifulSoup(response.content.decode(), "html.parser")
    assert document.html["lang"] == "en"
    assert document.select_one("main#main")


def test_404_does_not_leak_a_draft(client, article_factory):
    article_factory(slug="secret-plan", title="Secret plan", status="draft")
    response = client.get("/articles/secret-plan/")
    assert_styled_404(response)
    assert "Secret plan" not in response.content.decode()


def test_tag_address_in_another_case_redirects_to_the_tag(client, content):
    response = client.get("/tags/SLEEP/")
    assert response.status_code in {HTTPStatus.MOVED_PERMANENTLY, HTTPStatus.FOUND}
    assert response["Location"] == "/tags/sleep/"


# Odd query strings on pages that read them

LIST_PAGES = ["/articles/", "/tags/sleep/", "/references/"]


@pytest.mark.parametrize("url", LIST_PAGES)
@pytest.mark.parametrize(
    "page", ["abc", "-1", "0", "99999", "1.5", "", "1e3", "%00", "\x00", "9" * 400, "١"]
)
def test_odd_page_numbers_still_give_a_page(client, content, url, page):
    response = client.get(url, {"page": page})
    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("url", ["/articles/", "/references/", "/"])
@pytest.mark.parametrize(
    "tag",
    [
        "",
        " ",
        "no-such-tag",
        "SLEEP",
        "\x00",
        "sl\x00eep",
        "%00",
        "é",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "' OR 1=1 --",
        "a" * 5000,
        "tag\nwith\nlines",
    ],
)
def test_odd_tag_filters_are_harmless(client, content, url, tag):
    # A filter that names no public topic is not found; one that slugifies to nothing is
    # ignored. Neither is ever an error, nor echoes what was typed.
    response = client.get(url, {"tag": tag})
    assert response.status_code in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_as_many_tag_filters_as_allowed_are_answered(client, content):
    query = "&".join(["tag=sleep"] * 10)
    assert client.get(f"/articles/?{query}").status_code == HTTPStatus.OK
    query = "&".join(f"tag=t{n}" for n in range(10))
    assert client.get(f"/articles/?{query}").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("count", [11, 500])
def test_more_topics_than_a_filter_allows_is_404_not_a_broader_list(client, content, count):
    query = "&".join(f"tag=t{n}" for n in range(count))
    assert client.get(f"/articles/?{query}").status_code == HTTPStatus.NOT_FOUND


def test_a_list_narrowed_by_an_unknown_topic_is_not_found(client, content):
    assert client.get("/articles/", {"tag": "sleep"}).status_code == HTTPStatus.OK
    response = client.get("/articles/", {"tag": ["sleep", "no-such-tag"]})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "an-article" not in response.content.decode()


def test_a_draft_only_topic_name_never_appears_in_a_list(client, article_factory):
    article_factory(title="Public one", tags=["sleep"])
    article_factory(title="Secret one", status="draft", tags=["Secret project X"])
    for path in ["/articles/", "/references/"]:
        response = client.get(path, {"tag": "secret-project-x"})
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert "Secret project X" not in response.content.decode()
    search = client.get("/search/", {"q": "one", "tag": "secret-project-x"})
    assert search.status_code == HTTPStatus.OK
    assert "Secret project X" not in search.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "page=%00&tag=%00",
        "tag=%ff%fe",
        "tag=%E2%80%AE",
        "page[]=1",
        "page=1&page=2",
        "%00=%00",
        "tag",
        "&&&==&",
        "tag=" + "%25" * 500,
    ],
)
@pytest.mark.parametrize("url", ["/", "/articles/", "/tags/", "/tags/sleep/", "/glossary/"])
def test_junk_query_strings_are_harmless(client, content, url, query):
    assert client.get(f"{url}?{query}").status_code == HTTPStatus.OK


@pytest.mark.parametrize("url", ["/articles/an-article/", "/glossary/a-term/", "/disclaimer/"])
def test_detail_pages_ignore_query_strings(client, content, url):
    assert client.get(f"{url}?page=%00&tag=%00&x=%ff").status_code == HTTPStatus.OK


# Server errors


def test_server_error_page_is_styled_and_needs_no_database(client):
    client.raise_request_exception = False
    # Patched on the queryset class: every caller goes through it, whichever module it is in.
    with mock.patch.object(ArticleQuerySet, "public", side_effect=RuntimeError):
        response = client.get("/")
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    document = BeautifulSoup(response.content.decode(), "html.parser")
    assert document.html["lang"] == "en"
    assert document.select_one("aside#disclaimer-banner") is not None
    assert "Something went wrong" in document.title.get_text()


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_robots_txt_only_answers_get(client):
    assert client.post("/robots.txt").status_code == HTTPStatus.METHOD_NOT_ALLOWED
