"""Revisions: every admin save is a revision; editors compare two and restore one."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Figure
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def save_through_admin(client, article, **changes):
    data = form_data(client.get(change_url(article)), "article_form")
    data.update(changes)
    response = client.post(change_url(article), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:3000]


def versions_of(obj):
    return list(Version.objects.get_for_object(obj).select_related("revision").order_by("pk"))


def test_admin_save_records_a_revision_with_who_and_when(editor_client, editor, draft_article):
    save_through_admin(editor_client, draft_article, title="Revised")
    (version,) = versions_of(draft_article)
    assert version.revision.user == editor
    assert version.revision.date_created is not None
    assert version.field_dict["title"] == "Revised"


def test_revision_holds_the_sections_figures_and_reference_list(editor_client, article_factory):
    article = article_factory(sections=2, figures=1, references=2, status="draft")
    save_through_admin(editor_client, article, title="First version")
    revision = versions_of(article)[0].revision
    models = [version.content_type.model for version in revision.version_set.all()]
    assert models.count("section") == 2
    assert models.count("figure") == 1
    assert models.count("articlereference") == 2


def test_restoring_a_revision_brings_back_deleted_sections(editor_client, article_factory):
    article = article_factory(sections=3, figures=1, status="draft")
    save_through_admin(editor_client, article, title="First version")
    before = versions_of(article)[0]
    save_through_admin(
        editor_client, article, **{"sections-0-DELETE": "on", "sections-2-DELETE": "on"}
    )
    assert article.sections.count() == 1
    assert not Figure.objects.exists()

    restore_url = reverse("admin:articles_article_restore", args=[article.pk, before.pk])
    assert editor_client.post(restore_url).status_code == HTTPStatus.FOUND

    headings = list(article.sections.values_list("heading", flat=True))
    assert headings == ["Question 0?", "Question 1?", "Question 2?"]
    assert Figure.objects.filter(section__article=article).count() == 1


def test_restoring_records_a_new_revision(editor_client, draft_article):
    save_through_admin(editor_client, draft_article, title="One")
    save_through_admin(editor_client, draft_article, title="Two")
    first = versions_of(draft_article)[0]
    restore_url = reverse("admin:articles_article_restore", args=[draft_article.pk, first.pk])
    editor_client.post(restore_url)
    draft_article.refresh_from_db()
    assert draft_article.title == "One"
    assert draft_article.events.get().kind == "restored"


def test_viewing_an_old_revision_changes_nothing(editor_client, draft_article):
    save_through_admin(editor_client, draft_article, title="One")
    save_through_admin(editor_client, draft_article, title="Two")
    first = versions_of(draft_article)[0]
    response = editor_client.get(
        reverse("admin:articles_article_revision", args=[draft_article.pk, first.pk])
    )
    assert response.status_code == HTTPStatus.OK
    assert "Title: One" in response.content.decode()
    assert "Restore as the draft" in response.content.decode()
    draft_article.refresh_from_db()
    assert draft_article.title == "Two"


def test_a_save_that_changes_nothing_records_no_revision(editor_client, draft_article):
    save_through_admin(editor_client, draft_article, title="One")
    save_through_admin(editor_client, draft_article)
    assert len(versions_of(draft_article)) == 1


def test_history_lists_revisions_with_links_to_compare(editor_client, draft_article):
    save_through_admin(editor_client, draft_article, title="One")
    save_through_admin(editor_client, draft_article, title="Two")
    old, new = versions_of(draft_article)
    html = editor_client.get(
        reverse("admin:articles_article_history", args=[draft_article.pk])
    ).content.decode()
    compare = reverse("admin:articles_article_compare", args=[draft_article.pk])
    assert f"{compare}?old={old.pk}&amp;new={new.pk}" in html
    assert reverse("admin:articles_article_revision", args=[draft_article.pk, old.pk]) in html


def compare(client, article, old, new):
    url = reverse("admin:articles_article_compare", args=[article.pk])
    return client.get(url, {"old": old.pk, "new": new.pk})


def test_compare_shows_which_words_changed(editor_client, article_factory):
    article = article_factory(status="draft")
    save_through_admin(editor_client, article, **{"sections-0-body": "Oxytocin rises in labour."})
    save_through_admin(editor_client, article, **{"sections-0-body": "Oxytocin falls in labour."})
    old, new = versions_of(article)
    html = compare(editor_client, article, old, new).content.decode()
    assert "<del>rises</del>" in html
    assert "<ins>falls</ins>" in html


def test_compare_shows_added_and_removed_sections(editor_client, article_factory):
    article = article_factory(sections=2, status="draft")
    save_through_admin(editor_client, article, title="First version")
    save_through_admin(editor_client, article, **{"sections-1-DELETE": "on"})
    old, new = versions_of(article)
    html = compare(editor_client, article, old, new).content.decode()
    assert "Question 1?" in html
    assert "revision-diff__delete" in html


def test_compare_shows_editor_markup_as_text(editor_client, article_factory):
    article = article_factory(status="draft")
    save_through_admin(editor_client, article, title="First version")
    save_through_admin(
        editor_client, article, **{"sections-0-body": "<script>alert(1)</script> text"}
    )
    old, new = versions_of(article)
    html = compare(editor_client, article, old, new).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_compare_of_a_version_with_itself_says_the_text_is_the_same(editor_client, draft_article):
    save_through_admin(editor_client, draft_article, title="One")
    save_through_admin(editor_client, draft_article, title="Two")
    version = versions_of(draft_article)[0]
    html = compare(editor_client, draft_article, version, version).content.decode()
    assert "The text is the same in both versions." in html


def test_section_saved_on_its_own_page_is_a_revision_of_its_article(editor_client, article_factory):
    article = article_factory(status="draft")
    section = article.sections.first()
    url = reverse("admin:articles_section_change", args=[section.pk])
    data = form_data(editor_client.get(url), "section_form")
    data["body"] = "Rewritten on the section page."
    assert editor_client.post(url, data).status_code == HTTPStatus.FOUND
    (version,) = versions_of(article)
    sections = [
        item.field_dict
        for item in version.revision.version_set.all()
        if item.content_type.model == "section"
    ]
    assert "Rewritten on the section page." in [item["body"] for item in sections]


def test_term_admin_save_records_a_revision(editor_client, editor, term_factory):
    term = term_factory()
    url = reverse("admin:glossary_term_change", args=[term.pk])
    data = form_data(editor_client.get(url), "term_form")
    data["short_definition"] = "A clearer definition."
    assert editor_client.post(url, data).status_code == HTTPStatus.FOUND
    (version,) = versions_of(term)
    assert version.revision.user == editor
    assert version.field_dict["short_definition"] == "A clearer definition."


def test_reference_admin_save_records_a_revision(editor_client, editor, reference_factory):
    reference = reference_factory()
    url = reverse("admin:articles_reference_change", args=[reference.pk])
    data = form_data(editor_client.get(url), "reference_form")
    data["title"] = "A corrected title"
    assert editor_client.post(url, data).status_code == HTTPStatus.FOUND
    (version,) = versions_of(reference)
    assert version.revision.user == editor
    assert version.field_dict["title"] == "A corrected title"


def test_bulk_publish_is_recorded_as_a_revision(
    publisher_client, publisher, draft_article, editor, reviewer
):
    from articles import workflow

    workflow.submit_for_review(draft_article, editor)
    workflow.approve(draft_article, reviewer)
    publisher_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "index": "0", "_selected_action": [str(draft_article.pk)]},
    )
    (version,) = versions_of(draft_article)
    assert version.revision.user == publisher
    assert version.revision.get_comment() == "Published."
    draft_article.refresh_from_db()
    assert draft_article.is_public
