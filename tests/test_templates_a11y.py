"""Accessibility and front-end contracts of the public pages.

Every public page: the disclaimer banner, a language, a title and description, a skip link
and labelled landmarks, headings that do not skip levels, images with alt text, nothing
inline that a strict CSP would block, and only our own static files. Plus the colour pairs
of site.css, checked for WCAG AA contrast in the light and the dark scheme.
"""

import re
from http import HTTPStatus
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import loader

from site_config.models import SiteSettings
from tests.pages import rendered_html

pytestmark = pytest.mark.django_db

STATIC_DIR = Path(settings.BASE_DIR) / "static"
PUBLIC_PAGES = [
    "home",
    "article list",
    "article",
    "glossary",
    "term",
    "references",
    "topics",
    "topic",
    "about",
    "disclaimer",
    "not found",
]


@pytest.fixture
def public_urls(article_factory, term_factory):
    article = article_factory(sections=4, figures=2, references=2, tags=["sleep"])
    term = term_factory(name="melatonin", slug="melatonin", tags=["sleep"])
    return {
        "home": "/",
        "article list": "/articles/",
        "article": article.get_absolute_url(),
        "glossary": "/glossary/",
        "term": term.get_absolute_url(),
        "references": "/references/",
        "topics": "/tags/",
        "topic": "/tags/sleep/",
        "about": "/about/",
        "disclaimer": "/disclaimer/",
        "not found": "/articles/no-such-article/",
    }


def get_document(client, url):
    response = client.get(url)
    expected = HTTPStatus.NOT_FOUND if "no-such" in url else HTTPStatus.OK
    assert response.status_code == expected, url
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture(params=PUBLIC_PAGES)
def public_page(request, client, public_urls):
    return get_document(client, public_urls[request.param])


def server_error_page():
    return BeautifulSoup(loader.get_template("500.html").render(), "html.parser")


# The banner


def test_banner_is_on_every_public_page_once(public_page):
    assert len(public_page.select("aside#disclaimer-banner")) == 1


def test_banner_is_on_the_server_error_page():
    assert server_error_page().select_one("aside#disclaimer-banner")


def test_banner_is_not_in_the_admin(staff_client, public_article):
    response = staff_client.get(f"/admin/articles/article/{public_article.pk}/change/")
    assert "disclaimer-banner" not in rendered_html(response, "Change article")


def test_banner_is_labelled_and_outside_main(client):
    document = get_document(client, "/")
    banner = document.select_one("aside#disclaimer-banner")
    assert banner["aria-label"]
    assert banner.find_parent("main") is None


def test_banner_version_is_on_the_page_root_for_the_early_check(client):
    document = get_document(client, "/")
    version = document.select_one("#disclaimer-banner")["data-banner-version"]
    assert version == SiteSettings.load().banner_version
    assert document.html["data-banner-version"] == version


def test_page_root_version_follows_a_new_banner_text(client):
    SiteSettings(banner_text="First wording.").save()
    first = get_document(client, "/").html["data-banner-version"]
    assert first == SiteSettings.load().banner_version
    SiteSettings(banner_text="Second wording.").save()
    second = get_document(client, "/").html["data-banner-version"]
    assert second == SiteSettings.load().banner_version
    assert first != second


def test_switched_off_banner_leaves_no_version_on_the_page_root(client):
    SiteSettings(banner_enabled=False).save()
    document = BeautifulSoup(rendered_html(client.get("/"), "Health Library"), "html.parser")
    assert not document.html.has_attr("data-banner-version")


def test_dismiss_button_is_hidden_until_javascript_shows_it(client):
    button = get_document(client, "/").select_one("#disclaimer-banner button")
    assert button.has_attr("hidden")
    assert button["type"] == "button"


def test_dismissed_banner_is_hidden_on_screen_only():
    site_css = (STATIC_DIR / "css" / "site.css").read_text()
    assert site_css.count(".banner-dismissed #disclaimer-banner") == 1
    assert re.search(
        r"@media screen \{\s*\.banner-dismissed #disclaimer-banner \{\s*display: none;", site_css
    )


def test_print_stylesheet_prints_a_dismissed_banner():
    print_css = (STATIC_DIR / "css" / "print.css").read_text()
    rule = re.search(r"\.banner-dismissed #disclaimer-banner[^{]*\{([^}]*)\}", print_css)
    assert "display: block !important" in rule.group(1)


def test_print_stylesheet_is_linked_for_print(client):
    links = get_document(client, "/").select('link[rel="stylesheet"][media="print"]')
    assert [link["href"] for link in links] == ["/static/css/print.css"]


# Document basics


def test_public_page_has_a_language(public_page):
    assert public_page.html["lang"] == "en"


def test_public_page_has_a_title_and_description(public_page):
    assert public_page.title.get_text(strip=True)
    assert public_page.select_one('meta[name="description"]')["content"].strip()


def test_server_error_page_has_language_title_and_description():
    document = server_error_page()
    assert document.html["lang"] == "en"
    assert document.title.get_text(strip=True)
    assert document.select_one('meta[name="description"]')["content"].strip()


def test_skip_link_is_the_first_link_and_targets_main(public_page):
    first_link = public_page.body.find("a")
    assert "skip-link" in first_link["class"]
    target = public_page.select_one(first_link["href"])
    assert target.name == "main"


def test_public_page_has_one_main_and_a_header_and_footer(public_page):
    assert len(public_page.select("main")) == 1
    assert public_page.select_one("body > header.site-header")
    assert public_page.select_one("body > footer.site-footer")


def test_every_navigation_and_aside_is_labelled(public_page):
    landmarks = public_page.select("nav, aside")
    assert public_page.select_one("aside#disclaimer-banner") in landmarks
    for landmark in landmarks:
        assert landmark.get("aria-label") or landmark.get("aria-labelledby"), landmark.name


def test_headings_start_at_h1_and_never_skip_a_level(public_page):
    levels = [int(heading.name[1]) for heading in public_page.select("main :is(h1,h2,h3,h4,h5)")]
    assert levels[0] == 1
    assert levels.count(1) == 1
    for previous, level in zip(levels, levels[1:], strict=False):
        assert level <= previous + 1, levels


def test_images_on_the_article_page_have_alt_text(client, public_urls):
    images = get_document(client, public_urls["article"]).select("img")
    assert len(images) == 2
    assert all(image.get("alt", "").strip() for image in images)


def test_figures_have_a_caption_with_the_credit(client, article_factory):
    article = article_factory(sections=1, figures=1)
    article.sections.get().figures.update(credit="Drawn by the editors")
    figure = get_document(client, article.get_absolute_url()).select_one("figure")
    assert "Drawn by the editors" in figure.figcaption.select_one(".figure__credit").text


def test_article_table_of_contents_works_without_javascript(client, public_urls):
    toc = get_document(client, public_urls["article"]).select_one("nav.toc")
    assert toc["aria-label"]
    details = toc.select_one("details")
    assert details.select_one("summary").get_text(strip=True)
    assert details.select('a[href^="#"]')


def test_article_list_cards_follow_the_page_heading(client, article_factory):
    article_factory(title="Card title")
    card = get_document(client, "/articles/").select_one(".card__title")
    assert card.name == "h2"


# Content security: nothing inline, nothing from other hosts


# JSON-LD is a data block the browser never runs, so a strict CSP has nothing to say about it.
DATA_BLOCK_TYPES = {"application/ld+json"}


def test_no_inline_script_style_or_event_handler(public_page):
    # The page has its scripts and styles, from files.
    assert public_page.select_one('script[src^="/static/"]') is not None
    assert public_page.select_one('link[rel="stylesheet"][href^="/static/"]') is not None
    for script in public_page.select("script"):
        if script.get("type") in DATA_BLOCK_TYPES:
            continue
        assert script.get("src") and not script.get_text(strip=True)
    assert not public_page.select("style")
    for element in public_page.find_all(True):
        for attribute in element.attrs:
            assert attribute != "style" and not attribute.startswith("on"), element.name


def test_server_error_page_has_nothing_inline():
    document = server_error_page()
    assert document.select_one("main h1").get_text() == "Something went wrong on our side"
    assert document.select_one('link[rel="stylesheet"][href^="/static/"]') is not None
    assert not document.select("script:not([src]), style, [style]")


def test_scripts_are_deferred_except_the_tiny_banner_check(client):
    scripts = get_document(client, "/").select("script[src]")
    blocking = [script["src"] for script in scripts if not script.has_attr("defer")]
    assert blocking == ["/static/js/banner-early.js"]


def test_assets_come_from_this_site_and_exist(public_page):
    urls = [
        link["href"]
        for link in public_page.select("link[href]")
        if "stylesheet" in link["rel"] or "icon" in link["rel"]
    ]
    urls += [script["src"] for script in public_page.select("script[src]")]
    assert urls
    for url in urls:
        assert url.startswith(settings.STATIC_URL), url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), url


def test_stylesheets_only_load_files_that_exist():
    loaded = [
        (css, url)
        for css in (STATIC_DIR / "css").glob("*.css")
        for url in re.findall(r"url\(\s*[\"']?([^\"')]+)", css.read_text())
    ]
    assert loaded  # at least the site icon
    for css, url in loaded:
        assert not url.startswith(("http:", "https:", "//")), url
        assert (css.parent / url).resolve().is_file(), url


# Colour contrast (WCAG 2.x relative luminance)


def colour_tokens():
    css = (STATIC_DIR / "css" / "site.css").read_text()
    light_part, dark_part = css.split("@media (prefers-color-scheme: dark)", 1)
    token = re.compile(r"--(color-[\w-]+):\s*(#[0-9a-fA-F]{6});")
    light = dict(token.findall(light_part))
    dark = {**light, **dict(token.findall(dark_part.split("\n}\n", 1)[0]))}
    return {"light": light, "dark": dark}


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


TEXT = 4.5  # normal-size text, WCAG AA
NON_TEXT = 3.0  # focus rings and control borders, WCAG 2.1 1.4.11
COLOUR_PAIRS = [
    ("text", "bg", TEXT),
    ("text", "surface", TEXT),
    ("text", "surface-sunk", TEXT),
    ("muted", "bg", TEXT),
    ("muted", "surface", TEXT),
    ("muted", "surface-sunk", TEXT),
    ("link", "bg", TEXT),
    ("link", "surface", TEXT),
    ("link", "surface-sunk", TEXT),
    ("link-visited", "bg", TEXT),
    ("link-visited", "surface", TEXT),
    ("link-hover", "bg", TEXT),
    ("link", "tag-bg", TEXT),
    ("link", "target-bg", TEXT),
    ("text", "target-bg", TEXT),
    ("accent-text", "accent", TEXT),
    ("accent-text", "link-hover", TEXT),
    ("tag-text", "tag-bg", TEXT),
    ("text", "takeaway-bg", TEXT),
    ("link", "takeaway-bg", TEXT),
    ("takeaway-label", "takeaway-bg", TEXT),
    ("notice-text", "notice-bg", TEXT),
    ("banner-text", "banner-bg", TEXT),
    ("ribbon-text", "ribbon-bg", TEXT),
    ("level-fundamentals", "bg", TEXT),
    ("level-intermediate", "bg", TEXT),
    ("level-academic", "bg", TEXT),
    ("level-reflection", "bg", TEXT),
    ("level-fundamentals", "surface", TEXT),
    ("level-intermediate", "surface", TEXT),
    ("level-academic", "surface", TEXT),
    ("level-reflection", "surface", TEXT),
    ("focus", "bg", NON_TEXT),
    ("focus", "surface", NON_TEXT),
    ("focus", "banner-bg", NON_TEXT),
    ("border-strong", "bg", NON_TEXT),
    ("border-strong", "surface", NON_TEXT),
    ("takeaway-border", "takeaway-bg", NON_TEXT),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("foreground", "background", "minimum"), COLOUR_PAIRS)
def test_colour_pair_meets_wcag_aa(scheme, foreground, background, minimum):
    tokens = colour_tokens()[scheme]
    ratio = contrast_ratio(tokens[f"color-{foreground}"], tokens[f"color-{background}"])
    assert ratio >= minimum, f"{foreground} on {background} ({scheme}): {ratio:.2f}"
