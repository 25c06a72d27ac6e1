"""The editorial workflow in a real browser: an editor changes a live article and previews
what they typed, a medical reviewer approves it with a comment, a publisher publishes it, and
readers see the new text and the new review date only then."""

from django.utils import timezone
from playwright.sync_api import expect

NEW_WORD = "chronobiology"
PASSWORD = "unused-pass-phrase"  # tests/conftest.py's staff users


def sign_in(page, username, next_path):
    page.goto(f"/admin/login/?next={next_path}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_path}")


def test_a_change_to_a_live_article_goes_through_review_to_readers(
    new_page, hormone_article, editor, reviewer, publisher
):
    change_path = f"/admin/articles/article/{hormone_article.pk}/change/"
    article_path = hormone_article.get_absolute_url()
    reader = new_page()

    # The editor changes the live article and previews the unsaved text at both widths.
    editor_page = new_page()
    sign_in(editor_page, "edna", change_path)
    expect(editor_page.locator(".workflow-panel")).to_contain_text(
        "You are editing the draft of a published article"
    )
    body = editor_page.locator("#id_sections-0-body")
    body.fill(f"{body.input_value()}\n\nCircadian {NEW_WORD} explains the daily rhythm.")
    with editor_page.expect_popup() as popup_info:
        editor_page.get_by_role("button", name="Preview what I typed").click()
    preview = popup_info.value
    expect(preview.locator(".preview-intro")).to_contain_text("not saved yet")
    frame = preview.frame_locator(".preview-frame iframe")
    expect(frame.locator("#disclaimer-banner")).to_be_visible()
    expect(frame.locator("section[data-level]").first).to_contain_text(NEW_WORD)
    preview.get_by_role("link", name="Phone (390 px)").click()
    expect(preview.locator(".preview-frame iframe")).to_have_attribute("width", "390")
    expect(preview.frame_locator(".preview-frame iframe").locator("h1")).to_have_text(
        hormone_article.title
    )
    preview.close()

    editor_page.get_by_role("button", name="Save and send for review").click()
    expect(editor_page.locator(".messagelist")).to_contain_text("sent for medical review")
    expect(editor_page.locator(".workflow-state")).to_contain_text("in review")

    reader.goto(article_path)
    expect(reader.locator("h1")).to_have_text(hormone_article.title)
    expect(reader.locator("main")).not_to_contain_text(NEW_WORD)

    # The reviewer finds it waiting on the admin home page and approves it with a comment.
    reviewer_page = new_page()
    sign_in(reviewer_page, "rita", "/admin/")
    waiting = reviewer_page.locator(".editorial-home__panel", has_text="Waiting for your review")
    waiting.get_by_role("link", name=hormone_article.title).click()
    reviewer_page.get_by_label("Comment for the editor").fill("Checked against the guideline.")
    reviewer_page.get_by_role("button", name="Approve").click()
    expect(reviewer_page.locator(".messagelist")).to_contain_text("Approved")

    reader.reload()
    expect(reader.locator("main")).not_to_contain_text(NEW_WORD)

    # The publisher publishes it with a note for readers.
    publisher_page = new_page()
    sign_in(publisher_page, "pablo", change_path)
    expect(publisher_page.locator(".workflow-approval")).to_contain_text("Dr Rita Reviewer")
    publisher_page.get_by_role("link", name="Publish…", exact=True).click()
    publisher_page.get_by_label("What changed (shown to readers)").fill(
        "Added a note on daily rhythms."
    )
    publisher_page.get_by_role("button", name="Publish").click()
    expect(publisher_page.locator(".messagelist")).to_contain_text("readers see it now at")

    # Only now do readers get the new text, the reviewer and the new review date.
    reader.reload()
    expect(reader.locator("main")).to_contain_text(NEW_WORD)
    reviewed = reader.locator(".page-reviewed time")
    expect(reviewed).to_have_attribute("datetime", timezone.localdate().isoformat())
    expect(reader.locator(".page-reviewed")).to_contain_text("Dr Rita Reviewer, MD")
    expect(reader.locator(".what-changed")).to_contain_text("Added a note on daily rhythms.")
