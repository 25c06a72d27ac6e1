"""The editor's writing surface in a real browser, under the real Content-Security-Policy
(any console error or policy violation fails the test; see conftest.py)."""

import re

from django.test import override_settings
from playwright.sync_api import expect

from articles.models import Article, Autosave, Figure
from tests.conftest import png_file

PASSWORD = "unused-pass-phrase"


def sign_in(page, username, next_path):
    page.goto(f"/admin/login/?next={next_path}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_path}")


def change_path(article):
    return f"/admin/articles/article/{article.pk}/change/"


def preview_of(page, section=0):
    return page.frame_locator(f"#sections-{section} .section-preview__frame")


def test_the_live_preview_follows_the_toolbar_and_typing(page, editor, hormone_article):
    hormone_article.status = Article.Status.DRAFT
    hormone_article.save()
    sign_in(page, "edna", change_path(hormone_article))
    preview = preview_of(page)
    expect(preview.locator("h2")).to_have_text("What does oxytocin do in the body?")
    expect(preview.locator("a.glossary-term").first).to_have_text("oxytocin")

    body = page.locator("#id_sections-0-body")
    body.fill("Plain words here.")
    body.press("Control+a")
    page.locator("#sections-0 .markdown-toolbar").get_by_role("button", name="Bold").click()
    expect(body).to_have_value("**Plain words here.**")
    expect(preview.locator(".prose strong")).to_have_text("Plain words here.")

    page.locator("#sections-0 .markdown-toolbar").get_by_role("button", name="Table").click()
    expect(preview.locator("table caption")).to_have_text("What the table shows")

    body.press_sequentially(" Melatonin [@unknown-2001]")
    expect(page.locator("#sections-0 .section-preview__problems")).to_contain_text(
        "no reference with key 'unknown-2001'"
    )


def test_a_citation_is_inserted_with_the_picker(page, editor, hormone_article, reference_factory):
    reference_factory(key="insel-2010", authors="Insel, T. R.", year=2010, title="The challenge")
    sign_in(page, "edna", change_path(hormone_article))
    body = page.locator("#id_sections-2-body")
    body.fill("Receptors matter.")
    body.press("End")
    page.locator("#sections-2 .markdown-toolbar").get_by_role(
        "button", name="Cite a source"
    ).click()
    dialog = page.get_by_role("dialog", name="Cite a source")
    dialog.get_by_label("Author, title, year or key").fill("insel 2010")
    dialog.get_by_role("button", name=re.compile(r"\[@insel-2010\]")).click()
    expect(dialog).to_be_hidden()
    expect(body).to_have_value("Receptors matter.[@insel-2010]")
    expect(preview_of(page, 2).locator("sup.citation a")).to_have_text("1")


def test_sections_move_with_the_keyboard_and_by_dragging(page, editor, hormone_article):
    hormone_article.status = Article.Status.DRAFT
    hormone_article.save()
    sign_in(page, "edna", change_path(hormone_article))
    move_down = page.locator("#sections-0").get_by_role("button", name="Move down")
    move_down.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#sections-0 input[name='sections-0-position']")).to_have_value("1")
    expect(page.locator("#sections-1 input[name='sections-1-position']")).to_have_value("0")

    # The last section dragged by its header onto the first ("How is it measured?" now).
    page.locator("#sections-3 > h3").drag_to(page.locator("#sections-1 > h3"))
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert list(hormone_article.sections.values_list("heading", flat=True)) == [
        "What should a reader take from this?",
        "How is it measured?",
        "What does oxytocin do in the body?",
        "What does the receptor research show?",
    ]


def test_a_figure_is_added_in_place_and_a_refused_save_keeps_the_image(
    page, editor, hormone_article, tmp_path
):
    hormone_article.status = Article.Status.DRAFT
    hormone_article.save()
    image = tmp_path / "levels.png"
    image.write_bytes(png_file().read())
    sign_in(page, "edna", change_path(hormone_article))
    section = page.locator("#sections-0")
    section.get_by_role("link", name=re.compile("Add another Figure")).click()
    section.locator("input[name='sections-0-figures-0-image']").set_input_files(str(image))
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(section.locator(".errorlist")).to_contain_text("every figure needs alt text")
    expect(section).to_contain_text("Your image “levels.png” is kept")

    section.locator("textarea[name='sections-0-figures-0-alt_text']").fill(
        "Oxytocin levels through the day."
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    figure = Figure.objects.get()
    assert figure.alt_text == "Oxytocin levels through the day."
    expect(page.locator("#sections-0 img.figure-thumbnail")).to_have_attribute(
        "alt", "Oxytocin levels through the day."
    )


@override_settings(AUTOSAVE_SECONDS=1)
def test_text_typed_before_the_tab_closed_comes_back(new_page, editor, hormone_article):
    page = new_page()
    sign_in(page, "edna", change_path(hormone_article))
    page.locator("#id_sections-1-body").fill("Typed, never saved: the tab closes next.")
    expect(page.locator(".autosave-status")).to_contain_text("A copy of what you typed was kept")
    page.close()
    assert Autosave.objects.filter(article=hormone_article).exists()

    again = new_page()
    sign_in(again, "edna", change_path(hormone_article))
    notice = again.locator(".autosave-note")
    expect(notice).to_contain_text("You were typing in this form")
    notice.get_by_role("link", name="Show what I typed").click()
    expect(again.locator(".restored-note")).to_contain_text("Nothing is saved yet")
    expect(again.locator("#id_sections-1-body")).to_have_value(
        "Typed, never saved: the tab closes next."
    )
    again.get_by_role("button", name="Save draft").click()
    expect(again.locator(".messagelist")).to_contain_text("was changed successfully")
    draft = Article.objects.get(draft_of=hormone_article)
    assert draft.sections.get(position=1).body == "Typed, never saved: the tab closes next."
    assert not Autosave.objects.exists()


def test_leaving_with_unsaved_changes_asks_first(page, editor, hormone_article):
    sign_in(page, "edna", change_path(hormone_article))
    title = page.locator("#id_title")
    title.click()
    title.press_sequentially(", not saved")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert dialogs == ["beforeunload"]


def test_a_two_word_tag_typed_as_a_token_stays_one_tag(
    page, editor, hormone_article, article_factory
):
    hormone_article.status = Article.Status.DRAFT
    hormone_article.save()
    article_factory(tags=["Hormone therapy"])
    sign_in(page, "edna", change_path(hormone_article))
    tags = page.get_by_role("combobox", name="Tags")
    tags.fill("Hormone Balance")
    tags.press("Enter")
    expect(page.locator(".tag-token", has_text="Hormone Balance")).to_be_visible()
    tags.press_sequentially("therap")
    suggestion = page.get_by_role("option", name="Hormone therapy")
    expect(suggestion).to_be_visible()
    tags.press("ArrowDown")
    tags.press("Enter")
    expect(page.locator(".tag-token", has_text="Hormone therapy")).to_be_visible()
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert sorted(hormone_article.tags.names(), key=str.lower) == [
        "Hormone Balance",
        "Hormone therapy",
        "hormones",
        "pregnancy",
    ]
