"""Scheduling: a scheduled article goes public at its time, with no cron job and no stale cache."""

from datetime import UTC, datetime
from http import HTTPStatus

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import Article
from tests.pages import rendered_html

pytestmark = pytest.mark.django_db

BEFORE = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)
PUBLISH_AT = datetime(2030, 1, 1, 10, 0, tzinfo=UTC)
AFTER = datetime(2030, 1, 1, 10, 0, 1, tzinfo=UTC)


def signed_in(client, user):
    # Signed in inside the time travel, so the session has not expired by then.
    client.force_login(user)
    return client


@pytest.fixture
def scheduled_article(article_factory):
    with time_machine.travel(BEFORE, tick=False):
        return article_factory(
            title="Scheduled article", slug="scheduled", publish_at=PUBLISH_AT, tags=["sleep"]
        )


@pytest.mark.parametrize("url", ["/", "/articles/", "/tags/sleep/"])
def test_scheduled_article_is_listed_from_its_publish_time(client, scheduled_article, url):
    with time_machine.travel(BEFORE, tick=False) as traveller:
        before = client.get(url)
        traveller.move_to(AFTER)
        after = client.get(url)
    assert "Scheduled article" not in before.content.decode()
    assert "Scheduled article" in after.content.decode()


def test_scheduled_article_page_answers_from_its_publish_time(client, scheduled_article):
    with time_machine.travel(BEFORE, tick=False) as traveller:
        before = client.get("/articles/scheduled/")
        traveller.move_to(AFTER)
        after = client.get("/articles/scheduled/")
    assert before.status_code == HTTPStatus.NOT_FOUND
    assert after.status_code == HTTPStatus.OK


def test_admin_list_shows_draft_scheduled_and_published(client, admin_user, article_factory):
    with time_machine.travel(BEFORE, tick=False):
        staff_client = signed_in(client, admin_user)
        article_factory(title="A draft", status=Article.Status.DRAFT)
        article_factory(title="A scheduled one", publish_at=PUBLISH_AT)
        article_factory(title="A published one")
        html = staff_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert '<td class="field-state">Draft</td>' in html
    assert "Scheduled for Tue 1 Jan 2030, 10:00 (London time)" in html
    assert '<td class="field-state">Published</td>' in html


@pytest.mark.parametrize(
    ("publication", "title"),
    [("draft", "A draft"), ("scheduled", "A scheduled one"), ("published", "A published one")],
)
def test_admin_publication_filter(client, admin_user, article_factory, publication, title):
    with time_machine.travel(BEFORE, tick=False):
        staff_client = signed_in(client, admin_user)
        article_factory(title="A draft", status=Article.Status.DRAFT)
        article_factory(title="A scheduled one", publish_at=PUBLISH_AT)
        article_factory(title="A published one")
        response = staff_client.get(
            reverse("admin:articles_article_changelist"), {"state": publication}
        )
    assert [article.title for article in response.context["cl"].result_list] == [title]


def test_scheduled_article_shows_in_the_admin_list_as_published_after_its_time(
    client, admin_user, scheduled_article
):
    with time_machine.travel(AFTER, tick=False):
        staff_client = signed_in(client, admin_user)
        response = staff_client.get(reverse("admin:articles_article_changelist"))
    html = rendered_html(response, "Select article to change")
    row = BeautifulSoup(html, "html.parser").find("a", string="Scheduled article").find_parent("tr")
    assert "Published" in [cell.get_text(strip=True) for cell in row.select("td")]
    assert "Scheduled for" not in html
