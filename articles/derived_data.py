"""Derived data kept in step with the content it comes from, and when it is refreshed.

- Stored term usage (`Article.terms`, articles/term_usage.py): which glossary terms an
  article links, so a term page can list its articles. Follows the article's sections and
  figure captions, and the name, aliases, capitalisation rule or publication of any term.
- The reference list's cited entries (articles.citations.attach_cited_references): a
  reference cited in a section joins its article's list.
- Search entries (articles/search_index.py): one per public or scheduled article, published
  term and reference, with their tags.

These run synchronously in the saving request, except the fan-out after a glossary term's
edit, a reference key rename or a tag merge, which runs as a background job
(articles/jobs.py, site_config/jobs.py). Saving many parts of one article at once (an
admin save with inlines, load_demo) wraps the saves in `once_per_article()`, so each article
is refreshed once at the end instead of once per saved section or figure. Bulk writes that
skip signals (`QuerySet.update()`, `bulk_create()`, raw SQL) must be followed by
`manage.py rebuild_search_index`.

Which caches the same edits make stale is said in articles/invalidation.py.
"""

import threading
from contextlib import contextmanager
from types import SimpleNamespace

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from glossary.models import Term
from site_config import cache_keys

from . import term_usage
from .citations import attach_cited_references
from .jobs import refresh_articles_later, refresh_term_articles_later
from .models import Article, Figure, Reference, SearchEntry, Section
from .search_index import (
    INDEXERS,
    index_article,
    index_reference,
    index_tagged_objects,
    index_term,
    remove_entry,
)
from .term_usage import store_article_terms

# Batching: refresh each article once per batch of saves.

_batch = threading.local()


@contextmanager
def once_per_article():
    """Inside this block, refresh each article's derived data once, when the block ends."""
    if getattr(_batch, "pending", None) is not None:  # an outer batch will run them
        yield
        return
    _batch.pending = {}
    try:
        yield
        pending = _batch.pending
    finally:
        _batch.pending = None
    for refresh, article_id in pending:
        refresh(article_id)


@contextmanager
def refresh_in_background(description):
    """Inside this block, articles whose derived data goes stale are collected, then
    refreshed by one background job (articles/jobs.py): for bulk text rewrites such as a
    reference key rename. Yields an object whose `job` is that job's row, if any."""
    outcome = SimpleNamespace(job=None)
    if getattr(_batch, "pending", None) is not None:  # an outer batch will run them
        yield outcome
        return
    _batch.pending = {}
    try:
        yield outcome
        pending = _batch.pending
    finally:
        _batch.pending = None
    article_ids = {article_id for _, article_id in pending}
    if article_ids:
        outcome.job = refresh_articles_later(article_ids, description)


def refresh_article(refresh, article_id):
    """Run `refresh(article_id)` now, or once at the end of the current batch."""
    pending = getattr(_batch, "pending", None)
    if pending is None:
        refresh(article_id)
    else:
        pending.setdefault((refresh, article_id), None)


def is_deletion_of(origin, models):
    """Whether a delete signal comes from deleting one of these models (instance or queryset)."""
    model = getattr(origin, "model", None) or type(origin)
    return model in models


def _refresh_article_terms(article_id):
    refresh_article(store_article_terms, article_id)


@receiver(pre_save, sender=Section)
def remember_section_article(sender, instance, raw=False, **kwargs):
    # A section moved to another article (possible in the section admin) leaves one behind.
    instance._article_id_before = (
        Section.objects.filter(pk=instance.pk).values_list("article_id", flat=True).first()
        if instance.pk and not raw
        else None
    )


@receiver([post_save, post_delete], sender=Section)
def section_text_changed(sender, instance, origin=None, raw=False, **kwargs):
    """A section's text decides the article's glossary links and cited references."""
    if raw or (origin is not None and is_deletion_of(origin, [Article])):
        return
    article_id = instance.article_id
    _refresh_article_terms(article_id)
    before = getattr(instance, "_article_id_before", None)
    if before is not None and before != article_id:
        _refresh_article_terms(before)
    # After commit: in the admin the reference-list inline is saved after the sections,
    # and must not find rows it is about to add already there.
    transaction.on_commit(lambda: attach_cited_references(article_id), robust=True)


@receiver([post_save, post_delete], sender=Figure)
def figure_caption_changed(sender, instance, origin=None, raw=False, **kwargs):
    """Figure captions are body text: they may link glossary terms."""
    if raw or (origin is not None and is_deletion_of(origin, [Article, Section])):
        return
    article_id = (
        Section.objects.filter(pk=instance.section_id).values_list("article_id", flat=True).first()
    )
    if article_id is not None:
        _refresh_article_terms(article_id)


@receiver(pre_save, sender=Term)
def remember_term_linking_state(sender, instance, raw=False, **kwargs):
    before = Term.objects.filter(pk=instance.pk).first() if instance.pk and not raw else None
    instance._linking_state_before = term_usage.linking_state(before) if before else None


@receiver(post_save, sender=Term)
def term_linking_changed(sender, instance, created, raw=False, **kwargs):
    """A new term, or a changed name, alias, capitalisation rule or publication, changes
    which articles link it. Other edits change no links."""
    if raw:
        return
    before = getattr(instance, "_linking_state_before", None)
    if created or before != term_usage.linking_state(instance):
        # Re-render against the glossary as it is now, whichever receiver ran first.
        cache_keys.bump(cache_keys.GLOSSARY)
        # Fan-out: thousands of articles may mention a common term (the admin tells the editor).
        instance.refresh_job = refresh_term_articles_later(instance)


@receiver(pre_delete, sender=Term)
def remember_term_articles(sender, instance, **kwargs):
    instance._linked_article_ids = list(instance.articles.values_list("id", flat=True))


@receiver(post_delete, sender=Term)
def term_deleted(sender, instance, **kwargs):
    """Where the term was linked, another term may now link instead."""
    cache_keys.bump(cache_keys.GLOSSARY)
    instance.refresh_job = refresh_term_articles_later(
        instance, linked_article_ids=getattr(instance, "_linked_article_ids", [])
    )


# Receivers: the index is derived data of articles, sections, terms, references and tags,
# so every save and delete of those updates it here, in the same transaction as the change.


@receiver(post_save, sender=Article)
def index_saved_article(sender, instance, raw=False, **kwargs):
    """A saved article is indexed while published (scheduled too), removed otherwise."""
    if not raw:
        index_article(instance.pk)


@receiver(post_delete, sender=Article)
def remove_deleted_article(sender, instance, **kwargs):
    remove_entry(SearchEntry.Kind.ARTICLE, instance.pk)


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
def index_article_of_section(sender, instance, raw=False, origin=None, **kwargs):
    """Section headings and bodies are part of their article's entry.

    Skipped when the section goes because its article is being deleted: the article's own
    receiver removes the entry.
    """
    if not raw and not is_deletion_of(origin, [Article]):
        refresh_article(index_article, instance.article_id)


@receiver(post_save, sender=Term)
def index_saved_term(sender, instance, raw=False, **kwargs):
    """A term is indexed while published."""
    if not raw:
        index_term(instance.pk)


@receiver(post_delete, sender=Term)
def remove_deleted_term(sender, instance, **kwargs):
    remove_entry(SearchEntry.Kind.TERM, instance.pk)


@receiver(post_save, sender=Reference)
def index_saved_reference(sender, instance, raw=False, **kwargs):
    if not raw:
        index_reference(instance.pk)


@receiver(post_delete, sender=Reference)
def remove_deleted_reference(sender, instance, **kwargs):
    remove_entry(SearchEntry.Kind.REFERENCE, instance.pk)


@receiver(post_save, sender=TaggedItem)
@receiver(post_delete, sender=TaggedItem)
def index_retagged_object(sender, instance, raw=False, origin=None, **kwargs):
    """Tag names are searchable and tag slugs filter results: re-index the tagged item.

    Runs for tags added or removed through `item.tags`, and for each item of a deleted tag.
    Skipped when the item goes because its article, term or reference is being deleted.
    """
    if raw or is_deletion_of(origin, INDEXERS):
        return
    index_tagged_objects([(instance.content_type_id, instance.object_id)])


@receiver(post_save, sender=Tag)
def index_objects_of_renamed_tag(sender, instance, created=False, raw=False, **kwargs):
    """A renamed tag changes the text and slugs of every entry that carries it."""
    if not created and not raw:
        items = TaggedItem.objects.filter(tag=instance).values_list("content_type_id", "object_id")
        index_tagged_objects(items)
