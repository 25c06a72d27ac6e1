import re

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


def term_link(page):
    return page.locator("a.glossary-term").first


def popover_for(page, link):
    """The popover, found through its accessible relationship with the term link."""
    described_by = link.get_attribute("aria-describedby")
    if described_by:
        return page.locator(", ".join(f"[id='{id_}']" for id_ in described_by.split()))
    return page.get_by_role("tooltip")


def tab_to(page, link, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if link.evaluate("link => link === document.activeElement"):
            return
    raise AssertionError(f"{limit} Tab presses never reached the term link")


def test_hovering_a_term_shows_its_short_definition(page, hormone_article, hormone_term):
    page.goto(hormone_article.get_absolute_url())
    link = term_link(page)
    link.hover()

    popover = popover_for(page, link)
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(hormone_term.short_definition)


def test_keyboard_focus_on_a_term_shows_its_short_definition(page, hormone_article, hormone_term):
    page.goto(hormone_article.get_absolute_url())
    link = term_link(page)
    tab_to(page, link)

    popover = popover_for(page, link)
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(hormone_term.short_definition)


def test_escape_closes_the_term_popover(page, hormone_article):
    page.goto(hormone_article.get_absolute_url())
    link = term_link(page)
    tab_to(page, link)
    popover = popover_for(page, link)
    expect(popover).to_be_visible()

    page.keyboard.press("Escape")

    expect(popover).to_be_hidden()
    expect(link).to_be_focused()


def test_term_popover_is_tied_to_the_link_for_assistive_technology(
    page, hormone_article, hormone_term
):
    page.goto(hormone_article.get_absolute_url())
    link = term_link(page)
    tab_to(page, link)
    expect(popover_for(page, link)).to_be_visible()

    has_tooltip_role = page.get_by_role("tooltip").filter(has_text=hormone_term.short_definition)
    described_by = link.get_attribute("aria-describedby")
    description = link.evaluate(
        """link => (link.getAttribute("aria-describedby") || "").split(/\\s+/)
            .map(id => document.getElementById(id)).filter(Boolean)
            .map(element => element.textContent).join(" ")"""
    )
    assert (described_by and hormone_term.short_definition in description) or (
        has_tooltip_role.count() == 1
    ), "the popover is neither the link's aria-describedby nor a role=tooltip"


def overlaps(first, second):
    return (
        first["x"] < second["x"] + second["width"]
        and second["x"] < first["x"] + first["width"]
        and first["y"] < second["y"] + second["height"]
        and second["y"] < first["y"] + first["height"]
    )


def open_on_phone(new_page):
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)


def test_term_popover_does_not_cover_the_term_on_a_phone(new_page, hormone_article):
    page = open_on_phone(new_page)
    page.goto(hormone_article.get_absolute_url())
    link = term_link(page)
    link.scroll_into_view_if_needed()
    link.tap()
    popover = popover_for(page, link)
    expect(popover).to_be_visible()

    term_box = link.bounding_box()
    popover_box = popover.bounding_box()
    assert not overlaps(term_box, popover_box), (term_box, popover_box)
    assert popover_box["x"] >= 0, popover_box
    assert popover_box["x"] + popover_box["width"] <= PHONE["width"], popover_box


def test_first_tap_on_a_term_shows_the_definition_and_second_tap_opens_the_term_page(
    new_page, hormone_article, hormone_term
):
    page = open_on_phone(new_page)
    page.goto(hormone_article.get_absolute_url())
    link = term_link(page)
    link.scroll_into_view_if_needed()

    link.tap()
    popover = popover_for(page, link)
    expect(popover).to_contain_text(hormone_term.short_definition)
    expect(page).to_have_url(re.compile(re.escape(hormone_article.get_absolute_url()) + "$"))

    link.tap()
    page.wait_for_url("**/glossary/oxytocin/")


def test_term_link_goes_to_the_term_page_without_javascript(new_page, hormone_article):
    page = new_page(java_script_enabled=False)
    page.goto(hormone_article.get_absolute_url())

    term_link(page).click()

    page.wait_for_url("**/glossary/oxytocin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("oxytocin")
