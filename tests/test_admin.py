"""The editors' admin: articles with sections inline, figures, references, terms, settings."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError

from articles.models import Article, ArticleReference, Figure, Section
from glossary.models import Term
from site_config.models import SiteSettings
from tests.admin_forms import form_data, inline_rows
from tests.conftest import png_file
from tests.pages import rendered_html

pytestmark = pytest.mark.django_db

ARTICLE_ADD = "/admin/articles/article/add/"
ARTICLES = "/admin/articles/article/"


def article_change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def section_change_url(section):
    return f"/admin/articles/section/{section.pk}/change/"


def field_errors(response, field, prefix=None):
    """The error messages shown on a field (of the main form, or of an inline form)."""
    document = BeautifulSoup(response.content.decode(), "html.parser")
    name = f"{prefix}-{field}" if prefix else field
    assert document.find(attrs={"name": name}) is not None, name
    return [
        " ".join(li.get_text(" ").split())
        for li in document.select(f'ul.errorlist[id="id_{name}_error"] li')
    ]


def new_article_data(staff_client, sections=(), **fields):
    data = form_data(staff_client.get(ARTICLE_ADD), "article_form")
    data.update(
        {
            "title": "Sleep and hormones",
            "slug": "sleep-and-hormones",
            "summary": "How sleep and hormones shape each other.",
            "authors": "Ana Writer",
            "tags": "sleep, hormones",
        }
    )
    data.update(fields)
    data.update(inline_rows("sections", list(sections)))
    return data


def section_row(n, **fields):
    row = {
        "position": str(n),
        "level": "fundamentals",
        "heading": f"Question {n}?",
        "anchor": f"question-{n}",
        "body": f"Body {n} with a table.\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        "takeaway": f"Take-away {n}.",
    }
    row.update(fields)
    return row


def typed_values_kept(posted, response, form_id):
    """What the editor filled in but the redisplayed form lost: {name: (typed, shown)}."""
    shown = form_data(response, form_id)
    return {
        name: (value, shown.get(name))
        for name, value in posted.items()
        if "__prefix__" not in name and value not in ("", None) and shown.get(name) != value
    }


# Creating and editing articles


def test_create_article_with_sections_through_the_admin(staff_client):
    data = new_article_data(staff_client, [section_row(0), section_row(1, level="academic")])
    response = staff_client.post(ARTICLE_ADD, data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    article = Article.objects.get(slug="sleep-and-hormones")
    assert article.status == Article.Status.DRAFT
    assert sorted(article.tags.names()) == ["hormones", "sleep"]
    assert [(s.heading, s.level) for s in article.sections.all()] == [
        ("Question 0?", "fundamentals"),
        ("Question 1?", "academic"),
    ]


def test_admin_fills_an_empty_anchor_from_the_heading(staff_client):
    data = new_article_data(staff_client, [section_row(0, heading="Why sleep?", anchor="")])
    assert staff_client.post(ARTICLE_ADD, data).status_code == HTTPStatus.FOUND
    assert Section.objects.get().anchor == "why-sleep"


# An article readers have not seen yet is edited in place; a published one through its draft
# (tests/test_workflow_drafts.py).


def test_edit_article_and_reorder_sections_through_the_admin(staff_client, article_factory):
    article = article_factory(sections=3, status="draft")
    data = form_data(staff_client.get(article_change_url(article)), "article_form")
    data["title"] = "A better title"
    data["sections-0-position"], data["sections-2-position"] = "5", "0"
    data["sections-1-body"] = "Rewritten body."
    response = staff_client.post(article_change_url(article), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == "A better title"
    assert [s.heading for s in article.sections.all()] == [
        "Question 2?",
        "Question 1?",
        "Question 0?",
    ]
    assert article.sections.get(heading="Question 1?").body == "Rewritten body."


def test_sections_are_inline_in_position_order(staff_client, article_factory):
    article = article_factory(sections=0)
    for position, heading in [(2, "Third"), (0, "First"), (1, "Second")]:
        Section.objects.create(
            article=article, position=position, heading=heading, anchor=heading, body="x"
        )
    data = form_data(staff_client.get(article_change_url(article)), "article_form")
    assert [data[f"sections-{n}-heading"] for n in range(3)] == ["First", "Second", "Third"]
    assert data["sections-0-position"] == "0"


def test_delete_a_section_through_the_admin(staff_client, article_factory):
    article = article_factory(sections=2, status="draft")
    data = form_data(staff_client.get(article_change_url(article)), "article_form")
    data["sections-1-DELETE"] = "on"
    assert staff_client.post(article_change_url(article), data).status_code == HTTPStatus.FOUND
    assert [s.heading for s in article.sections.all()] == ["Question 0?"]


def test_attach_references_in_order_through_the_admin(
    staff_client, article_factory, reference_factory
):
    article = article_factory(sections=1, status="draft")
    first, second = reference_factory(key="first-ref"), reference_factory(key="second-ref")
    data = form_data(staff_client.get(article_change_url(article)), "article_form")
    data.update(
        inline_rows(
            "article_references",
            [
                {"position": "2", "reference": str(first.pk)},
                {"position": "1", "reference": str(second.pk)},
            ],
        )
    )
    response = staff_client.post(article_change_url(article), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    keys = [item.reference.key for item in ArticleReference.objects.filter(article=article)]
    assert keys == ["second-ref", "first-ref"]


def test_references_are_chosen_by_autocomplete(staff_client, article_factory):
    article = article_factory(sections=1, references=1)
    document = BeautifulSoup(
        staff_client.get(article_change_url(article)).content.decode(), "html.parser"
    )
    select = document.find("select", attrs={"name": "article_references-0-reference"})
    assert "admin-autocomplete" in select["class"]
    assert select["data-model-name"] == "articlereference"
    # Only the chosen reference is in the page, not the whole bibliography.
    assert len(select.find_all("option", attrs={"value": True})) <= 2


# Autocomplete endpoints


def autocomplete(client, app_label, model_name, field_name, term):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == HTTPStatus.OK
    return [item["text"] for item in response.json()["results"]]


@pytest.mark.parametrize("term", ["insel-2010", "Insel", "translation", "2010"])
def test_reference_autocomplete_matches_key_author_title_and_year(
    staff_client, reference_factory, term
):
    reference_factory(
        key="insel-2010",
        authors="Insel, T. R.",
        title="The challenge of translation in social neuroscience",
        year=2010,
    )
    reference_factory(key="other-1999", authors="Other, A.", title="Something else", year=1999)
    found = autocomplete(staff_client, "articles", "articlereference", "reference", term)
    assert len(found) == 1
    assert found[0].startswith("insel-2010")


def test_related_terms_autocomplete_finds_terms_by_name_and_alias(staff_client, term_factory):
    term_factory(name="oxytocin receptor", aliases="OXTR")
    term_factory(name="estradiol")
    assert autocomplete(staff_client, "glossary", "term", "related", "OXTR") == [
        "oxytocin receptor"
    ]
    assert autocomplete(staff_client, "glossary", "term", "related", "estra") == ["estradiol"]


def test_autocomplete_is_for_staff_only(client, reference_factory):
    reference_factory(key="insel-2010")
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "articlereference",
            "field_name": "reference",
            "term": "insel",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/login/" in response["Location"]


def test_term_admin_chooses_related_terms_by_autocomplete(staff_client, term_factory):
    term = term_factory()
    response = staff_client.get(f"/admin/glossary/term/{term.pk}/change/")
    document = BeautifulSoup(response.content.decode(), "html.parser")
    assert "admin-autocomplete" in document.find("select", attrs={"name": "related"})["class"]


def test_term_admin_saves_related_terms(staff_client, term_factory):
    term, other = term_factory(), term_factory()
    url = f"/admin/glossary/term/{term.pk}/change/"
    data = form_data(staff_client.get(url), "term_form")
    data["related"] = [str(other.pk)]
    assert staff_client.post(url, data).status_code == HTTPStatus.FOUND
    assert list(other.related.all()) == [term]


# Article list: columns, filters, search


def test_article_list_shows_status_sections_and_tags(staff_client, article_factory):
    article_factory(title="Listed article", sections=3, tags=["sleep", "hormones"])
    document = BeautifulSoup(staff_client.get(ARTICLES).content.decode(), "html.parser")
    row = document.find("a", string="Listed article").find_parent("tr")
    cells = {
        cell["class"][0].removeprefix("field-"): " ".join(cell.get_text(" ").split())
        for cell in row.find_all(["th", "td"])
        if cell.get("class")
    }
    assert cells["state"] == "Published"
    assert cells["section_count"] == "3"
    assert sorted(cells["tag_list"].split(", ")) == ["hormones", "sleep"]


def test_article_list_shows_drafts_and_schedules(staff_client, article_factory):
    article_factory(title="A draft", status=Article.Status.DRAFT)
    html = staff_client.get(ARTICLES).content.decode()
    assert "A draft" in html
    assert "Draft" in html


def article_titles_in_list(staff_client, query):
    document = BeautifulSoup(staff_client.get(ARTICLES + query).content.decode(), "html.parser")
    return sorted(a.get_text() for a in document.select("#result_list tbody th a"))


def test_article_list_filters_by_status(staff_client, article_factory):
    article_factory(title="Draft one", status=Article.Status.DRAFT)
    article_factory(title="Public one")
    document = BeautifulSoup(staff_client.get(ARTICLES).content.decode(), "html.parser")
    draft_filter = document.select_one("#changelist-filter").find("a", string="Draft")
    assert article_titles_in_list(staff_client, draft_filter["href"]) == ["Draft one"]


def test_article_list_filters_by_tag(staff_client, article_factory):
    article_factory(title="About sleep", tags=["sleep"])
    article_factory(title="About hormones", tags=["hormones"])
    document = BeautifulSoup(staff_client.get(ARTICLES).content.decode(), "html.parser")
    sleep_filter = document.select_one("#changelist-filter").find("a", string="sleep")
    assert article_titles_in_list(staff_client, sleep_filter["href"]) == ["About sleep"]


def test_article_list_searches_titles_and_summaries(staff_client, article_factory):
    article_factory(title="Oxytocin and bonding")
    article_factory(title="Sleep", summary="Why the body needs oxytocin less than sleep.")
    article_factory(title="Unrelated")
    assert article_titles_in_list(staff_client, "?q=oxytocin") == ["Oxytocin and bonding", "Sleep"]


def test_section_list_filters_by_reading_level(staff_client, article_factory):
    article_factory(sections=4, status="draft")
    response = staff_client.get("/admin/articles/section/?level=academic")
    document = BeautifulSoup(response.content.decode(), "html.parser")
    assert [a.get_text() for a in document.select("#result_list tbody th a")] == ["Question 2?"]


def test_reference_list_searches_author_title_year_and_key(staff_client, reference_factory):
    reference_factory(key="insel-2010", authors="Insel, T. R.", title="Translation", year=2010)
    reference_factory(key="other-1999", authors="Other, A.", title="Else", year=1999)
    for query in ["insel-2010", "Insel", "Translation", "2010"]:
        response = staff_client.get("/admin/articles/reference/", {"q": query})
        document = BeautifulSoup(response.content.decode(), "html.parser")
        assert [a.get_text() for a in document.select("#result_list tbody th a")] == ["insel-2010"]


# Figures, edited with their section


def test_section_page_edits_its_figures(staff_client, article_factory):
    section = article_factory(sections=1, status="draft").sections.get()
    data = form_data(staff_client.get(section_change_url(section)), "section_form")
    data.update(
        inline_rows(
            "figures",
            [
                {
                    "position": "0",
                    "image": png_file(),
                    "alt_text": "A chart of hormone levels over a day.",
                    "caption": "Levels *rise* at dawn.",
                    "credit": "The editors",
                }
            ],
        )
    )
    response = staff_client.post(section_change_url(section), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    figure = Figure.objects.get()
    assert figure.section == section
    assert figure.alt_text == "A chart of hormone levels over a day."
    assert (figure.width, figure.height) == (40, 30)


def test_figures_are_edited_in_place_in_the_article_form(staff_client, article_factory):
    article = article_factory(sections=1, figures=1, status="draft")
    response = staff_client.get(article_change_url(article))
    data = form_data(response, "article_form")
    assert data["sections-0-figures-0-alt_text"] == "Diagram 0"
    thumbnail = BeautifulSoup(response.content, "html.parser").select_one("img.figure-thumbnail")
    assert thumbnail["src"] == Figure.objects.get().image.url
    assert thumbnail["alt"] == "Diagram 0"


def test_figure_without_alt_text_is_refused_with_a_sentence(staff_client, article_factory):
    section = article_factory(sections=1, status="draft").sections.get()
    data = form_data(staff_client.get(section_change_url(section)), "section_form")
    data.update(
        inline_rows(
            "figures", [{"position": "0", "image": png_file(), "alt_text": "", "caption": "C"}]
        )
    )
    response = staff_client.post(section_change_url(section), data)
    assert response.status_code == HTTPStatus.OK
    errors = field_errors(response, "alt_text", "figures-0")
    assert len(errors) == 1
    assert errors[0].startswith("Describe")
    assert "readers who can" in errors[0]
    assert not Figure.objects.exists()


# Validation: specific sentences on the field, nothing typed is lost


def test_section_without_heading_is_refused_with_a_sentence(staff_client):
    data = new_article_data(staff_client, [section_row(0, heading="")])
    response = staff_client.post(ARTICLE_ADD, data)
    assert response.status_code == HTTPStatus.OK
    assert field_errors(response, "heading", "sections-0") == [
        "Give the section a heading; readers navigate by them."
    ]
    assert not Article.objects.exists()


def test_section_without_body_is_refused_with_a_sentence(staff_client):
    data = new_article_data(staff_client, [section_row(0, body="")])
    response = staff_client.post(ARTICLE_ADD, data)
    assert field_errors(response, "body", "sections-0") == [
        "This section has no text. Write its body or delete the section."
    ]


def test_duplicate_anchors_are_refused_on_the_second_section(staff_client):
    data = new_article_data(
        staff_client, [section_row(0, anchor="same"), section_row(1, anchor="same")]
    )
    response = staff_client.post(ARTICLE_ADD, data)
    assert response.status_code == HTTPStatus.OK
    assert field_errors(response, "anchor", "sections-0") == []
    [error] = field_errors(response, "anchor", "sections-1")
    assert "“Question 0?”" in error and "“same”" in error
    assert not Article.objects.exists()


def test_duplicate_anchors_from_equal_headings_are_refused(staff_client):
    data = new_article_data(
        staff_client,
        [section_row(0, heading="Why?", anchor=""), section_row(1, heading="Why?", anchor="")],
    )
    response = staff_client.post(ARTICLE_ADD, data)
    assert response.status_code == HTTPStatus.OK
    assert len(field_errors(response, "anchor", "sections-1")) == 1


@pytest.mark.parametrize(
    ("field", "start"),
    [
        ("title", "Give the article a title."),
        ("slug", "Give the article an address"),
        ("summary", "Write a summary of one or two sentences"),
    ],
)
def test_empty_article_fields_are_refused_with_sentences(staff_client, field, start):
    data = new_article_data(staff_client, [section_row(0)], **{field: ""})
    response = staff_client.post(ARTICLE_ADD, data)
    [error] = field_errors(response, field)
    assert error.startswith(start)


def test_taken_article_address_is_refused_with_a_sentence(staff_client, article_factory):
    article_factory(slug="sleep-and-hormones")
    response = staff_client.post(ARTICLE_ADD, new_article_data(staff_client, [section_row(0)]))
    assert field_errors(response, "slug") == [
        "Another article already has this address. Change it, e.g. add a word."
    ]


@pytest.mark.parametrize(
    ("fields", "field", "start"),
    [
        ({"slug": "not a slug!"}, "slug", "Use only letters, numbers, hyphens"),
        ({"summary": "word " * 80}, "summary", "Keep the summary to one or two sentences"),
        ({"reviewed_at": "5 March"}, "reviewed_at", "Enter the review date as YYYY-MM-DD"),
    ],
)
def test_malformed_article_fields_are_refused_with_sentences(staff_client, fields, field, start):
    data = new_article_data(staff_client, [section_row(0)], **fields)
    response = staff_client.post(ARTICLE_ADD, data)
    assert response.status_code == HTTPStatus.OK
    document = BeautifulSoup(response.content.decode(), "html.parser")
    name = field.removesuffix("_0")
    errors = [" ".join(li.get_text().split()) for li in document.select(f"#id_{name}_error li")]
    assert len(errors) == 1 and errors[0].startswith(start), errors
    assert typed_values_kept(data, response, "article_form") == {}


def test_rejected_article_save_keeps_everything_typed(staff_client):
    data = new_article_data(
        staff_client,
        [
            section_row(0, body="First body, carefully written.\n\nSecond paragraph."),
            section_row(1, heading="", body="Body of the section missing its heading."),
            section_row(2, level="reflection", takeaway="Reflect on this."),
        ],
        title="A title worth keeping",
        summary="A summary worth keeping.",
        tags="sleep, hormones",
        reviewed_by="Dr Lena Okafor, MD",
        reviewed_at="2024-03-05",
        disclaimer_note="Ask your prescriber.",
    )
    response = staff_client.post(ARTICLE_ADD, data)
    assert response.status_code == HTTPStatus.OK
    assert typed_values_kept(data, response, "article_form") == {}


def test_rejected_article_edit_keeps_everything_typed(staff_client, article_factory):
    article = article_factory(sections=2)
    data = form_data(staff_client.get(article_change_url(article)), "article_form")
    data.update(
        {
            "title": "Edited title",
            "sections-0-body": "Edited body that must survive.",
            "sections-1-heading": "",
        }
    )
    response = staff_client.post(article_change_url(article), data)
    assert response.status_code == HTTPStatus.OK
    assert typed_values_kept(data, response, "article_form") == {}
    article.refresh_from_db()
    assert article.title != "Edited title"


def test_rejected_figure_save_keeps_the_typed_text(staff_client, article_factory):
    section = article_factory(sections=1, status="draft").sections.get()
    data = form_data(staff_client.get(section_change_url(section)), "section_form")
    data["body"] = "A new body for the section."
    data.update(
        inline_rows(
            "figures",
            [{"position": "0", "image": png_file(), "alt_text": "", "caption": "Kept caption"}],
        )
    )
    response = staff_client.post(section_change_url(section), data)
    assert response.status_code == HTTPStatus.OK
    assert field_errors(response, "alt_text", "figures-0")
    typed = {name: value for name, value in data.items() if name != "figures-0-image"}
    assert typed_values_kept(typed, response, "section_form") == {}


@pytest.mark.parametrize(
    ("field", "value"),
    [("doi", "not-a-doi"), ("pmid", "12ab"), ("url", "javascript:alert(1)")],
)
def test_reference_with_invalid_identifier_is_refused_with_a_sentence(staff_client, field, value):
    url = "/admin/articles/reference/add/"
    data = form_data(staff_client.get(url), "reference_form")
    data.update(
        {
            "key": "insel-2010",
            "kind": "journal",
            "authors": "Insel, T. R.",
            "title": "The challenge of translation",
            "year": "2010",
            field: value,
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    [error] = field_errors(response, field)
    assert error.endswith(".") and len(error.split()) >= 4
    assert error != "This field is required."
    assert typed_values_kept(data, response, "reference_form") == {}


def test_reference_accepts_a_pasted_doi_link(staff_client):
    url = "/admin/articles/reference/add/"
    data = form_data(staff_client.get(url), "reference_form")
    data.update(
        {
            "key": "insel-2010",
            "authors": "Insel, T. R.",
            "title": "The challenge of translation",
            "doi": "https://doi.org/10.1016/j.neuron.2010.03.005",
        }
    )
    assert staff_client.post(url, data).status_code == HTTPStatus.FOUND


# Site settings: one row, edited in place


def test_site_settings_list_goes_straight_to_the_row(staff_client):
    response = staff_client.get("/admin/site_config/sitesettings/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/site_config/sitesettings/1/change/"


def test_site_settings_cannot_be_added(staff_client):
    SiteSettings.load()
    response = staff_client.get("/admin/site_config/sitesettings/add/")
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_site_settings_cannot_be_deleted(staff_client):
    SiteSettings.load()
    response = staff_client.post("/admin/site_config/sitesettings/1/delete/", {"post": "yes"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert SiteSettings.objects.exists()


def test_site_settings_change_page_offers_no_delete(staff_client):
    SiteSettings.load()
    response = staff_client.get("/admin/site_config/sitesettings/1/change/")
    html = rendered_html(response, "Change site settings")
    assert 'name="_save"' in html
    assert "deletelink" not in html


def test_site_settings_edit_changes_the_banner(staff_client, client):
    SiteSettings.load()
    url = "/admin/site_config/sitesettings/1/change/"
    data = form_data(staff_client.get(url), "sitesettings_form")
    data["banner_text"] = "A new banner sentence."
    assert staff_client.post(url, data).status_code == HTTPStatus.FOUND
    assert SiteSettings.objects.count() == 1
    assert "A new banner sentence." in client.get("/").content.decode()


def test_database_keeps_site_settings_to_one_row():
    SiteSettings.load()
    with pytest.raises(IntegrityError):
        SiteSettings.objects.bulk_create([SiteSettings(id=2, site_name="Second")])


# Access


def test_admin_requires_staff(client, article_factory):
    article = article_factory()
    response = client.get(article_change_url(article))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "url",
    [
        ARTICLES,
        ARTICLE_ADD,
        "/admin/articles/section/",
        "/admin/articles/reference/",
        "/admin/articles/reference/add/",
        "/admin/glossary/term/",
        "/admin/glossary/term/add/",
    ],
)
def test_admin_pages_open(staff_client, article_factory, term_factory, url):
    article_factory(sections=2, figures=1, references=2, tags=["sleep"])
    term_factory()
    assert staff_client.get(url).status_code == HTTPStatus.OK


def test_term_admin_creates_a_term(staff_client):
    url = "/admin/glossary/term/add/"
    data = form_data(staff_client.get(url), "term_form")
    data.update(
        {
            "name": "oxytocin receptor",
            "slug": "oxytocin-receptor",
            "aliases": "OXTR",
            "short_definition": "The protein oxytocin binds to.",
            "is_published": "on",
        }
    )
    assert staff_client.post(url, data).status_code == HTTPStatus.FOUND
    assert Term.objects.get().alias_list == ["OXTR"]


def test_section_admin_finds_its_article_by_autocomplete(staff_client, article_factory):
    article_factory(title="Oxytocin and bonding")
    article_factory(title="Sleep")
    assert autocomplete(staff_client, "articles", "section", "article", "oxytocin") == [
        "Oxytocin and bonding"
    ]


@pytest.mark.parametrize(
    ("field", "value", "start"),
    [
        ("site_name", "", "Give the site a name"),
        ("banner_text", "", "Write the banner text."),
        ("disclaimer_text", "", "Write the full disclaimer"),
        ("review_interval_months", "twelve", "Enter the number of months as a whole number"),
        ("review_interval_months", "0", "Enter a number of months of 1 or more"),
    ],
)
def test_site_settings_errors_are_sentences_and_keep_what_was_typed(
    staff_client, field, value, start
):
    SiteSettings.load()
    url = "/admin/site_config/sitesettings/1/change/"
    data = form_data(staff_client.get(url), "sitesettings_form")
    data.update({"tagline": "A tagline typed just now.", field: value})
    response = staff_client.post(url, data)
    [error] = field_errors(response, field)
    assert error.startswith(start)
    assert typed_values_kept(data, response, "sitesettings_form") == {}


@pytest.mark.parametrize(
    ("field", "value", "start"),
    [
        ("name", "", "Give the term its name"),
        ("slug", "", "Give the term an address"),
        ("slug", "not a slug!", "Use only letters, numbers, hyphens"),
        ("short_definition", "", "Write a short definition"),
        ("short_definition", "word " * 70, "Keep the short definition"),
    ],
)
def test_term_errors_are_sentences_and_keep_what_was_typed(staff_client, field, value, start):
    url = "/admin/glossary/term/add/"
    data = form_data(staff_client.get(url), "term_form")
    data.update(
        {
            "name": "oxytocin receptor",
            "slug": "oxytocin-receptor",
            "aliases": "OXTR",
            "short_definition": "The protein oxytocin binds to.",
            "body": "A longer *explanation*.",
            field: value,
        }
    )
    response = staff_client.post(url, data)
    [error] = field_errors(response, field)
    assert error.startswith(start)
    assert typed_values_kept(data, response, "term_form") == {}


def test_term_already_in_the_glossary_is_refused_with_a_sentence(staff_client, term_factory):
    term_factory(name="oxytocin", slug="oxytocin")
    url = "/admin/glossary/term/add/"
    data = form_data(staff_client.get(url), "term_form")
    data.update({"name": "oxytocin", "slug": "oxytocin-2", "short_definition": "A hormone."})
    [error] = field_errors(staff_client.post(url, data), "name")
    assert error.startswith("This term is already in the glossary.")


@pytest.mark.parametrize(
    ("field", "value", "start"),
    [
        ("key", "", "Give the reference a short key"),
        ("authors", "", "List the authors as printed"),
        ("title", "", "Enter the title of the work"),
        ("year", "MMX", "Enter the year of publication as a number"),
        ("url", "not a web address", "Enter the full web address"),
    ],
)
def test_reference_errors_are_sentences(staff_client, field, value, start):
    url = "/admin/articles/reference/add/"
    data = form_data(staff_client.get(url), "reference_form")
    data.update(
        {
            "key": "insel-2010",
            "authors": "Insel, T. R.",
            "title": "The challenge of translation",
            "year": "2010",
            field: value,
        }
    )
    response = staff_client.post(url, data)
    [error] = field_errors(response, field)
    assert error.startswith(start)
    assert typed_values_kept(data, response, "reference_form") == {}


def test_admin_names_the_site_and_widens_long_inputs(staff_client):
    response = staff_client.get("/admin/")
    html = response.content.decode()
    assert "Health Library administration" in html
    assert "css/admin.css" in html


def post_new_term(staff_client, **fields):
    url = "/admin/glossary/term/add/"
    data = form_data(staff_client.get(url), "term_form")
    data.update({"short_definition": "A definition.", "is_published": "on", **fields})
    return staff_client.post(url, data)


@pytest.mark.parametrize(
    ("fields", "field", "clash"),
    [
        ({"name": "receptor of oxytocin", "slug": "rox", "aliases": "oxtr"}, "aliases", "oxtr"),
        ({"name": "OXTR", "slug": "oxtr-2"}, "name", "OXTR"),
        ({"name": "OT receptor", "slug": "ot", "aliases": "Oxytocin  Receptor"}, "aliases", None),
    ],
)
def test_a_name_or_alias_of_another_term_is_refused_on_its_field(
    staff_client, term_factory, fields, field, clash
):
    term_factory(name="oxytocin receptor", slug="oxytocin-receptor", aliases="OXTR")
    response = post_new_term(staff_client, **fields)
    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.errors[field]
    assert "already a name or alias of the term “oxytocin receptor”" in errors[0]
    if clash:
        assert f"“{clash}”" in errors[0]
    assert fields["name"] in response.content.decode()
    assert Term.objects.count() == 1


def test_editing_a_term_keeps_its_own_names(staff_client, term_factory):
    term = term_factory(name="oxytocin receptor", slug="oxytocin-receptor", aliases="OXTR")
    url = f"/admin/glossary/term/{term.pk}/change/"
    data = form_data(staff_client.get(url), "term_form")
    data["aliases"] = "OXTR\nOTR"
    assert staff_client.post(url, data).status_code == HTTPStatus.FOUND
    assert Term.objects.get().alias_list == ["OXTR", "OTR"]
