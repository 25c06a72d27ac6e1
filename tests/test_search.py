"""Site search at /search/: ranking, snippets, syntax, hostile input, drafts, a current index.

Runs on SQLite (FTS5) and on PostgreSQL (DATABASE_URL=postgres://...) alike.
"""

from datetime import timedelta
from http import HTTPStatus

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, SearchEntry, Section
from articles.search import MAX_QUERY_LENGTH, RESULTS_PER_PAGE, PostgresSearch
from site_config.models import SiteSettings
from tests.pages import rendered_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def write_article(article_factory):
    """An article whose sections hold the given bodies (and headings)."""

    def make(title, *bodies, headings=(), **fields):
        article = article_factory(title=title, sections=0, **fields)
        for position, body in enumerate(bodies):
            heading = headings[position] if position < len(headings) else f"Part {position}?"
            Section.objects.create(
                article=article,
                position=position,
                heading=heading,
                anchor=f"part-{position}",
                body=body,
            )
        return article

    return make


def search(client, q, **params):
    response = client.get(reverse("search"), {"q": q, **params})
    assert response.status_code == HTTPStatus.OK
    return response


def found(client, q, **params):
    """Titles found, in order, per kind: {"article": [...], "term": [...]}."""
    soup = BeautifulSoup(search(client, q, **params).content, "html.parser")
    return {
        section["aria-labelledby"].removeprefix("results-"): [
            title.get_text() for title in section.select(".search-result__title")
        ]
        for section in soup.select("section.search-group")
    }


def found_titles(client, q, **params):
    return [title for titles in found(client, q, **params).values() for title in titles]


# Ranking


def test_title_match_ranks_above_body_matches(client, write_article):
    write_article("Sleep and the night", "Oxytocin. Oxytocin, oxytocin and more oxytocin.")
    write_article("Oxytocin basics", "A hormone made in the hypothalamus.")
    assert found(client, "oxytocin")["article"] == ["Oxytocin basics", "Sleep and the night"]


def test_summary_and_heading_matches_rank_above_body_matches(client, write_article):
    write_article("First", "Nothing here about it.", "Prolactin once.")
    write_article("Second", "Plain words.", summary="What prolactin does.")
    assert found(client, "prolactin")["article"] == ["Second", "First"]


def test_term_alias_ranks_like_its_name(client, term_factory):
    term_factory(name="Oxytocin receptor", aliases="OXTR", short_definition="A receptor.")
    term_factory(name="Receptor", short_definition="Binds things, the OXTR for one.")
    assert found(client, "OXTR")["term"] == ["Oxytocin receptor", "Receptor"]


def test_results_are_grouped_by_kind(client, write_article, term_factory, reference_factory):
    write_article("Vasopressin today", "Water balance.")
    term_factory(name="Vasopressin", short_definition="A hormone.")
    reference_factory(title="Vasopressin receptors revisited")
    assert found(client, "vasopressin") == {
        "article": ["Vasopressin today"],
        "term": ["Vasopressin"],
        "reference": ["Vasopressin receptors revisited"],
    }


def test_references_are_found_by_author_and_journal(client, reference_factory):
    reference_factory(title="A study", authors="Insel, T. R.", container="Neuron")
    assert found_titles(client, "Insel") == ["A study"]
    assert found_titles(client, "neuron") == ["A study"]


def test_terms_are_found_by_definition_and_body(client, term_factory):
    term_factory(name="HPG axis", short_definition="Hypothalamus, pituitary and gonads.")
    term_factory(name="Aromatase", short_definition="An enzyme.", body="Turns testosterone...")
    assert found_titles(client, "pituitary") == ["HPG axis"]
    assert found_titles(client, "testosterone") == ["Aromatase"]


# Snippets


def test_title_and_snippet_mark_the_matching_words(client, write_article):
    write_article("Oxytocin basics", "Many cells carry the oxytocin receptor in the uterus.")
    html = search(client, "uterus").content.decode()
    assert "<mark>uterus</mark>" in html
    html = search(client, "oxytocin").content.decode()
    assert '<a href="/articles/' in html and "<mark>Oxytocin</mark> basics" in html


def test_snippet_comes_from_where_the_match_is(client, write_article):
    write_article("Sleep", "Plain words first. " * 30 + "Melatonin comes at the end.")
    soup = BeautifulSoup(search(client, "melatonin").content, "html.parser")
    snippet = soup.select_one(".search-result__snippet")
    assert snippet.select_one("mark").get_text() == "Melatonin"


def test_snippets_and_titles_escape_editor_text(client, write_article, term_factory):
    write_article("Fish & <chips> oxytocin", "<b>oxytocin</b> <img src=x onerror=alert(1)>")
    term_factory(name="Oxytocin <i>", short_definition="<script>alert(1)</script> oxytocin")
    soup = BeautifulSoup(search(client, "oxytocin").content, "html.parser")
    results = soup.select(".search-results")
    assert not [tag.name for tag in soup.select("main script, main img, main b, main i")]
    assert {tag.name for list_ in results for tag in list_.find_all(True)} <= {
        "li",
        "h3",
        "a",
        "p",
        "mark",
    }
    assert "Fish & <chips>" in soup.get_text()


def test_summary_is_shown_when_the_match_is_in_the_title_only(client, write_article):
    write_article("Estradiol", "Nothing else.", summary="The main oestrogen.")
    soup = BeautifulSoup(search(client, "estradiol").content, "html.parser")
    assert soup.select_one(".search-result__snippet").get_text() == "The main oestrogen."


# Syntax


def test_phrase_needs_the_words_together(client, write_article):
    write_article("Together", "The oxytocin receptor binds.")
    write_article("Apart", "Oxytocin reaches a receptor.")
    assert found_titles(client, '"oxytocin receptor"') == ["Together"]
    assert sorted(found_titles(client, "oxytocin receptor")) == ["Apart", "Together"]


def test_minus_leaves_out_results_with_the_word(client, write_article):
    write_article("Oxytocin and sleep", "Oxytocin at night.")
    write_article("Oxytocin and birth", "Oxytocin in labour.")
    assert found_titles(client, "oxytocin -sleep") == ["Oxytocin and birth"]


def test_minus_leaves_out_a_phrase(client, write_article):
    write_article("Shift work", "Oxytocin and night shift work.")
    write_article("Night feeds", "Oxytocin at night, then a shift in routine.")
    assert found_titles(client, 'oxytocin -"night shift"') == ["Night feeds"]


def test_or_finds_either_word(client, write_article):
    write_article("Oxytocin", "A hormone.")
    write_article("Vasopressin", "A hormone.")
    write_article("Cortisol", "A hormone.")
    assert sorted(found_titles(client, "oxytocin OR vasopressin")) == ["Oxytocin", "Vasopressin"]


def test_words_match_other_forms_of_the_word(client, write_article):
    write_article("Receptors", "Hormones bind receptors.")
    assert found_titles(client, "hormone receptor") == ["Receptors"]


def test_accents_and_case_do_not_matter(client, write_article):
    write_article("Ménopause", "Hot flushes.")
    assert found_titles(client, "MENOPAUSE") == ["Ménopause"]
    assert found_titles(client, "ménopause") == ["Ménopause"]


# Hostile input: results or a friendly page, never an error


HOSTILE_QUERIES = [
    '"',
    '""""',
    "-",
    "OR",
    "AND",
    "NOT",
    "NEAR(",
    "(",
    ")",
    "*",
    "^",
    ":",
    "{}",
    "\\",
    "%",
    "_",
    "'",
    "oxytocin" * 625,
    "a " * 2500,
    "oxy\x00tocin",
    "\x00",
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    '" OR 1=1 --',
    "title:secret body:*",
    "🙂🧬💊",
    "🙂 oxytocin",
    "!!! ??? ...",
    "\u202e\u200b\ufeff",
    "\ue000oxytocin\ue001",
    "<script>alert(1)</script>",
    "oxytocin -oxytocin",
    "-oxytocin",
    "a OR OR OR b",
    '"unclosed phrase',
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_any_query_gives_a_page(client, write_article, q):
    write_article("Oxytocin", "A hormone. Secret title body.")
    html = rendered_html(search(client, q), "Search")
    assert "<script>alert" not in html


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_any_query_in_a_kind_and_tag_view_gives_a_page(client, write_article, q):
    write_article("Oxytocin", "A hormone.", tags=["hormones"])
    search(client, q, kind="article", tag="hormones", page="2")


@pytest.mark.parametrize(
    "params",
    [{"kind": "nonsense"}, {"page": "-1"}, {"page": "abc"}, {"page": "99999"}, {"tag": "\x00"}],
)
def test_odd_parameters_give_a_page(client, write_article, params):
    write_article("Oxytocin", "A hormone.")
    search(client, "oxytocin", **params)


def test_long_query_is_cut_and_the_page_says_so(client, write_article):
    write_article("Oxytocin", "A hormone.")
    html = search(client, "oxytocin " + "x" * 5000).content.decode()
    assert f"only the first {MAX_QUERY_LENGTH} were used" in html
    assert f'maxlength="{MAX_QUERY_LENGTH}"' in html


def test_page_states_the_length_limit(client):
    assert f"Up to {MAX_QUERY_LENGTH} characters" in search(client, "").content.decode()


def test_no_results_page_suggests_matching_terms_and_topics(client, write_article, term_factory):
    term_factory(name="Oxytocin", slug="oxytocin", short_definition="A hormone.")
    write_article("Bonding", "Plain words.", tags=["oxytocin-research"])
    soup = BeautifulSoup(search(client, "oxyto").content, "html.parser")
    empty = soup.select_one(".search-empty")
    assert "No results for “oxyto”" in empty.get_text()
    links = {a["href"] for a in empty.select("a")}
    assert "/glossary/oxytocin/" in links
    assert "/tags/oxytocin-research/" in links


def test_no_results_page_suggests_recent_topics_when_nothing_matches(client, write_article):
    write_article("Bonding", "Plain words.", tags=["hormones"])
    empty = BeautifulSoup(search(client, "zzzqqq").content, "html.parser").select_one(
        ".search-empty"
    )
    assert "/tags/hormones/" in {a["href"] for a in empty.select("a")}


def test_query_without_words_explains_what_to_type(client):
    html = search(client, "-oxytocin").content.decode()
    assert "Type at least one word" in html


def test_search_page_is_not_indexed_by_search_engines(client):
    assert '<meta name="robots" content="noindex, follow">' in search(client, "x").content.decode()


def test_every_page_has_the_search_box(client, public_article):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    form = soup.select_one("header form.site-search[role=search]")
    assert form["action"] == reverse("search")
    field = form.select_one("input.site-search__input[name=q]")
    assert soup.select_one(f"label[for={field['id']}]").get_text(strip=True)


# Kinds, pages and tags


def test_kind_view_lists_only_that_kind_paginated(client, write_article, reference_factory):
    write_article("Cortisol article", "Cortisol.")
    for n in range(RESULTS_PER_PAGE + 3):
        reference_factory(title=f"Cortisol study {n:02d}")
    first = found(client, "cortisol", kind="reference")
    second = found(client, "cortisol", kind="reference", page="2")
    assert list(first) == ["reference"]
    assert len(first["reference"]) == RESULTS_PER_PAGE
    assert len(second["reference"]) == 3
    assert not set(first["reference"]) & set(second["reference"])


def test_all_view_shows_the_best_few_and_links_to_the_rest(client, reference_factory):
    for n in range(8):
        reference_factory(title=f"Cortisol study {n}")
    soup = BeautifulSoup(search(client, "cortisol").content, "html.parser")
    assert len(soup.select(".search-result--reference")) == 5
    more = soup.select_one(".search-group__more a")
    assert more["href"] == "?q=cortisol&kind=reference"
    assert "All 8 references" in more.get_text()


def test_tag_filter_narrows_results(client, write_article):
    write_article("Oxytocin in birth", "Oxytocin.", tags=["birth"])
    write_article("Oxytocin in love", "Oxytocin.", tags=["love"])
    assert found_titles(client, "oxytocin", tag="birth") == ["Oxytocin in birth"]


def test_several_tags_must_all_match(client, write_article):
    write_article("Both", "Oxytocin.", tags=["birth", "love"])
    write_article("One", "Oxytocin.", tags=["birth"])
    response = client.get(reverse("search"), {"q": "oxytocin", "tag": ["birth", "love"]})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [t.get_text() for t in soup.select(".search-result__title")] == ["Both"]


def test_tag_filter_accepts_names_with_accents_and_capitals(client, write_article):
    write_article("Oxytocin later", "Oxytocin.", tags=["Ménopause"])
    assert found_titles(client, "oxytocin", tag="MÉNOPAUSE") == ["Oxytocin later"]


def test_results_offer_their_topics_to_narrow_by(client, write_article):
    write_article("Oxytocin in birth", "Oxytocin.", tags=["birth"])
    soup = BeautifulSoup(search(client, "oxytocin").content, "html.parser")
    assert soup.select_one(".search-narrow a")["href"] == "?q=oxytocin&tag=birth"


def test_search_queries_do_not_grow_with_results(
    client, write_article, term_factory, reference_factory
):
    def add_matches(numbers):
        for n in numbers:
            write_article(f"Oxytocin {n}", "Oxytocin.", tags=[f"tag-{n}"])
            term_factory(name=f"Oxytocin variant {n}")
            reference_factory(title=f"Oxytocin study {n}")

    def queries_for_search():
        cache.clear()  # no cached page: the search itself runs
        with CaptureQueriesContext(connection) as queries:
            search(client, "oxytocin")
        return len(queries)

    SiteSettings.load()
    add_matches(range(1))
    few = queries_for_search()
    add_matches(range(1, 15))
    assert queries_for_search() == few <= 12


# Drafts and scheduled articles


def test_drafts_are_never_found(client, write_article):
    write_article("Draft oxytocin", "Oxytocin.", status=Article.Status.DRAFT)
    write_article("Public oxytocin", "Oxytocin.")
    assert found_titles(client, "oxytocin") == ["Public oxytocin"]
    assert not SearchEntry.objects.filter(title="Draft oxytocin").exists()


def test_drafts_are_not_found_by_staff_either(staff_client, write_article):
    write_article("Draft oxytocin", "Oxytocin.", status=Article.Status.DRAFT)
    write_article("Public oxytocin", "Oxytocin.")
    assert found_titles(staff_client, "oxytocin") == ["Public oxytocin"]


def test_unpublished_terms_are_never_found(client, term_factory):
    term_factory(name="Oxytocin", is_published=False)
    term_factory(name="Oxytocin receptor")
    assert found_titles(client, "oxytocin") == ["Oxytocin receptor"]


def test_scheduled_article_is_found_only_once_its_time_comes(client, write_article):
    publish_at = timezone.now() + timedelta(hours=2)
    write_article("Scheduled oxytocin", "Oxytocin.", publish_at=publish_at)
    assert found_titles(client, "oxytocin") == []
    with time_machine.travel(publish_at + timedelta(minutes=1)):
        assert found_titles(client, "oxytocin") == ["Scheduled oxytocin"]


def test_article_whose_time_to_leave_has_come_is_no_longer_found(client, write_article):
    # No save happens when the time comes: the search asks Article.objects.public() itself.
    unpublish_at = timezone.now() + timedelta(hours=2)
    write_article("Leaving oxytocin", "Oxytocin.", unpublish_at=unpublish_at)
    write_article("Staying oxytocin", "Oxytocin.")
    assert sorted(found_titles(client, "oxytocin")) == ["Leaving oxytocin", "Staying oxytocin"]
    with time_machine.travel(unpublish_at + timedelta(minutes=1)):
        assert found_titles(client, "oxytocin") == ["Staying oxytocin"]
        assert found_titles(client, "oxytocin", kind="article") == ["Staying oxytocin"]


def test_no_results_suggestions_leave_out_draft_only_topics(client, write_article):
    write_article("Draft", "Words.", status=Article.Status.DRAFT, tags=["secret-oxytocin"])
    write_article("Public", "Words.", tags=["sleep"])
    html = rendered_html(search(client, "oxyto"), "Search")
    assert "Topics to browse" in html
    assert 'href="/tags/sleep/"' in html
    assert "secret-oxytocin" not in html


# The index stays current


def test_edited_title_is_found_at_once(client, write_article):
    article = write_article("Oxytocin", "A hormone.")
    article.title = "Vasopressin"
    article.save()
    assert found_titles(client, "vasopressin") == ["Vasopressin"]
    assert found_titles(client, "oxytocin") == []


def test_edited_section_is_found_at_once(client, write_article):
    article = write_article("Hormones", "Oxytocin.")
    section = article.sections.get()
    section.body = "Prolactin."
    section.save()
    assert found_titles(client, "prolactin") == ["Hormones"]
    assert found_titles(client, "oxytocin") == []


def test_deleted_section_is_no_longer_found(client, write_article):
    article = write_article("Hormones", "Oxytocin.", "Prolactin.")
    article.sections.get(body="Prolactin.").delete()
    assert found_titles(client, "prolactin") == []
    assert found_titles(client, "oxytocin") == ["Hormones"]


def test_unpublished_article_leaves_the_index(client, write_article):
    article = write_article("Oxytocin", "A hormone.")
    write_article("Oxytocin basics", "A hormone.")
    article.status = Article.Status.DRAFT
    article.save()
    assert found_titles(client, "oxytocin") == ["Oxytocin basics"]


def test_deleted_article_leaves_the_index(client, write_article):
    write_article("Oxytocin basics", "A hormone.")
    write_article("Oxytocin", "A hormone.", "More.", tags=["hormones"]).delete()
    assert found_titles(client, "oxytocin") == ["Oxytocin basics"]
    assert list(SearchEntry.objects.values_list("title", flat=True)) == ["Oxytocin basics"]


def test_deleted_articles_leave_the_index_when_deleted_in_bulk(write_article, term_factory):
    write_article("Oxytocin", "A hormone.", tags=["hormones"])
    term_factory(name="Vasopressin")
    Article.objects.all().delete()
    assert list(SearchEntry.objects.values_list("kind", "title")) == [
        (SearchEntry.Kind.TERM, "Vasopressin")
    ]


def test_unpublished_term_leaves_the_index(client, term_factory):
    term = term_factory(name="Oxytocin")
    term_factory(name="Oxytocin receptor")
    term.is_published = False
    term.save()
    assert found_titles(client, "oxytocin") == ["Oxytocin receptor"]


def test_edited_and_deleted_references_follow(client, reference_factory):
    reference = reference_factory(title="Oxytocin study")
    reference.title = "Vasopressin study"
    reference.save()
    assert found_titles(client, "vasopressin") == ["Vasopressin study"]
    reference.delete()
    assert found_titles(client, "vasopressin") == []


def test_added_and_removed_tags_follow(client, write_article):
    article = write_article("Oxytocin", "A hormone.")
    article.tags.add("birth")
    assert found_titles(client, "oxytocin", tag="birth") == ["Oxytocin"]
    article.tags.remove("birth")
    assert found_titles(client, "oxytocin", tag="birth") == []


def test_tag_names_are_searchable_and_follow_a_rename(client, write_article):
    write_article("Oxytocin", "A hormone.", tags=["perinatal"])
    assert found_titles(client, "perinatal") == ["Oxytocin"]
    tag = Tag.objects.get(name="perinatal")
    tag.name = "childbirth"
    tag.save()
    assert found_titles(client, "childbirth") == ["Oxytocin"]
    assert found_titles(client, "perinatal") == []


def test_deleted_tag_leaves_the_index(client, write_article):
    write_article("Oxytocin", "A hormone.", tags=["birth"])
    Tag.objects.get(slug="birth").delete()
    assert found_titles(client, "oxytocin", tag="birth") == []
    assert found_titles(client, "oxytocin") == ["Oxytocin"]


def test_rebuild_command_restores_a_lost_index(client, write_article, term_factory, capsys):
    write_article("Oxytocin", "A hormone.")
    term_factory(name="Oxytocin receptor")
    SearchEntry.objects.all().delete()
    assert found_titles(client, "oxytocin") == []
    call_command("rebuild_search_index")
    assert sorted(found_titles(client, "oxytocin")) == ["Oxytocin", "Oxytocin receptor"]
    assert "1 article" in capsys.readouterr().out


def test_rebuild_command_leaves_drafts_out(client, write_article):
    write_article("Draft oxytocin", "Oxytocin.", status=Article.Status.DRAFT)
    write_article("Public oxytocin", "Oxytocin.")
    call_command("rebuild_search_index")
    assert found_titles(client, "oxytocin") == ["Public oxytocin"]


def test_paging_through_many_matches_shows_each_once_title_matches_first(
    client, write_article, monkeypatch
):
    # PostgreSQL ranks only the best few fully when a query matches many entries.
    monkeypatch.setattr(PostgresSearch, "RANK_WINDOW", 3)
    body_matches = [write_article(f"Note {n}", "Oxytocin here.").title for n in range(22)]
    title_matches = [write_article(f"Oxytocin {n}", "Plain.").title for n in range(4)]
    first = found(client, "oxytocin", kind="article")["article"]
    second = found(client, "oxytocin", kind="article", page="2")["article"]
    assert sorted(first[:4]) == sorted(title_matches)
    assert sorted(first + second) == sorted(body_matches + title_matches)


def test_demo_content_is_searchable_once_loaded(client):
    call_command("load_demo", verbosity=0)
    results = found(client, "oxytocin")
    assert results["article"] and results["term"]
    assert SearchEntry.objects.filter(kind="article").count() == Article.objects.public().count()
