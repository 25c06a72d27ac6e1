"""The articles' background jobs (site_config/jobs.py): fan-out work after one edit.

Each job reads the content as it is when it runs, so it is safe to run twice, to retry, or to
run after a later edit of the same thing: it ends in the latest state. Each article is
re-rendered and stored in a transaction (one per batch of articles) holding the articles' rows,
so a reader or a second job never sees an article half refreshed.

Readers' pages do not wait for these jobs, and never see an article half changed: until its
batch is done, an article is shown as it was rendered before the edit (its cached rendering);
the batch then bumps those articles' generations, so their pages show the new links
(articles/invalidation.py). The jobs also bring the stored derived data into line: which
terms each article links (term pages' "used in" lists) and the search index.
"""

import uuid

from django.core.files.storage import default_storage
from django.db import transaction

from glossary.models import Term
from site_config import cache_keys
from site_config.jobs import enqueue, job_kind

from . import term_usage
from .models import Article
from .retractions import import_retractions, read_rows
from .search_index import index_article, index_tagged_objects, rebuild_search_index
from .term_usage import article_ids_for_term

REFRESH_TERM_ARTICLES = "articles.refresh-term-articles"
REFRESH_ARTICLES = "articles.refresh-articles"
REINDEX_TAGGED = "articles.reindex-tagged"
REBUILD_SEARCH_INDEX = "articles.rebuild-search-index"
IMPORT_RETRACTIONS = "articles.import-retractions"


# Articles are refreshed in batches: one transaction per batch, holding the batch's rows.
BATCH_SIZE = 50


def refresh_batch(article_ids, reindex):
    """Re-render these articles and store what they link (and their search entries), in one
    transaction that holds their rows: no reader or other job sees one of them half done."""
    with transaction.atomic():
        article_ids = list(
            Article.objects.select_for_update()
            .filter(pk__in=article_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        term_usage.store_terms_for_articles(article_ids)
        if reindex:
            for article_id in article_ids:
                index_article(article_id)
        # Only now do these articles' renderings (and the pages showing them) change: until
        # here readers get each article as it was, whole (articles/invalidation.py).
        cache_keys.bump(
            cache_keys.PUBLIC_PAGES, *(cache_keys.article_generation(pk) for pk in article_ids)
        )


def refresh_each(progress, article_ids, reindex=False):
    article_ids = sorted(set(article_ids))
    progress.set_total(len(article_ids))
    for start in range(0, len(article_ids), BATCH_SIZE):
        batch = article_ids[start : start + BATCH_SIZE]
        refresh_batch(batch, reindex)
        progress.advance(len(batch))


def plural(count, word):
    return f"{count:,} {word}{'' if count == 1 else 's'}"


# Glossary terms: a new name or alias, a capitalisation rule or publication changes which
# articles link the term.


@job_kind(REFRESH_TERM_ARTICLES, "Re-link the articles of a glossary term")
def refresh_term_articles(progress, term_id, article_ids=()):
    """The articles that link the term now or mention one of its current names, and any
    given ones (where a deleted term was linked)."""
    term = Term.objects.filter(pk=term_id).first()
    ids = set(article_ids)
    if term is not None:
        ids |= article_ids_for_term(term)
    refresh_each(progress, ids)


def refresh_term_articles_later(term, linked_article_ids=None):
    """Queue the re-linking after a term edit; the job's row (its total is how many articles
    are affected as things stand now)."""
    article_ids = article_ids_for_term(term, linked_article_ids)
    args = {"term_id": term.pk}
    if linked_article_ids is not None:  # deleted: its links are gone from the database
        args["article_ids"] = sorted(article_ids)
    return enqueue(
        REFRESH_TERM_ARTICLES,
        description=f"Re-link {plural(len(article_ids), 'article')} for the term “{term.name}”",
        total=len(article_ids),
        **args,
    )


# Several articles whose text changed in bulk (a reference key rename).


@job_kind(REFRESH_ARTICLES, "Re-render articles")
def refresh_articles(progress, article_ids):
    refresh_each(progress, article_ids, reindex=True)


def refresh_articles_later(article_ids, description):
    article_ids = sorted(set(article_ids))
    return enqueue(
        REFRESH_ARTICLES, description=description, total=len(article_ids), article_ids=article_ids
    )


# Tags: merging tags re-indexes everything that carried them.


@job_kind(REINDEX_TAGGED, "Re-index after a tag change")
def reindex_tagged(progress, items):
    progress.set_total(len(items))
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        index_tagged_objects([tuple(item) for item in batch])
        progress.advance(len(batch))


def reindex_tagged_later(items, description):
    items = sorted({tuple(item) for item in items})
    return enqueue(REINDEX_TAGGED, description=description, total=len(items), items=items)


@job_kind(REBUILD_SEARCH_INDEX, "Rebuild the search index")
def rebuild_index(progress):
    progress.set_total(1)
    rebuild_search_index()
    progress.advance()


# The Retraction Watch list: tens of thousands of rows, read from the uploaded file, which is
# kept in the media storage (shared by every app server and worker) until it is imported.


@job_kind(IMPORT_RETRACTIONS, "Import a retraction list")
def import_retraction_list(progress, path):
    if not default_storage.exists(path):
        return "The uploaded list was imported already (its file has been removed)."
    with default_storage.open(path, "rb") as file:
        data = file.read()
    summary = import_retractions(data, progress=progress.report)
    default_storage.delete(path)
    return "\n".join(summary.lines())


def import_retractions_later(upload):
    """Check the upload's columns now (a wrong file is refused with its reason), then queue
    its import. Raises RetractionListError."""
    read_rows(upload.readline())
    upload.seek(0)
    path = default_storage.save(f"jobs/retraction-lists/{uuid.uuid4().hex}.csv", upload)
    return enqueue(IMPORT_RETRACTIONS, description="Import a Retraction Watch list", path=path)
