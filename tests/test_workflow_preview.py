"""Preview: staff see any article as readers will, with a ribbon; nobody else reaches a draft."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.pages import rendered_html

pytestmark = pytest.mark.django_db


def preview_url(article):
    return reverse("admin:articles_article_preview", args=[article.pk])


def preview_page_url(article):
    """The page shown in the preview's frame."""
    return reverse("admin:articles_article_preview_page", args=[article.pk])


def test_change_form_links_to_the_preview(staff_client, draft_article):
    html = staff_client.get(
        reverse("admin:articles_article_change", args=[draft_article.pk])
    ).content.decode()
    assert f'href="{preview_url(draft_article)}"' in html


def test_article_list_links_to_each_preview(staff_client, draft_article):
    html = staff_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f'href="{preview_url(draft_article)}"' in html


def test_preview_shows_a_draft_as_readers_will_see_it_with_a_ribbon(editor_client, article_factory):
    draft = article_factory(status="draft", sections=3, references=2)
    assert preview_page_url(draft) in editor_client.get(preview_url(draft)).content.decode()
    response = editor_client.get(preview_page_url(draft))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert 'class="preview-ribbon"' in html
    assert "Preview - not published" in html
    assert html.count('data-level="') == 3
    assert '<ol class="references">' in html
    assert 'id="disclaimer-banner"' in html


def test_preview_of_a_public_article_still_says_it_is_a_preview(staff_client, public_article):
    html = staff_client.get(preview_page_url(public_article)).content.decode()
    assert 'class="preview-ribbon"' in html
    assert "this article is published" in html


def test_public_article_page_has_no_ribbon(client, public_article):
    html = rendered_html(client.get(public_article.get_absolute_url()), "Public article")
    assert "preview-ribbon" not in html


@pytest.mark.parametrize("url_of", [preview_url, preview_page_url])
def test_preview_is_never_stored_by_a_shared_cache(staff_client, draft_article, url_of):
    response = staff_client.get(url_of(draft_article))
    assert response.status_code == HTTPStatus.OK
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_staff_draft_page_is_never_stored_by_a_shared_cache(staff_client, draft_article):
    response = staff_client.get(draft_article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert "no-store" in response["Cache-Control"]


def test_anonymous_visitor_cannot_reach_a_preview(client, draft_article):
    response = client.get(preview_url(draft_article))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))


def test_signed_in_reader_without_staff_access_cannot_reach_a_preview(
    client, django_user_model, draft_article
):
    client.force_login(django_user_model.objects.create_user("reader", password="x-unused-1"))
    response = client.get(preview_url(draft_article))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("admin:login"))


def test_signed_in_reader_gets_404_for_a_draft(client, django_user_model, draft_article):
    client.force_login(django_user_model.objects.create_user("reader", password="x-unused-1"))
    assert client.get(draft_article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_staff_without_article_permissions_cannot_preview(client, django_user_model, draft_article):
    client.force_login(
        django_user_model.objects.create_user("clerk", password="x-unused-1", is_staff=True)
    )
    assert client.get(preview_url(draft_article)).status_code == HTTPStatus.FORBIDDEN


def test_preview_of_a_missing_article_is_404(staff_client):
    assert staff_client.get("/admin/articles/article/999999/preview/").status_code == 404
