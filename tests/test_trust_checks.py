"""Trust checks in the editor's day: the section checks endpoint, the article list's columns and
filters, [citation needed] (shown in previews, never to readers, blocks publishing), reference
verification, reviews triggered by events, and reader feedback."""

import json
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse

from articles import workflow
from articles.forms import ReferenceForm
from articles.models import Article, ArticleReference, PageFeedback, ReviewFlag, Section
from site_config.models import SiteSettings

pytestmark = pytest.mark.django_db

HARD = (
    "Neuroendocrine regulatory mechanisms demonstrate considerable physiological variability. "
    "Hypothalamic gonadotropin secretion fluctuates unpredictably. Pharmacological "
    "interventions necessitate individualised laboratory evaluation. "
)
EASY = "The cat sat on the mat. The dog ran to the park. We had a good day. "


def checks(client, body, takeaway="", level="fundamentals"):
    url = reverse("admin:articles_article_section_checks")
    return client.post(url, {"body": body, "takeaway": takeaway, "level": level})


# The endpoint ---------------------------------------------------------------------------------


def test_endpoint_scores_a_section_against_its_levels_target(staff_client):
    data = checks(staff_client, HARD + "Oxytocin reduces cortisol [citation needed].").json()
    assert data["target"] == 8
    assert data["above_target"] is True
    assert data["smog"] > 8
    assert data["verdict"] == "above the target of 8 for Fundamentals"
    assert len(data["hardest"]) == 3
    assert data["unsourced"][-1] == {
        "text": "Oxytocin reduces cortisol [citation needed].",
        "why": ["marked [citation needed]"],
    }
    assert data["citation_needed"] == 1


def test_endpoint_follows_the_targets_in_site_settings(staff_client):
    assert checks(staff_client, EASY, level="intermediate").json()["target"] == 10
    settings = SiteSettings.load()
    settings.target_intermediate = 6
    settings.save()
    assert checks(staff_client, EASY, level="intermediate").json()["target"] == 6


def test_academic_sections_are_reported_without_a_target(staff_client):
    data = checks(staff_client, HARD, level="academic").json()
    assert data["target"] is None and data["above_target"] is False
    assert data["smog"] is not None


def test_endpoint_refuses_bad_input_with_a_sentence(staff_client):
    assert checks(staff_client, EASY, level="expert").json() == {
        "error": "Choose the section's reading level."
    }
    response = checks(staff_client, "word " * 20_000)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "too long to check while you type" in response.json()["error"]
    url = reverse("admin:articles_article_section_checks")
    assert staff_client.get(url).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_endpoint_is_for_editors_only(client):
    response = checks(client, EASY)
    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/login/" in response["Location"]


def test_article_form_loads_the_checks_script_and_its_endpoint(staff_client, article_factory):
    article = article_factory()
    response = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("script", src=lambda src: src and "section-checks.js" in src)
    endpoint = soup.select_one("#section-checks-endpoint")
    assert endpoint["data-url"] == reverse("admin:articles_article_section_checks")
    assert soup.find("textarea", attrs={"name": "sections-0-body"})


# Stored scores, list columns and filters ------------------------------------------------------


def test_saving_a_section_stores_its_scores(article_factory):
    section = article_factory(sections=1).sections.get()
    section.body = HARD + "Oxytocin reduces cortisol [@x].\n\nMenopause starts at 51."
    section.takeaway = ""
    section.save(update_fields=["body", "takeaway"])
    section.refresh_from_db()
    assert section.smog_grade > 8
    assert (section.factual_sentences, section.sourced_sentences) == (2, 1)


def changelist(client, query=""):
    response = client.get(reverse("admin:articles_article_changelist") + query)
    soup = BeautifulSoup(response.content, "html.parser")
    return {row.select_one("th a").get_text(): row for row in soup.select("#result_list tbody tr")}


def test_article_list_shows_and_filters_reading_level_and_evidence(staff_client, article_factory):
    hard = article_factory(title="Hard to read", sections=1)
    Section.objects.filter(article=hard).update(body="")
    section = hard.sections.get()
    section.body, section.takeaway = HARD + "Oxytocin reduces cortisol.", ""
    section.save()
    easy = article_factory(title="Easy to read", sections=1)
    section = easy.sections.get()
    section.body, section.takeaway = EASY + "Oxytocin reduces cortisol [@x].", ""
    section.save()

    rows = changelist(staff_client)
    assert rows["Hard to read"].select_one(".field-reading_level").get_text() == (
        "1 section above target"
    )
    assert rows["Easy to read"].select_one(".field-reading_level").get_text() == "Within target"
    assert rows["Hard to read"].select_one(".field-evidence").get_text() == (
        "0 of 1 factual sentences cite a source"
    )
    assert list(changelist(staff_client, "?reading=above")) == ["Hard to read"]
    assert list(changelist(staff_client, "?reading=within")) == ["Easy to read"]
    assert list(changelist(staff_client, "?evidence=unsourced")) == ["Hard to read"]
    assert list(changelist(staff_client, "?evidence=covered")) == ["Easy to read"]


def test_list_columns_follow_the_working_copy(staff_client, article_factory):
    article = article_factory(title="Live", sections=1)
    draft = workflow.pending_version(article, create=True)
    section = draft.sections.get()
    section.body = HARD
    section.save()
    assert list(changelist(staff_client, "?reading=above")) == ["Live"]


# [citation needed] ----------------------------------------------------------------------------


def test_citation_needed_never_reaches_readers(client, article_factory):
    article = article_factory(title="Marked", sections=1)
    section = article.sections.get()
    section.body = "Hot flushes are common [citation needed]. Sleep helps."
    section.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Hot flushes are common. Sleep helps." in html
    assert "citation needed" not in html.lower()


def test_citation_needed_is_highlighted_in_the_preview(staff_client, article_factory):
    article = article_factory(title="Marked", status=Article.Status.DRAFT, sections=1)
    section = article.sections.get()
    section.body = "Hot flushes are common [citation needed]."
    section.save()
    url = reverse("admin:articles_article_preview_page", args=[article.pk])
    soup = BeautifulSoup(staff_client.get(url).content, "html.parser")
    assert soup.select_one("mark.citation-needed").get_text() == "[citation needed]"


def test_citation_needed_blocks_publishing_and_names_the_section(
    article_factory, editor, reviewer, publisher
):
    article = article_factory(title="New", status=Article.Status.DRAFT, sections=2)
    section = article.sections.get(position=1)
    section.body = "The risk rises in perimenopause [citation needed]."
    section.save()
    workflow.submit_for_review(article, editor)
    workflow.approve(article, reviewer)
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.publish(article, publisher)
    assert str(refused.value).startswith("The section “Question 1?” still says [citation needed]")
    article.refresh_from_db()
    assert not article.is_public
    section.body = "The risk rises in perimenopause [@x]."
    section.save()
    workflow.publish(article, publisher)
    article.refresh_from_db()
    assert article.is_public


def test_citation_needed_does_not_reach_the_search_index(article_factory):
    from articles.search_index import markdown_to_search_text

    assert markdown_to_search_text("Common [citation needed] in women.") == "Common in women."


# Reference verification and reviews triggered by events ---------------------------------------


def reference_data(reference, **changes):
    data = {
        "key": reference.key, "kind": reference.kind, "authors": reference.authors,
        "year": str(reference.year), "title": reference.title, "container": reference.container,
        "verification": reference.verification, "verified_against": "", "verification_note": "",
        # The version the form was opened with, as the admin page carries it.
        "loaded_version": ReferenceForm(instance=reference)["loaded_version"].initial,
    }  # fmt: skip
    data.update(changes)
    return data


def test_marking_a_reference_verified_records_who_and_when(
    staff_client, admin_user, reference_factory
):
    reference = reference_factory()
    url = reverse("admin:articles_reference_change", args=[reference.pk])
    response = staff_client.post(url, reference_data(reference, verification="verified"))
    assert "Say what you checked it against" in response.content.decode()
    staff_client.post(
        url,
        reference_data(
            reference,
            verification="verified",
            verified_against="pubmed",
            verification_note="PubMed entry, PMID 20435004",
        ),
    )
    reference.refresh_from_db()
    assert reference.verification == "verified"
    assert reference.verified_by == admin_user
    assert reference.verified_at is not None


def test_a_reference_not_found_puts_citing_articles_in_the_review_queue(
    staff_client, article_factory, reference_factory
):
    article = article_factory(title="Cites a ghost")
    reference = reference_factory(key="ghost-2001")
    ArticleReference.objects.create(article=article, reference=reference, position=0)
    url = reverse("admin:articles_reference_change", args=[reference.pk])
    staff_client.post(url, reference_data(reference, verification="not-found"))
    flag = ReviewFlag.objects.get(article=article)
    assert flag.reason == ReviewFlag.Reason.NOT_FOUND
    assert "ghost-2001" in flag.detail

    home = BeautifulSoup(staff_client.get(reverse("admin:index")).content, "html.parser")
    panel = home.find("h3", string=lambda text: text and "Review needed" in text).parent
    assert "Cites a ghost" in panel.get_text()
    assert "ghost-2001, which an editor could not find" in panel.get_text()
    assert list(changelist(staff_client, "?flag=not-found")) == ["Cites a ghost"]

    handle = reverse("admin:articles_article_trust", args=[article.pk, "handle_flags"])
    staff_client.post(handle)
    assert not ReviewFlag.objects.filter(handled_at__isnull=True).exists()


def test_unverified_references_are_listed_on_the_article_form(
    staff_client, article_factory, reference_factory
):
    article = article_factory()
    ArticleReference.objects.create(
        article=article, reference=reference_factory(key="unchecked-1"), position=0
    )
    ArticleReference.objects.create(
        article=article,
        reference=reference_factory(key="checked-1", verification="verified"),
        position=1,
    )
    response = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    listed = BeautifulSoup(response.content, "html.parser").select_one(".trust-panel__unverified")
    assert [link.get_text() for link in listed.find_all("a")] == ["unchecked-1"]


# Reader feedback ------------------------------------------------------------------------------


@pytest.fixture
def feedback_url(public_article):
    return reverse("articles:feedback", args=[public_article.slug])


def test_feedback_form_is_at_the_end_of_the_article_without_a_token(client, public_article):
    soup = BeautifulSoup(client.get(public_article.get_absolute_url()).content, "html.parser")
    form = soup.select_one("article form.page-feedback")
    assert form["action"] == reverse("articles:feedback", args=[public_article.slug])
    assert form.find("button", attrs={"value": "yes"}) and form.find("textarea")
    assert not form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert soup.find("script", src=lambda src: src and "feedback.js" in src)
    # No inline script (CSP); structured data is not script.
    assert not soup.select('script:not([src]):not([type="application/ld+json"])')


def test_feedback_works_on_a_page_served_from_the_page_cache(
    client, public_article, feedback_url, django_assert_num_queries
):
    SiteSettings.load()  # the settings row exists on a running site
    client.get(public_article.get_absolute_url())
    with django_assert_num_queries(0):
        cached = client.get(public_article.get_absolute_url())
    assert b'class="page-feedback"' in cached.content
    assert "Content-Security-Policy" in cached.headers
    response = client.post(feedback_url, {"helpful": "no"}, HTTP_ACCEPT="application/json")
    assert response.status_code == HTTPStatus.OK
    assert PageFeedback.objects.get().helpful is False


def test_answer_then_comment_with_its_token(client, feedback_url):
    answer = client.post(feedback_url, {"helpful": "yes"}, HTTP_ACCEPT="application/json")
    assert answer.json()["message"] == "Thank you for your answer."
    assert answer["Cache-Control"].startswith("no-store") or "no-store" in answer["Cache-Control"]
    comment = client.post(
        feedback_url,
        {"token": answer.json()["token"], "comment": "Clear, thanks."},
        HTTP_ACCEPT="application/json",
    )
    assert comment.json()["message"] == "Thank you: your comment is saved."
    feedback = PageFeedback.objects.get()
    assert (feedback.helpful, feedback.comment) == (True, "Clear, thanks.")
    again = client.post(
        feedback_url, {"token": answer.json()["token"], "comment": "More."},
        HTTP_ACCEPT="application/json",
    )  # fmt: skip
    assert again.status_code == HTTPStatus.CONFLICT


def test_feedback_without_javascript_gets_a_thank_you_page(client, feedback_url):
    response = client.post(feedback_url, {"helpful": "no", "comment": "Too long."})
    assert response.status_code == HTTPStatus.OK
    assert "Thank you: your comment is saved." in response.content.decode()
    assert PageFeedback.objects.get().comment == "Too long."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"helpful": "maybe"}, "Choose Yes or No"),
        ({}, "Choose Yes or No"),
        ({"helpful": "yes", "comment": "x" * 501}, "under 500 characters"),
        ({"token": "forged", "comment": "hi"}, "too long after your answer"),
    ],
)
def test_bad_feedback_is_refused_with_a_sentence(client, feedback_url, data, message):
    response = client.post(feedback_url, data, HTTP_ACCEPT="application/json")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.json()["message"]
    assert not PageFeedback.objects.exists()


def test_refused_comment_without_javascript_keeps_what_was_typed(client, feedback_url):
    response = client.post(feedback_url, {"helpful": "yes", "comment": "y" * 501})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("form.page-feedback textarea").get_text() == "y" * 501


def test_feedback_from_another_site_is_refused(client, feedback_url):
    response = client.post(
        feedback_url, {"helpful": "yes"}, HTTP_ORIGIN="https://evil.example",
        HTTP_ACCEPT="application/json",
    )  # fmt: skip
    assert response.status_code == HTTPStatus.FORBIDDEN
    response = client.post(
        feedback_url, {"helpful": "yes"}, HTTP_SEC_FETCH_SITE="cross-site",
        HTTP_ACCEPT="application/json",
    )  # fmt: skip
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not PageFeedback.objects.exists()


def test_feedback_for_a_draft_is_404(client, draft_article):
    url = reverse("articles:feedback", args=[draft_article.slug])
    assert client.post(url, {"helpful": "yes"}).status_code == HTTPStatus.NOT_FOUND
    assert client.get(url).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_a_flood_of_feedback_is_rate_limited_per_client(client, feedback_url, settings):
    settings.FEEDBACK_RATE_LIMIT = 3
    for _ in range(3):
        client.post(feedback_url, {"helpful": "yes"}, REMOTE_ADDR="203.0.113.7")
    response = client.post(feedback_url, {"helpful": "yes"}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(response["Retry-After"]) > 0
    other = client.post(feedback_url, {"helpful": "yes"}, REMOTE_ADDR="203.0.113.8")
    assert other.status_code == HTTPStatus.OK
    assert PageFeedback.objects.count() == 4


def test_no_address_is_kept_with_the_feedback(client, feedback_url):
    client.post(feedback_url, {"helpful": "yes", "comment": "ok"}, REMOTE_ADDR="203.0.113.9")
    stored = json.dumps(list(PageFeedback.objects.values()), default=str)
    assert "203.0.113.9" not in stored
    assert PageFeedback.objects.get().comment == "ok"
    # Only the rate limit's counter names the address, and it ends with its window.
    stored_keys = getattr(cache, "_cache", None)  # the local-memory cache keeps a dict
    keys = (
        [key for key in stored_keys if "203.0.113.9" in key]
        if isinstance(stored_keys, dict)
        else []
    )
    assert all("ratelimit:feedback" in key for key in keys)


def test_comments_are_escaped_in_the_admin_newest_first(staff_client, public_article):
    PageFeedback.objects.create(article=public_article, helpful=True, comment="first")
    PageFeedback.objects.create(
        article=public_article, helpful=False, comment="<script>alert(1)</script>"
    )
    html = staff_client.get(reverse("admin:articles_pagefeedback_changelist")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.index("&lt;script&gt;") < html.index("first")


def test_marking_feedback_handled(staff_client, public_article):
    feedback = PageFeedback.objects.create(article=public_article, helpful=False, comment="x")
    staff_client.post(
        reverse("admin:articles_pagefeedback_changelist"),
        {"action": "mark_handled", "_selected_action": [feedback.pk]},
    )
    feedback.refresh_from_db()
    assert feedback.handled_at is not None


def test_unhelpful_answers_put_the_article_in_the_review_queue(
    client, public_article, feedback_url
):
    for answer in ["yes", "no", "no", "no"]:
        client.post(feedback_url, {"helpful": answer})
    assert not ReviewFlag.objects.exists()  # fewer than five answers: not yet
    client.post(feedback_url, {"helpful": "no"})
    flag = ReviewFlag.objects.get(article=public_article)
    assert flag.reason == ReviewFlag.Reason.FEEDBACK
    assert flag.detail.startswith("Only 1 of 5 readers' answers say the page was helpful")
    client.post(feedback_url, {"helpful": "no"})
    assert ReviewFlag.objects.count() == 1  # one open flag per reason
