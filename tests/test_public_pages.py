import re
from datetime import date, timedelta
from http import HTTPStatus
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db.utils import OperationalError
from django.utils import timezone

from articles.models import Article, Figure, Section
from site_config.models import SiteSettings
from tests.conftest import png_file
from tests.pages import rendered_html

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/articles/",
    "/glossary/",
    "/references/",
    "/tags/",
    "/about/",
    "/disclaimer/",
]


def page(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


def soup(client, url):
    return BeautifulSoup(page(client, url), "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


def titles_in_order(html, titles):
    positions = [html.find(f">{title}<") for title in titles]
    assert all(position >= 0 for position in positions), positions
    return positions == sorted(positions)


@pytest.fixture
def article_detail_page(client, article_factory, reference_factory):
    """A full article: four levels, figure, table, tags, references, notice."""
    article = article_factory(
        title="Oxytocin and bonding",
        slug="oxytocin-and-bonding",
        summary="What the hormone does, and what it does not.",
        authors="Ana Writer, Ben Scribe",
        reviewed_by="Dr Lena Okafor, MD",
        reviewed_at=date(2024, 3, 5),
        disclaimer_note="Talk to your prescriber before changing any medicine.",
        sections=0,
        tags=["hormones", "bonding"],
    )
    levels = ["fundamentals", "fundamentals", "intermediate", "academic", "reflection"]
    for position, level in enumerate(levels):
        Section.objects.create(
            article=article,
            position=position,
            level=level,
            heading=f"What about part {position}?",
            anchor=f"part-{position}",
            body=f"Text of part {position}.\n\n| dose | effect |\n|---|---|\n| low | mild |",
            takeaway=f"The point of part {position}.",
        )
    Figure.objects.create(
        section=article.sections.get(anchor="part-0"),
        image=png_file(),
        alt_text="A bar chart of oxytocin levels rising during labour.",
        caption="Oxytocin *rises* in labour.",
        credit="Drawn by the editors",
    )
    article.references.add(
        reference_factory(key="insel-2010", title="The challenge of translation")
    )
    return article, page(client, article.get_absolute_url())


# Home


def test_home_lists_latest_public_articles(client, article_factory):
    article_factory(title="Newest article", publish_at=timezone.now() - timedelta(hours=1))
    article_factory(title="Older article", publish_at=timezone.now() - timedelta(days=3))
    html = page(client, "/")
    assert titles_in_order(html, ["Newest article", "Older article"])


def test_home_shows_at_most_six_articles(client, article_factory):
    for n in range(8):
        article_factory(title=f"Home article {n}", publish_at=timezone.now() - timedelta(days=n))
    html = page(client, "/")
    assert "Home article 5<" in html
    assert "Home article 6<" not in html


def test_home_shows_topics_with_counts(client, article_factory, term_factory):
    article_factory(tags=["sleep"])
    term_factory(tags=["sleep"])
    links = soup(client, "/").select('a[href="/tags/sleep/"]')
    assert "sleep 2" in [text_of(link) for link in links]


def test_home_links_to_the_glossary_with_its_size(client, term_factory):
    term_factory()
    term_factory()
    html = page(client, "/")
    assert 'href="/glossary/"' in html
    assert "2 terms" in html


def test_home_title_is_the_site_name(client):
    SiteSettings(site_name="Calm Health").save()
    assert "<title>Calm Health</title>" in page(client, "/")


# Article list


def test_article_list_shows_public_articles_with_summary_and_tags(client, article_factory):
    article_factory(title="On sleep", summary="Why we sleep.", tags=["sleep"])
    html = page(client, "/articles/")
    assert ">On sleep<" in html
    assert "Why we sleep." in html
    assert 'href="/tags/sleep/"' in html


def test_article_list_is_paginated(client, article_factory, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        article_factory(title=f"Listed {n}", publish_at=timezone.now() - timedelta(days=n))
    first, third = page(client, "/articles/"), page(client, "/articles/?page=3")
    assert "Listed 0<" in first and "Listed 1<" in first and "Listed 2<" not in first
    assert "Page 1 of 3" in first
    assert 'rel="next" href="?page=2"' in first
    assert "Listed 4<" in third and "Listed 0<" not in third


def test_article_list_narrows_to_articles_with_all_given_tags(client, article_factory):
    article_factory(title="Both tags", tags=["sleep", "hormones"])
    article_factory(title="Only sleep", tags=["sleep"])
    article_factory(title="Only hormones", tags=["hormones"])
    html = page(client, "/articles/?tag=sleep&tag=hormones")
    assert ">Both tags<" in html
    assert ">Only sleep<" not in html
    assert ">Only hormones<" not in html


def test_article_list_with_one_tag_shows_every_article_with_it(client, article_factory):
    article_factory(title="Both tags", tags=["sleep", "hormones"])
    article_factory(title="Only sleep", tags=["sleep"])
    article_factory(title="Untagged")
    html = page(client, "/articles/?tag=sleep")
    assert ">Both tags<" in html and ">Only sleep<" in html
    assert ">Untagged<" not in html


def test_article_list_tag_filter_ignores_case(client, article_factory):
    article_factory(title="Sleep article", tags=["Sleep"])
    assert ">Sleep article<" in page(client, "/articles/?tag=SLEEP")


def test_article_list_lists_an_article_once_under_several_tags(client, article_factory):
    article_factory(title="Tagged twice", tags=["sleep", "hormones"])
    html = page(client, "/articles/?tag=sleep&tag=hormones&tag=sleep")
    assert html.count(">Tagged twice<") == 1


def test_article_list_names_the_selected_tags(client, article_factory):
    article_factory(tags=["sleep", "hormones"])
    heading = text_of(soup(client, "/articles/?tag=sleep&tag=hormones").h1)
    assert heading.startswith("Articles about")
    assert "sleep" in heading and "hormones" in heading


def test_article_list_pagination_keeps_the_tag_filter(client, article_factory, settings):
    settings.ARTICLES_PER_PAGE = 1
    article_factory(tags=["sleep"])
    article_factory(tags=["sleep"])
    html = page(client, "/articles/?tag=sleep")
    assert 'href="?tag=sleep&amp;page=2"' in html


def test_article_list_says_when_nothing_matches(client, article_factory):
    article_factory(tags=["sleep"])
    article_factory(tags=["hormones"])
    assert "No published articles match" in page(client, "/articles/?tag=sleep&tag=hormones")


# Article page


def test_article_page_shows_title_summary_and_byline(article_detail_page):
    _, html = article_detail_page
    assert "<title>Oxytocin and bonding · " in html
    assert ">Oxytocin and bonding</h1>" in html
    assert "What the hormone does, and what it does not." in html
    assert "Ana Writer, Ben Scribe" in html
    assert "Dr Lena Okafor, MD" in html
    assert '<time datetime="2024-03-05">5 March 2024</time>' in html
    assert "Last updated" in html


def test_article_page_uses_the_summary_as_meta_description(article_detail_page):
    _, html = article_detail_page
    assert '<meta name="description" content="What the hormone does, and what it does not.">' in (
        html
    )


def test_article_page_shows_its_own_notice_before_the_first_section(article_detail_page):
    _, html = article_detail_page
    notice = html.find("Talk to your prescriber before changing any medicine.")
    assert 0 < notice < html.find('<section id="part-0"')


def test_article_page_table_of_contents_groups_sections_by_level(article_detail_page):
    _, html = article_detail_page
    toc = BeautifulSoup(html, "html.parser").select_one("nav.toc")
    levels = [text_of(link) for link in toc.select(".toc__level-link")]
    assert levels == ["Fundamentals", "Intermediate", "Academic", "Reflection", "References"]
    section_links = [link["href"] for link in toc.select(".toc__level li a")]
    assert section_links == [f"#part-{n}" for n in range(5)]


def test_article_page_table_of_contents_links_lead_somewhere(article_detail_page):
    _, html = article_detail_page
    document = BeautifulSoup(html, "html.parser")
    targets = [link["href"] for link in document.select("nav.toc a[href]")]
    assert {f"#part-{position}" for position in range(5)} <= set(targets)
    for target in targets:
        assert document.find(id=target.removeprefix("#")), target


def test_article_page_shows_sections_in_order_with_their_level(article_detail_page):
    _, html = article_detail_page
    sections = BeautifulSoup(html, "html.parser").select("section[data-level]")
    assert [(s["id"], s["data-level"]) for s in sections] == [
        ("part-0", "fundamentals"),
        ("part-1", "fundamentals"),
        ("part-2", "intermediate"),
        ("part-3", "academic"),
        ("part-4", "reflection"),
    ]
    assert text_of(sections[2].h2) == "What about part 2?"


def test_article_page_highlights_takeaways(article_detail_page):
    _, html = article_detail_page
    section = BeautifulSoup(html, "html.parser").select_one("section#part-0")
    assert "The point of part 0." in text_of(section.select_one(".takeaway"))


def test_article_page_renders_markdown_tables(article_detail_page):
    _, html = article_detail_page
    assert html.count('<table class="table-cards">') == 5
    assert '<th scope="col">dose</th>' in html
    assert '<td data-label="effect">mild</td>' in html


def test_article_page_shows_figures_with_alt_text_caption_and_credit(article_detail_page):
    _, html = article_detail_page
    assert 'alt="A bar chart of oxytocin levels rising during labour."' in html
    assert 'width="40" height="30"' in html
    assert "Oxytocin <em>rises</em> in labour." in html
    assert "Drawn by the editors" in html


def test_article_page_lists_its_tags(article_detail_page):
    _, html = article_detail_page
    assert 'href="/tags/hormones/">hormones<' in html
    assert 'href="/tags/bonding/">bonding<' in html


def test_article_page_lists_its_references(article_detail_page):
    _, html = article_detail_page
    assert '<ol class="references">' in html
    assert '<li id="ref-insel-2010" data-verification="unverified">' in html
    assert "The challenge of translation" in html


def test_article_page_without_references_has_no_reference_list(client, article_factory):
    article = article_factory(references=0)
    html = rendered_html(client.get(article.get_absolute_url()), article.title)
    assert '<section id="question-1"' in html
    assert '<ol class="references">' not in html


def test_related_articles_are_ordered_by_shared_tags(client, article_factory):
    article = article_factory(tags=["a", "b", "c"])
    article_factory(title="Shares one", tags=["a", "x"])
    article_factory(title="Shares three", tags=["a", "b", "c"])
    article_factory(title="Shares two", tags=["b", "c"])
    article_factory(title="Shares none", tags=["x"])
    html = page(client, article.get_absolute_url())
    related = html[html.find('id="related-title"') :]
    assert titles_in_order(related, ["Shares three", "Shares two", "Shares one"])
    assert "Shares none" not in related


def test_article_without_tags_has_no_related_articles(client, article_factory):
    article = article_factory()
    article_factory(tags=["a"])
    html = rendered_html(client.get(article.get_absolute_url()), article.title)
    assert 'id="related-title"' not in html


def test_article_is_not_related_to_itself(client, article_factory):
    article = article_factory(title="Alone", tags=["a"])
    html = rendered_html(client.get(article.get_absolute_url()), "Alone")
    assert 'href="/tags/a/"' in html
    assert 'id="related-title"' not in html


def test_article_edit_shows_at_once(client, public_article):
    page(client, public_article.get_absolute_url())
    section = public_article.sections.first()
    section.body = "Freshly corrected text."
    section.save()
    assert "Freshly corrected text." in page(client, public_article.get_absolute_url())


# Glossary


def test_glossary_index_groups_terms_by_letter(client, term_factory):
    term_factory(name="oxytocin", slug="oxytocin", short_definition="A hormone.")
    term_factory(name="OXTR gene", slug="oxtr-gene")
    term_factory(name="estradiol", slug="estradiol")
    term_factory(name="5-alpha reductase", slug="5-alpha-reductase")
    document = soup(client, "/glossary/")
    groups = document.select("section[id^=letter-]")
    assert [group["id"] for group in groups] == ["letter-#", "letter-E", "letter-O"]
    assert [a["href"] for a in groups[2].select("dt a")] == [
        "/glossary/oxtr-gene/",
        "/glossary/oxytocin/",
    ]
    assert "A hormone." in text_of(groups[2])


def test_glossary_letter_bar_links_to_each_group(client, term_factory):
    term_factory(name="oxytocin")
    term_factory(name="estradiol")
    document = soup(client, "/glossary/")
    letters = document.select(".letter-bar a")
    assert [text_of(a) for a in letters] == ["E", "O"]
    for link in letters:
        assert document.find(id=link["href"].removeprefix("#"))


def test_glossary_index_shows_aliases(client, term_factory):
    term_factory(name="oxytocin receptor", aliases="OXTR\nOT receptor")
    assert "(OXTR, OT receptor)" in page(client, "/glossary/")


def test_glossary_index_leaves_out_unpublished_terms(client, term_factory):
    term_factory(name="hidden term", is_published=False)
    term_factory(name="shown term", slug="shown-term")
    html = rendered_html(client.get("/glossary/"), "Glossary")
    assert 'href="/glossary/shown-term/"' in html
    assert "hidden term" not in html


def test_term_page_shows_definition_aliases_and_body(client, term_factory):
    term = term_factory(
        name="oxytocin receptor",
        aliases="OXTR",
        short_definition="The protein oxytocin binds to.",
        body="Found in **many** tissues.",
    )
    html = page(client, term.get_absolute_url())
    assert ">oxytocin receptor</h1>" in html
    assert "Also called: OXTR" in html
    assert "The protein oxytocin binds to." in html
    assert "Found in <strong>many</strong> tissues." in html


def test_term_page_lists_published_related_terms(client, term_factory):
    term = term_factory()
    term.related.add(
        term_factory(name="shown relative", slug="shown-relative"),
        term_factory(name="hidden relative", is_published=False),
    )
    html = page(client, term.get_absolute_url())
    assert 'href="/glossary/shown-relative/">shown relative<' in html
    assert "hidden relative" not in html


def test_term_page_lists_public_articles_that_use_it(client, term_factory, article_factory):
    term = term_factory()
    article_factory(title="Uses the term").terms.add(term)
    article_factory(title="Does not use it")
    html = page(client, term.get_absolute_url())
    assert ">Uses the term<" in html
    assert "Does not use it" not in html


def test_term_page_says_when_no_article_uses_it(client, term_factory):
    html = page(client, term_factory().get_absolute_url())
    assert "No published article uses this term yet." in html


def test_unpublished_term_page_is_404(client, term_factory):
    term = term_factory(is_published=False)
    assert client.get(term.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


# References


def test_references_page_lists_every_reference(client, reference_factory):
    reference_factory(key="insel-2010", title="The challenge of translation")
    html = page(client, "/references/")
    assert '<li id="ref-insel-2010" data-verification="unverified">' in html
    assert "The challenge of translation" in html


def test_references_page_shows_where_each_is_cited(client, article_factory):
    article = article_factory(title="Citing article", references=1)
    entry = soup(client, "/references/").select_one("li[id^=ref-]")
    assert entry.find("a", href=article.get_absolute_url(), string="Citing article")


def test_references_page_filters_by_tag(client, reference_factory):
    reference_factory(title="About sleep", tags=["sleep"])
    reference_factory(title="About hormones", tags=["hormones"])
    html = page(client, "/references/?tag=sleep")
    assert "About sleep" in html
    assert "About hormones" not in html


def test_references_page_says_which_references_were_checked(client, reference_factory):
    reference_factory(key="unchecked", doi="", pmid="", url="")
    reference_factory(key="with-doi", doi="10.1016/j.neuron.2010.03.005")
    reference_factory(key="missing", verification="not-found")
    page_soup = soup(client, "/references/")
    entries = {entry["id"]: entry for entry in page_soup.select("li[id^=ref-]")}
    assert entries["ref-unchecked"]["data-verification"] == "unverified"
    assert "Not yet checked" in text_of(entries["ref-unchecked"])
    assert entries["ref-with-doi"].select_one(".verification-note") is None
    assert entries["ref-with-doi"].find("a", href="https://doi.org/10.1016/j.neuron.2010.03.005")
    assert entries["ref-missing"]["data-verification"] == "not-found"
    assert "could not find this work" in text_of(entries["ref-missing"])
    assert "no DOI" not in page_soup.get_text()


# Tags


def test_tag_index_counts_articles_terms_and_references(
    client, article_factory, term_factory, reference_factory
):
    article_factory(tags=["sleep"])
    article_factory(tags=["sleep"])
    term_factory(tags=["sleep"])
    html = page(client, "/tags/")
    assert 'href="/tags/sleep/">sleep</a>' in html
    assert "2 articles, 1 term, 0 references" in html


def test_tag_index_lists_tags_in_name_order(client, article_factory):
    article_factory(tags=["zinc", "acne", "menopause"])
    html = page(client, "/tags/")
    assert titles_in_order(html, ["acne", "menopause", "zinc"])


def test_tag_page_lists_articles_terms_and_references(
    client, article_factory, term_factory, reference_factory
):
    article_factory(title="Sleep article", tags=["sleep"])
    term_factory(name="melatonin", tags=["sleep"])
    reference_factory(title="A sleep study", tags=["sleep"])
    article_factory(title="Other article", tags=["other"])
    html = page(client, "/tags/sleep/")
    assert "<h1>Sleep</h1>" in html
    assert ">Sleep article<" in html
    assert ">melatonin<" in html
    assert "A sleep study" in html
    assert "Other article" not in html


def test_tag_page_finds_tags_whatever_their_case(client, article_factory):
    article_factory(title="Capital tag", tags=["Sleep"])
    assert ">Capital tag<" in page(client, "/tags/sleep/")


def test_tag_page_is_paginated(client, article_factory, settings):
    settings.ARTICLES_PER_PAGE = 1
    article_factory(title="Tagged A", tags=["sleep"], publish_at=timezone.now())
    article_factory(title="Tagged B", tags=["sleep"], publish_at=timezone.now() - timedelta(1))
    html = page(client, "/tags/sleep/?page=2")
    assert ">Tagged B<" in html and ">Tagged A<" not in html


def test_unknown_tag_page_is_404(client):
    assert client.get("/tags/no-such-tag/").status_code == HTTPStatus.NOT_FOUND


# Disclaimer, banner, robots, health


def test_disclaimer_page_shows_the_text_from_site_settings(client):
    SiteSettings(disclaimer_text="We are **not** your doctor.").save()
    assert "We are <strong>not</strong> your doctor." in page(client, "/disclaimer/")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_banner_is_on_every_public_page(client, public_article, url):
    html = page(client, url)
    assert html.count('<aside id="disclaimer-banner"') == 1


def test_banner_is_on_article_term_and_tag_pages(client, article_factory, term_factory):
    article = article_factory(tags=["sleep"])
    term = term_factory()
    for url in [article.get_absolute_url(), term.get_absolute_url(), "/tags/sleep/"]:
        assert '<aside id="disclaimer-banner"' in page(client, url)


def test_banner_is_on_the_404_page(client):
    response = client.get("/articles/no-such-article/")
    assert '<aside id="disclaimer-banner"' in response.content.decode()


def test_banner_shows_the_text_from_site_settings(client):
    SiteSettings(banner_text="Education only, please ask your clinician.").save()
    html = page(client, "/")
    assert "Education only, please ask your clinician." in html


def test_banner_carries_a_version_of_its_text(client):
    SiteSettings(banner_text="Version one.").save()
    first = re.search(r'data-banner-version="(\w+)"', page(client, "/")).group(1)
    assert first == SiteSettings.load().banner_version
    SiteSettings(banner_text="Version two.").save()
    second = re.search(r'data-banner-version="(\w+)"', page(client, "/")).group(1)
    assert second == SiteSettings.load().banner_version
    assert first != second


def test_banner_can_be_switched_off(client):
    SiteSettings(banner_enabled=False).save()
    html = rendered_html(client.get("/"), "Health Library")
    assert 'id="disclaimer-banner"' not in html


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/admin/", "Articles, glossary and references"),
        ("/admin/articles/article/", "Select article to change"),
        ("/admin/articles/article/add/", "Add article"),
    ],
)
def test_banner_is_never_in_the_admin(staff_client, url, heading):
    assert "disclaimer-banner" not in rendered_html(staff_client.get(url), heading)


def test_banner_is_not_on_the_admin_sign_in_page(client):
    response = client.get("/admin/login/")
    assert response.status_code == HTTPStatus.OK
    assert b'id="login-form"' in response.content
    assert b"disclaimer-banner" not in response.content


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_have_a_language_and_landmarks(client, url):
    document = soup(client, url)
    assert document.html["lang"] == "en"
    assert document.select_one("main#main")
    assert document.select_one("a.skip-link")["href"] == "#main"
    assert document.select_one("header") and document.select_one("footer")


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_healthz_reports_ok_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_an_unavailable_database(client):
    # The health check's one database read: any failure of it is an unavailable database.
    with mock.patch(
        "site_config.cache_keys.replay_missed_invalidations",
        side_effect=OperationalError("gone"),
    ):
        response = client.get("/healthz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json()["database"] == "unavailable"


def test_article_list_and_page_are_empty_but_fine_without_content(client):
    assert "No published articles match" in page(client, "/articles/")
    assert "No articles have been published yet." in page(client, "/")
    assert "The glossary is empty." in page(client, "/glossary/")


def test_scheduled_article_appears_once_its_time_comes(client, article_factory, time_machine):
    article_factory(title="Scheduled", publish_at=timezone.now() + timedelta(hours=2))
    assert ">Scheduled<" not in page(client, "/articles/")
    time_machine.move_to(timezone.now() + timedelta(hours=3))
    assert ">Scheduled<" in page(client, "/articles/")
    assert Article.objects.public().count() == 1


def test_favicon_ico_redirects_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"].endswith("img/favicon.svg")
