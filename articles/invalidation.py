"""What each edit makes stale in the caches, said in one place.

Every cache and its key is listed in site_config/cache_keys.py; here is which edit bumps which
generation. The receivers below are the only code that reacts to content edits for caching;
the other explicit bumps are named in the table.

| edit (saved or deleted)                     | bumps                                          |
|---------------------------------------------|------------------------------------------------|
| an article readers see or have seen, or     | PUBLIC_PAGES, the article's own generation     |
|   will see on schedule                      |                                                |
| a draft never published, a working copy     | the row's own generation only (its previews):  |
|                                             |   readers cannot see it, so no public page     |
| a section, figure or reference-list entry   | its article's generation, and PUBLIC_PAGES if  |
|                                             |   the article is published or scheduled        |
| a reference                                 | PUBLIC_PAGES, REFERENCES (every reference list)|
| a retraction notice (admin), or importing   | PUBLIC_PAGES, REFERENCES (readers see notices  |
|   a retraction list (explicit call: bulk)   |   beside references)                           |
| a glossary term                             | PUBLIC_PAGES, GLOSSARY (the linker's index),   |
|                                             |   and the generations of the articles linking  |
|                                             |   it (their links show its slug, definition);  |
|                                             |   a change of what links (name, aliases,       |
|                                             |   capitalisation, publication) also bumps the  |
|                                             |   articles mentioning its names, once they are |
|                                             |   re-rendered (explicit call: derived_data.py).|
|                                             |   Other articles' renderings stay warm.        |
| a term's related terms                      | PUBLIC_PAGES, GLOSSARY (term pages only)       |
| a tag; an article's, term's or reference's  | PUBLIC_PAGES (not for drafts' tags)            |
|   tags                                      |                                                |
| merging tags (articles.tags.merge_tags)     | PUBLIC_PAGES (explicit call: bulk update)      |
| scheduling a working copy (workflow)        | PUBLIC_PAGES (explicit call: pages must expire |
|                                             |   when it goes public)                         |
| site settings (SiteSettings.save)           | PUBLIC_PAGES (explicit call), and the settings |
|                                             | cache entry is deleted                         |

Public fragments (tag counts, topic lists, the home page's lists, an article's content as readers
see it: site_config.page_cache.cached_public_fragment) and
whole pages follow PUBLIC_PAGES; article renderings follow their article's generation and
REFERENCES (articles/rendered_article.py).

Derived data that follows the same edits (stored term usage, the reference list's cited
entries, the search index) is kept by articles/derived_data.py.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from glossary.models import Term
from site_config import cache_keys

from .models import Article, ArticleReference, Figure, Reference, Retraction, Section


def faces_readers(article):
    """Whether readers see, saw or will see this article row (not a working copy or a draft
    never published)."""
    return article.draft_of_id is None and (
        article.status == Article.Status.PUBLISHED or article.first_published_at is not None
    )


def bump_article(article_ids):
    """Stale: these articles' renderings, and public pages if any of them faces readers."""
    articles = Article.objects.filter(pk__in=article_ids).only(
        "draft_of_id", "status", "first_published_at"
    )
    names = [cache_keys.article_generation(pk) for pk in article_ids]
    if any(faces_readers(article) for article in articles):
        names.append(cache_keys.PUBLIC_PAGES)
    cache_keys.bump(*names)


@receiver(pre_save, sender=Article)
def remember_whether_article_faced_readers(sender, instance, raw=False, **kwargs):
    before = (
        Article.objects.filter(pk=instance.pk).only("draft_of_id", "status", "first_published_at")
        if instance.pk and not raw
        else []
    )
    instance._faced_readers_before = any(faces_readers(article) for article in before)


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, **kwargs):
    names = [cache_keys.article_generation(instance.pk)]
    if faces_readers(instance) or getattr(instance, "_faced_readers_before", False):
        names.append(cache_keys.PUBLIC_PAGES)
    cache_keys.bump(*names)


@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=ArticleReference)
def article_part_changed(sender, instance, **kwargs):
    bump_article([instance.article_id])


@receiver([post_save, post_delete], sender=Figure)
def figure_changed(sender, instance, **kwargs):
    bump_article(
        Section.objects.filter(pk=instance.section_id).values_list("article_id", flat=True)
    )


@receiver([post_save, post_delete], sender=Tag)
def tag_changed(sender, **kwargs):
    cache_keys.bump(cache_keys.PUBLIC_PAGES)


@receiver([post_save, post_delete], sender=TaggedItem)
def item_tags_changed(sender, instance, **kwargs):
    if instance.content_type_id == ContentType.objects.get_for_model(Article).pk:
        bump_article([instance.object_id])
    else:
        cache_keys.bump(cache_keys.PUBLIC_PAGES)


@receiver([post_save, post_delete], sender=Reference)
@receiver([post_save, post_delete], sender=Retraction)
def reference_changed(sender, **kwargs):
    cache_keys.bump(cache_keys.PUBLIC_PAGES, cache_keys.REFERENCES)


@receiver(pre_delete, sender=Term)
def remember_articles_linking_term(sender, instance, **kwargs):
    instance._articles_linking_before_delete = list(instance.articles.values_list("pk", flat=True))


@receiver([post_save, post_delete], sender=Term)
def term_changed(sender, instance, **kwargs):
    linking = getattr(instance, "_articles_linking_before_delete", None)
    if linking is None:
        linking = instance.articles.values_list("pk", flat=True)
    names = [cache_keys.article_generation(pk) for pk in sorted(linking)]
    cache_keys.bump(cache_keys.PUBLIC_PAGES, cache_keys.GLOSSARY, *names)


@receiver(m2m_changed, sender=Term.related.through)
def related_terms_changed(sender, **kwargs):
    cache_keys.bump(cache_keys.PUBLIC_PAGES, cache_keys.GLOSSARY)
