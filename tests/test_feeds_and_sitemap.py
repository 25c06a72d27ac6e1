"""RSS and Atom feeds, the sitemap and robots.txt: public content only."""

from datetime import timedelta
from http import HTTPStatus
from xml.etree import ElementTree

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def xml_of(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return ElementTree.fromstring(response.content)


@pytest.fixture
def dated_articles(article_factory):
    """Three public articles published a day apart, a draft and a scheduled one."""
    now = timezone.now()
    for days, title in [(3, "Oldest"), (1, "Newest"), (2, "Middle")]:
        article_factory(
            title=title,
            summary=f"Summary of {title.lower()}.",
            publish_at=now - timedelta(days=days),
            tags=["hormones"],
        )
    article_factory(title="Draft", status=Article.Status.DRAFT, tags=["hormones"])
    article_factory(title="Scheduled", publish_at=now + timedelta(days=1), tags=["hormones"])


def rss_titles(root):
    return [item.findtext("title") for item in root.iter("item")]


def atom_titles(root):
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_rss_feed_lists_public_articles_newest_first(client, dated_articles):
    root = xml_of(client, "/feeds/articles/rss/")
    assert root.tag == "rss" and root.get("version") == "2.0"
    assert rss_titles(root) == ["Newest", "Middle", "Oldest"]


def test_rss_items_carry_summary_date_link_and_topics(client, dated_articles):
    item = next(xml_of(client, "/feeds/articles/rss/").iter("item"))
    assert item.findtext("description") == "Summary of newest."
    assert item.findtext("link").startswith("http://testserver/articles/")
    assert item.findtext("pubDate")
    assert [category.text for category in item.findall("category")] == ["hormones"]


def test_atom_feed_lists_public_articles_with_updated_dates(client, dated_articles):
    root = xml_of(client, "/feeds/articles/atom/")
    assert atom_titles(root) == ["Newest", "Middle", "Oldest"]
    entry = next(root.iter(f"{ATOM}entry"))
    assert entry.findtext(f"{ATOM}summary") == "Summary of newest."
    newest = Article.objects.get(title="Newest")
    assert entry.findtext(f"{ATOM}updated") == newest.updated_at.isoformat()
    assert root.findtext(f"{ATOM}updated")


def test_feed_updated_date_follows_an_edit(client, dated_articles):
    article = Article.objects.get(title="Oldest")
    article.summary = "Rewritten."
    article.save()
    root = xml_of(client, "/feeds/articles/atom/")
    assert root.findtext(f"{ATOM}updated") == article.updated_at.isoformat()


def test_tag_feeds_list_only_that_topic(client, dated_articles, article_factory):
    article_factory(title="Other topic", tags=["sleep"])
    assert rss_titles(xml_of(client, "/feeds/tags/hormones/rss/")) == [
        "Newest",
        "Middle",
        "Oldest",
    ]
    assert atom_titles(xml_of(client, "/feeds/tags/sleep/atom/")) == ["Other topic"]


@pytest.mark.parametrize("url", ["/feeds/tags/unknown/rss/", "/feeds/tags/secret/atom/"])
def test_tag_feed_of_unknown_or_draft_only_topic_is_404(client, article_factory, url):
    article_factory(tags=["secret"], status=Article.Status.DRAFT)
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_scheduled_article_joins_the_feed_when_its_time_comes(client, article_factory):
    publish_at = timezone.now() + timedelta(hours=1)
    article_factory(title="Soon", publish_at=publish_at)
    assert rss_titles(xml_of(client, "/feeds/articles/rss/")) == []
    with time_machine.travel(publish_at + timedelta(minutes=1)):
        assert rss_titles(xml_of(client, "/feeds/articles/rss/")) == ["Soon"]


def test_every_page_links_the_feeds_from_its_head(client, public_article):
    html = client.get("/").content.decode()
    head = html[: html.index("</head>")]
    assert 'type="application/rss+xml"' in head and 'href="/feeds/articles/rss/"' in head
    assert 'type="application/atom+xml"' in head and 'href="/feeds/articles/atom/"' in head


def test_tag_page_links_its_own_feeds(client, article_factory):
    article_factory(tags=["hormones"])
    html = client.get("/tags/hormones/").content.decode()
    head = html[: html.index("</head>")]
    assert 'href="/feeds/tags/hormones/rss/"' in head
    assert 'href="/feeds/tags/hormones/atom/"' in head


# Sitemap and robots


def sitemap_entries(client):
    root = xml_of(client, "/sitemap.xml")
    return {
        url.findtext(f"{SITEMAP}loc").removeprefix("http://testserver"): url.findtext(
            f"{SITEMAP}lastmod"
        )
        for url in root.iter(f"{SITEMAP}url")
    }


def test_sitemap_lists_public_articles_with_their_last_update(client, article_factory):
    article = article_factory(slug="public-one")
    entries = sitemap_entries(client)
    assert entries["/articles/public-one/"] == article.updated_at.date().isoformat()


def test_sitemap_leaves_out_drafts_scheduled_and_their_topics(client, article_factory):
    article_factory(slug="public-one", tags=["sleep"])
    article_factory(slug="draft-one", status=Article.Status.DRAFT, tags=["secret"])
    article_factory(slug="later", publish_at=timezone.now() + timedelta(days=1), tags=["soon"])
    entries = sitemap_entries(client)
    assert {"/articles/public-one/", "/tags/sleep/"} <= set(entries)
    assert not [url for url in entries if "draft-one" in url or "later" in url]
    assert "/tags/secret/" not in entries and "/tags/soon/" not in entries


def test_sitemap_lists_published_terms_and_tag_pages(client, article_factory, term_factory):
    article_factory(tags=["hormones"])
    term_factory(slug="estradiol", tags=["endocrinology"])
    term_factory(slug="hidden", is_published=False)
    entries = sitemap_entries(client)
    assert "/glossary/estradiol/" in entries
    assert "/glossary/hidden/" not in entries
    assert {"/tags/hormones/", "/tags/endocrinology/"} <= set(entries)


def test_sitemap_lists_the_main_pages(client):
    entries = sitemap_entries(client)
    assert {"/", "/articles/", "/glossary/", "/tags/", "/references/", "/disclaimer/"} <= set(
        entries
    )


def test_robots_txt_points_to_the_sitemap(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
