"""Browsing by topic: public counts, combining tags, one tag whatever its accents, and the
editors' tag admin (rename, merge, where used)."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, SearchEntry
from articles.tags import merge_tags, public_tag_counts
from site_config.models import SiteSettings

pytestmark = pytest.mark.django_db


def soup_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == HTTPStatus.OK, url
    return BeautifulSoup(response.content, "html.parser")


def card_titles(soup):
    return [title.get_text(strip=True) for title in soup.select(".card__title")]


# Counts and lists of public items only


def test_tag_counts_leave_out_drafts_scheduled_and_unpublished_terms(
    article_factory, term_factory, reference_factory
):
    article_factory(tags=["hormones"])
    article_factory(tags=["hormones"], status=Article.Status.DRAFT)
    article_factory(tags=["hormones"], publish_at=timezone.now() + timedelta(days=1))
    term_factory(tags=["hormones"])
    term_factory(tags=["hormones"], is_published=False)
    reference_factory(tags=["hormones"])
    (tag,) = public_tag_counts()
    assert (tag.article_count, tag.term_count, tag.reference_count) == (1, 1, 1)


def test_tag_index_leaves_out_tags_only_drafts_carry(client, article_factory):
    article_factory(tags=["public-topic"])
    article_factory(tags=["draft-topic"], status=Article.Status.DRAFT)
    links = {a["href"] for a in soup_of(client, "/tags/").select(".topic-index a")}
    assert links == {"/tags/public-topic/"}


def test_tag_page_lists_public_articles_terms_and_references(
    client, article_factory, term_factory, reference_factory
):
    article_factory(title="Public one", tags=["hormones"])
    article_factory(title="Draft one", tags=["hormones"], status=Article.Status.DRAFT)
    term_factory(name="Estradiol", tags=["hormones"])
    term_factory(name="Hidden term", tags=["hormones"], is_published=False)
    reference_factory(title="A hormone study", tags=["hormones"])
    soup = soup_of(client, "/tags/hormones/")
    assert card_titles(soup) == ["Public one"]
    assert [dt.get_text() for dt in soup.select(".term-list dt")] == ["Estradiol"]
    assert "A hormone study" in soup.select_one(".references").get_text()


def test_tag_only_drafts_carry_has_no_page(client, article_factory):
    article_factory(tags=["secret"], status=Article.Status.DRAFT)
    assert client.get("/tags/secret/").status_code == HTTPStatus.NOT_FOUND


def test_tag_page_in_capitals_redirects_to_the_tag(client, article_factory):
    article_factory(tags=["hormones"])
    response = client.get("/tags/Hormones/")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/tags/hormones/"


def test_tag_page_paginates_articles(client, article_factory):
    for n in range(settings.ARTICLES_PER_PAGE + 2):
        article_factory(title=f"Article {n:02d}", tags=["hormones"])
    first = card_titles(soup_of(client, "/tags/hormones/"))
    second = card_titles(soup_of(client, "/tags/hormones/", page=2))
    assert len(first) == settings.ARTICLES_PER_PAGE
    assert len(second) == 2
    assert not set(first) & set(second)


def test_tag_page_paginates_terms_keeping_the_article_page(client, term_factory):
    for n in range(35):
        term_factory(name=f"term {n:02d}", tags=["hormones"])
    soup = soup_of(client, "/tags/hormones/", page=1, terms_page=2)
    assert len(soup.select(".term-list dt")) == 5
    previous = soup.select_one("nav[aria-label='Glossary terms pages'] a[rel=prev]")
    assert previous["href"] == "?page=1"


def queries_for(client, url):
    cache.clear()  # no cached page: the view itself runs
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == HTTPStatus.OK
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/tags/hormones/", "/tags/", "/articles/?tag=hormones", "/articles/?tag=hormones&tag=x"]
)
def test_tag_page_queries_do_not_grow_with_items(
    client, article_factory, term_factory, reference_factory, url
):
    SiteSettings.load()

    def add(count):
        for n in range(count):
            article_factory(sections=0, tags=["hormones", "x", f"topic-{n}-{count}"])
            term_factory(tags=["hormones", "x"])
            reference_factory(tags=["hormones", "x"])

    add(1)
    few = queries_for(client, url)
    add(25)
    assert queries_for(client, url) == few


def test_tag_page_queries_stay_few(client, article_factory, django_assert_max_num_queries):
    for n in range(30):
        article_factory(sections=0, tags=["hormones", f"topic-{n}"])
    SiteSettings.load()
    cache.clear()
    with django_assert_max_num_queries(14):
        client.get("/tags/hormones/")


# Combining tags


def test_several_tags_narrow_the_article_list(client, article_factory):
    article_factory(title="Both", tags=["birth", "oxytocin"])
    article_factory(title="Birth only", tags=["birth"])
    soup = soup_of(client, "/articles/?tag=birth&tag=oxytocin")
    assert card_titles(soup) == ["Both"]


def test_tag_page_links_to_narrow_by_a_shared_tag(client, article_factory):
    article_factory(tags=["birth", "oxytocin"])
    article_factory(tags=["birth", "oxytocin"])
    article_factory(tags=["birth", "sleep"])
    links = soup_of(client, "/tags/birth/").select(".narrow-tags a.tag")
    assert [(a["href"], a.select_one(".count").get_text()) for a in links] == [
        ("/articles/?tag=birth&tag=oxytocin", "2 articles"),
        ("/articles/?tag=birth&tag=sleep", "1 article"),
    ]


def test_narrowing_links_leave_out_draft_only_tags(client, article_factory):
    article_factory(tags=["birth", "sleep"])
    article_factory(tags=["birth", "secret"], status=Article.Status.DRAFT)
    links = soup_of(client, "/tags/birth/").select(".narrow-tags a.tag")
    assert [a["href"] for a in links] == ["/articles/?tag=birth&tag=sleep"]


def test_article_list_links_to_narrow_further_and_to_widen(client, article_factory):
    article_factory(tags=["birth", "oxytocin", "sleep"])
    soup = soup_of(client, "/articles/?tag=birth&tag=oxytocin")
    narrow = [a["href"] for a in soup.select(".narrow-tags a.tag")]
    widen = [a["href"] for a in soup.select(".filter-note a.tag--removable")]
    assert narrow == ["?tag=birth&tag=oxytocin&tag=sleep"]
    assert sorted(widen) == ["?tag=birth&", "?tag=oxytocin&"]


# One tag, whatever its case or accents


def test_tags_differing_by_accents_or_case_are_one_tag(article_factory, term_factory):
    first = article_factory(tags=["Ménopause"])
    second = article_factory(tags=["menopause"])
    term = term_factory(tags=["MENOPAUSE"])
    assert Tag.objects.count() == 1
    tag = Tag.objects.get()
    assert (tag.name, tag.slug) == ("Ménopause", "menopause")
    assert [t.pk for t in [*first.tags.all(), *second.tags.all(), *term.tags.all()]] == [tag.pk] * 3


def test_one_call_with_both_spellings_adds_one_tag(article_factory):
    article = article_factory()
    article.tags.add("Ménopause", "menopause")
    assert article.tags.count() == 1


def test_set_and_remove_by_another_spelling_find_the_tag(article_factory):
    article = article_factory(tags=["Ménopause"])
    article.tags.set(["MENOPAUSE", "sleep"])
    assert sorted(article.tags.names()) == ["Ménopause", "sleep"]
    article.tags.remove("menopause")
    assert list(article.tags.names()) == ["sleep"]


def test_article_list_filter_accepts_accents_and_capitals(client, article_factory):
    article_factory(title="Later life", tags=["ménopause"])
    assert card_titles(soup_of(client, "/articles/", tag="MÉNOPAUSE")) == ["Later life"]


def test_admin_form_reuses_the_tag_spelt_differently(staff_client, article_factory):
    article_factory(tags=["Ménopause"])
    article = article_factory()
    form = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert form.status_code == HTTPStatus.OK
    article.tags.set(["menopause"])  # what the admin's tag field does on save
    assert Tag.objects.count() == 1


# The tag admin


def test_tag_admin_lists_tags_with_usage_counts(staff_client, article_factory, term_factory):
    article_factory(tags=["hormones"], status=Article.Status.DRAFT)
    term_factory(tags=["hormones"])
    soup = soup_of(staff_client, reverse("admin:taggit_tag_changelist"))
    row = soup.select_one("#result_list tbody tr")
    cells = [cell.get_text(strip=True) for cell in row.select("td, th")[1:]]
    assert cells == ["hormones", "hormones", "1", "1", "0"]


def test_tag_admin_shows_where_a_tag_is_used(
    staff_client, article_factory, term_factory, reference_factory
):
    draft = article_factory(title="Draft piece", tags=["hormones"], status=Article.Status.DRAFT)
    term = term_factory(name="Estradiol", tags=["hormones"])
    reference_factory(key="insel-2010", tags=["hormones"])
    tag = Tag.objects.get()
    soup = soup_of(staff_client, reverse("admin:taggit_tag_change", args=[tag.pk]))
    usage = soup.select_one(".tag-usage")
    links = {a.get_text(): a["href"] for a in usage.select("a")}
    assert links["Draft piece"] == reverse("admin:articles_article_change", args=[draft.pk])
    assert links["Estradiol"] == reverse("admin:glossary_term_change", args=[term.pk])
    assert any(text.startswith("insel-2010") for text in links)
    assert "(article, draft)" in usage.get_text()


def test_renaming_a_tag_keeps_its_items(staff_client, article_factory):
    article = article_factory(tags=["hormone"])
    tag = Tag.objects.get()
    response = staff_client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]),
        {"name": "Hormones", "slug": "hormones"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert list(article.tags.names()) == ["Hormones"]
    assert SearchEntry.objects.get(object_id=article.pk).tag_slugs == " hormones "


def test_renaming_a_tag_to_another_tags_name_points_to_merging(staff_client, article_factory):
    article_factory(tags=["menopause", "sleep"])
    tag = Tag.objects.get(name="sleep")
    response = staff_client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]),
        {"name": "Ménopause", "slug": "sleep"},
    )
    assert response.status_code == HTTPStatus.OK
    error = BeautifulSoup(response.content, "html.parser").select_one(".errorlist").get_text()
    assert "“menopause” already has this name" in error
    assert "Merge selected tags" in error


def test_merge_moves_every_item_without_duplicates(
    article_factory, term_factory, reference_factory
):
    both = article_factory(tags=["menopause", "menopause_1"])
    old_only = article_factory(tags=["menopause_1"])
    term = term_factory(tags=["menopause_1"])
    reference = reference_factory(tags=["menopause_1"])
    target = Tag.objects.get(slug="menopause")
    moved = merge_tags(target, [Tag.objects.get(slug="menopause_1")])
    assert moved == 3
    assert list(Tag.objects.values_list("slug", flat=True)) == ["menopause"]
    for item in (both, old_only, term, reference):
        assert list(item.tags.slugs()) == ["menopause"]
    assert TaggedItem.objects.count() == 4


def test_merge_keeps_the_search_index_current(client, article_factory):
    article = article_factory(title="Oxytocin", tags=["sleep-2"])
    merge_tags(Tag.objects.create(name="sleep"), [Tag.objects.get(slug="sleep-2")])
    assert SearchEntry.objects.get(object_id=article.pk).tag_slugs == " sleep "


def test_merge_action_asks_which_tag_to_keep_then_merges(staff_client, article_factory):
    article_factory(tags=["menopause"])
    article_factory(tags=["menopause_1"])
    tags = list(Tag.objects.order_by("slug"))
    url = reverse("admin:taggit_tag_changelist")
    selection = {"action": "merge_selected_tags", "_selected_action": [t.pk for t in tags]}
    confirm = staff_client.post(url, selection)
    assert confirm.status_code == HTTPStatus.OK
    choices = BeautifulSoup(confirm.content, "html.parser").select("input[name=target]")
    assert sorted(int(choice["value"]) for choice in choices) == [t.pk for t in tags]
    response = staff_client.post(url, {**selection, "target": tags[0].pk, "merge": "yes"})
    assert response.status_code == HTTPStatus.FOUND
    assert list(Tag.objects.values_list("slug", flat=True)) == ["menopause"]
    assert TaggedItem.objects.filter(tag=tags[0]).count() == 2
