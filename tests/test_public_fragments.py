"""Public fragments: the home page's lists and an article's content, kept per content generation.

With the page cache off (or missed), these pages cost their frame and, for an article, one
query for the article row; any public edit shows at once, as it does with whole pages.
"""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False
    cache.clear()


def get_page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


def test_warm_fragments_leave_the_article_one_query_and_the_home_page_none(
    client, article_factory, page_cache_off, django_assert_num_queries
):
    article = article_factory(sections=3, references=2, tags=["sleep"])
    article_factory(tags=["sleep"])
    url = article.get_absolute_url()
    get_page(client, url)  # the first view stores what the render derives (a public edit)
    first_article, first_home = get_page(client, url), get_page(client, "/")
    with django_assert_num_queries(1):  # the article row: visibility, never from a cache
        assert get_page(client, url) == first_article
    with django_assert_num_queries(0):
        assert get_page(client, "/") == first_home


def test_an_edit_of_another_article_shows_at_once_in_the_fragments(
    client, article_factory, page_cache_off
):
    article = article_factory(tags=["sleep"])
    related = article_factory(tags=["sleep"], title="Naps")
    url = article.get_absolute_url()
    assert "Naps" in get_page(client, url)
    assert "Naps" in get_page(client, "/")
    related.title = "Naps after lunch"
    related.save()
    assert "Naps after lunch" in get_page(client, url)
    assert "Naps after lunch" in get_page(client, "/")


def test_a_new_publication_and_a_withdrawal_show_at_once_on_the_home_page(
    client, article_factory, page_cache_off
):
    article_factory(title="Thyroid basics")
    draft = article_factory(title="Iodine and the thyroid", status=Article.Status.DRAFT)
    assert "Iodine and the thyroid" not in get_page(client, "/")
    draft.status = Article.Status.PUBLISHED
    draft.publish_at = timezone.now()
    draft.save()
    assert "Iodine and the thyroid" in get_page(client, "/")
    draft.status = Article.Status.DRAFT
    draft.save()
    assert "Iodine and the thyroid" not in get_page(client, "/")


def test_a_staff_preview_never_enters_the_readers_fragment(
    client, admin_client, article_factory, page_cache_off
):
    draft = article_factory(title="Not yet", status=Article.Status.DRAFT)
    preview = get_page(admin_client, draft.get_absolute_url())
    assert "preview" in preview.lower()
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    live = article_factory(title="Live one")
    staff_view = get_page(admin_client, live.get_absolute_url())
    reader_view = get_page(client, live.get_absolute_url())
    assert "Not yet" not in reader_view
    assert 'class="preview-ribbon' not in staff_view
    assert 'class="preview-ribbon' not in reader_view


def test_each_host_gets_its_own_absolute_addresses(client, article_factory, settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.ALLOWED_HOSTS = ["testserver", "health.example.org"]
    article = article_factory(references=1)
    url = article.get_absolute_url()
    first = get_page(client, url)
    other = get_page(client, url, HTTP_HOST="health.example.org")
    assert f"http://testserver{url}" in first
    assert f"http://health.example.org{url}" in other
    assert "health.example.org" not in get_page(client, url)
