from playwright.sync_api import expect

# Drawn where a sighted keyboard user can see it: inside the viewport, not clipped away.
ON_SCREEN = """element => {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return box.width > 1 && box.height > 1
        && box.bottom > 0 && box.right > 0
        && box.top < innerHeight && box.left < innerWidth
        && style.visibility !== "hidden" && style.opacity !== "0"
        && style.clip !== "rect(0px, 0px, 0px, 0px)" && style.clipPath !== "inset(50%)";
}"""

HAS_FOCUS_INDICATOR = """element => {
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
        && style.outlineColor !== "rgba(0, 0, 0, 0)";
    return outline || (style.boxShadow && style.boxShadow !== "none");
}"""


def test_skip_link_is_first_focusable_and_shows_on_focus(page):
    page.goto("/")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert not skip_link.evaluate(ON_SCREEN), "the skip link shows before it has focus"

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    page.wait_for_function(ON_SCREEN, arg=skip_link.element_handle())


def test_skip_link_moves_focus_to_main(page, hormone_article):
    page.goto(hormone_article.get_absolute_url())
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()


def test_tab_reaches_main_navigation_with_a_visible_focus_indicator(page):
    page.goto("/")
    navigation = page.get_by_role("navigation", name="Main")
    for _ in range(20):
        page.keyboard.press("Tab")
        if navigation.evaluate("nav => nav.contains(document.activeElement)"):
            break
    else:
        raise AssertionError("twenty Tab presses never reached the main navigation")

    focused = page.locator(":focus")
    assert focused.evaluate("element => element.tagName") == "A"
    assert focused.evaluate(HAS_FOCUS_INDICATOR), "the focused nav link shows no focus outline"


def test_dismissing_the_banner_by_keyboard_leaves_focus_in_the_page(page):
    page.goto("/")
    dismiss = page.locator("#disclaimer-banner").get_by_role("button", name="Dismiss")
    dismiss.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#disclaimer-banner")).to_be_hidden()
    focused = page.evaluate("() => document.activeElement && document.activeElement.tagName")
    assert focused not in {None, "BODY", "HTML"}, focused
