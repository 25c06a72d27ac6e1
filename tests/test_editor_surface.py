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
