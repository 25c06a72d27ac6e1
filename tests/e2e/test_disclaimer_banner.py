import re

from playwright.sync_api import expect

from site_config.models import SiteSettings
from tests.e2e.pages import public_paths

DISMISS = re.compile("dismiss", re.IGNORECASE)


def dismiss_banner(page):
    banner = page.locator("#disclaimer-banner")
    banner.get_by_role("button", name=DISMISS).click()
    expect(banner).to_be_hidden()


def test_banner_is_shown_on_public_pages(page, hormone_article):
    for path in public_paths(hormone_article):
        page.goto(path)
        expect(page.locator("#disclaimer-banner"), path).to_be_visible()


def test_banner_dismiss_button_appears_with_javascript(page):
    page.goto("/")
    button = page.locator("#disclaimer-banner").get_by_role("button", name=DISMISS)
    expect(button).to_be_visible()


def test_dismissed_banner_stays_hidden_on_other_pages_and_after_reload(page, hormone_article):
    page.goto("/")
    dismiss_banner(page)
    banner = page.locator("#disclaimer-banner")

    page.goto(hormone_article.get_absolute_url())
    expect(banner).to_be_attached()
    expect(banner).to_be_hidden()

    page.reload()
    expect(banner).to_be_attached()
    expect(banner).to_be_hidden()


def test_dismissed_banner_returns_when_its_text_changes(page):
    page.goto("/")
    dismiss_banner(page)

    site_settings = SiteSettings.load()
    site_settings.banner_text = "Updated notice: this site does not replace your clinician."
    site_settings.save()

    # The same address again: readers get it from the page cache, which the edit must refresh.
    page.reload()
    banner = page.locator("#disclaimer-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Updated notice")


def test_banner_without_javascript_is_visible_and_has_no_dismiss_button(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/")
    banner = page.locator("#disclaimer-banner")
    expect(banner).to_be_visible()
    expect(banner.get_by_role("button")).to_have_count(0)
    expect(banner.locator("button")).to_be_hidden()


def test_banner_is_printed_even_after_it_was_dismissed(page):
    page.goto("/")
    page.emulate_media(media="print")
    banner = page.locator("#disclaimer-banner")
    expect(banner).to_be_visible()

    page.emulate_media(media="screen")
    dismiss_banner(page)
    page.emulate_media(media="print")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Not medical advice")


def test_article_disclaimer_note_shows_and_cannot_be_dismissed(page, hormone_article):
    page.goto(hormone_article.get_absolute_url())
    note = page.get_by_role("note").filter(has_text="prescription-only")
    expect(note).to_be_visible()
    expect(note.get_by_role("button")).to_have_count(0)

    dismiss_banner(page)
    page.reload()
    expect(note).to_be_visible()
