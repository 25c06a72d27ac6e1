"""Trust checks in a real browser: the reading level and evidence coverage beside a section
update while the editor types, and a text with [citation needed] left in cannot be published;
readers can say whether a page helped them, from the cached page, under the CSP."""

import re

from playwright.sync_api import expect

from articles.models import PageFeedback
from site_config.models import SiteSettings

PASSWORD = "unused-pass-phrase"  # tests/conftest.py's staff users
EASY = "The cat sat on the mat. The dog ran to the park. We had a good day out."
HARD = (
    " Neuroendocrine regulatory mechanisms demonstrate considerable physiological variability."
    " Hypothalamic gonadotropin secretion fluctuates unpredictably across individuals."
    " Pharmacological interventions necessitate individualised laboratory evaluation."
    " Oxytocin reduces cortisol responses by 20 percent [citation needed]."
)


def sign_in(page, username, next_path):
    page.goto(f"/admin/login/?next={next_path}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_path}")


def test_checks_update_while_typing_and_citation_needed_blocks_publishing(
    page, hormone_article, publisher
):
    change_path = f"/admin/articles/article/{hormone_article.pk}/change/"
    sign_in(page, "pablo", change_path)

    checks = page.locator("#section-checks-sections-0")
    expect(checks.locator(".section-checks__level")).to_contain_text("SMOG grade")
    body = page.locator("#id_sections-0-body")
    page.locator("#id_sections-0-takeaway").fill("")
    body.fill(EASY)
    expect(checks.locator(".section-checks__level")).to_contain_text("within the target of 8")
    expect(checks.locator(".section-checks__level")).to_have_attribute("data-above-target", "false")
    expect(checks.locator(".section-checks__coverage-count")).to_have_text(
        "No factual sentences found."
    )

    body.focus()
    page.keyboard.press("End")
    body.press_sequentially(HARD[:40], delay=5)  # typing, not pasting
    body.fill(body.input_value() + HARD[40:])
    expect(checks.locator(".section-checks__level")).to_have_attribute("data-above-target", "true")
    expect(checks.locator(".section-checks__level")).to_contain_text(
        "above the target of 8 for Fundamentals"
    )
    expect(checks.locator(".section-checks__coverage-count")).to_have_text(
        "0 of 1 factual sentences cite a source."
    )
    unsourced = checks.locator(".section-checks__unsourced")
    expect(unsourced).to_contain_text("Oxytocin reduces cortisol responses by 20 percent")
    expect(unsourced).to_contain_text("marked [citation needed]")
    expect(checks.locator(".section-checks__hardest li")).to_have_count(3)

    page.get_by_role("button", name=re.compile("^Save")).first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    expect(page.locator(".trust-panel__blockers")).to_contain_text(
        "The section “What does oxytocin do in the body?” still says [citation needed]"
    )
    page.get_by_role("link", name="Publish…", exact=True).click()
    page.get_by_label("No clinical content changed").check()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".errornote")).to_contain_text(
        "The section “What does oxytocin do in the body?” still says [citation needed]"
    )

    reader = page.context.browser.new_context(base_url=page.url.split("/admin/")[0]).new_page()
    reader.goto(hormone_article.get_absolute_url())
    expect(reader.locator("main")).not_to_contain_text("Neuroendocrine regulatory")
    expect(reader.locator("main")).not_to_contain_text("citation needed")
    reader.context.close()


def test_reader_answers_and_comments_from_a_cached_page(new_page, hormone_article):
    SiteSettings.load()
    page = new_page()
    page.goto(hormone_article.get_absolute_url())
    page.reload()  # now from the page cache
    form = page.locator("form.page-feedback")
    expect(form.locator("textarea")).to_be_hidden()
    form.get_by_role("button", name="No").click()
    expect(form.locator(".page-feedback__status")).to_have_text("Thank you for your answer.")
    form.get_by_label(re.compile("What could we do better")).fill("The table is hard to read.")
    form.get_by_role("button", name="Send comment").click()
    expect(form.locator(".page-feedback__status")).to_have_text("Thank you: your comment is saved.")
    feedback = PageFeedback.objects.get()
    assert (feedback.helpful, feedback.comment) == (False, "The table is hard to read.")
