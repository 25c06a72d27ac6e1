"""Drafts and scheduled articles never show publicly; staff preview them at their own URL."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Article
from tests.pages import rendered_html

pytestmark = pytest.mark.django_db

HIDDEN_TITLE = "Hidden article"
RIBBON = "Preview - not published"


@pytest.fixture(params=["draft", "scheduled", "draft-with-past-time"])
def hidden_article(request, article_factory, reference_factory, term_factory):
    """An article readers must not see, tagged, citing a reference, using a term."""
    status, publish_at = {
        "draft": (Article.Status.DRAFT, None),
        "scheduled": (Article.Status.PUBLISHED, timezone.now() + timedelta(days=1)),
        "draft-with-past-time": (Article.Status.DRAFT, timezone.now() - timedelta(days=1)),
    }[request.param]
    article = article_factory(
        title=HIDDEN_TITLE,
        slug="hidden-article",
        summary="Hidden summary.",
        status=status,
        publish_at=publish_at,
        tags=["secret-topic", "shared-topic"],
        references=1,
    )
    article.terms.add(term_factory(name="used term", slug="used-term"))
    return article


@pytest.fixture
def public_neighbour(article_factory):
    """A public article sharing a tag with the hidden one."""
    return article_factory(title="Public neighbour", tags=["shared-topic"])


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user("reader", password="a-long-reader-password")


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


# Where readers must not find it


# Each page with its heading and what it shows besides: the public neighbour, or what the
# page shows in place of the hidden article.
LISTING_PAGES = {
    "/": ("Health Library", "Public neighbour"),
    "/articles/": ("All articles", "Public neighbour"),
    "/articles/?tag=shared-topic": ("Articles about “shared-topic”", "Public neighbour"),
    "/tags/": ("Topics", 'href="/tags/shared-topic/"'),
    "/tags/shared-topic/": ("Shared-topic", "Public neighbour"),
    "/glossary/used-term/": ("used term", "No published article uses this term yet."),
    "/references/": ("References", "A study of things number"),
}


@pytest.mark.parametrize("url", LISTING_PAGES)
def test_hidden_article_is_not_listed(client, hidden_article, public_neighbour, url):
    heading, shown = LISTING_PAGES[url]
    html = rendered_html(client.get(url), heading)
    assert shown in html
    assert HIDDEN_TITLE not in html
    assert hidden_article.get_absolute_url() not in html


@pytest.mark.parametrize("url", ["/articles/", "/references/"])
def test_a_topic_only_hidden_articles_carry_is_no_filter(
    client, hidden_article, public_neighbour, url
):
    assert client.get(url, {"tag": "shared-topic"}).status_code == HTTPStatus.OK
    response = client.get(url, {"tag": "secret-topic"})
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert HIDDEN_TITLE not in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/articles/", "/tags/shared-topic/", "/references/"])
def test_hidden_article_is_not_listed_even_for_staff(
    staff_client, hidden_article, public_neighbour, url
):
    heading, shown = LISTING_PAGES[url]
    html = rendered_html(staff_client.get(url), heading)
    assert shown in html
    assert HIDDEN_TITLE not in html


def test_hidden_article_is_not_a_related_article(
    client, hidden_article, public_neighbour, article_factory
):
    article_factory(title="Public cousin", tags=["shared-topic"])
    html = rendered_html(client.get(public_neighbour.get_absolute_url()), "Public neighbour")
    related = html[html.index('id="related-title"') :]
    assert "Public cousin" in related
    assert HIDDEN_TITLE not in html


def test_hidden_article_is_not_counted_in_the_tag_index(client, hidden_article, public_neighbour):
    document = BeautifulSoup(html_of(client, "/tags/"), "html.parser")
    shared = document.find("a", href="/tags/shared-topic/").find_parent("li")
    assert "1 article," in " ".join(shared.get_text(" ").split())


def test_tag_carried_only_by_hidden_articles_is_not_in_the_tag_index(
    client, hidden_article, public_neighbour
):
    html = rendered_html(client.get("/tags/"), "Topics")
    assert "/tags/shared-topic/" in html
    assert "/tags/secret-topic/" not in html


def test_tag_carried_only_by_hidden_articles_is_not_on_the_home_page(
    client, hidden_article, public_neighbour
):
    html = rendered_html(client.get("/"), "Health Library")
    assert "/tags/shared-topic/" in html
    assert "/tags/secret-topic/" not in html


def test_tag_page_of_a_tag_only_hidden_articles_carry_is_404(client, hidden_article):
    assert client.get("/tags/secret-topic/").status_code == HTTPStatus.NOT_FOUND


def test_hidden_articles_do_not_count_towards_list_pages(
    client, hidden_article, article_factory, settings
):
    settings.ARTICLES_PER_PAGE = 1
    article_factory(title="The only public one")
    html = rendered_html(client.get("/articles/"), "All articles")
    assert "The only public one" in html
    assert "Page 1 of" not in html


def test_term_used_only_by_hidden_articles_says_no_article_uses_it(client, hidden_article):
    assert "No published article uses this term yet." in html_of(client, "/glossary/used-term/")


def test_reference_cited_only_by_hidden_articles_is_listed_without_cited_in(client, hidden_article):
    document = BeautifulSoup(html_of(client, "/references/"), "html.parser")
    entry = document.select_one("li[id^=ref-]")
    assert entry is not None
    assert "Cited in" not in entry.get_text()


# Its own URL


def test_hidden_article_is_404_for_anonymous_readers(client, hidden_article):
    response = client.get(hidden_article.get_absolute_url())
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert HIDDEN_TITLE not in response.content.decode()


def test_hidden_article_is_404_for_signed_in_readers(client, reader, hidden_article):
    client.force_login(reader)
    assert client.get(hidden_article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_staff_preview_hidden_article_with_a_ribbon(staff_client, hidden_article):
    html = html_of(staff_client, hidden_article.get_absolute_url())
    assert f">{HIDDEN_TITLE}</h1>" in html
    assert RIBBON in html


def test_staff_see_no_ribbon_on_public_articles(staff_client, public_article):
    html = rendered_html(staff_client.get(public_article.get_absolute_url()), "Public article")
    assert RIBBON not in html


def test_preview_lists_only_public_related_articles(
    staff_client, hidden_article, public_neighbour, article_factory
):
    article_factory(title="Another hidden one", status=Article.Status.DRAFT, tags=["shared-topic"])
    html = html_of(staff_client, hidden_article.get_absolute_url())
    assert "Public neighbour" in html
    assert "Another hidden one" not in html


def test_staff_preview_is_not_served_to_readers_afterwards(client, admin_user, hidden_article):
    client.force_login(admin_user)
    assert client.get(hidden_article.get_absolute_url()).status_code == HTTPStatus.OK
    client.logout()
    assert client.get(hidden_article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_reader_404_is_not_served_to_staff_afterwards(client, admin_user, hidden_article):
    assert client.get(hidden_article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    client.force_login(admin_user)
    assert client.get(hidden_article.get_absolute_url()).status_code == HTTPStatus.OK


def test_unpublishing_hides_an_article_at_once(client, public_article):
    assert client.get(public_article.get_absolute_url()).status_code == HTTPStatus.OK
    assert "Public article" in html_of(client, "/articles/")
    public_article.status = Article.Status.DRAFT
    public_article.save()
    assert client.get(public_article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert "Public article" not in html_of(client, "/articles/")


def test_scheduled_article_is_public_once_its_time_comes(client, article_factory, time_machine):
    article = article_factory(publish_at=timezone.now() + timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK


# Glossary terms have their own switch


def test_unpublished_term_is_not_in_the_glossary_or_tag_pages(client, term_factory):
    term_factory(name="hidden term", slug="hidden-term", is_published=False, tags=["t"])
    term_factory(name="shown term", tags=["t"])
    assert "hidden-term" not in html_of(client, "/glossary/")
    assert "hidden-term" not in html_of(client, "/tags/t/")
    assert "1 term," in html_of(client, "/tags/")


def test_unpublished_related_term_is_not_linked(client, term_factory):
    term = term_factory()
    term.related.add(term_factory(name="hidden term", slug="hidden-term", is_published=False))
    term.related.add(term_factory(name="shown term", slug="shown-term"))
    html = rendered_html(client.get(term.get_absolute_url()), term.name)
    assert 'href="/glossary/shown-term/"' in html
    assert "hidden-term" not in html
