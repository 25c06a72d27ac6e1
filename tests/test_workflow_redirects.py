"""Slug changes never break links: old public addresses answer with a permanent redirect."""

from http import HTTPStatus

import pytest
from django.contrib.redirects.models import Redirect
from django.urls import reverse

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


def test_redirects_live_in_contrib_redirects_for_this_site(client, public_article, settings):
    rename(public_article, "clearer-name")
    redirect = Redirect.objects.get()
    assert (redirect.site_id, redirect.old_path, redirect.new_path) == (
        settings.SITE_ID,
        "/articles/public-article/",
        "/articles/clearer-name/",
    )


def test_a_redirect_added_in_the_admin_is_followed(client, settings):
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/old-page/", new_path="/glossary/")
    response = client.get("/old-page/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/glossary/"


def test_a_redirect_with_no_target_answers_gone(client, settings):
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/withdrawn/", new_path="")
    assert client.get("/withdrawn/").status_code == HTTPStatus.GONE


def test_a_rename_loop_never_redirects_a_live_page(client, public_article):
    rename(public_article, "b")
    rename(public_article, "c")
    rename(public_article, "public-article")
    assert client.get("/articles/public-article/").status_code == HTTPStatus.OK
    for old in ("/articles/b/", "/articles/c/"):
        assert client.get(old)["Location"] == "/articles/public-article/"
    assert set(Redirect.objects.values_list("new_path", flat=True)) == {"/articles/public-article/"}


def test_make_run_points_the_site_at_the_local_server(db, settings, tmp_path, public_article):
    from io import StringIO

    from django.contrib.sites.models import Site
    from django.core.management import call_command

    settings.BASE_DIR = tmp_path
    Site.objects.filter(pk=settings.SITE_ID).update(domain="127.0.0.1")
    call_command("prepare_local_site", "--port", "8123", stdout=StringIO())
    assert Site.objects.get(pk=settings.SITE_ID).domain == "127.0.0.1:8123"


def test_the_site_domain_is_the_one_feed_links_carry(client, public_article, settings):
    from django.contrib.sites.models import Site

    Site.objects.filter(pk=settings.SITE_ID).update(domain="health.example.org")
    Site.objects.clear_cache()
    try:
        feed = client.get("/feeds/articles/rss/").content.decode()
    finally:
        Site.objects.clear_cache()  # contrib.sites keeps the row per process
    assert "http://health.example.org/articles/public-article/" in feed


def test_migration_moves_the_old_redirects_into_contrib_redirects(settings):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.contrib.sites.models import Site

    migration = importlib.import_module("site_config.migrations.0006_contrib_redirects")
    rows = [("/articles/first/", "/articles/second/"), ("/glossary/a/", "/glossary/b/")]
    old_redirect = SimpleNamespace(objects=SimpleNamespace(values_list=lambda *fields: rows))
    Site.objects.filter(pk=settings.SITE_ID).delete()  # as before contrib.sites' first run

    def get_model(app_label, name):
        return old_redirect if app_label == "site_config" else apps.get_model(app_label, name)

    migration.move_to_contrib_redirects(SimpleNamespace(get_model=get_model), None)
    moved = Redirect.objects.order_by("old_path").values_list("site_id", "old_path", "new_path")
    assert list(moved) == [(settings.SITE_ID, *row) for row in rows]
    assert Site.objects.get(pk=settings.SITE_ID).domain == "testserver"
