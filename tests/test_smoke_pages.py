from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/", "/articles/", "/glossary/", "/references/", "/tags/", "/disclaimer/", "/robots.txt"],
)
def test_public_pages_answer(client, public_article, url):
    assert client.get(url).status_code == HTTPStatus.OK


def test_article_page_shows_sections(client, article_factory):
    article = article_factory(sections=3, figures=1, references=2, tags=["hormones"])
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert html.count('data-level="') == 3
    assert '<ol class="references">' in html


def test_draft_article_is_404_for_readers(client, draft_article):
    response = client.get(draft_article.get_absolute_url())
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_healthz(client):
    assert client.get(reverse("healthz")).json()["status"] == "ok"
