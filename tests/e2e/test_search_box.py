from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect


def test_header_search_box_submits_to_the_search_page(page, hormone_article):
    page.goto("/")
    search_box = page.get_by_role("banner").get_by_role("searchbox")
    search_box.fill("oxytocin")
    search_box.press("Enter")

    page.wait_for_url("**/search/?*")
    address = urlsplit(page.url)
    assert address.path == "/search/"
    assert parse_qs(address.query)["q"] == ["oxytocin"]
    expect(page.get_by_role("link", name=hormone_article.title)).to_be_visible()
