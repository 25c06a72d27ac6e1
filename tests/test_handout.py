from datetime import date
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import Article, ArticleReference, Figure, Section
from site_config.models import SiteSettings
from tests.conftest import png_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def handout_article(article_factory, reference_factory, term_factory):
    term_factory(
        name="oxytocin",
        slug="oxytocin",
        short_definition="A hormone that helps with birth and bonding.",
    )
    term_factory(
        name="cortisol", slug="cortisol", short_definition="A hormone released under stress."
    )
    term_factory(name="unused word", slug="unused-word", short_definition="Never used.")
    reference_factory(key="first-2001", title="The first study")
    reference_factory(key="second-2002", title="The second study")
    attached = reference_factory(key="attached-2003", title="An attached study")
    article = article_factory(
        sections=0,
        slug="hormones-handout",
        disclaimer_note="Talk to your doctor before changing any medicine.",
        reviewed_at=date(2025, 3, 1),
    )
    fundamentals = Section.objects.create(
        article=article,
        position=0,
        level=Section.Level.FUNDAMENTALS,
        heading="What is oxytocin?",
        anchor="what",
        body="Oxytocin is a hormone [@first-2001].",
        takeaway="Hormones are messengers.",
    )
    Section.objects.create(
        article=article,
        position=1,
        level=Section.Level.ACADEMIC,
        heading="What does cortisol do?",
        anchor="cortisol",
        body="Cortisol rises in the morning [@second-2002]. Oxytocin again [@first-2001].",
    )
    Figure.objects.create(
        section=fundamentals,
        image=png_file(size=(300, 200)),
        alt_text="A loop from the brain to the womb and back.",
        caption="The oxytocin loop.",
        credit="Drawn for this site",
    )
    ArticleReference.objects.create(article=article, reference=attached, position=5)
    return article


def print_url(article, level=None):
    url = reverse("articles:print", kwargs={"slug": article.slug})
    return f"{url}?level={level}" if level else url


def get_soup(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def test_article_page_links_to_its_handout(client, handout_article):
    soup = get_soup(client, handout_article.get_absolute_url())
    link = soup.find("a", string="Print or save as PDF")
    assert link["href"] == "/articles/hormones-handout/print/"


def test_handout_lists_the_words_used_with_their_definitions(client, handout_article):
    soup = get_soup(client, print_url(handout_article))
    words = soup.select_one(".handout-words")
    assert words.find("h2").get_text() == "Words used"
    entries = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in words.select("dt")}
    assert entries == {
        "cortisol": "A hormone released under stress.",
        "oxytocin": "A hormone that helps with birth and bonding.",
    }


def test_handout_numbers_citations_with_the_full_reference_list(client, handout_article):
    soup = get_soup(client, print_url(handout_article))
    citations = [a.get_text() for a in soup.select("sup.citation a")]
    assert citations == ["1", "2", "1"]
    items = soup.select("ol.references > li")
    assert [li["id"] for li in items] == ["ref-first-2001", "ref-second-2002", "ref-attached-2003"]
    assert "The first study" in items[0].get_text()
    assert soup.select_one("sup.citation a")["href"] == "#ref-first-2001"


def test_handout_prints_figures_with_caption_and_alt_text(client, handout_article):
    soup = get_soup(client, print_url(handout_article))
    figure = soup.select_one("figure.handout-figure")
    text = figure.get_text(" ", strip=True)
    assert "The oxytocin loop." in text
    assert "What the picture shows: A loop from the brain to the womb and back." in text
    assert "Drawn for this site" in text
    assert figure.img["alt"] == "A loop from the brain to the womb and back."


def test_handout_prints_disclaimer_review_dates_and_address(client, handout_article):
    banner_text = SiteSettings.load().banner_text
    soup = get_soup(client, print_url(handout_article))
    disclaimer = soup.select_one(".handout-disclaimer").get_text(" ", strip=True)
    assert " ".join(banner_text.split()) in disclaimer
    assert "Talk to your doctor before changing any medicine." in disclaimer
    assert "http://testserver/disclaimer/" in disclaimer
    assert soup.select_one(".page-reviewed time")["datetime"] == "2025-03-01"
    addresses = [p.get_text(" ", strip=True) for p in soup.select(".handout-address")]
    assert any("http://testserver/articles/hormones-handout/" in text for text in addresses)


def test_handout_for_one_level_prints_only_that_level(client, handout_article):
    soup = get_soup(client, print_url(handout_article, "academic"))
    assert [s["data-level"] for s in soup.select("section[data-level]")] == ["academic"]
    assert soup.select_one(".handout-level").get_text() == "Reading level: Academic"
    # Numbered afresh for what is printed; a work only other levels cite is left out.
    assert [a.get_text() for a in soup.select("sup.citation a")] == ["1", "2"]
    assert [li["id"] for li in soup.select("ol.references > li")] == [
        "ref-second-2002",
        "ref-first-2001",
    ]
    # Terms first linked in another level are still explained.
    words = [dt.get_text() for dt in soup.select(".handout-words dt")]
    assert words == ["cortisol", "oxytocin"]
    assert not soup.select("figure")


def test_handout_offers_the_levels_the_article_has(client, handout_article):
    soup = get_soup(client, print_url(handout_article))
    links = [a.get_text() for a in soup.select(".handout-levels a")]
    assert links == ["All levels", "Fundamentals", "Academic"]


@pytest.mark.parametrize("level", ["reflection", "nonsense"])
def test_handout_for_a_level_the_article_lacks_is_404(client, handout_article, level):
    assert client.get(print_url(handout_article, level)).status_code == HTTPStatus.NOT_FOUND


def test_handout_of_a_draft_is_404(client, admin_client, handout_article):
    Article.objects.filter(pk=handout_article.pk).update(status=Article.Status.DRAFT)
    assert client.get(print_url(handout_article)).status_code == HTTPStatus.NOT_FOUND
    assert admin_client.get(print_url(handout_article)).status_code == HTTPStatus.NOT_FOUND


def test_draft_preview_has_no_print_link(admin_client, handout_article):
    Article.objects.filter(pk=handout_article.pk).update(status=Article.Status.DRAFT)
    response = admin_client.get(handout_article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert b"Print or save as PDF" not in response.content
