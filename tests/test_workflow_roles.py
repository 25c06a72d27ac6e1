"""Roles: only publishers make an article public or change its publish time, on every path."""

import importlib
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import EDITOR, PUBLISH_PERMISSION, PUBLISHER
from tests.admin_forms import form_data
from tests.pages import rendered_html

pytestmark = pytest.mark.django_db

REFUSED = "Only a publisher can publish, unpublish or schedule an article"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def changelist_url():
    return reverse("admin:articles_article_changelist")


def test_migration_creates_editor_and_publisher_groups_with_the_publish_permission():
    Group.objects.filter(name__in=[EDITOR, PUBLISHER]).delete()
    Permission.objects.filter(codename="publish_article").delete()
    migration = importlib.import_module("articles.migrations.0007_workflow_data")

    class SchemaEditor:
        pass

    schema_editor = SchemaEditor()
    schema_editor.connection = connection
    migration.create_groups(apps, schema_editor)

    publish = Permission.objects.get(codename="publish_article")
    assert publish.name == "Can publish, unpublish and schedule articles"
    assert publish not in Group.objects.get(name=EDITOR).permissions.all()
    assert publish in Group.objects.get(name=PUBLISHER).permissions.all()


def test_editor_may_write_but_not_publish(editor):
    assert editor.has_perm("articles.change_article")
    assert editor.has_perm("articles.add_section")
    assert editor.has_perm("glossary.change_term")
    assert editor.has_perm("articles.change_reference")
    assert not editor.has_perm(PUBLISH_PERMISSION)
    assert not editor.has_perm("articles.delete_article")


def test_publisher_may_do_what_an_editor_does_and_publish(publisher, editor):
    editor_permissions = editor.get_all_permissions()
    assert editor_permissions < publisher.get_all_permissions()
    assert publisher.has_perm(PUBLISH_PERMISSION)


def test_superuser_has_the_publish_permission(admin_user):
    assert admin_user.has_perm(PUBLISH_PERMISSION)


# The change form


def test_editor_sees_status_and_publish_time_disabled(editor_client, draft_article):
    html = editor_client.get(change_url(draft_article)).content.decode()
    assert '<select name="status" disabled' in html
    assert 'name="publish_at_0"' in html and "disabled" in html.split('name="publish_at_0"')[1][:80]


def test_editor_can_save_changes_to_a_draft(editor_client, draft_article):
    data = form_data(editor_client.get(change_url(draft_article)), "article_form")
    data["title"] = "A better title"
    response = editor_client.post(change_url(draft_article), data)
    assert response.status_code == HTTPStatus.FOUND
    draft_article.refresh_from_db()
    assert draft_article.title == "A better title"
    assert draft_article.status == Article.Status.DRAFT


def test_editor_posting_published_status_is_refused_and_keeps_what_was_typed(
    editor_client, draft_article
):
    data = form_data(editor_client.get(change_url(draft_article)), "article_form")
    data["title"] = "Typed title that must survive"
    data["sections-0-body"] = "Typed body that must survive."
    data["status"] = "published"
    response = editor_client.post(change_url(draft_article), data)
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert REFUSED in html
    assert "Typed title that must survive" in html
    assert "Typed body that must survive." in html
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.DRAFT
    assert draft_article.title == "Draft article"


def test_editor_posting_a_publish_time_is_refused(editor_client, article_factory):
    article = article_factory(publish_at=timezone.now() + timedelta(days=2))
    data = form_data(editor_client.get(change_url(article)), "article_form")
    data["publish_at_0"] = "2031-01-01"
    data["publish_at_1"] = "09:00:00"
    response = editor_client.post(change_url(article), data)
    assert REFUSED in response.content.decode()
    previous = article.publish_at
    article.refresh_from_db()
    assert article.publish_at == previous


def test_editor_cannot_unpublish_a_public_article_through_the_form(editor_client, public_article):
    data = form_data(editor_client.get(change_url(public_article)), "article_form")
    data["status"] = "draft"
    response = editor_client.post(change_url(public_article), data)
    assert REFUSED in response.content.decode()
    public_article.refresh_from_db()
    assert public_article.is_public


def test_editor_can_edit_the_text_of_a_public_article(editor_client, public_article):
    data = form_data(editor_client.get(change_url(public_article)), "article_form")
    data["summary"] = "Clearer summary."
    assert editor_client.post(change_url(public_article), data).status_code == HTTPStatus.FOUND
    public_article.refresh_from_db()
    assert public_article.summary == "Clearer summary."
    assert public_article.is_public


def test_editor_cannot_add_an_article_as_published(editor_client):
    add_url = reverse("admin:articles_article_add")
    data = form_data(editor_client.get(add_url), "article_form")
    data.update(title="New", slug="new", summary="New article.", status="published")
    response = editor_client.post(add_url, data)
    assert REFUSED in response.content.decode()
    assert not Article.objects.exists()


def test_editor_adds_articles_as_drafts(editor_client):
    add_url = reverse("admin:articles_article_add")
    data = form_data(editor_client.get(add_url), "article_form")
    data.update(title="New", slug="new", summary="New article.")
    assert editor_client.post(add_url, data).status_code == HTTPStatus.FOUND
    assert Article.objects.get().status == Article.Status.DRAFT


def test_publisher_can_publish_through_the_form(publisher_client, draft_article):
    data = form_data(publisher_client.get(change_url(draft_article)), "article_form")
    data["status"] = "published"
    assert publisher_client.post(change_url(draft_article), data).status_code == HTTPStatus.FOUND
    draft_article.refresh_from_db()
    assert draft_article.is_public


def test_publisher_can_schedule_through_the_form(publisher_client, draft_article):
    data = form_data(publisher_client.get(change_url(draft_article)), "article_form")
    data.update(status="published", publish_at_0="2031-01-01", publish_at_1="09:00:00")
    assert publisher_client.post(change_url(draft_article), data).status_code == HTTPStatus.FOUND
    draft_article.refresh_from_db()
    assert draft_article.publish_at.year == 2031
    assert not draft_article.is_public


# Bulk actions


def post_action(client, action, articles, **extra):
    data = {
        "action": action,
        "index": "0",
        "_selected_action": [str(article.pk) for article in articles],
        **extra,
    }
    return client.post(changelist_url(), data)


def test_publishing_actions_are_not_offered_to_editors(editor_client, draft_article):
    html = rendered_html(editor_client.get(changelist_url()), "Select article to change")
    assert ">Draft article</a>" in html
    for action in ("publish_now", "unpublish", "schedule"):
        assert f'value="{action}"' not in html


def test_publishing_actions_are_offered_to_publishers(publisher_client, draft_article):
    html = publisher_client.get(changelist_url()).content.decode()
    for action in ("publish_now", "unpublish", "schedule"):
        assert f'value="{action}"' in html


@pytest.mark.parametrize("action", ["publish_now", "schedule"])
def test_editor_posting_a_publish_action_changes_nothing(editor_client, draft_article, action):
    extra = {"apply": "Schedule", "publish_at": "2031-01-01T09:00"}
    post_action(editor_client, action, [draft_article], **extra)
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.DRAFT
    assert draft_article.publish_at is None


def test_editor_posting_unpublish_changes_nothing(editor_client, public_article):
    post_action(editor_client, "unpublish", [public_article])
    public_article.refresh_from_db()
    assert public_article.is_public


def test_publisher_publishes_now_in_bulk(publisher_client, article_factory):
    drafts = [article_factory(status=Article.Status.DRAFT) for _ in range(2)]
    post_action(publisher_client, "publish_now", drafts)
    assert all(article.is_public for article in Article.objects.all())
    assert all(article.publish_at is not None for article in Article.objects.all())


def test_publish_now_makes_a_scheduled_article_public_at_once(publisher_client, article_factory):
    article = article_factory(publish_at=timezone.now() + timedelta(days=3))
    post_action(publisher_client, "publish_now", [article])
    article.refresh_from_db()
    assert article.is_public


def test_publisher_unpublishes_in_bulk(publisher_client, public_article):
    post_action(publisher_client, "unpublish", [public_article])
    public_article.refresh_from_db()
    assert public_article.status == Article.Status.DRAFT


def test_schedule_action_asks_for_the_time_first(publisher_client, draft_article):
    response = post_action(publisher_client, "schedule", [draft_article])
    assert response.status_code == HTTPStatus.OK
    assert 'name="publish_at"' in response.content.decode()
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.DRAFT


def test_publisher_schedules_in_bulk(publisher_client, draft_article):
    data = {
        "action": "schedule",
        "_selected_action": [str(draft_article.pk)],
        "apply": "Schedule",
        "publish_at": "2031-01-01T09:00",
    }
    response = publisher_client.post(changelist_url(), data)
    assert response.status_code == HTTPStatus.FOUND
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.PUBLISHED
    assert timezone.localtime(draft_article.publish_at).strftime("%Y-%m-%d %H:%M") == (
        "2031-01-01 09:00"
    )


def test_scheduling_in_the_past_is_refused_with_a_plain_sentence(publisher_client, draft_article):
    data = {
        "action": "schedule",
        "_selected_action": [str(draft_article.pk)],
        "apply": "Schedule",
        "publish_at": "2001-01-01T09:00",
    }
    response = publisher_client.post(changelist_url(), data)
    assert "Choose a time in the future" in response.content.decode()
    draft_article.refresh_from_db()
    assert draft_article.status == Article.Status.DRAFT


# Restoring revisions and deleted articles


def save_through_admin(client, article, **changes):
    data = form_data(client.get(change_url(article)), "article_form")
    data.update(changes)
    response = client.post(change_url(article), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]


def test_editor_restoring_a_published_revision_does_not_publish(
    editor_client, publisher, draft_article
):
    from django.test import Client
    from reversion.models import Version

    publisher_client = Client()
    publisher_client.force_login(publisher)
    save_through_admin(publisher_client, draft_article, status="published")
    save_through_admin(publisher_client, draft_article, status="draft", title="Later title")
    published_version = Version.objects.get_for_object(draft_article).order_by("pk")[0]

    revision_url = reverse(
        "admin:articles_article_revision", args=[draft_article.pk, published_version.pk]
    )
    data = form_data(editor_client.get(revision_url), "article_form")
    assert editor_client.post(revision_url, data).status_code == HTTPStatus.FOUND

    draft_article.refresh_from_db()
    assert draft_article.title == "Draft article"
    assert draft_article.status == Article.Status.DRAFT


def test_editor_recovering_a_deleted_public_article_gets_a_draft(
    editor_client, admin_client, public_article
):
    from reversion.models import Version

    save_through_admin(admin_client, public_article)
    admin_client.post(
        reverse("admin:articles_article_delete", args=[public_article.pk]), {"post": "yes"}
    )
    assert not Article.objects.exists()
    deleted = Version.objects.get_deleted(Article).get()

    recover_url = reverse("admin:articles_article_recover", args=[deleted.pk])
    data = form_data(editor_client.get(recover_url), "article_form")
    assert editor_client.post(recover_url, data).status_code == HTTPStatus.FOUND

    recovered = Article.objects.get()
    assert recovered.title == "Public article"
    assert recovered.status == Article.Status.DRAFT
