"""Figures on phones and desktops: the browser picks a rendition that fits the screen, the
image opens full size without script, and figures stay readable in the dark scheme."""

import pytest
from playwright.sync_api import expect

from articles.models import Figure, Section
from tests.conftest import png_file

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def figure_article(article_factory, transactional_db):
    article = article_factory(sections=2)
    section = Section.objects.get(article=article, position=0)
    figure = Figure.objects.create(
        section=section,
        image=png_file(size=(2000, 1000)),
        alt_text="A wide test diagram with labels",
        caption="A caption readers can read",
    )
    return article, figure


def current_source(page):
    image = page.locator("main figure img").first
    page.wait_for_function(
        "() => { const i = document.querySelector('main figure img');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    return image.evaluate("image => image.currentSrc")


def test_a_phone_loads_a_small_rendition(new_page, figure_article):
    article, figure = figure_article
    page = new_page(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page.goto(article.get_absolute_url())
    source = current_source(page)
    assert "/figures/renditions/" in source
    assert "-480w." in source
    assert source.endswith((".avif", ".webp"))


def test_a_desktop_loads_a_wider_rendition(new_page, figure_article):
    article, _ = figure_article
    page = new_page(viewport=DESKTOP, device_scale_factor=1)
    page.goto(article.get_absolute_url())
    assert "-960w." in current_source(page)


def test_tapping_a_figure_opens_the_full_size_original(new_page, live_server, figure_article):
    article, figure = figure_article
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(article.get_absolute_url())
    page.locator("main figure a.figure__link").click()
    expect(page).to_have_url(f"{live_server.url}{figure.image.url}")


def luminance(rgb):
    values = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_figures_sit_on_a_light_card_in_the_dark_scheme(new_page, figure_article):
    article, _ = figure_article
    page = new_page(viewport=PHONE, color_scheme="dark")
    page.goto(article.get_absolute_url())
    styles = page.evaluate(
        """() => {
        const link = document.querySelector('main figure .figure__link');
        const caption = document.querySelector('main figure figcaption');
        return {
            card: getComputedStyle(link).backgroundColor,
            padding: parseFloat(getComputedStyle(link).paddingTop),
            caption: getComputedStyle(caption).color,
            page: getComputedStyle(document.body).backgroundColor,
        };
    }"""
    )
    assert luminance(styles["card"]) > 0.7  # a light card behind the diagram
    assert styles["padding"] >= 4
    # The caption stays light on the dark page: contrast at least 4.5:1.
    light, dark = luminance(styles["caption"]), luminance(styles["page"])
    assert (light + 0.05) / (dark + 0.05) >= 4.5
