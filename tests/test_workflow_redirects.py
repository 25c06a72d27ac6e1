"""Slug changes never break links: old public addresses answer with a permanent redirect."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from site_config.models import Redirect
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


def rename(obj, slug):
    obj.slug = slug
    obj.save()


def test_old_address_of_a_public_article_redirects_permanently(client, public_article):
    rename(public_article, "clearer-name")
    response = client.get("/articles/public-article/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/articles/clearer-name/"
    assert client.get(response["Location"]).status_code == HTTPStatus.OK


def test_redirect_keeps_the_query_string(client, public_article):
    rename(public_article, "clearer-name")
    response = client.get("/articles/public-article/?utm_source=newsletter")
    assert response["Location"] == "/articles/clearer-name/?utm_source=newsletter"


def test_chained_renames_redirect_in_one_hop(client, public_article):
    rename(public_article, "second-name")
    rename(public_article, "third-name")
    for old in ("/articles/public-article/", "/articles/second-name/"):
        response = client.get(old)
        assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
        assert response["Location"] == "/articles/third-name/"


def test_renaming_back_serves_the_page_and_redirects_the_other_name(client, public_article):
    rename(public_article, "second-name")
    rename(public_article, "public-article")
    assert client.get("/articles/public-article/").status_code == HTTPStatus.OK
    response = client.get("/articles/second-name/")
    assert response["Location"] == "/articles/public-article/"
    assert not Redirect.objects.filter(old_path="/articles/public-article/").exists()


def test_renaming_a_draft_leaves_no_redirect(client, draft_article):
    rename(draft_article, "renamed-draft")
    assert not Redirect.objects.exists()
    assert client.get("/articles/draft-article/").status_code == HTTPStatus.NOT_FOUND


def test_renaming_a_scheduled_article_leaves_no_redirect(client, article_factory, time_machine):
    from datetime import timedelta

    from django.utils import timezone

    article = article_factory(slug="soon", publish_at=timezone.now() + timedelta(days=1))
    rename(article, "later")
    assert not Redirect.objects.exists()
    time_machine.move_to(timezone.now() + timedelta(days=2))
    assert client.get("/articles/later/").status_code == HTTPStatus.OK
    assert client.get("/articles/soon/").status_code == HTTPStatus.NOT_FOUND


def test_old_address_of_a_published_term_redirects_permanently(client, term_factory):
    term = term_factory(name="Oxytocin", slug="oxytocin-hormone")
    rename(term, "oxytocin")
    response = client.get("/glossary/oxytocin-hormone/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/glossary/oxytocin/"


def test_renaming_an_unpublished_term_leaves_no_redirect(client, term_factory):
    term = term_factory(slug="hidden", is_published=False)
    rename(term, "still-hidden")
    assert not Redirect.objects.exists()
    term.is_published = True
    term.save()
    assert client.get("/glossary/still-hidden/").status_code == HTTPStatus.OK
    assert client.get("/glossary/hidden/").status_code == HTTPStatus.NOT_FOUND


def test_unknown_address_is_still_404(client):
    assert client.get("/articles/never-existed/").status_code == HTTPStatus.NOT_FOUND


def test_redirect_is_only_for_reading(client, public_article):
    rename(public_article, "clearer-name")
    assert client.get("/articles/public-article/").status_code == HTTPStatus.MOVED_PERMANENTLY
    assert client.post("/articles/public-article/").status_code == HTTPStatus.NOT_FOUND


def test_slug_changed_in_the_admin_redirects_once_published(
    publisher_client, client, public_article
):
    url = reverse("admin:articles_article_change", args=[public_article.pk])
    data = form_data(publisher_client.get(url), "article_form")
    data["slug"] = "renamed-in-admin"
    assert publisher_client.post(url, data).status_code == HTTPStatus.FOUND
    # The new address waits in the draft: the article still answers at its old one.
    assert client.get("/articles/public-article/").status_code == HTTPStatus.OK
    publish = reverse("admin:articles_article_publish", args=[public_article.pk])
    publisher_client.post(publish, {"when": "now", "no_clinical_change": "on"})
    response = client.get("/articles/public-article/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/articles/renamed-in-admin/"
