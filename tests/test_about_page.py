"""The About page and the note above each article: what the four reading levels mean."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from site_config.models import SiteSettings

pytestmark = pytest.mark.django_db

LEVEL_LABELS = ["Fundamentals", "Intermediate", "Academic", "Reflection"]


def soup_of(response):
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content.decode(), "html.parser")


def levels_on(soup, selector):
    """{label: text of its description} from a <dl> of levels."""
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in soup.select(f"{selector} dt")
    }


def test_about_page_is_at_about():
    assert reverse("about") == "/about/"


def test_about_page_lists_the_four_levels_with_their_default_targets(client):
    soup = soup_of(client.get("/about/"))
    assert soup.h1.get_text(strip=True).startswith("About")
    assert soup.select_one("h2#reading-levels").get_text(strip=True) == "The four reading levels"
    levels = levels_on(soup, "dl.reading-levels")
    assert list(levels) == LEVEL_LABELS
    assert "SMOG grade of 8 or lower" in levels["Fundamentals"]
    assert "SMOG grade of 10 or lower" in levels["Intermediate"]
    assert "SMOG grade of 8 or lower" in levels["Reflection"]
    assert "No reading-level target" in levels["Academic"]
    assert "plain words" in levels["Fundamentals"]
    assert soup.select_one("#level-academic dd").get_text(" ", strip=True) == levels["Academic"]


def test_about_page_follows_the_targets_in_site_settings(client):
    settings = SiteSettings.load()
    settings.target_fundamentals = 6
    settings.save()
    levels = levels_on(soup_of(client.get("/about/")), "dl.reading-levels")
    assert "SMOG grade of 6 or lower" in levels["Fundamentals"]
    assert "SMOG grade of 10 or lower" in levels["Intermediate"]


def test_every_public_page_links_to_about_from_its_footer(client, article_factory):
    article = article_factory()
    for url in ["/", "/glossary/", article.get_absolute_url()]:
        footer = soup_of(client.get(url)).select_one("footer.site-footer")
        assert footer.select_one('a[href="/about/"]').get_text(strip=True) == "About", url


def test_article_explains_the_levels_at_its_top_and_links_to_about(client, article_factory):
    article = article_factory(sections=4)
    soup = soup_of(client.get(article.get_absolute_url()))
    note = soup.select_one("header.article-header details.levels-note")
    assert "four reading levels" in note.summary.get_text()
    levels = levels_on(note, "dl.levels-note__list")
    assert list(levels) == LEVEL_LABELS
    assert all(levels.values())
    assert note.select_one('a[href="/about/#reading-levels"]')
    # It comes before the article's sections.
    assert note.sourceline < soup.select_one("section[data-level]").sourceline


def test_about_page_is_in_the_sitemap(client):
    assert b"/about/</loc>" in client.get("/sitemap.xml").content
