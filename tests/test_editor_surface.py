"""The editor's writing surface in the admin (server side): figures in place, kept uploads,
ordering, tags, pickers, the section preview, autosave, conflicts and history labels."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from articles.models import Article, Figure, PendingUpload
from tests.admin_forms import form_data
from tests.conftest import png_file

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def add_figure(data, section=0, **fields):
    prefix = f"sections-{section}-figures"
    total = int(data.get(f"{prefix}-TOTAL_FORMS", "0"))
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    row = {"position": str(total), "alt_text": "", "caption": "", "credit": "", **fields}
    for name, value in row.items():
        data[f"{prefix}-{total}-{name}"] = value
    return f"{prefix}-{total}"


# Figures in place --------------------------------------------------------------------------


def test_a_figure_is_added_inside_the_article_form(editor, article_factory):
    article = article_factory(sections=1, status="draft")
    client = client_for(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    add_figure(data, image=png_file(), alt_text="A chart of cortisol over a day.")
    assert client.post(change_url(article), data).status_code == HTTPStatus.FOUND
    figure = Figure.objects.get()
    assert figure.section == article.sections.get()
    assert figure.alt_text == "A chart of cortisol over a day."


def test_a_refused_save_keeps_the_chosen_image_and_says_so(editor, article_factory):
    article = article_factory(sections=1, status="draft")
    client = client_for(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    prefix = add_figure(data, image=png_file("cortisol.png"), alt_text="")
    refused = client.post(change_url(article), data)
    assert refused.status_code == HTTPStatus.OK
    soup = BeautifulSoup(refused.content, "html.parser")
    assert "every figure needs alt text" in soup.get_text()
    assert "Your image “cortisol.png” is kept" in soup.get_text()
    token = soup.select_one(f'input[name="{prefix}-pending_upload"]')["value"]
    assert PendingUpload.objects.filter(token=token).exists()
    assert not Figure.objects.exists()

    again = form_data(refused, "article_form")  # what the browser sends back: no file
    again[f"{prefix}-alt_text"] = "A chart of cortisol over a day."
    assert client.post(change_url(article), again).status_code == HTTPStatus.FOUND
    figure = Figure.objects.get()
    assert figure.image.name.startswith("figures/")
    assert (figure.width, figure.height) == (40, 30)
    assert not PendingUpload.objects.exists()


def test_a_kept_upload_is_never_public(client, editor, article_factory, settings):
    article = article_factory(sections=1, status="draft")
    editor_client = client_for(editor)
    data = form_data(editor_client.get(change_url(article)), "article_form")
    add_figure(data, image=png_file("kept.png"), alt_text="")
    editor_client.post(change_url(article), data)
    upload = PendingUpload.objects.get()
    assert not list((settings.MEDIA_ROOT).rglob("*")) if settings.MEDIA_ROOT.exists() else True
    assert client.get(f"/media/{upload.token}").status_code == HTTPStatus.NOT_FOUND


def test_the_reference_widget_cannot_delete_a_reference_from_the_library(editor, article_factory):
    article = article_factory(sections=1, references=1, status="draft")
    html = client_for(editor).get(change_url(article)).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    row = soup.select_one("#article_references-0")
    assert row is not None
    assert row.select_one("select[name='article_references-0-reference']") is not None
    assert not row.select("a.delete-related")
    assert row.select_one("input[name='article_references-0-DELETE']") is not None


def test_removing_a_reference_removes_it_from_this_article_only(
    editor, article_factory, reference_factory
):
    shared = reference_factory(key="shared-2020")
    first = article_factory(sections=1, status="draft")
    second = article_factory(sections=1, status="draft")
    for article in (first, second):
        article.article_references.create(reference=shared, position=0)
    client = client_for(editor)
    data = form_data(client.get(change_url(first)), "article_form")
    data["article_references-0-DELETE"] = "on"
    assert client.post(change_url(first), data).status_code == HTTPStatus.FOUND
    assert not first.article_references.exists()
    assert second.article_references.get().reference == shared
    assert Article.objects.count() == 2


# Tags ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("Hormone Balance", ["Hormone Balance"]),
        ("bone health, sleep", ["bone health", "sleep"]),
        ('"lab tests", men\'s health', ["lab tests", "men's health"]),
        ("  sleep  ,, Sleep ,  deep   sleep ", ["sleep", "deep sleep"]),
    ],
)
def test_only_commas_separate_tags(typed, names):
    from site_config.tagging import parse_tag_names

    assert parse_tag_names(typed) == names


def test_a_two_word_tag_typed_in_the_admin_stays_one_tag(editor, article_factory):
    article = article_factory(sections=1, status="draft")
    client = client_for(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    data["tags"] = "Hormone Balance"
    assert client.post(change_url(article), data).status_code == HTTPStatus.FOUND
    assert list(article.tags.names()) == ["Hormone Balance"]
    shown = form_data(client.get(change_url(article)), "article_form")["tags"]
    assert shown == "Hormone Balance"  # no quote marks the editor never typed


# History without noise ------------------------------------------------------------------------


def test_a_glossary_edit_never_adds_a_revision_to_an_article(
    staff_client, article_factory, term_factory
):
    from reversion.models import Version

    from articles.models import Section

    article = article_factory(sections=1, status="draft")
    Section.objects.filter(article=article).update(body="Melatonin matters.")
    url = reverse("admin:glossary_term_add")
    data = form_data(staff_client.get(url), "term_form")
    data.update(name="melatonin", slug="melatonin", short_definition="A hormone.")
    assert staff_client.post(url, data).status_code == HTTPStatus.FOUND
    assert [term.name for term in article.terms.all()] == ["melatonin"]  # linked, derived
    assert not Version.objects.get_for_object(article).exists()


def test_a_reference_edit_never_adds_a_revision_to_an_article(
    staff_client, article_factory, reference_factory
):
    from reversion.models import Version

    reference = reference_factory(key="smith-2020")
    article = article_factory(sections=1, status="draft")
    article.article_references.create(reference=reference, position=0)
    url = reverse("admin:articles_reference_change", args=[reference.pk])
    data = form_data(staff_client.get(url), "reference_form")
    data["title"] = "A corrected title"
    assert staff_client.post(url, data).status_code == HTTPStatus.FOUND
    assert not Version.objects.get_for_object(article).exists()


# Pickers and the section preview ----------------------------------------------------------


@pytest.mark.parametrize("query", ["insel", "translation", "2010", "insel-2010", "Insel 2010"])
def test_the_reference_picker_finds_by_author_title_year_or_key(editor, reference_factory, query):
    reference_factory(
        key="insel-2010",
        authors="Insel, T. R.",
        year=2010,
        title="The challenge of translation in social neuroscience",
    )
    reference_factory(key="other-1999", authors="Other, A.", year=1999, title="Elsewhere")
    url = reverse("admin:articles_article_reference_picker")
    results = client_for(editor).get(url, {"q": query}).json()["results"]
    assert [result["citation"] for result in results] == ["[@insel-2010]"]
    assert "Insel, T. R. (2010)" in results[0]["label"]


def test_pickers_are_for_staff_only(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="x-unused-1")
    client.force_login(reader)
    for name in ["reference_picker", "term_picker", "tag_picker"]:
        response = client.get(reverse(f"admin:articles_article_{name}"), {"q": "a"})
        assert response.status_code == HTTPStatus.FOUND
        assert "/admin/login/" in response["Location"]


def test_the_term_picker_lists_terms_by_id_and_by_name(editor, term_factory):
    cortisol = term_factory(
        name="cortisol", aliases="hydrocortisone", short_definition="A hormone."
    )
    term_factory(name="melatonin")
    url = reverse("admin:articles_article_term_picker")
    by_alias = client_for(editor).get(url, {"q": "hydro"}).json()["results"]
    assert [term["name"] for term in by_alias] == ["cortisol"]
    by_id = client_for(editor).get(url, {"ids": f"{cortisol.pk},abc"}).json()["results"]
    assert by_id[0]["definition"] == "A hormone."


def test_the_tag_picker_suggests_names_that_start_with_the_text_first(editor, article_factory):
    article_factory(tags=["Sleep hygiene", "Deep sleep", "Hormones"])
    url = reverse("admin:articles_article_tag_picker")
    names = [tag["name"] for tag in client_for(editor).get(url, {"q": "sle"}).json()["results"]]
    assert names == ["Sleep hygiene", "Deep sleep"]


def test_the_section_preview_renders_like_the_article_page(editor, term_factory, reference_factory):
    term_factory(name="cortisol", slug="cortisol", short_definition="A stress hormone.")
    reference_factory(key="smith-2020")
    url = reverse("admin:articles_article_section_preview")
    result = (
        client_for(editor)
        .post(
            url,
            {
                "heading": "Why does it rise?",
                "level": "academic",
                "body": "Cortisol rises [@smith-2020] and [@nope-1999]. <script>alert(1)</script>",
                "takeaway": "In short.",
            },
        )
        .json()
    )
    soup = BeautifulSoup(result["html"], "html.parser")
    assert soup.select_one("section")["data-level"] == "academic"
    assert soup.select_one("h2").get_text() == "Why does it rise?"
    assert soup.select_one("a.glossary-term")["href"] == "/glossary/cortisol/"
    assert soup.select_one("sup.citation a").get_text() == "1"
    assert soup.select_one(".takeaway").get_text(" ", strip=True).endswith("In short.")
    assert "<script>" not in result["html"]
    assert any("nope-1999" in problem for problem in result["problems"])
    assert len(result["term_ids"]) == 1


# Autosave, restore and conflicts ------------------------------------------------------------


def test_autosave_keeps_what_is_typed_without_saving_it(editor, article_factory):
    from articles.models import Autosave

    article = article_factory(sections=1, status="draft")
    client = client_for(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    data["title"] = "Typed, not saved"
    url = reverse("admin:articles_article_autosave", args=[article.pk])
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "A copy of what you typed was kept" in response.json()["message"]
    article.refresh_from_db()
    assert article.title != "Typed, not saved"
    kept = dict(Autosave.objects.get(article=article, user=editor).data)
    assert kept["title"] == ["Typed, not saved"]
    assert "csrfmiddlewaretoken" not in kept


def test_the_editor_is_offered_the_kept_text_and_restoring_saves_nothing(editor, article_factory):
    article = article_factory(sections=1, status="draft")
    client = client_for(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    data["sections-0-body"] = "Typed before the browser crashed."
    client.post(reverse("admin:articles_article_autosave", args=[article.pk]), data)
    offer = client.get(change_url(article))
    assert "You were typing in this form on" in offer.content.decode()
    restored = client.get(change_url(article) + "?restore=autosave")
    assert restored.status_code == HTTPStatus.OK
    assert "Restored what you were typing on" in restored.content.decode()
    assert form_data(restored, "article_form")["sections-0-body"] == (
        "Typed before the browser crashed."
    )
    assert article.sections.get().body != "Typed before the browser crashed."


def test_autosave_is_refused_to_people_who_cannot_change_articles(reviewer, article_factory):
    article = article_factory(sections=1, status="draft")
    url = reverse("admin:articles_article_autosave", args=[article.pk])
    response = client_for(reviewer).post(url, {"title": "x"})
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_after_a_conflict_each_part_can_keep_theirs_or_mine(staff_user_in, article_factory):
    article = article_factory(sections=2, status="draft")
    ann = client_for(staff_user_in("Editor", "ann", first_name="Ann"))
    ben = client_for(staff_user_in("Editor", "ben", first_name="Ben"))
    ann_form = form_data(ann.get(change_url(article)), "article_form")
    ben_form = form_data(ben.get(change_url(article)), "article_form")
    ann_form.update({"sections-0-body": "Ann's better first section.", "title": "Ann's title"})
    assert ann.post(change_url(article), ann_form).status_code == HTTPStatus.FOUND

    ben_form.update({"sections-1-body": "Ben's second section.", "title": "Ben's title"})
    refused = ben.post(change_url(article), ben_form)
    assert refused.status_code == HTTPStatus.OK
    soup = BeautifulSoup(refused.content, "html.parser")
    legends = [legend.get_text() for legend in soup.select(".conflict-choice legend")]
    assert legends == ["Title", "Section “Question 0?”", "Section “Question 1?”"]

    again = form_data(refused, "article_form")
    first, second = article.sections.order_by("position")
    again.update({"conflict-field-title": "theirs", f"conflict-section-{first.pk}": "theirs"})
    assert ben.post(change_url(article), again).status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert article.title == "Ann's title"
    assert first.body == "Ann's better first section."
    assert second.body == "Ben's second section."


def test_a_note_about_the_change_labels_the_version(editor, article_factory):
    from articles.admin.article_history import article_versions

    article = article_factory(sections=1, status="draft")
    client = client_for(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    data.update(title="Clearer", revision_note="Shortened the title")
    assert client.post(change_url(article), data).status_code == HTTPStatus.FOUND
    (version,) = article_versions(article)
    assert version.label.startswith("#1 · Edna Editor · ")
    assert version.label.endswith(" · Shortened the title")


# Admin home, tags, publishing messages --------------------------------------------------------


def test_a_publisher_fixes_a_tags_spelling_but_not_its_address(publisher, article_factory):
    from taggit.models import Tag

    article_factory(tags=["hormone balance"])
    tag = Tag.objects.get()
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    client = client_for(publisher)
    data = form_data(client.get(url), "tag_form")
    assert "slug" not in data  # shown, not editable
    data["name"] = "Hormone balance"
    assert client.post(url, data).status_code == HTTPStatus.FOUND
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Hormone balance", "hormone-balance")


def test_the_admin_home_puts_the_editors_recent_work_first(editor, article_factory):
    article = article_factory(title="Sleep and mood", sections=1, status="draft")
    client = client_for(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    data["summary"] = "A clearer summary."
    client.post(change_url(article), data)
    soup = BeautifulSoup(client.get(reverse("admin:index")).content, "html.parser")
    panels = [h3.get_text() for h3 in soup.select(".editorial-home__panel h3")]
    assert panels[0] == "Recently edited (1)"
    assert "Sleep and mood" in soup.select(".editorial-home__panel")[0].get_text()
    assert soup.select_one(".editorial-home__write a")["href"] == reverse(
        "admin:articles_article_add"
    )


def test_sign_in_records_are_for_administrators_only(editor, publisher, admin_user):
    for user, visible in [(editor, False), (publisher, False), (admin_user, True)]:
        html = client_for(user).get(reverse("admin:index")).content.decode()
        assert ("Access attempts" in html) is visible, user


# Citations in figure captions ---------------------------------------------------------------


def test_a_citation_in_a_figure_caption_is_numbered_for_readers(
    client, article_factory, reference_factory
):
    reference_factory(key="insel-2010")
    article = article_factory(sections=1, figures=1)
    Figure.objects.update(caption="Levels through the day [@insel-2010].")
    html = client.get(article.get_absolute_url()).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    caption = soup.select_one("figcaption")
    assert caption.select_one("sup.citation a")["href"] == "#ref-insel-2010"
    assert "[@insel-2010]" not in caption.get_text()
    assert soup.select_one("#ref-insel-2010") is not None


def test_an_unknown_citation_in_a_figure_caption_is_refused(editor, article_factory):
    article = article_factory(sections=1, figures=1, status="draft")
    client = client_for(editor)
    data = form_data(client.get(change_url(article)), "article_form")
    data["sections-0-figures-0-caption"] = "From a study [@nobody-1999]."
    response = client.post(change_url(article), data)
    assert response.status_code == HTTPStatus.OK
    errors = BeautifulSoup(response.content, "html.parser").select(".errorlist li")
    assert any(
        "A figure caption: no reference with key 'nobody-1999'" in error.get_text()
        for error in errors
    )


def test_the_section_preview_refuses_a_text_over_the_section_limit(editor):
    from articles.models import SECTION_BODY_MAX_LENGTH

    url = reverse("admin:articles_article_section_preview")
    body = "word " * (SECTION_BODY_MAX_LENGTH // 5 + 10)
    result = client_for(editor).post(url, {"heading": "Long", "body": body}).json()
    assert result["html"] == ""
    assert f"a section can hold at most {SECTION_BODY_MAX_LENGTH}" in result["problems"][0]
