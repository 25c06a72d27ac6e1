"""Readers find what the four reading levels mean: a disclosure above the article, opened
from the keyboard, and the About page it links to."""

import re

from playwright.sync_api import expect


def test_reader_opens_the_levels_note_by_keyboard_and_follows_it_to_about(page, hormone_article):
    page.goto(hormone_article.get_absolute_url())
    note = page.locator("details.levels-note")
    levels = note.locator("dl.levels-note__list")
    expect(levels).to_be_hidden()

    summary = note.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(levels).to_be_visible()
    expect(levels.locator("dt")).to_have_text(
        ["Fundamentals", "Intermediate", "Academic", "Reflection"]
    )

    note.get_by_role("link", name="More about the reading levels").click()
    expect(page).to_have_url(re.compile(r"/about/#reading-levels$"))
    expect(page.get_by_role("heading", level=2, name="The four reading levels")).to_be_visible()
    expect(page.locator("dl.reading-levels dt")).to_have_count(4)
    expect(page.locator("#level-fundamentals")).to_contain_text("SMOG grade of 8 or lower")
