"""Every length limit is checked in the form, with a message, before the database sees it.

SQLite stores an over-long value silently; PostgreSQL refuses it with a DataError (a 500).
The CI runs this file on both; `DATABASE_URL=postgres://… pytest tests/test_hardening_lengths.py`
does the same here.
"""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Reference
from articles.reference_import import create_references, parse_references
from tests.admin_forms import form_data

OUR_APPS = {"articles", "glossary", "site_config", "taggit", "redirects"}


def admin_forms(user):
    """(model, form class) of every admin form and inline form of the site's own models."""
    request = RequestFactory().get("/admin/")
    request.user = user
    found = []

    def inline_forms(owner, inlines):
        for inline in inlines:
            formset = inline.get_formset(request, None)
            found.append((inline.model, formset.form))
            inline_forms(inline, inline.get_inline_instances(request) if hasattr(
                inline, "get_inline_instances") else [])  # fmt: skip

    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        found.append((model, model_admin.get_form(request, None)))
        inline_forms(model_admin, model_admin.get_inline_instances(request, None))
    return found


def too_long_value(form_field, model_field):
    limit = model_field.max_length
    if isinstance(model_field, models.URLField):
        return "https://example.org/" + "a" * limit
    if model_field.name == "doi":
        return "10.1234/" + "a" * limit
    if model_field.name == "pmid":
        return "1" * (limit + 1)
    return "a" * (limit + 1)


def limited_fields(model, form_class):
    for form_name, form_field in form_class.base_fields.items():
        try:
            model_field = model._meta.get_field(form_name)
        except Exception:  # a form-only field
            continue
        if (
            isinstance(model_field, models.CharField | models.TextField)
            and model_field.max_length
            and not model_field.choices
            and not form_field.disabled
        ):
            yield form_name, form_field, model_field


MUST_BE_CHECKED = [
    "Article.title", "Article.slug", "Section.heading", "Section.anchor", "Figure.credit",
    "Reference.title", "Reference.doi", "Term.name", "Term.slug", "Tag.name",
    "Redirect.old_path", "SiteSettings.site_name",
]  # fmt: skip


def test_every_admin_text_field_refuses_more_than_its_column_holds(admin_user):
    checked = []
    for model, form_class in admin_forms(admin_user):
        for name, form_field, model_field in limited_fields(model, form_class):
            form = form_class(data={name: too_long_value(form_field, model_field)})
            assert not form.is_valid()
            assert name in form.errors, (model.__name__, name, form.errors)
            checked.append(f"{model.__name__}.{name}")
    # The walk reached the forms that matter (a broken walk would check nothing).
    assert set(MUST_BE_CHECKED) <= set(checked), sorted(checked)


@pytest.fixture
def article_page(admin_client, article_factory):
    article = article_factory(sections=1, status="draft")
    url = reverse("admin:articles_article_change", args=[article.pk])
    return article, url, form_data(admin_client.get(url), "article_form")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("tags", "x" * 101, "101 characters long"),
        ("tags", "sleep, " + "中" * 101, "101 characters long"),
        ("title", "T" * 201, "at most 200 characters"),
        ("sections-0-heading", "H" * 201, "at most 200 characters"),
        ("sections-0-anchor", "a" * 101, "at most 100 characters"),
    ],
)
def test_over_long_article_fields_get_a_message(admin_client, article_page, field, value, message):
    article, url, data = article_page
    data[field] = value
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()
    assert form_data(response, "article_form")[field] == value  # what was typed, kept
    article.refresh_from_db()
    assert article.title != value


def test_a_100_character_tag_is_stored(admin_client, article_page):
    article, url, data = article_page
    data["tags"] = "中" * 100
    assert admin_client.post(url, data).status_code == HTTPStatus.FOUND
    assert Tag.objects.get().name == "中" * 100


def test_over_long_term_name_gets_a_message(admin_client, term_factory):
    term = term_factory(name="Oxytocin", slug="oxytocin")
    url = reverse("admin:glossary_term_change", args=[term.pk])
    data = form_data(admin_client.get(url), "term_form")
    data["name"] = "N" * 121
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "at most 120 characters" in response.content.decode()


def test_over_long_doi_pasted_as_a_link_gets_a_message(admin_client, reference_factory):
    reference = reference_factory()
    url = reverse("admin:articles_reference_change", args=[reference.pk])
    data = form_data(admin_client.get(url), "reference_form")
    data["doi"] = "https://doi.org/10.1234/" + "a" * 200  # 224 typed: the form takes 250
    response = admin_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "at most 200 characters" in response.content.decode()


@pytest.mark.django_db
def test_imported_reference_fields_over_their_limit_are_refused_not_a_500():
    bibtex = (
        "@article{long, author = {Writer, Ann}, title = {" + "Long " * 120 + "}, "
        "journal = {J}, year = {2020}, pages = {" + "1" * 60 + "}}"
    )
    (entry,) = parse_references(bibtex)
    assert not entry.can_import
    assert any(message.startswith("Title") for message in entry.errors), entry.errors
    assert any(message.startswith("Pages") for message in entry.errors), entry.errors
    assert create_references([entry]) == []
    assert not Reference.objects.exists()
    assert not Article.objects.exists()
