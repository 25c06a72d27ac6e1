"""What each edit makes stale in the caches, said in one place.

Every cache and its key is listed in site_config/cache_keys.py; here is which edit bumps which
generation. The receivers below are the only code that reacts to content edits for caching;
the other explicit bumps are named in the table.

| edit (saved or deleted)                    | bumps                                          |
|--------------------------------------------|------------------------------------------------|
| an article                                 | PUBLIC_PAGES, the article's own generation     |
| a section, figure or reference-list entry  | PUBLIC_PAGES, its article's generation         |
| a reference                                | PUBLIC_PAGES, REFERENCES (every reference list)|
| a glossary term, or its related terms      | PUBLIC_PAGES, GLOSSARY (every article's links) |
| a tag, or an item's tags                   | PUBLIC_PAGES                                   |
| merging tags (articles.tags.merge_tags)    | PUBLIC_PAGES (explicit call: bulk update)      |
| site settings (SiteSettings.save)          | PUBLIC_PAGES (explicit call), and the settings |
|                                            | cache entry is deleted                         |

Derived data that follows the same edits (stored term usage, the reference list's cited
entries, the search index) is kept by articles/derived_data.py.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from glossary.models import Term
from site_config import cache_keys

from .models import Article, ArticleReference, Figure, Reference, Section


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, **kwargs):
    cache_keys.bump(cache_keys.PUBLIC_PAGES, cache_keys.article_generation(instance.pk))


@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=ArticleReference)
def article_part_changed(sender, instance, **kwargs):
    cache_keys.bump(cache_keys.PUBLIC_PAGES, cache_keys.article_generation(instance.article_id))


@receiver([post_save, post_delete], sender=Figure)
def figure_changed(sender, instance, **kwargs):
    article_ids = Section.objects.filter(pk=instance.section_id).values_list(
        "article_id", flat=True
    )
    cache_keys.bump(
        cache_keys.PUBLIC_PAGES, *(cache_keys.article_generation(pk) for pk in article_ids)
    )


@receiver([post_save, post_delete], sender=Tag)
@receiver([post_save, post_delete], sender=TaggedItem)
def tags_changed(sender, **kwargs):
    cache_keys.bump(cache_keys.PUBLIC_PAGES)


@receiver([post_save, post_delete], sender=Reference)
def reference_changed(sender, **kwargs):
    cache_keys.bump(cache_keys.PUBLIC_PAGES, cache_keys.REFERENCES)


@receiver([post_save, post_delete], sender=Term)
@receiver(m2m_changed, sender=Term.related.through)
def term_changed(sender, **kwargs):
    cache_keys.bump(cache_keys.PUBLIC_PAGES, cache_keys.GLOSSARY)
