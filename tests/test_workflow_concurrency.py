"""No lost edits: a save over someone else's newer save is refused, keeping what was typed."""

import contextlib
import threading
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(staff_user_in):
    clients = []
    for username, first_name in [("ann", "Ann"), ("ben", "Ben")]:
        client = Client()
        client.force_login(
            staff_user_in("Editor", username, first_name=first_name, last_name="Smith")
        )
        clients.append(client)
    return clients


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def open_form(client, article):
    return form_data(client.get(change_url(article)), "article_form")


def test_second_save_is_refused_naming_who_saved_and_when(two_editors, draft_article):
    ann, ben = two_editors
    ann_form, ben_form = open_form(ann, draft_article), open_form(ben, draft_article)

    ann_form["title"] = "Ann's title"
    assert ann.post(change_url(draft_article), ann_form).status_code == HTTPStatus.FOUND
    ben_form["title"] = "Ben's title"
    response = ben.post(change_url(draft_article), ben_form)

    draft_article.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Ann Smith saved this article on" in html
    assert f"at {draft_article.updated_at:%H:%M}, after you opened it" in html
    assert draft_article.title == "Ann's title"


def test_refused_save_keeps_everything_typed(two_editors, draft_article):
    ann, ben = two_editors
    ann_form, ben_form = open_form(ann, draft_article), open_form(ben, draft_article)
    ann_form["title"] = "Ann's change"
    ann.post(change_url(draft_article), ann_form)

    ben_form["summary"] = "Ben's careful summary."
    ben_form["sections-1-body"] = "Ben rewrote this whole section."
    html = ben.post(change_url(draft_article), ben_form).content.decode()

    assert "Ben&#x27;s careful summary." in html
    assert "Ben rewrote this whole section." in html
    assert not Article.objects.filter(summary="Ben's careful summary.").exists()


def test_saving_again_after_the_warning_replaces_the_other_version(two_editors, draft_article):
    ann, ben = two_editors
    ann_form, ben_form = open_form(ann, draft_article), open_form(ben, draft_article)
    ann_form["title"] = "Ann's title"
    ann_form["title"] = "Ann's change"
    ann.post(change_url(draft_article), ann_form)
    ben_form["title"] = "Ben's title"
    refused = ben.post(change_url(draft_article), ben_form)

    # Ben has seen the warning; the form he got back carries the version he was warned about.
    response = ben.post(change_url(draft_article), form_data(refused, "article_form"))

    assert response.status_code == HTTPStatus.FOUND
    draft_article.refresh_from_db()
    assert draft_article.title == "Ben's title"


def test_a_third_save_after_the_warning_is_refused_again(two_editors, draft_article):
    ann, ben = two_editors
    ann_form, ben_form = open_form(ann, draft_article), open_form(ben, draft_article)
    ann_form["title"] = "Ann's change"
    ann.post(change_url(draft_article), ann_form)
    ben_form["title"] = "Ben's change"
    refused = ben.post(change_url(draft_article), ben_form)
    ann.post(change_url(draft_article), {**open_form(ann, draft_article), "title": "Ann again"})

    response = ben.post(change_url(draft_article), form_data(refused, "article_form"))

    assert response.status_code == HTTPStatus.OK
    assert "Ann Smith saved this article" in response.content.decode()


def test_a_bulk_publish_after_the_form_was_opened_is_a_conflict(
    publisher_client, admin_client, draft_article, editor, reviewer
):
    from articles import workflow

    form = open_form(publisher_client, draft_article)
    workflow.submit_for_review(draft_article, editor)
    workflow.approve(draft_article, reviewer)
    admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "index": "0", "_selected_action": [str(draft_article.pk)]},
    )
    form["title"] = "Edited while it was being published"
    response = publisher_client.post(change_url(draft_article), form)

    assert "saved this article on" in response.content.decode()
    draft_article.refresh_from_db()
    assert draft_article.is_public


def test_a_form_posted_without_its_opening_version_is_refused(editor_client, draft_article):
    form = open_form(editor_client, draft_article)
    del form["loaded_updated_at"]
    form["title"] = "No version sent"
    response = editor_client.post(change_url(draft_article), form)
    assert response.status_code == HTTPStatus.OK
    draft_article.refresh_from_db()
    assert draft_article.title == "Draft article"


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_do_not_both_succeed(two_editors, draft_article, monkeypatch):
    """Both saves pass the version check at once unless the check locks the row until commit.

    Each save waits (briefly) after its check for the other one to get there too: with the
    lock, the second is still waiting for the lock, so the first saves alone and the second
    then sees the new version.
    """
    from articles.forms import ArticleAdminForm

    after_check = threading.Barrier(2)
    check = ArticleAdminForm.refuse_stale_save

    def check_then_wait(form):
        check(form)
        with contextlib.suppress(threading.BrokenBarrierError):
            after_check.wait(timeout=2)

    monkeypatch.setattr(ArticleAdminForm, "refuse_stale_save", check_then_wait)
    forms = [open_form(client, draft_article) for client in two_editors]
    statuses = []

    def save(client, form, title):
        try:
            form["title"] = title
            statuses.append(client.post(change_url(draft_article), form).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(client, form, f"Title {n}"))
        for n, (client, form) in enumerate(zip(two_editors, forms, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(statuses) == 2
    assert statuses.count(HTTPStatus.FOUND) == 1
    if connection.vendor == "postgresql":
        # The second save waited for the lock, then saw the first one's version. (SQLite's
        # in-memory test database answers "table is locked" at once instead of waiting.)
        assert HTTPStatus.OK in statuses
