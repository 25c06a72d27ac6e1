"""Search costs a bounded amount per result however long one document is: what an entry
holds is capped, and snippets come from the capped excerpt (articles.search_index).

Runs on SQLite (FTS5) and on PostgreSQL (DATABASE_URL=postgres://...) alike. The time of a
six-word search over a 2 MB article is measured by bench/search_bench.py --long-article.
"""

import random

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from articles.models import SearchEntry, Section
from articles.search_index import (
    EXCERPT_CHARS,
    MAX_BODY_CHARS,
    MAX_HEADINGS_CHARS,
    capped,
    index_article,
)

pytestmark = pytest.mark.django_db

SIX_WORDS = "hormone sleep stress receptor oxytocin cortisol"
TWO_MEGABYTES = 2_000_000


def long_text(size, seed=1):
    """About `size` characters of the given words in a random order: the worst case for
    snippets, where every word of the query matches again and again."""
    pick = random.Random(seed).choice
    return " ".join(pick(SIX_WORDS.split()) for _ in range(size // 7))


@pytest.fixture
def long_article(article_factory):
    """A public article of about 2 MB of text, in sections of the largest allowed size, with
    a word near the start (`earlyword`) and one near the end (`lateword`)."""
    article = article_factory(title="A very long article", sections=0)
    text = long_text(TWO_MEGABYTES)
    size = Section._meta.get_field("body").max_length - 100
    chunks = [text[start : start + size] for start in range(0, len(text), size)]
    chunks[0] = "earlyword " + chunks[0]
    chunks[-1] += " lateword"
    # Written in one go and indexed once, as after an import (the signals would index it
    # once per section).
    Section.objects.bulk_create(
        Section(article=article, position=number, heading=f"Part {number}?",
                anchor=f"part-{number}", body=chunk)
        for number, chunk in enumerate(chunks)
    )  # fmt: skip
    index_article(article.pk)
    return article


def entry_of(article):
    return SearchEntry.objects.get(kind=SearchEntry.Kind.ARTICLE, object_id=article.pk)


def snippet_of(client, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    [result] = soup.select(".search-result")
    return result


def test_long_article_stores_a_capped_body_and_a_capped_excerpt(long_article):
    entry = entry_of(long_article)
    assert sum(len(section.body) for section in long_article.sections.all()) > TWO_MEGABYTES
    assert MAX_BODY_CHARS - 200 <= len(entry.body) <= MAX_BODY_CHARS
    assert EXCERPT_CHARS - 200 <= len(entry.excerpt) <= EXCERPT_CHARS
    assert entry.excerpt.startswith("earlyword")
    assert entry.body.startswith(entry.excerpt)


def test_full_text_index_holds_only_the_capped_text(long_article):
    entry = entry_of(long_article)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT length(body), length(excerpt) FROM articles_searchentry_fts "
                "WHERE rowid = %s",
                [entry.pk],
            )
        else:
            cursor.execute(
                "SELECT length(body), length(excerpt) FROM articles_searchentry WHERE id = %s",
                [entry.pk],
            )
        body_length, excerpt_length = cursor.fetchone()
    assert body_length <= MAX_BODY_CHARS
    assert excerpt_length <= EXCERPT_CHARS


def test_six_word_search_finds_the_long_article_with_a_short_highlighted_snippet(
    client, long_article
):
    result = snippet_of(client, SIX_WORDS)
    assert "A very long article" in result.get_text()
    marks = result.select(".search-result__snippet mark")
    assert marks, "the snippet shows where the words matched"
    assert len(result.select_one(".search-result__snippet").get_text()) < 1000


def test_snippet_is_built_from_the_excerpt_not_the_whole_body(client, long_article):
    # A word only beyond the excerpt (but within the capped body) still finds the article;
    # its snippet is the summary, since the excerpt does not hold the word.
    entry = entry_of(long_article)
    entry.body = entry.body + " midword"
    entry.save()
    result = snippet_of(client, "midword")
    snippet = result.select_one(".search-result__snippet")
    assert "A very long article" in result.get_text()
    assert snippet.get_text().strip() == long_article.summary
    assert not snippet.select("mark")
    # A word in the excerpt is highlighted in the snippet.
    assert snippet_of(client, "earlyword").select(".search-result__snippet mark")


def test_words_past_the_cap_are_not_indexed(client, long_article):
    response = client.get(reverse("search"), {"q": "lateword"})
    assert "A very long article" not in response.content.decode()
    assert "A very long article" in snippet_of(client, "earlyword").get_text()


def test_long_headings_are_capped(article_factory):
    article = article_factory(sections=0)
    Section.objects.bulk_create(
        Section(article=article, position=number, heading="How long can a heading be? " * 7,
                anchor=f"part-{number}", body="Text.")
        for number in range(200)
    )  # fmt: skip
    index_article(article.pk)
    assert len(entry_of(article).headings) <= MAX_HEADINGS_CHARS


@pytest.mark.parametrize("limit", [10, 100, 1000])
def test_capped_text_is_cut_at_a_space_within_the_limit(limit):
    text = long_text(5 * limit, seed=limit)
    cut = capped(text, limit)
    assert len(cut) <= limit
    assert text.startswith(cut)
    assert text[len(cut)] == " "
    assert capped("short", limit) == "short"


@given(text=st.text(st.characters(codec="utf-8"), max_size=3000), limit=st.integers(1, 2500))
def test_capped_text_never_exceeds_its_limit_and_is_a_prefix(text, limit):
    cut = capped(text, limit)
    assert len(cut) <= limit
    assert text.startswith(cut)
    if len(text) <= limit:
        assert cut == text


@pytest.mark.parametrize("size", [1_000, 250_000])
def test_entry_text_is_bounded_whatever_the_articles_length(article_factory, size):
    article = article_factory(sections=0)
    Section.objects.bulk_create(
        Section(article=article, position=number, heading=f"Part {number}?",
                anchor=f"part-{number}", body=long_text(min(size, 25_000), seed=number))
        for number in range(max(1, size // 25_000))
    )  # fmt: skip
    index_article(article.pk)
    entry = entry_of(article)
    assert len(entry.body) <= MAX_BODY_CHARS
    assert len(entry.excerpt) <= EXCERPT_CHARS
    assert len(entry.headings) <= MAX_HEADINGS_CHARS
    assert entry.body.startswith(entry.excerpt)
