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

from articles import workflow
from articles.models import Article
from articles.roles import EDITOR, GROUPS, PUBLISH_PERMISSION, PUBLISHER, create_editorial_groups
from tests.admin_forms import form_data
from tests.pages import rendered_html

pytestmark = pytest.mark.django_db


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


def test_groups_made_before_jobs_existed_get_view_job_from_a_later_migration():
    from django.db.migrations.loader import MigrationLoader

    Group.objects.filter(name__in=GROUPS).delete()
    loader = MigrationLoader(connection)
    # The state migration articles 0007 saw on a database migrated step by step: no Job model.
    before_jobs = loader.project_state(
        [("articles", "0006_workflow"), ("site_config", "0003_editorial_groups")]
    ).apps
    with pytest.raises(LookupError):
        before_jobs.get_model("site_config", "Job")
    create_editorial_groups(before_jobs)
    view_job = Permission.objects.get(content_type__app_label="site_config", codename="view_job")
    assert not view_job.group_set.exists()

    migration = importlib.import_module("articles.migrations.0018_editorial_groups_view_jobs")

    class SchemaEditor:
        pass

    schema_editor = SchemaEditor()
    schema_editor.connection = connection
    migration.update_groups(
        loader.project_state([("articles", "0018_editorial_groups_view_jobs")]).apps, schema_editor
    )

    assert set(view_job.group_set.values_list("name", flat=True)) == set(GROUPS)
    for name, permission_names in GROUPS.items():
        granted = {
            f"{app_label}.{codename}"
            for app_label, codename in Group.objects.get(name=name).permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert granted == set(permission_names)


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


# The change form: the text of an article, never its publishing state


def test_the_form_has_no_status_or_publish_time(editor_client, draft_article):
    html = editor_client.get(change_url(draft_article)).content.decode()
    assert 'name="title"' in html
    assert 'name="status"' not in html
    assert 'name="publish_at' not in html


def test_editor_can_save_changes_to_a_draft(editor_client, draft_article):
    data = form_data(editor_client.get(change_url(draft_article)), "article_form")
    data["title"] = "A better title"
    response = editor_client.post(change_url(draft_article), data)
    assert response.status_code == HTTPStatus.FOUND
    draft_article.refresh_from_db()
    assert draft_article.title == "A better title"
    assert draft_article.status == Article.Status.DRAFT


@pytest.mark.parametrize(
    "posted",
    [{"status": "published"}, {"publish_at_0": "2031-01-01", "publish_at_1": "09:00:00"}],
)
def test_publishing_fields_posted_by_hand_change_nothing(editor_client, draft_article, posted):
    data = form_data(editor_client.get(change_url(draft_article)), "article_form")
    data.update(title="Typed title", **posted)
    assert editor_client.post(change_url(draft_article), data).status_code == HTTPStatus.FOUND
    draft_article.refresh_from_db()
    assert draft_article.title == "Typed title"
    assert draft_article.status == Article.Status.DRAFT
    assert draft_article.publish_at is None


def test_editor_posting_draft_status_does_not_unpublish(client, editor_client, public_article):
    data = form_data(editor_client.get(change_url(public_article)), "article_form")
    data["status"] = "draft"
    assert editor_client.post(change_url(public_article), data).status_code == HTTPStatus.FOUND
    public_article.refresh_from_db()
    assert public_article.is_public
    assert client.get(public_article.get_absolute_url()).status_code == HTTPStatus.OK


def test_editor_adds_articles_as_drafts(editor_client):
    add_url = reverse("admin:articles_article_add")
    data = form_data(editor_client.get(add_url), "article_form")
    data.update(title="New", slug="new", summary="New article.", status="published")
    assert editor_client.post(add_url, data).status_code == HTTPStatus.FOUND
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.created_by.username == "edna"


def test_publish_page_is_for_publishers_only(editor, publisher, draft_article):
    from django.test import Client

    url = reverse("admin:articles_article_publish", args=[draft_article.pk])
    for user, status in [(editor, HTTPStatus.FORBIDDEN), (publisher, HTTPStatus.OK)]:
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == status


def test_publisher_schedules_an_approved_article_from_the_publish_page(
    publisher_client, draft_article, editor, reviewer
):
    workflow.submit_for_review(draft_article, editor)
    workflow.approve(draft_article, reviewer)
    url = reverse("admin:articles_article_publish", args=[draft_article.pk])
    response = publisher_client.post(url, {"when": "later", "publish_at": "2031-01-01T09:00"})
    assert response.status_code == HTTPStatus.FOUND
    draft_article.refresh_from_db()
    assert timezone.localtime(draft_article.publish_at).strftime("%Y-%m-%d %H:%M") == (
        "2031-01-01 09:00"
    )
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


def approved(article, editor, reviewer):
    workflow.submit_for_review(article, editor)
    workflow.approve(article, reviewer)
    return article


def test_publisher_publishes_now_in_bulk(publisher_client, article_factory, editor, reviewer):
    drafts = [
        approved(article_factory(status=Article.Status.DRAFT), editor, reviewer) for _ in range(2)
    ]
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


def test_publisher_schedules_in_bulk(publisher_client, draft_article, editor, reviewer):
    approved(draft_article, editor, reviewer)
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


def test_editor_restoring_an_old_revision_does_not_publish(
    client, editor_client, draft_article, editor, reviewer, publisher
):
    from articles.admin.article_history import article_versions

    save_through_admin(editor_client, draft_article, title="Reviewed title")
    approved(draft_article, editor, reviewer)
    workflow.publish(draft_article, publisher)
    save_through_admin(editor_client, draft_article, title="Later title")
    first = article_versions(draft_article)[0]
    restore_url = reverse("admin:articles_article_restore", args=[draft_article.pk, first.pk])
    assert editor_client.post(restore_url).status_code == HTTPStatus.FOUND
    draft_article.refresh_from_db()
    assert draft_article.title == "Reviewed title"
    assert Article.objects.get(draft_of=draft_article).title == "Reviewed title"
    assert draft_article.is_public


def test_editor_recovering_a_deleted_public_article_gets_a_draft(
    editor_client, admin_client, public_article
):
    from reversion.models import Version

    save_through_admin(admin_client, public_article, title="Public article, revised")
    admin_client.post(
        reverse("admin:articles_article_delete", args=[public_article.pk]), {"post": "yes"}
    )
    assert not Article.objects.exists()
    deleted = Version.objects.get_deleted(Article).get()

    recover_url = reverse("admin:articles_article_recover", args=[deleted.pk])
    data = form_data(editor_client.get(recover_url), "article_form")
    assert editor_client.post(recover_url, data).status_code == HTTPStatus.FOUND

    recovered = Article.objects.get()
    assert recovered.title == "Public article, revised"
    assert recovered.status == Article.Status.DRAFT
