"""Reading web-search syntax, and translating it so no reader input is raw FTS syntax."""

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.search import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    fts5_match,
    highlighted,
    parse_query,
    websearch_string,
)


def test_words_are_all_required():
    query = parse_query("oxytocin receptor")
    assert query.groups == [["oxytocin"], ["receptor"]]


def test_quoted_words_are_one_phrase():
    assert parse_query('"oxytocin receptor" binding').groups == [["oxytocin receptor"], ["binding"]]


def test_unclosed_quote_runs_to_the_end():
    assert parse_query('sleep "oxytocin receptor').groups == [["sleep"], ["oxytocin receptor"]]


def test_minus_excludes_a_word_or_phrase():
    query = parse_query('oxytocin -sleep -"night shift"')
    assert query.groups == [["oxytocin"]]
    assert query.excluded == ["sleep", "night shift"]


def test_hyphen_inside_a_word_is_not_an_exclusion():
    query = parse_query("covid-19 anti-inflammatory")
    assert query.groups == [["covid-19"], ["anti-inflammatory"]]
    assert query.excluded == []


def test_or_joins_the_terms_either_side():
    assert parse_query("menopause oxytocin OR vasopressin").groups == [
        ["menopause"],
        ["oxytocin", "vasopressin"],
    ]


def test_or_chains():
    assert parse_query("a1 OR b2 OR c3").groups == [["a1", "b2", "c3"]]


def test_lowercase_or_is_an_ordinary_word():
    assert parse_query("this or that").groups == [["this"], ["or"], ["that"]]


@pytest.mark.parametrize("text", ["OR oxytocin", "oxytocin OR", "OR OR oxytocin OR"])
def test_or_without_a_term_on_both_sides_is_ignored(text):
    assert parse_query(text).groups == [["oxytocin"]]


def test_or_alone_is_an_empty_query():
    assert not parse_query("OR")


def test_or_next_to_an_exclusion_is_ignored():
    query = parse_query("oxytocin OR -sleep")
    assert query.groups == [["oxytocin"]]
    assert query.excluded == ["sleep"]


@pytest.mark.parametrize("text", ["-sleep", '-"night shift"', "- -", "-"])
def test_only_exclusions_is_an_empty_query(text):
    assert not parse_query(text)


@pytest.mark.parametrize("text", ["", "   ", '"', '""', "***", "🙂🙂", "-", "!!! ???", "\x00\x00"])
def test_input_without_letters_or_digits_is_an_empty_query(text):
    assert not parse_query(text)


def test_emoji_next_to_words_are_dropped_with_their_term_only():
    assert parse_query("🙂 oxytocin").groups == [["oxytocin"]]


def test_nul_bytes_are_removed():
    assert parse_query("oxy\x00tocin").groups == [["oxy"], ["tocin"]]


def test_long_queries_are_cut_to_the_maximum_and_say_so():
    query = parse_query("a" * 5000)
    assert len(query.text) == MAX_QUERY_LENGTH
    assert query.was_shortened


def test_short_queries_are_not_marked_shortened():
    assert not parse_query("oxytocin").was_shortened


def test_terms_beyond_the_maximum_are_dropped_and_say_so():
    query = parse_query(" ".join(f"w{n}" for n in range(MAX_TERMS + 5)))
    assert len(query.groups) == MAX_TERMS
    assert query.dropped_terms


def test_fts5_match_quotes_every_term():
    query = parse_query('oxytocin "oxytocin receptor" a1 OR b2 -sleep')
    assert fts5_match(query) == (
        '(("oxytocin") AND ("oxytocin receptor") AND ("a1" OR "b2")) NOT ("sleep")'
    )


def test_fts5_match_for_title_columns_leaves_exclusions_out():
    query = parse_query("oxytocin -sleep")
    assert fts5_match(query, ["title", "keywords"]) == '{title keywords} : (("oxytocin"))'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NEAR(a b)", '("NEAR(a") AND ("b)")'),
        ("title:secret", '("title:secret")'),
        ("a* AND b", '("a*") AND ("AND") AND ("b")'),
        ("^start", '("^start")'),
        ("{title}: x", '("{title}:") AND ("x")'),
        ("x) OR (y", '("x)" OR "(y")'),
        ('say "x"" NOT y', '("say") AND ("x") AND ("NOT y")'),
    ],
)
def test_fts5_operators_typed_by_readers_stay_inside_quotes(text, expected):
    assert fts5_match(parse_query(text)) == expected


def test_websearch_string_quotes_every_term():
    query = parse_query('oxytocin "oxytocin receptor" a1 OR b2 -sleep')
    assert websearch_string(query) == '"oxytocin" "oxytocin receptor" "a1" or "b2" -"sleep"'


OPERATOR_PIECES = ['"', "-", "OR", " ", "(", ")", "*", ":", "a", "NOT", "{", "}", "^", "+"]


def fts5_table():
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, keywords, body, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    connection.execute("INSERT INTO t VALUES ('Oxytocin', 'OXTR', 'sleep and hormones')")
    return connection


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_input_gives_a_valid_fts5_expression(text):
    query = parse_query(text)
    if query:
        connection = fts5_table()
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (fts5_match(query),)).fetchall()
        title_match = fts5_match(query, ["title", "keywords"])
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (title_match,)).fetchall()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(['"', "-", "OR", " ", "(", ")", "*", ":", "a", "NOT"]), max_size=40)
)
def test_operator_soup_gives_a_valid_fts5_expression(pieces):
    query = parse_query("".join(pieces))
    if query:
        fts5_table().execute("SELECT * FROM t WHERE t MATCH ?", (fts5_match(query),)).fetchall()


def test_highlighted_marks_matches_and_escapes_everything_else():
    text = "<b>bold</b> & \ue000oxytocin\ue001 <script>"
    assert highlighted(text) == "&lt;b&gt;bold&lt;/b&gt; &amp; <mark>oxytocin</mark> &lt;script&gt;"


def test_highlighted_escapes_inside_marks():
    assert highlighted("\ue000<i>x</i>\ue001") == "<mark>&lt;i&gt;x&lt;/i&gt;</mark>"


def test_highlighted_drops_unpaired_markers():
    assert highlighted("a \ue000b") == "a b"
