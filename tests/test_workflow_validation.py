"""Validation that helps: a plain sentence on the field at fault, and nothing typed is lost."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.conftest import png_file

pytestmark = pytest.mark.django_db


def post_article_form(client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url), "article_form")
    data.update(changes)
    return client.post(url, data)


def field_errors(response, prefix, index, field):
    formset = next(
        formset
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == prefix
    )
    return formset.formset.forms[index].errors.get(field, [])


def test_duplicate_section_anchors_are_refused_on_the_anchor(editor_client, article_factory):
    article = article_factory(sections=2, status="draft")
    response = post_article_form(
        editor_client, article, **{"sections-1-anchor": "question-0", "title": "Kept title"}
    )
    assert response.status_code == HTTPStatus.OK
    (error,) = field_errors(response, "sections", 1, "anchor")
    assert "already uses the anchor “question-0”" in error
    assert "Kept title" in response.content.decode()


def test_anchor_left_empty_is_filled_from_the_heading_and_checked_too(
    editor_client, article_factory
):
    article = article_factory(sections=2, status="draft")
    response = post_article_form(
        editor_client,
        article,
        **{"sections-1-anchor": "", "sections-1-heading": "Question 0?"},
    )
    assert field_errors(response, "sections", 1, "anchor")


def test_multi_paragraph_takeaway_is_refused_on_the_takeaway(editor_client, article_factory):
    article = article_factory(status="draft")
    typed = "First thought.\n\nSecond paragraph that should not be here."
    response = post_article_form(editor_client, article, **{"sections-0-takeaway": typed})
    (error,) = field_errors(response, "sections", 0, "takeaway")
    assert "one highlighted sentence or two, not several paragraphs" in error
    assert "Second paragraph that should not be here." in response.content.decode()


def test_overlong_takeaway_is_refused_in_plain_words(editor_client, article_factory):
    article = article_factory(status="draft")
    response = post_article_form(editor_client, article, **{"sections-0-takeaway": "word " * 100})
    (error,) = field_errors(response, "sections", 0, "takeaway")
    assert error.startswith("A take-away is one highlighted sentence or two: keep it under 400")


def test_empty_section_is_refused_on_the_body(editor_client, article_factory):
    article = article_factory(sections=2, status="draft")
    response = post_article_form(
        editor_client,
        article,
        **{"sections-1-body": "   ", "sections-0-body": "Typed text that must survive."},
    )
    (error,) = field_errors(response, "sections", 1, "body")
    assert error == "This section has no text. Write its body or delete the section."
    assert "Typed text that must survive." in response.content.decode()
    article.refresh_from_db()
    assert article.sections.get(anchor="question-0").body.startswith("Body of section 0.")


def test_figure_without_alt_text_is_refused_on_the_alt_text(editor_client, article_factory):
    article = article_factory(status="draft")
    section = article.sections.first()
    url = reverse("admin:articles_section_change", args=[section.pk])
    data = form_data(editor_client.get(url), "section_form")
    data.update(
        {
            "figures-TOTAL_FORMS": "1",
            "figures-0-position": "0",
            "figures-0-image": png_file(),
            "figures-0-alt_text": "  ",
            "figures-0-caption": "Typed caption that must survive.",
            "body": "Typed body that must survive.",
        }
    )
    response = editor_client.post(url, data)
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["alt_text"] == [
        "Describe what the image shows for readers who cannot see it: every figure needs alt text."
    ]
    html = response.content.decode()
    assert "Typed caption that must survive." in html
    assert "Typed body that must survive." in html
    assert not section.figures.exists()
