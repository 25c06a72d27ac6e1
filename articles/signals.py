"""Invalidate cached renderings when content changes (see site_config.caching)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from glossary.models import Term
from site_config import caching

from .models import Article, ArticleReference, Figure, Reference, Section


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
