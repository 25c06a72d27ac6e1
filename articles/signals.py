"""Invalidate cached renderings when content changes (see site_config.caching)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from glossary.models import Term
from site_config import caching

from . import term_usage
from .batching import refresh_article
from .citations import attach_cited_references
from .models import Article, ArticleReference, Figure, Reference, Section
from .page import store_article_terms
from .search_index import is_deletion_of


def article_generation(article_id):
    return f"article:{article_id}"


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, **kwargs):
    caching.bump(caching.CONTENT, article_generation(instance.pk))


@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=ArticleReference)
def article_part_changed(sender, instance, **kwargs):
    caching.bump(caching.CONTENT, article_generation(instance.article_id))


@receiver([post_save, post_delete], sender=Figure)
def figure_changed(sender, instance, **kwargs):
    article_id = Section.objects.filter(pk=instance.section_id).values_list("article_id", flat=True)
    caching.bump(caching.CONTENT, *(article_generation(pk) for pk in article_id))


@receiver([post_save, post_delete], sender=Tag)
@receiver([post_save, post_delete], sender=TaggedItem)
def tags_changed(sender, **kwargs):
    caching.bump(caching.CONTENT)


@receiver([post_save, post_delete], sender=Reference)
def reference_changed(sender, **kwargs):
    caching.bump(caching.CONTENT, caching.REFERENCES)


@receiver([post_save, post_delete], sender=Term)
@receiver(m2m_changed, sender=Term.related.through)
def term_changed(sender, **kwargs):
    caching.bump(caching.CONTENT, caching.GLOSSARY)


# Stored term usage (Article.terms) and the reference list follow the article's text.
# These run synchronously in the saving request. Saving many sections at once (an admin
# save with inlines, load_demo) wraps the saves in `batching.once_per_article()`, so each
# article is re-rendered once at the end instead of once per saved section or figure.


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
    which articles link it (the glossary generation was bumped above, so the articles
    re-render against the new glossary). Other edits change no links."""
    if raw:
        return
    before = getattr(instance, "_linking_state_before", None)
    if created or before != term_usage.linking_state(instance):
        term_usage.refresh_articles_for_term(instance)


@receiver(pre_delete, sender=Term)
def remember_term_articles(sender, instance, **kwargs):
    instance._linked_article_ids = list(instance.articles.values_list("id", flat=True))


@receiver(post_delete, sender=Term)
def term_deleted(sender, instance, **kwargs):
    """Where the term was linked, another term may now link instead."""
    term_usage.refresh_articles_for_term(
        instance, linked_article_ids=getattr(instance, "_linked_article_ids", [])
    )
