from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_article_page_has_no_horizontal_scroll_on_a_phone(new_page, hormone_article):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page.goto(hormone_article.get_absolute_url())
    expect(page.locator("table").first).to_be_visible()

    width = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    assert width["scroll"] <= width["client"], width


def test_other_public_pages_have_no_horizontal_scroll_on_a_phone(new_page, hormone_article):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    for path in ["/", "/articles/", "/glossary/", "/glossary/oxytocin/", "/references/", "/tags/"]:
        page.goto(path)
        width = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth,"
            " client: document.documentElement.clientWidth})"
        )
        assert width["scroll"] <= width["client"], (path, width)


def test_table_of_contents_sits_beside_the_text_on_a_wide_screen(new_page, hormone_article):
    page = new_page(viewport=DESKTOP)
    page.goto(hormone_article.get_absolute_url())
    contents = page.get_by_role("navigation", name="In this article")
    text = page.locator("section[data-level]").first.locator("xpath=..")
    expect(contents).to_be_visible()
    expect(text).to_be_visible()

    toc_box = contents.bounding_box()
    text_box = text.bounding_box()
    side_by_side = (
        toc_box["x"] + toc_box["width"] <= text_box["x"]
        or text_box["x"] + text_box["width"] <= toc_box["x"]
    )
    vertically_overlapping = (
        toc_box["y"] < text_box["y"] + text_box["height"]
        and text_box["y"] < toc_box["y"] + toc_box["height"]
    )
    assert side_by_side and vertically_overlapping, (toc_box, text_box)
