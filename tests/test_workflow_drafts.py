"""Changing a published article safely: its draft (working copy), review, publishing, dates.

Each test takes a step of the workflow on a real path (the admin form, the review and
publish pages, bulk actions, hand-made POSTs) as the role that would take it, and checks both
what editors see and that readers see only what was published.
"""

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Section, WorkflowEvent, WorkflowState
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db

SECRET = "zanzibarquokka"  # a word that only the draft ever contains


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def step_url(article, step):
    return reverse("admin:articles_article_workflow", args=[article.pk, step])


def publish_url(article):
    return reverse("admin:articles_article_publish", args=[article.pk])


def edit(client, article, button="_continue", **changes):
    """Open the article's form, change fields, press a button; the response."""
    data = form_data(client.get(change_url(article)), "article_form")
    data.update(changes)
    data[button] = "1"
    return client.post(change_url(article), data)


def text_of(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


@pytest.fixture
def live(article_factory):
    article = article_factory(title="Sleep and stress", slug="sleep-and-stress", sections=2)
    article.tags.add("sleep")
    return article


@pytest.fixture
def changed(live, editor):
    """The live article with an editor's change saved in its draft."""
    response = edit(client_for(editor), live, **{"sections-0-body": f"Now with {SECRET}."})
    assert response.status_code == HTTPStatus.FOUND, text_of(response)[:2000]
    return live


def approve_draft(article, editor, reviewer, comment=""):
    workflow.submit_for_review(article, editor)
    workflow.approve(article, reviewer, comment)


# The draft of a published article --------------------------------------------------------


def test_opening_a_published_article_edits_its_draft_not_the_article(live, editor):
    response = client_for(editor).get(change_url(live))
    assert response.status_code == HTTPStatus.OK
    copy = Article.objects.get(draft_of=live)
    assert response.context["original"] == copy
    assert "You are editing the draft of a published article" in text_of(response)
    assert copy.sections.count() == live.sections.count() == 2


def test_saving_changes_the_draft_and_readers_keep_the_published_text(client, changed):
    copy = Article.objects.get(draft_of=changed)
    assert SECRET in copy.sections.first().body
    assert SECRET not in changed.sections.first().body
    page = client.get(changed.get_absolute_url())
    assert page.status_code == HTTPStatus.OK
    assert "Body of section 0." in page.content.decode()
    assert SECRET not in page.content.decode()


def test_a_new_section_added_to_a_live_article_waits_in_the_draft(client, live, editor):
    data = form_data(client_for(editor).get(change_url(live)), "article_form")
    data.update(
        {
            "sections-TOTAL_FORMS": "3",
            "sections-2-position": "2",
            "sections-2-level": "fundamentals",
            "sections-2-heading": "A new question?",
            "sections-2-anchor": "",
            "sections-2-body": f"New text with {SECRET}.",
            "sections-2-takeaway": "",
            "_continue": "1",
        }
    )
    editor_client = client_for(editor)
    editor_client.get(change_url(live))
    assert editor_client.post(change_url(live), data).status_code == HTTPStatus.FOUND
    assert live.sections.count() == 2
    assert Article.objects.get(draft_of=live).sections.count() == 3
    page = client.get(live.get_absolute_url()).content.decode()
    assert "Question 0?" in page
    assert "A new question?" not in page


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles/",
        "/articles/sleep-and-stress/",
        "/tags/sleep/",
        "/tags/",
        "/feeds/articles/rss/",
        "/feeds/articles/atom/",
        "/sitemap.xml",
        "/search/?q=sleep",
    ],
)
def test_no_public_path_shows_the_drafts_text(client, changed, path):
    copy = Article.objects.get(draft_of=changed)
    copy.title = f"Title with {SECRET}"
    copy.save()
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    body = response.content.decode()
    # The published article (or its topic) is there; the draft's word is not.
    assert "sleep-and-stress" in body or "/tags/sleep/" in body
    assert SECRET not in body


def test_search_finds_the_published_text_not_the_drafts(client, changed):
    assert "Sleep and stress" in text_of(client.get("/search/?q=sleep"))
    response = client.get(f"/search/?q={SECRET}")
    assert response.status_code == HTTPStatus.OK
    assert "sleep-and-stress" not in response.content.decode()


def test_a_terms_used_in_list_follows_the_published_text(client, live, editor, term_factory):
    term = term_factory(name="melatonin", slug="melatonin")
    edit(client_for(editor), live, **{"sections-0-body": "Melatonin rises at night."})
    page = client.get(term.get_absolute_url())
    assert page.status_code == HTTPStatus.OK
    assert "melatonin" in page.content.decode().lower()
    assert "Sleep and stress" not in page.content.decode()


def test_the_article_list_says_changes_are_waiting(changed, publisher):
    response = client_for(publisher).get(reverse("admin:articles_article_changelist"))
    assert "Published, changes waiting" in text_of(response)
    titles = [
        a.get_text()
        for a in BeautifulSoup(response.content, "html.parser").select("#result_list th a")
    ]
    assert titles.count("Sleep and stress") == 1  # the draft is not listed on its own


@pytest.mark.parametrize(
    ("state", "expected"),
    [("changes_waiting", True), ("published", True), ("draft", False), ("in_review", False)],
)
def test_the_article_list_filters_by_state(changed, publisher, state, expected):
    url = reverse("admin:articles_article_changelist") + f"?state={state}"
    assert ("Sleep and stress" in text_of(client_for(publisher).get(url))) is expected


def test_compare_with_published_shows_the_changed_words(changed, editor):
    url = reverse("admin:articles_article_compare_published", args=[changed.pk])
    response = client_for(editor).get(url)
    soup = BeautifulSoup(response.content, "html.parser")
    added = [row.get_text() for row in soup.select(".revision-diff__insert .revision-diff__text")]
    removed = [row.get_text() for row in soup.select(".revision-diff__delete .revision-diff__text")]
    assert added == [f"Now with {SECRET}."]
    assert removed[0] == "Body of section 0."  # then the table that followed it
    assert soup.select(".revision-diff__insert ins")  # the changed words are marked


def test_discarding_changes_makes_the_draft_say_what_readers_see(changed, editor):
    response = client_for(editor).post(step_url(changed, "discard"))
    assert response.status_code == HTTPStatus.FOUND
    copy = Article.objects.get(draft_of=changed)
    assert copy.sections.first().body == "Body of section 0.\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    assert copy.edited_at is None
    assert changed.events.filter(kind=WorkflowEvent.Kind.DISCARDED).exists()


def test_discarding_asks_first(changed, editor):
    response = client_for(editor).get(step_url(changed, "discard"))
    assert response.status_code == HTTPStatus.OK
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('input[type="submit"]')["value"] == "Yes, discard the changes"
    assert SECRET in Article.objects.get(draft_of=changed).sections.first().body


def test_a_draft_survives_a_restart(changed):
    # Nothing lives in memory: a fresh query finds the draft and its text.
    assert SECRET in Section.objects.get(article__draft_of=changed, position=0).body


# Preview ----------------------------------------------------------------------------------


def test_preview_shows_the_saved_draft_with_the_public_pages_rendering(changed, editor):
    client = client_for(editor)
    shell = client.get(reverse("admin:articles_article_preview", args=[changed.pk]))
    assert shell.status_code == HTTPStatus.OK
    frame = BeautifulSoup(shell.content, "html.parser").select_one(".preview-frame iframe")
    page = client.get(frame["src"])
    assert page.status_code == HTTPStatus.OK
    assert SECRET in page.content.decode()
    assert 'id="disclaimer-banner"' in page.content.decode()
    assert page["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"]


def test_preview_shows_what_was_typed_without_saving_it(live, editor, term_factory):
    term_factory(name="cortisol", slug="cortisol", short_definition="A stress hormone.")
    client = client_for(editor)
    data = form_data(client.get(change_url(live)), "article_form")
    data["title"] = "A title not saved yet"
    data["sections-1-body"] = f"Typed: cortisol and {SECRET} <script>alert(1)</script>."
    shell = client.post(reverse("admin:articles_article_preview", args=[live.pk]), data)
    assert shell.status_code == HTTPStatus.FOUND
    frame_page = client.get(shell["Location"])
    assert "not saved yet" in text_of(frame_page)
    src = BeautifulSoup(frame_page.content, "html.parser").select_one("iframe")["src"]
    page = client.get(src).content.decode()
    assert "A title not saved yet" in page
    assert SECRET in page
    assert 'class="glossary-term" href="/glossary/cortisol/"' in page
    assert "<script>alert(1)</script>" not in page
    copy = Article.objects.get(draft_of=live)
    assert copy.title == "Sleep and stress"
    assert SECRET not in copy.sections.get(position=1).body


def test_preview_widths_are_phone_and_desktop(changed, editor):
    url = reverse("admin:articles_article_preview", args=[changed.pk])
    phone = client_for(editor).get(url + "?width=phone")
    assert BeautifulSoup(phone.content, "html.parser").select_one("iframe")["width"] == "390"
    desktop = client_for(editor).get(url + "?width=desktop")
    assert BeautifulSoup(desktop.content, "html.parser").select_one("iframe")["width"] == "1280"


def test_readers_cannot_open_a_preview(client, changed):
    url = reverse("admin:articles_article_preview_page", args=[changed.pk])
    response = client.get(url)
    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/login/" in response["Location"]


# Review -----------------------------------------------------------------------------------


def test_editor_sends_the_draft_for_review_from_the_form(live, editor):
    response = edit(client_for(editor), live, "_submit_review", **{"title": "Sleep, stress"})
    assert response.status_code == HTTPStatus.FOUND
    copy = Article.objects.get(draft_of=live)
    assert copy.title == "Sleep, stress"
    assert copy.workflow_state == WorkflowState.IN_REVIEW
    assert live.events.get().kind == WorkflowEvent.Kind.SUBMITTED


def test_reviewer_sees_it_waiting_on_the_admin_home(changed, editor, reviewer):
    workflow.submit_for_review(changed, editor)
    home = client_for(reviewer).get(reverse("admin:index"))
    panel = BeautifulSoup(home.content, "html.parser").find(
        "h3", string=lambda s: s and s.startswith("Waiting for your review")
    )
    assert panel is not None and "(1)" in panel.get_text()
    assert "Sleep and stress" in panel.find_parent("div").get_text()


def test_reviewer_approves_with_a_comment(changed, editor, reviewer):
    workflow.submit_for_review(changed, editor)
    response = client_for(reviewer).post(
        step_url(changed, "approve"), {"comment": "Doses checked against the 2026 guideline."}
    )
    assert response.status_code == HTTPStatus.FOUND
    copy = Article.objects.get(draft_of=changed)
    assert copy.workflow_state == WorkflowState.APPROVED
    approval = changed.events.get(kind=WorkflowEvent.Kind.APPROVED)
    assert approval.reviewer_name == "Dr Rita Reviewer, MD, endocrinologist"
    assert approval.comment == "Doses checked against the 2026 guideline."


def test_reviewer_requests_changes_and_the_editor_sees_the_comment(changed, editor, reviewer):
    workflow.submit_for_review(changed, editor)
    client_for(reviewer).post(
        step_url(changed, "request_changes"), {"comment": "Cite a source for the dose."}
    )
    assert Article.objects.get(draft_of=changed).workflow_state == "changes_requested"
    page = text_of(client_for(editor).get(change_url(changed)))
    assert "Rita Reviewer asked for changes" in page
    assert "Cite a source for the dose." in page


def test_asking_for_changes_needs_a_comment(changed, editor, reviewer):
    workflow.submit_for_review(changed, editor)
    response = client_for(reviewer).post(step_url(changed, "request_changes"), follow=True)
    assert "Say what needs to change" in " ".join(messages_of(response))
    assert Article.objects.get(draft_of=changed).workflow_state == WorkflowState.IN_REVIEW


def test_nobody_approves_a_draft_they_changed(changed, editor, reviewer, staff_user_in):
    workflow.submit_for_review(changed, editor)
    both = staff_user_in("Editor", "both")
    both.groups.add(*reviewer.groups.all())
    copy = Article.objects.get(draft_of=changed)
    copy.draft_authors.add(both)
    with pytest.raises(workflow.WorkflowError, match="another medical reviewer"):
        workflow.approve(changed, both)
    response = client_for(both).post(step_url(changed, "approve"), follow=True)
    assert "another medical reviewer" in " ".join(messages_of(response))
    assert Article.objects.get(draft_of=changed).workflow_state == WorkflowState.IN_REVIEW


def test_superuser_cannot_approve_their_own_draft(live, admin_user):
    edit(client_for(admin_user), live, **{"title": "Edited by the admin"})
    workflow.submit_for_review(live, admin_user)
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(live, admin_user)


def test_editor_cannot_approve(changed, editor):
    workflow.submit_for_review(changed, editor)
    response = client_for(editor).post(step_url(changed, "approve"), follow=True)
    assert "Only a medical reviewer can approve" in " ".join(messages_of(response))
    assert Article.objects.get(draft_of=changed).workflow_state == WorkflowState.IN_REVIEW


def test_saving_an_approved_draft_needs_a_new_review(changed, editor, reviewer):
    approve_draft(changed, editor, reviewer)
    response = edit(client_for(editor), changed, **{"title": "Changed after approval"})
    assert response.status_code == HTTPStatus.FOUND
    assert Article.objects.get(draft_of=changed).workflow_state == WorkflowState.DRAFT


# Publishing -------------------------------------------------------------------------------


def test_publisher_publishes_an_approved_draft_and_readers_see_it(
    client, changed, editor, reviewer, publisher
):
    approve_draft(changed, editor, reviewer)
    response = client_for(publisher).post(
        publish_url(changed), {"when": "now", "public_note": "Clearer advice on sleep."}
    )
    assert response.status_code == HTTPStatus.FOUND
    page = client.get("/articles/sleep-and-stress/")
    body = text_of(page)
    assert SECRET in body
    assert "Dr Rita Reviewer, MD, endocrinologist" in body
    soup = BeautifulSoup(page.content, "html.parser")
    today = timezone.localdate().isoformat()
    assert soup.select_one(".page-reviewed time")["datetime"] == today
    assert "Clearer advice on sleep." in soup.select_one(".what-changed").get_text()
    changed.refresh_from_db()
    assert changed.pk == Article.objects.get(slug="sleep-and-stress", draft_of=None).pk


def test_publishing_keeps_the_article_id_and_address(changed, editor, reviewer, publisher):
    approve_draft(changed, editor, reviewer)
    workflow.publish(changed, publisher)
    assert Article.objects.articles().get(slug="sleep-and-stress").pk == changed.pk
    assert Article.objects.filter(draft_of=changed).count() == 1


def test_published_message_names_the_public_address(changed, editor, reviewer, publisher):
    approve_draft(changed, editor, reviewer)
    response = client_for(publisher).post(publish_url(changed), {"when": "now"}, follow=True)
    message = " ".join(messages_of(response))
    assert 'readers see it now at <a href="/articles/sleep-and-stress/">' in message


def test_json_ld_carries_the_review_from_the_approval(client, changed, editor, reviewer, publisher):
    approve_draft(changed, editor, reviewer)
    workflow.publish(changed, publisher)
    import json

    soup = BeautifulSoup(client.get(changed.get_absolute_url()).content, "html.parser")
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["reviewedBy"]["name"] == "Dr Rita Reviewer, MD, endocrinologist"
    assert data["lastReviewed"] == timezone.localdate().isoformat()


def test_unreviewed_text_is_not_published(changed, publisher):
    response = client_for(publisher).post(publish_url(changed), {"when": "now"})
    assert response.status_code == HTTPStatus.OK
    assert "must approve this text" in text_of(response)
    assert SECRET not in changed.sections.first().body


def test_no_clinical_change_publishes_without_review_and_keeps_the_review_date(
    client, live, editor, publisher
):
    reviewed_on = timezone.localdate() - timedelta(days=200)
    Article.objects.filter(pk=live.pk).update(reviewed_at=reviewed_on)
    edit(client_for(editor), live, **{"sections-0-body": "A typo fixed."})
    response = client_for(publisher).post(
        publish_url(live), {"when": "now", "no_clinical_change": "on"}
    )
    assert response.status_code == HTTPStatus.FOUND
    live.refresh_from_db()
    assert live.reviewed_at == reviewed_on
    assert "A typo fixed." in client.get(live.get_absolute_url()).content.decode()
    assert not live.events.get(kind=WorkflowEvent.Kind.PUBLISHED).clinical


def test_a_new_article_needs_a_review_before_it_is_first_published(draft_article, publisher):
    with pytest.raises(workflow.WorkflowError, match="never seen"):
        workflow.publish(draft_article, publisher, no_clinical_change=True)
    draft_article.refresh_from_db()
    assert not draft_article.is_public


def test_a_new_article_goes_through_review_to_readers(
    client, draft_article, editor, reviewer, publisher
):
    edit(client_for(editor), draft_article, **{"title": "Draft article, ready"})
    approve_draft(draft_article, editor, reviewer)
    workflow.publish(draft_article, publisher)
    draft_article.refresh_from_db()
    assert draft_article.is_public
    assert not Article.objects.filter(draft_of=draft_article).exists()
    assert "Draft article, ready" in client.get(draft_article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("user_fixture", ["editor", "reviewer"])
def test_only_publishers_publish_even_by_hand_made_post(
    request, changed, editor, reviewer, user_fixture
):
    approve_draft(changed, editor, reviewer)
    user = request.getfixturevalue(user_fixture)
    response = client_for(user).post(publish_url(changed), {"when": "now"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert SECRET not in changed.sections.first().body


def test_publishing_refuses_a_draft_saved_after_the_publisher_opened_it(
    changed, editor, reviewer, publisher
):
    approve_draft(changed, editor, reviewer)
    publisher_client = client_for(publisher)
    seen = form_data(publisher_client.get(publish_url(changed)), "publish_form")["seen_version"]
    edit(client_for(editor), changed, **{"sections-1-body": "A late change."})
    response = publisher_client.post(
        publish_url(changed), {"when": "now", "seen_version": seen, "public_note": "Kept note"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Edna Editor saved changes to this draft" in text_of(response)
    assert "Kept note" in response.content.decode()
    assert SECRET not in changed.sections.first().body


def test_an_editor_saving_after_a_publish_is_warned_and_keeps_what_they_typed(
    changed, editor, reviewer, publisher
):
    editor_client = client_for(editor)
    data = form_data(editor_client.get(change_url(changed)), "article_form")
    approve_draft(changed, editor, reviewer)
    workflow.publish(changed, publisher)
    data["sections-1-body"] = "Typed while it was being published."
    data["_continue"] = "1"
    response = editor_client.post(change_url(changed), data)
    assert response.status_code == HTTPStatus.OK
    assert "after you opened it" in text_of(response)
    assert "Typed while it was being published." in response.content.decode()


# Scheduling -------------------------------------------------------------------------------


def test_a_scheduled_change_replaces_the_published_text_at_its_time(
    client, changed, editor, reviewer, publisher, time_machine
):
    approve_draft(changed, editor, reviewer)
    at = timezone.now() + timedelta(hours=3)
    workflow.publish(changed, publisher, at=at, note="Scheduled update.")
    assert SECRET not in client.get(changed.get_absolute_url()).content.decode()
    time_machine.move_to(at + timedelta(minutes=1))
    page = client.get(changed.get_absolute_url()).content.decode()
    assert SECRET in page
    assert "Scheduled update." in page
    assert Article.objects.get(draft_of=changed).status == Article.Status.DRAFT


def test_the_list_says_when_changes_are_scheduled(changed, editor, reviewer, publisher):
    approve_draft(changed, editor, reviewer)
    workflow.publish(changed, publisher, at=timezone.now() + timedelta(days=1))
    page = text_of(client_for(publisher).get(reverse("admin:articles_article_changelist")))
    assert "Published, changes scheduled for" in page
    assert "(London time)" in page


def test_editing_a_scheduled_change_cancels_the_schedule(changed, editor, reviewer, publisher):
    approve_draft(changed, editor, reviewer)
    workflow.publish(changed, publisher, at=timezone.now() + timedelta(days=1))
    editor_client = client_for(editor)
    edit(editor_client, changed, **{"title": "Changed again"})
    response = editor_client.get(change_url(changed))
    copy = Article.objects.get(draft_of=changed)
    assert copy.status == Article.Status.DRAFT
    assert copy.workflow_state == WorkflowState.DRAFT
    assert "its scheduled publication" in " ".join(messages_of(response))


def test_publish_scheduled_command_applies_due_changes(
    changed, editor, reviewer, publisher, time_machine
):
    from django.core.management import call_command

    approve_draft(changed, editor, reviewer)
    at = timezone.now() + timedelta(hours=1)
    workflow.publish(changed, publisher, at=at)
    time_machine.move_to(at + timedelta(seconds=5))
    call_command("publish_scheduled")
    changed.refresh_from_db()
    assert SECRET in changed.sections.first().body


# Unpublishing and bulk actions -----------------------------------------------------------


def test_publisher_unpublishes_and_the_state_says_so(client, live, publisher):
    response = client_for(publisher).post(step_url(live, "unpublish"))
    assert response.status_code == HTTPStatus.FOUND
    assert client.get(live.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    listing = text_of(client_for(publisher).get(reverse("admin:articles_article_changelist")))
    assert "Unpublished" in listing


def test_editor_cannot_unpublish_by_hand_made_post(client, live, editor):
    response = client_for(editor).post(step_url(live, "unpublish"), follow=True)
    assert "Only a publisher can unpublish" in " ".join(messages_of(response))
    assert client.get(live.get_absolute_url()).status_code == HTTPStatus.OK


def test_bulk_publish_publishes_approved_drafts_only(
    client, article_factory, editor, reviewer, publisher
):
    ready = article_factory(title="Ready", status="draft")
    waiting = article_factory(title="Waiting", status="draft")
    approve_draft(ready, editor, reviewer)
    response = client_for(publisher).post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [ready.pk, waiting.pk]},
        follow=True,
    )
    ready.refresh_from_db()
    waiting.refresh_from_db()
    assert ready.is_public
    assert not waiting.is_public
    assert "“Waiting” (A medical reviewer must approve" in " ".join(messages_of(response))


def test_editor_cannot_discard_someone_elses_approved_draft(
    changed, editor, reviewer, staff_user_in
):
    approve_draft(changed, editor, reviewer)
    other = staff_user_in("Editor", "otto")
    with pytest.raises(Exception, match="only a publisher"):
        workflow.discard_changes(changed, other)
    assert SECRET in Article.objects.get(draft_of=changed).sections.first().body


def test_publisher_can_discard_an_approved_draft(changed, editor, reviewer, publisher):
    approve_draft(changed, editor, reviewer)
    workflow.discard_changes(changed, publisher)
    body = Article.objects.get(draft_of=changed).sections.first().body
    assert body == changed.sections.first().body  # what readers see, again
    assert SECRET not in body


# Revisions --------------------------------------------------------------------------------


def test_restoring_an_old_version_makes_a_draft_not_a_live_change(client, live, editor, publisher):
    editor_client = client_for(editor)
    edit(editor_client, live, **{"title": "Second title"})
    from articles.admin.article_history import article_versions

    first = article_versions(live)[0]
    edit(editor_client, live, **{"title": "Third title"})
    response = editor_client.post(
        reverse("admin:articles_article_restore", args=[live.pk, first.pk])
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Article.objects.get(draft_of=live).title == "Second title"
    assert "Sleep and stress" in client.get(live.get_absolute_url()).content.decode()


def test_history_labels_every_version_apart(live, editor):
    editor_client = client_for(editor)
    for title in ("One", "Two", "Three"):
        edit(editor_client, live, **{"title": title})
    response = editor_client.get(reverse("admin:articles_article_compare", args=[live.pk]))
    labels = [
        o.get_text()
        for o in BeautifulSoup(response.content, "html.parser").select("#compare-old option")
    ]
    assert len(labels) == 3
    assert len(set(labels)) == 3
    assert labels[0].startswith("#3 · Edna Editor")


# Other ways in ------------------------------------------------------------------------------


def test_a_published_articles_section_page_leads_to_the_article_not_a_live_edit(live, editor):
    section = live.sections.first()
    url = reverse("admin:articles_section_change", args=[section.pk])
    response = client_for(editor).get(url, follow=True)
    assert response.redirect_chain[-1][0] == change_url(live)
    assert "change it in the article" in " ".join(messages_of(response))


def test_a_drafts_section_page_edits_the_draft(client, live, editor):
    editor_client = client_for(editor)
    editor_client.get(change_url(live))  # opens the draft
    section = Section.objects.get(article__draft_of=live, position=0)
    url = reverse("admin:articles_section_change", args=[section.pk])
    data = form_data(editor_client.get(url), "section_form")
    data["body"] = f"Edited on its own page: {SECRET}."
    assert editor_client.post(url, data).status_code == HTTPStatus.FOUND
    assert Article.objects.get(draft_of=live).edited_at is not None
    assert SECRET not in client.get(live.get_absolute_url()).content.decode()


def test_make_run_creates_one_account_per_role(db, settings, tmp_path, editorial_groups):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    settings.BASE_DIR = tmp_path
    call_command("prepare_local_site", stdout=StringIO())
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    roles = {
        name: list(users.get(username=name).groups.values_list("name", flat=True))
        for name in ("editor", "reviewer", "publisher")
    }
    assert roles == {
        "editor": ["Editor"],
        "reviewer": ["Medical reviewer"],
        "publisher": ["Publisher"],
    }
    assert str(users.get(username="reviewer").reviewer_profile).startswith("Dr Amara Osei, MD")
    password = (tmp_path / ".admin-password").read_text().strip()
    assert users.get(username="editor").check_password(password)


def test_an_article_can_be_given_a_time_to_leave_public_places(
    client, changed, editor, reviewer, publisher, time_machine
):
    approve_draft(changed, editor, reviewer)
    leaves = timezone.localtime() + timedelta(days=2)
    response = client_for(publisher).post(
        publish_url(changed),
        {"when": "now", "unpublish_at": leaves.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )
    assert "It leaves public places on" in " ".join(messages_of(response))
    assert client.get(changed.get_absolute_url()).status_code == HTTPStatus.OK
    time_machine.move_to(leaves + timedelta(minutes=2))
    assert client.get(changed.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert "sleep-and-stress" not in client.get("/articles/").content.decode()
    listing = text_of(client_for(publisher).get(reverse("admin:articles_article_changelist")))
    assert "Unpublished" in listing


def test_a_time_to_leave_before_going_public_is_refused(changed, editor, reviewer, publisher):
    approve_draft(changed, editor, reviewer)
    response = client_for(publisher).post(
        publish_url(changed), {"when": "now", "unpublish_at": "2001-01-01T09:00"}
    )
    assert response.status_code == HTTPStatus.OK
    assert "Choose a time after the article goes public" in text_of(response)


def test_the_article_list_counts_articles_not_their_drafts(changed, article_factory, publisher):
    article_factory(title="Another one")
    url = reverse("admin:articles_article_changelist") + "?state=changes_waiting"
    text = text_of(client_for(publisher).get(url))
    assert "1 result ( 2 total )" in text
