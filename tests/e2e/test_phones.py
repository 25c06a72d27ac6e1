"""Readers on phones (and one wide screen): reflow at 320 px, tables as cards, the first
screen, tap targets, and a contents list that follows the reader."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Article, Section

from .pages import public_paths

WIDTHS = [320, 360, 390, 1280]
PHONE_WIDTHS = [320, 360, 390]
PHONE_HEIGHT = 844


def open_at(new_page, width, height=None):
    if width >= 1000:
        return new_page(viewport={"width": width, "height": height or 800})
    return new_page(
        viewport={"width": width, "height": height or PHONE_HEIGHT},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )


def page_width(page):
    return page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_no_public_page_scrolls_sideways(new_page, hormone_article, width):
    page = open_at(new_page, width)
    for path in [*public_paths(hormone_article), "/search/?q=oxytocin"]:
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        sizes = page_width(page)
        # A mobile browser widens the layout to fit what sticks out: both must stay put.
        assert sizes["scroll"] <= sizes["inner"] == width, (path, sizes)


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_header_search_button_is_inside_the_screen(new_page, hormone_article, width):
    page = open_at(new_page, width)
    page.goto("/")
    button = page.get_by_role("banner").get_by_role("button", name="Search")
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    search_box = page.get_by_role("banner").get_by_role("searchbox")
    assert search_box.bounding_box()["width"] >= 90


CELLS_JS = """table => Array.from(table.querySelectorAll('tbody td')).map(cell => {
    const box = cell.getBoundingClientRect();
    return {left: box.left, right: box.right, text: cell.textContent.trim(),
            label: getComputedStyle(cell, '::before').content,
            header: cell.dataset.label};
})"""


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_table_rows_are_labelled_cards_on_a_phone(new_page, hormone_article, width):
    page = open_at(new_page, width)
    page.goto(hormone_article.get_absolute_url())
    table = page.locator("main table").first
    table.scroll_into_view_if_needed()
    expect(table).to_be_visible()
    cells = table.evaluate(CELLS_JS)
    assert len(cells) == 18
    for cell in cells:
        # Every cell is on screen, under its column's header.
        assert cell["left"] >= 0 and cell["right"] <= width, cell
        assert cell["label"] == f'"{cell["header"]}"', cell
    assert {cell["header"] for cell in cells} >= {"Sample", "Cost"}
    # The header cells are still there for screen readers, with their scope.
    scopes = table.locator("thead th").evaluate_all("cells => cells.map(c => c.scope)")
    assert scopes == ["col"] * 6


def test_table_is_a_table_on_a_wide_screen(new_page, hormone_article):
    page = open_at(new_page, 1280)
    page.goto(hormone_article.get_absolute_url())
    table = page.locator("main table").first
    table.scroll_into_view_if_needed()
    assert table.evaluate("table => getComputedStyle(table.querySelector('tr')).display") == (
        "table-row"
    )
    box = table.bounding_box()
    assert box["x"] + box["width"] <= 1280
    assert all(cell["label"] == "none" for cell in table.evaluate(CELLS_JS))
    # Six wide columns may not fit the reading column: then the table scrolls sideways in
    # its own box, by keyboard too (site.js), and nothing sticks out of the page.
    scroller = table.evaluate(
        "table => ({scroll: table.scrollWidth, client: table.clientWidth,"
        " overflow: getComputedStyle(table).overflowX, tabindex: table.getAttribute('tabindex')})"
    )
    if scroller["scroll"] > scroller["client"]:
        assert scroller["overflow"] == "auto" and scroller["tabindex"] == "0", scroller


def first_text_top(page):
    return page.evaluate(
        "() => document.querySelector('section[data-level] .prose > p').getBoundingClientRect().top"
    )


def test_first_screen_of_an_article_shows_its_text(new_page, hormone_article):
    page = open_at(new_page, 390)
    page.goto(hormone_article.get_absolute_url())
    expect(page.locator("#disclaimer-banner")).to_be_visible()
    expect(page.locator(".article-notice")).to_be_visible()
    # At least the first two lines of the text are on the first screen, without scrolling.
    line = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.prose > p')).lineHeight)"
    )
    assert first_text_top(page) + 2 * line <= PHONE_HEIGHT


@pytest.mark.parametrize("width", [320, 390])
def test_controls_are_at_least_24_px_square(new_page, hormone_article, width):
    page = open_at(new_page, width)
    selector = (
        "button, input, summary, .site-nav a, .tag, .letter-bar a, .pagination a, .toc a, "
        ".backlinks a, .site-footer nav a"
    )
    for path in public_paths(hormone_article):
        page.goto(path)
        small = page.evaluate(
            """selector => Array.from(document.querySelectorAll(selector))
                .filter(el => el.getClientRects().length)
                .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
                .filter(([, box]) => box.width < 24 || box.height < 24)
                .map(([html, box]) => `${html} ${box.width}x${box.height}`)""",
            selector,
        )
        assert not small, (path, small)


def long_article():
    article = Article.objects.create(
        title="A long article",
        slug="a-long-article",
        summary="Many sections.",
        status=Article.Status.PUBLISHED,
    )
    levels = [choice for choice, _ in Section.Level.choices]
    for position in range(24):
        Section.objects.create(
            article=article,
            position=position,
            level=levels[position * 4 // 24],
            heading=f"Question number {position} about a long subject?",
            anchor=f"question-{position}",
            body="\n\n".join(f"Paragraph {n} of section {position}. " * 8 for n in range(3)),
        )
    return article


def current_links(page):
    return page.locator(".toc a[aria-current]").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )


def scroll_to_section(page, anchor):
    page.evaluate(
        "anchor => { document.documentElement.style.scrollBehavior = 'auto';"
        " document.getElementById(anchor).scrollIntoView(); window.scrollBy(0, 40); }",
        anchor,
    )


def test_contents_mark_the_section_being_read_on_a_wide_screen(new_page, db):
    article = long_article()
    page = open_at(new_page, 1280, 800)
    page.goto(article.get_absolute_url())
    contents = page.get_by_role("navigation", name="In this article")
    expect(contents).to_be_visible()

    scroll_to_section(page, "question-5")
    expect(page.locator('.toc a[aria-current="location"]')).to_have_attribute("href", "#question-5")
    scroll_to_section(page, "question-22")
    expect(page.locator('.toc a[aria-current="location"]')).to_have_attribute(
        "href", "#question-22"
    )
    assert current_links(page) == ["#question-22"]

    # The list is taller than the window: it scrolls within it, and keeps the current
    # section's link in sight.
    sizes = contents.evaluate(
        "nav => ({scroll: nav.scrollHeight, client: nav.clientHeight,"
        " bottom: nav.getBoundingClientRect().bottom, overflow: getComputedStyle(nav).overflowY})"
    )
    assert sizes["scroll"] > sizes["client"] and sizes["bottom"] <= 800, sizes
    assert sizes["overflow"] == "auto"
    link_box = page.locator('.toc a[aria-current="location"]').bounding_box()
    assert link_box["y"] >= 0 and link_box["y"] + link_box["height"] <= 800, link_box


@pytest.mark.parametrize("width", [360, 390])
def test_contents_stay_reachable_on_a_phone(new_page, db, width):
    article = long_article()
    page = open_at(new_page, width)
    page.goto(article.get_absolute_url())
    scroll_to_section(page, "question-10")
    expect(page.locator('.toc a[aria-current="location"]')).to_have_attribute(
        "href", "#question-10"
    )

    # Far down the article the contents control is still at the top of the screen.
    summary = page.locator(".toc summary")
    box = summary.bounding_box()
    assert 0 <= box["y"] <= 2 and box["height"] <= 48, box
    summary.click()
    levels = page.locator(".toc__levels")
    expect(levels).to_be_visible()
    levels_box = levels.bounding_box()
    assert levels_box["y"] + levels_box["height"] <= PHONE_HEIGHT, levels_box

    page.locator('.toc a[href="#question-20"]').click()
    expect(levels).to_be_hidden()
    heading = page.locator("#question-20-heading")
    page.wait_for_function(
        "() => Math.abs(document.getElementById('question-20').getBoundingClientRect().top"
        " - 56) < 30"
    )
    # The heading is not hidden under the contents control.
    assert heading.bounding_box()["y"] >= summary.bounding_box()["y"] + box["height"]
    expect(page.locator('.toc a[aria-current="location"]')).to_have_attribute(
        "href", "#question-20"
    )


def test_demo_articles_on_a_phone(new_page, transactional_db):
    """The demo content as a reader sees it at 390 x 844 (one test: loading it is slow):
    the article text starts on the first screen, its tables are cards inside the screen,
    and citation numbers take a tap at least 24 px square."""
    call_command("load_demo", verbosity=0)
    articles = list(Article.objects.public())
    assert len(articles) >= 3
    page = open_at(new_page, 390)
    tables_seen = citations_seen = 0
    for article in articles:
        page.goto(article.get_absolute_url())
        line = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.prose > p')).lineHeight)"
        )
        assert first_text_top(page) + line <= PHONE_HEIGHT, article.slug

        for table in page.locator("main table").all():
            table.scroll_into_view_if_needed()
            expect(table.locator("caption")).to_be_visible()
            for cell in table.evaluate(CELLS_JS):
                assert cell["left"] >= 0 and cell["right"] <= 390, (article.slug, cell)
                if cell["text"]:
                    assert cell["label"] == f'"{cell["header"]}"', (article.slug, cell)
            tables_seen += 1

        untappable = page.evaluate(
            """() => Array.from(document.querySelectorAll('.citation a')).slice(0, 8)
                .map(link => {
                    link.scrollIntoView({block: 'center', behavior: 'instant'});
                    const box = link.getBoundingClientRect();
                    const x = box.left + box.width / 2, y = box.top + box.height / 2;
                    const misses = [[-11, -11], [11, -11], [-11, 11], [11, 11]].filter(
                        ([dx, dy]) => !link.contains(document.elementFromPoint(x + dx, y + dy)));
                    return misses.length ? link.outerHTML : null;
                })"""
        )
        citations_seen += len(untappable)
        assert not [html for html in untappable if html], article.slug
    assert tables_seen >= 2
    assert citations_seen >= 8
