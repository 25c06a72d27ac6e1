"""Tags seen from the public side (counts of public items only) and from the editors' side
(where a tag is used, merging tags).

Tags are taggit's; a tag's slug is its identity (see site_config.tagging).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from taggit.models import Tag, TaggedItem

from glossary.models import Term
from site_config import cache_keys
from site_config.page_cache import cached_public_fragment

from .jobs import reindex_tagged_later
from .models import Article, Reference

ITEMS = "taggit_taggeditem_items"


def carried_by_public_items():
    """A condition on tags: some public article, published term or reference carries it."""
    types = ContentType.objects.get_for_models(Article, Term, Reference)

    def tagged(model, visible):
        items = TaggedItem.objects.filter(tag=OuterRef("pk"), content_type=types[model])
        if visible is not None:
            items = items.filter(object_id__in=visible.values("pk"))
        return Exists(items)

    return (
        tagged(Article, Article.objects.public())
        | tagged(Term, Term.objects.public())
        | tagged(Reference, None)
    )


def public_tags():
    """Tags that some public article, published term or reference carries."""
    return Tag.objects.filter(carried_by_public_items())


def public_tag_counts():
    """Every public tag, by name, with how many public articles, published terms and
    references carry it (article_count, term_count, reference_count, total).

    The home page and the topics page show it; counting is most of their cost, so it is
    kept as a public fragment (site_config.page_cache.cached_public_fragment)."""
    return cached_public_fragment("public-tag-counts", count_public_tags)


def count_public_tags():
    types = ContentType.objects.get_for_models(Article, Term, Reference)

    def count_of(model, visible):
        condition = Q(**{f"{ITEMS}__content_type": types[model]})
        if visible is not None:
            condition &= Q(**{f"{ITEMS}__object_id__in": visible.values("pk")})
        return Count(ITEMS, filter=condition)

    tags = list(
        public_tags()
        .annotate(
            article_count=count_of(Article, Article.objects.public()),
            term_count=count_of(Term, Term.objects.public()),
            reference_count=count_of(Reference, None),
        )
        .order_by("name")
    )
    for tag in tags:
        tag.total = tag.article_count + tag.term_count + tag.reference_count
    return tags


def recent_topics(limit=8):
    """Tags of the newest public articles (a public fragment)."""
    return cached_public_fragment(f"recent-topics:{limit}", lambda: newest_topics(limit))


def newest_topics(limit):
    newest = Article.objects.public().order_by("-publish_at", "-created_at").values("pk")[:20]
    return list(
        Tag.objects.filter(
            **{
                f"{ITEMS}__content_type": ContentType.objects.get_for_model(Article),
                f"{ITEMS}__object_id__in": newest,
            }
        )
        .distinct()
        .order_by("name")[:limit]
    )


def filter_by_tags(queryset, slugs):
    """Items carrying every one of these tags."""
    for slug in slugs:
        queryset = queryset.filter(tags__slug=slug)
    return queryset.distinct() if slugs else queryset


def co_occurring_tags(slugs, limit=12):
    """Tags that narrow the public articles carrying all of `slugs`, with how many articles
    each would leave (article_count), most first. Kept as a public fragment per list of
    slugs (tag pages and the filtered article list show it)."""
    name = "co-occurring-tags:{}:{}".format(limit, " ".join(sorted(set(slugs))))
    return cached_public_fragment(name, lambda: count_co_occurring_tags(slugs, limit))


def count_co_occurring_tags(slugs, limit):
    articles = filter_by_tags(Article.objects.public(), slugs).values("pk")
    return list(
        Tag.objects.filter(
            **{
                f"{ITEMS}__content_type": ContentType.objects.get_for_model(Article),
                f"{ITEMS}__object_id__in": articles,
            }
        )
        .exclude(slug__in=slugs)
        .annotate(article_count=Count(ITEMS))
        .order_by("-article_count", "name")[:limit]
    )


def tag_usage(tag, limit=50):
    """{"articles": [...], "terms": [...], "references": [...]}: the first `limit` of each
    carrying the tag, drafts and unpublished terms included (for editors)."""
    return {
        "articles": list(
            Article.objects.articles()
            .filter(tags=tag)
            .only("title", "status", "publish_at", "unpublish_at", "first_published_at")[:limit]
        ),
        "terms": list(Term.objects.filter(tags=tag).only("name", "is_published")[:limit]),
        "references": list(Reference.objects.filter(tags=tag).only("key", "title")[:limit]),
    }


def merge_tags(target, others):
    """Move everything tagged with any of `others` to `target`, then delete `others`.

    An item that already carries `target` keeps a single copy of it. Returns how many tagged
    items were moved.
    """
    others = [tag for tag in others if tag.pk != target.pk]
    if not others:
        return 0
    with transaction.atomic():
        items = TaggedItem.objects.filter(tag__in=others)
        affected = set(items.values_list("content_type_id", "object_id"))
        already_tagged = set(
            TaggedItem.objects.filter(tag=target).values_list("content_type_id", "object_id")
        )
        moved = 0
        for item in items.order_by("pk"):
            key = (item.content_type_id, item.object_id)
            if key in already_tagged:
                item.delete()
            else:
                TaggedItem.objects.filter(pk=item.pk).update(tag=target)
                already_tagged.add(key)
                moved += 1
        Tag.objects.filter(pk__in=[tag.pk for tag in others]).delete()
        # Tag pages read the moved rows at once; the search entries follow in the background.
        reindex_tagged_later(affected, f"Re-index {len(affected):,} items tagged “{target.name}”")
        cache_keys.bump(cache_keys.PUBLIC_PAGES)
    return moved
