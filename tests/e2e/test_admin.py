from playwright.sync_api import expect

TITLE = "Sleep and growth hormone"


def sign_in(page, next_path):
    page.goto(f"/admin/login/?next={next_path}")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_path}")


def test_admin_pages_run_under_the_strict_policy_without_violations(
    page, admin_user, hormone_article
):
    sign_in(page, "/admin/")
    article_id = hormone_article.pk
    section_id = hormone_article.sections.first().pk
    for path in [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/?status__exact=published",
        f"/admin/articles/article/{article_id}/change/",
        f"/admin/articles/article/{article_id}/preview/",
        f"/admin/articles/section/{section_id}/change/",
        "/admin/articles/reference/",
        "/admin/articles/reference/import/",
        "/admin/glossary/term/add/",
        "/admin/site_config/sitesettings/",
    ]:
        response = page.goto(path)
        assert response.ok, (path, response.status)
        policy = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, (path, policy)
        if not path.endswith("/preview/"):  # the preview is the page as readers see it
            expect(page.locator("#disclaimer-banner")).to_have_count(0)


def test_history_page_opens_for_an_article_saved_outside_the_admin(
    page, admin_user, hormone_article
):
    # Articles created by load_demo or a script have no revisions yet.
    sign_in(page, "/admin/")
    response = page.goto(f"/admin/articles/article/{hormone_article.pk}/history/")
    assert response.ok, response.status
    expect(page.locator("#content")).to_contain_text("history", ignore_case=True)


def test_slug_fills_from_the_title_as_the_editor_types(page, admin_user):
    sign_in(page, "/admin/articles/article/add/")

    page.locator("#id_title").press_sequentially("Why we sleep")

    expect(page.locator("#id_slug")).to_have_value("why-we-sleep")


def test_editor_creates_an_article_with_sections_reference_and_tags_in_the_admin(
    page, new_page, admin_user, reference_factory, browser_problems
):
    reference_factory(
        key="insel-2010",
        authors="Insel, T. R.",
        title="The challenge of translation in social neuroscience",
    )
    sign_in(page, "/admin/articles/article/add/")

    page.locator("#id_title").press_sequentially(TITLE)
    page.locator("#id_summary").fill("How deep sleep and growth hormone are connected.")
    page.locator("#id_authors").fill("Ana Writer")
    page.get_by_role("combobox", name="Tags").fill("sleep, hormones,")

    add_section = page.get_by_role("link", name="Add another Section")
    add_section.click()
    add_section.click()
    for number, heading in enumerate(["When is growth hormone released?", "Does it matter?"]):
        prefix = f"#id_sections-{number}"
        page.locator(f"{prefix}-heading").fill(heading)
        page.locator(f"{prefix}-body").fill(f"Paragraph {number} about deep sleep.")

    page.get_by_role("link", name="Add another Reference").click()
    page.locator("#article_references-0 .select2-selection").click()
    page.locator(".select2-search__field").press_sequentially("insel")
    page.locator(".select2-results__option", has_text="insel-2010").click()
    expect(page.locator("#article_references-0 .select2-selection")).to_contain_text("insel-2010")

    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_contain_text(TITLE)

    # A new article is a draft until it is reviewed and published: readers get a 404, staff
    # see it at its address with a ribbon.
    anonymous = new_page()
    response = anonymous.goto("/articles/sleep-and-growth-hormone/")
    assert response.status == 404
    assert browser_problems.take("status of 404")
    reader = page
    reader.goto("/articles/sleep-and-growth-hormone/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_role("heading", name="When is growth hormone released?")).to_be_visible()
    expect(reader.get_by_role("heading", name="Does it matter?")).to_be_visible()
    expect(reader.locator("#ref-insel-2010")).to_contain_text("challenge of translation")
    expect(reader.locator("main")).to_contain_text("sleep")
    expect(reader.get_by_text("Preview - not published")).to_be_visible()
