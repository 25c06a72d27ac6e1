"""Keep the site search's index (articles.SearchEntry) in step with the content.

Each public or scheduled article, published glossary term and reference has one SearchEntry
holding its text, split by weight (see the model). The database's full-text index over those
rows (PostgreSQL tsvector columns, or SQLite FTS5 and its triggers) follows the rows by
itself, so this module only ever writes SearchEntry rows.

What one entry holds is bounded, so a search costs the same per result however long a
document is: the body that is matched and ranked is cut at MAX_BODY_CHARS, the headings at
MAX_HEADINGS_CHARS, and snippets are built from `excerpt`, the first EXCERPT_CHARS of the body
(SQLite's snippet() takes time that grows with the square of the matches it reads, so
articles.search also keeps the body's matches away from it).

articles/derived_data.py keeps entries current on every save and delete. Bulk writes that
skip signals (`QuerySet.update()`, `bulk_create()`, raw SQL) must be followed by
`manage.py rebuild_search_index`.
"""

import html
import re
from importlib import import_module

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Prefetch

from glossary.models import Term

from .citations import strip_citations
from .models import Article, PublicationState, Reference, SearchEntry, Section
from .section_checks import CITATION_NEEDED_RE

# Characters that never reach the index: NUL and other controls, and the two private-use
# characters the search backends use to mark highlights in snippets (see articles.search).
UNINDEXABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")

# Each pattern stops at the next opening bracket, parenthesis or "<", so a run of them costs
# time linear in its length (tests/test_render_time.py), never quadratic.
IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
HTML_TAG = re.compile(r"<[^<>]*>")
TABLE_RULE = re.compile(r"^(?=[ \t|:-]*---)[ \t|:-]*$", re.MULTILINE)
MARKUP = re.compile(r"(^\s{0,3}(#{1,6}|>+|[-*+]|\d+\.)\s+)|[*_`|~]+", re.MULTILINE)
SPACES = re.compile(r"[ \t]+")
BLANK_LINES = re.compile(r"\n\s*\n+")


# Characters of text kept per entry (see the module docstring). Far above a long article:
# 200,000 characters is about 30,000 words.
MAX_BODY_CHARS = 200_000
MAX_HEADINGS_CHARS = 10_000
EXCERPT_CHARS = 10_000


def capped(text, limit):
    """The text cut to at most `limit` characters, at a space when there is one near."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ", max(0, limit - 200))
    return cut[:space] if space > 0 else cut


def clean_text(text):
    return UNINDEXABLE.sub(" ", text or "").strip()


def markdown_to_search_text(text):
    """Editor Markdown as plain words for the index and its snippets.

    Cheap on purpose (no Markdown rendering): the index only needs the words, and a rebuild
    reads every section of every article.
    """
    text = CITATION_NEEDED_RE.sub("", strip_citations(text))
    text = IMAGE.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = HTML_TAG.sub(" ", text)
    text = TABLE_RULE.sub("", text)
    text = MARKUP.sub(" ", text)
    text = html.unescape(text)
    text = SPACES.sub(" ", text)
    return clean_text(BLANK_LINES.sub("\n", text))


def tag_fields(tags):
    """(tag names as searchable text, tag slugs as the filter column " a b ")."""
    tags = sorted(tags, key=lambda tag: tag.slug)
    names = " ".join(clean_text(tag.name) for tag in tags)
    slugs = " " + " ".join(tag.slug for tag in tags) + " " if tags else ""
    return names, slugs


def body_fields(text):
    return {"body": capped(text, MAX_BODY_CHARS), "excerpt": capped(text, EXCERPT_CHARS)}


def article_entry(article, sections, tags):
    tag_names, tag_slugs = tag_fields(tags)
    headings = [clean_text(section.heading) for section in sections]
    bodies = []
    for section in sections:
        bodies.append(markdown_to_search_text(section.body))
        if section.takeaway:
            bodies.append(markdown_to_search_text(section.takeaway))
    return SearchEntry(
        kind=SearchEntry.Kind.ARTICLE,
        object_id=article.pk,
        url=article.get_absolute_url(),
        title=clean_text(article.title),
        keywords="",
        description=clean_text(article.summary),
        headings=capped("\n".join([*headings, tag_names]).strip(), MAX_HEADINGS_CHARS),
        **body_fields("\n".join(bodies)),
        tag_slugs=tag_slugs,
    )


def term_entry(term, tags):
    tag_names, tag_slugs = tag_fields(tags)
    return SearchEntry(
        kind=SearchEntry.Kind.TERM,
        object_id=term.pk,
        url=term.get_absolute_url(),
        title=clean_text(term.name),
        keywords=clean_text(" ".join(term.alias_list)),
        description=clean_text(term.short_definition),
        headings=tag_names,
        **body_fields(markdown_to_search_text(term.body)),
        tag_slugs=tag_slugs,
    )


def reference_entry(reference, tags):
    tag_names, tag_slugs = tag_fields(tags)
    year = f" ({reference.year})" if reference.year else ""
    container = f" {reference.container}." if reference.container else ""
    return SearchEntry(
        kind=SearchEntry.Kind.REFERENCE,
        object_id=reference.pk,
        url=reference.get_absolute_url(),
        title=clean_text(reference.title),
        keywords=clean_text(reference.key),
        description=clean_text(f"{reference.authors_display}{year}.{container}"),
        headings=tag_names,
        **body_fields(clean_text(reference.publisher)),
        tag_slugs=tag_slugs,
    )


def save_entry(entry):
    fields = {
        field.name: getattr(entry, field.name)
        for field in SearchEntry._meta.concrete_fields
        if field.name not in ("id", "kind", "object_id")
    }
    SearchEntry.objects.update_or_create(
        kind=entry.kind, object_id=entry.object_id, defaults=fields
    )


def remove_entry(kind, object_id):
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def indexed_articles():
    """Articles that have an entry: public ones, and scheduled ones, which search finds once
    `Article.objects.public()` does (articles.search), so they appear on time with no job."""
    return Article.objects.in_state(PublicationState.SCHEDULED, PublicationState.PUBLISHED)


SECTION_TEXT = Section.objects.only("article_id", "heading", "body", "takeaway")


def index_article(article_id):
    article = (
        indexed_articles()
        .filter(pk=article_id)
        .prefetch_related("tags", Prefetch("sections", queryset=SECTION_TEXT))
        .first()
    )
    if article is None:
        remove_entry(SearchEntry.Kind.ARTICLE, article_id)
    else:
        save_entry(article_entry(article, article.sections.all(), article.tags.all()))


def index_term(term_id):
    term = Term.objects.public().filter(pk=term_id).prefetch_related("tags").first()
    if term is None:
        remove_entry(SearchEntry.Kind.TERM, term_id)
    else:
        save_entry(term_entry(term, term.tags.all()))


def index_reference(reference_id):
    reference = Reference.objects.filter(pk=reference_id).prefetch_related("tags").first()
    if reference is None:
        remove_entry(SearchEntry.Kind.REFERENCE, reference_id)
    else:
        save_entry(reference_entry(reference, reference.tags.all()))


INDEXERS = {Article: index_article, Term: index_term, Reference: index_reference}


def index_tagged_objects(tagged_items):
    """Re-index the articles, terms and references these TaggedItems point at."""
    by_type = {}
    for content_type_id, object_id in tagged_items:
        by_type.setdefault(content_type_id, set()).add(object_id)
    for content_type_id, object_ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        indexer = INDEXERS.get(model)
        if indexer is not None:
            for object_id in sorted(object_ids):
                indexer(object_id)


def rebuild_search_index(batch_size=200):
    """Rewrite every entry from the content. Returns how many entries of each kind."""
    counts = {}
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        if connection.vendor == "sqlite":
            repair_sqlite_index()
        articles = (
            indexed_articles()
            .order_by("pk")
            .prefetch_related("tags", Prefetch("sections", queryset=SECTION_TEXT))
        )
        counts["article"] = bulk_index(
            articles,
            lambda article: article_entry(article, article.sections.all(), article.tags.all()),
            batch_size,
        )
        terms = Term.objects.public().order_by("pk").prefetch_related("tags")
        counts["term"] = bulk_index(terms, lambda term: term_entry(term, term.tags.all()))
        references = Reference.objects.order_by("pk").prefetch_related("tags")
        counts["reference"] = bulk_index(
            references, lambda reference: reference_entry(reference, reference.tags.all())
        )
    return counts


def bulk_index(queryset, make_entry, batch_size=1000):
    total = 0
    batch = []
    for item in queryset.iterator(chunk_size=batch_size):
        batch.append(make_entry(item))
        if len(batch) >= batch_size:
            SearchEntry.objects.bulk_create(batch)
            total += len(batch)
            batch = []
    SearchEntry.objects.bulk_create(batch)
    return total + len(batch)


def repair_sqlite_index():
    """Create the FTS5 table and its triggers if missing, and re-read every entry into it.

    Needed only if a migration rebuilt articles_searchentry on SQLite (which drops triggers).
    """
    migration = import_module("articles.migrations.0013_search_excerpt")
    with connection.cursor() as cursor:
        for statement in migration.SQLITE_CREATE:
            cursor.execute(statement)
        cursor.execute(
            "INSERT INTO articles_searchentry_fts(articles_searchentry_fts) VALUES ('rebuild')"
        )
