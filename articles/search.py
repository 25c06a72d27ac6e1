"""Site search: web-search syntax in, ranked and highlighted results out.

Readers type queries as they would into a web search engine: words, "quoted phrases",
-exclusions and OR. `parse_query` turns any input into a `SearchQuery` (never an error), and
each backend translates that into its own full-text syntax with every term quoted, so no
reader input ever reaches the database as raw query syntax:

- PostgreSQL: `websearch_to_tsquery` over the stored, GIN-indexed `search_vector` column,
  ranked with `ts_rank` (weights A title and keywords, B description and headings, C body),
  snippets by `ts_headline`.
- SQLite: an FTS5 `MATCH`, ranked with `bm25` (column weights), snippets by `snippet()` and
  `highlight()`.

Snippets come from each entry's `excerpt`, a bounded start of its body, and the body itself
is bounded (articles.search_index), so a result costs the same however long its document.

Both rank entries whose title (or keywords, e.g. a term's aliases) matches the whole query
above those that match only in the body. The index itself is kept by articles.search_index.
"""

import re
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from glossary.models import Term
from site_config.tagging import tag_slug

from .models import Article, SearchEntry
from .tags import public_tags, recent_topics

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# Highlight markers: private-use characters that search_index strips from indexed text, so
# they can only come from the backends' snippet functions.
MARK_START = "\ue000"
MARK_END = "\ue001"

TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass
class SearchQuery:
    """A parsed query: all of `groups` (each a list of alternatives), none of `excluded`.

    Terms are plain strings: a word, or the words of a quoted phrase.
    """

    text: str = ""
    groups: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    was_shortened: bool = False
    dropped_terms: bool = False

    def __bool__(self):
        return bool(self.groups)

    @property
    def words(self):
        """Every word the reader asked for (not the excluded ones), for suggestions."""
        return [word for group in self.groups for term in group for word in term.split()]


def parse_query(raw):
    """Read web-search syntax from any string; what cannot be a search term is dropped.

    Terms without a letter or digit (punctuation, emoji) are dropped; a query with no
    positive term is empty, since "-word" alone would mean "everything else".
    """
    text = " ".join((raw or "").replace("\x00", " ").split())
    query = SearchQuery(text=text[:MAX_QUERY_LENGTH], was_shortened=len(text) > MAX_QUERY_LENGTH)
    or_pending = last_was_positive = False
    count = 0
    for match in TOKEN.finditer(query.text):
        quoted_minus, phrase, bare_minus, word = match.groups()
        if word == "OR":
            # OR joins the positive terms either side of it; anywhere else it means nothing.
            or_pending = last_was_positive
            continue
        term = " ".join((word.lstrip("-") if phrase is None else phrase).split())
        negated = bool(quoted_minus or bare_minus)
        last_was_positive = False
        if not any(character.isalnum() for character in term):
            or_pending = False
            continue
        if count == MAX_TERMS:
            query.dropped_terms = True
            break
        count += 1
        if negated:
            query.excluded.append(term)
        elif or_pending:
            query.groups[-1].append(term)
            last_was_positive = True
        else:
            query.groups.append([term])
            last_was_positive = True
        or_pending = False
    return query


def fts5_string(term):
    return '"' + term.replace('"', '""') + '"'


def fts5_match(query, columns=None):
    """The FTS5 MATCH expression for a query, every term a quoted string.

    With `columns`, only the positive terms, matched within those columns.
    """
    positive = " AND ".join(
        "(" + " OR ".join(fts5_string(term) for term in group) + ")" for group in query.groups
    )
    if columns:
        return "{" + " ".join(columns) + "} : (" + positive + ")"
    if query.excluded:
        excluded = " OR ".join(fts5_string(term) for term in query.excluded)
        return f"({positive}) NOT ({excluded})"
    return positive


def fts5_any(query, columns):
    """An FTS5 MATCH for rows holding any positive term of the query within these columns."""
    terms = " OR ".join(fts5_string(term) for group in query.groups for term in group)
    return "{" + " ".join(columns) + "} : (" + terms + ")"


def websearch_string(query):
    """The query again in websearch_to_tsquery syntax, every term quoted."""

    def quoted(term):
        return '"' + term.replace('"', " ") + '"'

    parts = [" or ".join(quoted(term) for term in group) for group in query.groups]
    parts += ["-" + quoted(term) for term in query.excluded]
    return " ".join(parts)


def highlighted(text):
    """Backend text with highlight markers as HTML: matches in <mark>, the rest escaped."""
    pieces = []
    for index, piece in enumerate(re.split(f"{MARK_START}(.*?){MARK_END}", text or "")):
        piece = escape(piece.replace(MARK_START, "").replace(MARK_END, ""))
        pieces.append(f"<mark>{piece}</mark>" if index % 2 and piece else piece)
    return mark_safe("".join(pieces))


def entry_filters(query_text, tag_slugs, kind=None):
    """SQL conditions on entries `e`, and named parameters for them and the query."""
    params = {"query": query_text, "article_kind": SearchEntry.Kind.ARTICLE.value}
    conditions = [public_articles_only(params)]
    if kind:
        conditions.append("e.kind = %(kind)s")
        params["kind"] = kind
    for number, slug in enumerate(tag_slugs):
        # A substring test on " a b c " that reads the slug as plain text (no LIKE wildcards).
        conditions.append(POSITION_OF[connection.vendor].format(f"%(tag{number})s"))
        params[f"tag{number}"] = f" {slug} "
    return " AND ".join(conditions), params


POSITIONAL_PARAMETER = re.compile(r"(?<!%)%s")


def public_articles_only(params):
    """SQL: the entry is not an article, or its article is public now.

    The index also holds scheduled articles, so they are found on time with no job; which
    of them readers may see is `Article.objects.public()`'s to say, run here as a subquery.
    """
    sql, values = Article.objects.public().order_by().values("pk").query.sql_with_params()
    numbers = iter(range(len(values)))
    sql = POSITIONAL_PARAMETER.sub(lambda match: f"%(public{next(numbers)})s", sql)
    params.update((f"public{number}", value) for number, value in enumerate(values))
    return f"(e.kind <> %(article_kind)s OR e.object_id IN ({sql}))"


def ranges_condition(ranges, params):
    """SQL picking rows whose `position` within their kind is in that kind's (offset, limit)."""
    conditions = []
    for number, (kind, (offset, limit)) in enumerate(ranges.items()):
        conditions.append(
            f"(kind = %(kind{number})s AND position > %(start{number})s "
            f"AND position <= %(stop{number})s)"
        )
        params.update({f"kind{number}": kind, f"start{number}": offset})
        params[f"stop{number}"] = offset + limit
    return " OR ".join(conditions)


def ids_and_totals(rows, ranges):
    """({kind: ids in rank order}, {kind: how many match}) from (id, kind, total) rows."""
    ids = {kind: [] for kind in ranges}
    totals = {}
    for pk, kind, total in rows:
        ids[kind].append(pk)
        totals[kind] = total
    return ids, totals


POSITION_OF = {
    "postgresql": "strpos(e.tag_slugs, {}) > 0",
    "sqlite": "instr(e.tag_slugs, {}) > 0",
}


class PostgresSearch:
    """PostgreSQL full-text search over the stored, GIN-indexed search_vector.

    Large tsvectors live out of line (TOAST), and reading them is what costs: ten thousand
    cost about 100 ms. So matching goes through the GIN index only (a bitmap scan reads no
    vector, and a sequential scan would read them all: the planner cannot tell, so it is
    told), and only the best RANK_WINDOW matches by title, keywords, description and
    headings (the small head_vector) are ranked by their full vector.
    """

    RANK_WINDOW = 500
    HEADLINE = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    WHOLE_FIELD = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"

    @contextmanager
    def session(self):
        with transaction.atomic(), connection.cursor() as cursor:
            # For this transaction only: the GIN index, even for queries matching most rows.
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield

    def counts(self, query, tag_slugs):
        where, params = entry_filters(websearch_string(query), tag_slugs)
        sql = (
            "SELECT e.kind, COUNT(*) FROM articles_searchentry e "
            "WHERE e.search_vector @@ websearch_to_tsquery('health_search', %(query)s) "
            f"AND {where} GROUP BY e.kind"
        )
        return dict(fetch(sql, params))

    def ranked_ids(self, query, ranges, tag_slugs):
        """({kind: ids in rank order}, {kind: matches}) for each kind's (offset, limit)."""
        where, params = entry_filters(websearch_string(query), tag_slugs)
        params["window"] = self.RANK_WINDOW
        sql = f"""
            WITH q AS (SELECT websearch_to_tsquery('health_search', %(query)s) AS query),
            matches AS (
                SELECT e.id, e.kind, e.search_vector, (e.title_vector @@ q.query) AS in_title,
                    ROW_NUMBER() OVER (
                        PARTITION BY e.kind ORDER BY (e.title_vector @@ q.query) DESC,
                        ts_rank(e.head_vector, q.query) DESC, e.id DESC
                    ) AS head_position
                FROM articles_searchentry e, q
                WHERE e.search_vector @@ q.query AND {where}
            ),
            ranked AS (
                SELECT m.id, m.kind, ROW_NUMBER() OVER (
                    PARTITION BY m.kind ORDER BY m.head_position > %(window)s, m.in_title DESC,
                    CASE WHEN m.head_position <= %(window)s
                        THEN ts_rank(m.search_vector, q.query) END DESC NULLS LAST,
                    m.head_position
                ) AS position, COUNT(*) OVER (PARTITION BY m.kind) AS total
                FROM matches m, q
            )
            SELECT id, kind, total FROM ranked WHERE {ranges_condition(ranges, params)}
            ORDER BY kind, position
        """
        return ids_and_totals(fetch(sql, params), ranges)

    def highlights(self, query, ids):
        """{id: (title, description, headings, body)} with highlight markers, the body's from
        its bounded excerpt.

        Headlines of long bodies cost a few milliseconds each, so the body's is made only when
        the description shows no match, and the headings' only when neither does.
        """
        params = {
            "query": websearch_string(query),
            "ids": list(ids),
            "mark": MARK_START,
            "whole": self.WHOLE_FIELD,
            "headline": self.HEADLINE,
        }
        sql = """
            WITH q AS (SELECT websearch_to_tsquery('health_search', %(query)s) AS query),
            heads AS MATERIALIZED (
                SELECT e.id,
                    ts_headline('health_search', e.title, q.query, %(whole)s) AS title,
                    ts_headline('health_search', e.description, q.query, %(whole)s)
                        AS description
                FROM articles_searchentry e, q WHERE e.id = ANY(%(ids)s)
            ),
            bodies AS MATERIALIZED (
                SELECT h.id, CASE WHEN strpos(h.description, %(mark)s) = 0 THEN
                    ts_headline('health_search', e.excerpt, q.query, %(headline)s) END AS body
                FROM heads h JOIN articles_searchentry e ON e.id = h.id, q
            )
            SELECT h.id, h.title, h.description,
                CASE WHEN strpos(h.description || coalesce(b.body, ''), %(mark)s) = 0 THEN
                    ts_headline('health_search', e.headings, q.query, %(headline)s) END,
                b.body
            FROM heads h JOIN bodies b ON b.id = h.id
                JOIN articles_searchentry e ON e.id = h.id, q
        """
        return {row[0]: row[1:] for row in fetch(sql, params)}


class SqliteSearch:
    """SQLite FTS5 over articles_searchentry_fts, ranked by bm25 with column weights."""

    TABLE = "articles_searchentry_fts"
    # bm25 weights for title, keywords, description, headings, body, and excerpt (the start
    # of the body again, for snippets only: it adds nothing to the rank).
    RANK = f"bm25({TABLE}, 10.0, 10.0, 4.0, 4.0, 1.0, 0.0)"
    TITLE_COLUMNS = ["title", "keywords"]
    # Highlights read the matches in these (bounded) columns only, never the body: FTS5's
    # snippet() takes time in proportion to the matches in its column times all the matches
    # the MATCH found in the row, so the body's matches must not be among them.
    HIGHLIGHT_COLUMNS = ["title", "keywords", "description", "headings", "excerpt"]
    SNIPPET_TOKENS = 24

    def session(self):
        # No transaction: on SQLite this project's transactions take the write lock.
        return nullcontext()

    def counts(self, query, tag_slugs):
        where, params = entry_filters(fts5_match(query), tag_slugs)
        sql = (
            f"SELECT e.kind, COUNT(*) FROM {self.TABLE} "
            f"JOIN articles_searchentry e ON e.id = {self.TABLE}.rowid "
            f"WHERE {self.TABLE} MATCH %(query)s AND {where} GROUP BY e.kind"
        )
        return dict(fetch(sql, params))

    def ranked_ids(self, query, ranges, tag_slugs):
        """({kind: ids in rank order}, {kind: matches}) for each kind's (offset, limit)."""
        where, params = entry_filters(fts5_match(query), tag_slugs)
        params["title_query"] = fts5_match(query, self.TITLE_COLUMNS)
        sql = f"""
            SELECT id, kind, total FROM (
                SELECT id, kind, ROW_NUMBER() OVER (
                    PARTITION BY kind ORDER BY in_title DESC, score, id
                ) AS position, COUNT(*) OVER (PARTITION BY kind) AS total
                FROM (
                    SELECT e.id, e.kind, {self.RANK} AS score, e.id IN (
                        SELECT rowid FROM {self.TABLE} WHERE {self.TABLE} MATCH %(title_query)s
                    ) AS in_title
                    FROM {self.TABLE} JOIN articles_searchentry e ON e.id = {self.TABLE}.rowid
                    WHERE {self.TABLE} MATCH %(query)s AND {where}
                )
            )
            WHERE {ranges_condition(ranges, params)}
            ORDER BY kind, position
        """
        return ids_and_totals(fetch(sql, params), ranges)

    def highlights(self, query, ids):
        """{id: (title, description, headings, body)} with highlight markers, the body's from
        its bounded excerpt. An entry none of whose words are in those columns is left out
        (results_for shows its title and description as they are)."""
        marks = f"'{MARK_START}', '{MARK_END}'"
        snippet = f"'…', {self.SNIPPET_TOKENS}"
        params = {"query": fts5_any(query, self.HIGHLIGHT_COLUMNS)}
        params.update((f"id{number}", pk) for number, pk in enumerate(ids))
        placeholders = ", ".join(f"%(id{number})s" for number in range(len(ids)))
        sql = (
            f"SELECT rowid, highlight({self.TABLE}, 0, {marks}), "
            f"highlight({self.TABLE}, 2, {marks}), snippet({self.TABLE}, 3, {marks}, {snippet}), "
            f"snippet({self.TABLE}, 5, {marks}, {snippet}) "
            f"FROM {self.TABLE} WHERE {self.TABLE} MATCH %(query)s AND rowid IN ({placeholders})"
        )
        return {row[0]: row[1:] for row in fetch(sql, params)}


def fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def backend():
    return PostgresSearch() if connection.vendor == "postgresql" else SqliteSearch()


def choose_snippet(description, headings, body):
    """The text that best shows why an entry matched: where the highlights are."""
    for text in (description, body, headings):
        if text and MARK_START in text:
            return text
    return description


class RankedIds:
    """The ids of one kind's matches in rank order, fetched a slice at a time.

    Has count() and slicing, so Django's Paginator can page through it.
    """

    def __init__(self, search, query, kind, tag_slugs, total):
        self.search = search
        self.query = query
        self.kind = kind
        self.tag_slugs = tag_slugs
        self.total = total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Search results can only be sliced.")
        offset = index.start or 0
        limit = min(self.total if index.stop is None else index.stop, self.total) - offset
        if limit <= 0:
            return []
        ranges = {self.kind: (offset, limit)}
        return self.search.ranked_ids(self.query, ranges, self.tag_slugs)[0][self.kind]


@dataclass
class ResultGroup:
    kind: str
    label: str
    count: int
    results: list
    page_obj: object = None
    more_url: str = ""

    @property
    def has_more(self):
        return self.count > len(self.results)


GROUP_SIZES = {
    SearchEntry.Kind.ARTICLE: 10,
    SearchEntry.Kind.TERM: 5,
    SearchEntry.Kind.REFERENCE: 5,
}
GROUP_SIZES_FROM_START = {kind: (0, size) for kind, size in GROUP_SIZES.items()}
RESULTS_PER_PAGE = 20
KIND_LABELS = {
    SearchEntry.Kind.ARTICLE: "Articles",
    SearchEntry.Kind.TERM: "Glossary terms",
    SearchEntry.Kind.REFERENCE: "References",
}


def run_search(query, tag_slugs=(), kind=None, page_number=None):
    """(result groups, counts by kind) for a parsed query.

    Without `kind`: the best few of each kind, grouped. With `kind`: that kind only, paginated.
    """
    if not query:
        return [], {}
    search = backend()
    with search.session():
        return search_with(search, query, list(tag_slugs), kind, page_number)


def search_with(search, query, tag_slugs, kind, page_number):
    if kind is None:
        # The best few of every kind, and how many match, in one pass over the matches.
        ranked, counts = search.ranked_ids(query, GROUP_SIZES_FROM_START, tag_slugs)
        groups = [
            ResultGroup(group_kind, label, counts[group_kind], ranked[group_kind])
            for group_kind, label in KIND_LABELS.items()
            if counts.get(group_kind)
        ]
    else:
        counts = search.counts(query, tag_slugs)
        groups = []
        if counts.get(kind):
            group = ResultGroup(kind, KIND_LABELS[kind], counts[kind], [])
            ranked = RankedIds(search, query, kind, tag_slugs, group.count)
            group.page_obj = Paginator(ranked, RESULTS_PER_PAGE).get_page(page_number)
            group.results = list(group.page_obj.object_list)
            groups.append(group)
    all_ids = [pk for group in groups for pk in group.results]
    results = results_for(search, query, all_ids)
    for group in groups:
        group.results = [results[pk] for pk in group.results]
    return groups, counts


@dataclass
class SearchResult:
    kind: str
    url: str
    title_html: str
    snippet_html: str
    tag_slugs: list


def results_for(search, query, ids):
    """{id: SearchResult} with highlighted titles and snippets."""
    if not ids:
        return {}
    entries = SearchEntry.objects.only("kind", "url", "tag_slugs", "title", "description")
    entries = entries.in_bulk(ids)
    marked = search.highlights(query, ids)
    results = {}
    for pk in ids:
        entry = entries[pk]
        title, description, headings, body = marked.get(pk) or (
            entry.title,
            entry.description,
            "",
            "",
        )
        results[pk] = SearchResult(
            kind=entry.kind,
            url=entry.url,
            title_html=highlighted(title),
            snippet_html=highlighted(choose_snippet(description, headings, body)),
            tag_slugs=entry.tag_slugs.split(),
        )
    return results


SUGGESTIONS = 8


def search_suggestions(query):
    """(glossary terms, tags) whose names contain a word of the query, for a search that
    found nothing; the topics of the newest articles when no word gives any."""
    words = [word for word in query.words if len(word) >= 3][:5]
    terms, tags = [], []
    if words:
        term_filter = Q()
        tag_filter = Q()
        for word in words:
            term_filter |= Q(name__icontains=word) | Q(aliases__icontains=word)
            tag_filter |= Q(name__icontains=word)
            if tag_slug(word):
                tag_filter |= Q(slug__icontains=tag_slug(word))
        terms = list(Term.objects.public().filter(term_filter).only("name", "slug")[:SUGGESTIONS])
        tags = list(public_tags().filter(tag_filter).order_by("name")[:SUGGESTIONS])
    if not tags:
        tags = recent_topics(SUGGESTIONS)
    return terms, tags
