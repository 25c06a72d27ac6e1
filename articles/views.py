from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from taggit.models import Tag

from glossary.models import Term

from .models import Article, ArticleReference, Figure, Reference
from .page import cached_rendered_article

RELATED_ARTICLES = 3


def tag_slugs_from(request):
    """Distinct, well-formed tag slugs from ?tag=a&tag=b (anything odd is dropped)."""
    slugs = []
    for value in request.GET.getlist("tag")[:10]:
        value = value.strip().lower()
        if value and len(value) <= 100 and value not in slugs:
            slugs.append(value)
    return slugs


def filter_by_tags(queryset, slugs):
    for slug in slugs:
        queryset = queryset.filter(tags__slug=slug)
    return queryset.distinct() if slugs else queryset


def article_list(request):
    slugs = tag_slugs_from(request)
    articles = filter_by_tags(Article.objects.public(), slugs).prefetch_related("tags")
    page = Paginator(articles, settings.ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    selected_tags = list(Tag.objects.filter(slug__in=slugs)) if slugs else []
    return render(
        request,
        "articles/article_list.html",
        {
            "page_obj": page,
            "articles": page.object_list,
            "selected_tags": selected_tags,
            "tag_query": [tag.slug for tag in selected_tags],
        },
    )


def article_page_queryset(articles):
    """What the article page reads besides the sections, in as few queries as possible."""
    return articles.prefetch_related(
        "tags",
        Prefetch(
            "article_references",
            queryset=ArticleReference.objects.select_related("reference"),
        ),
    )


def article_detail(request, slug):
    article = get_object_or_404(
        article_page_queryset(Article.objects.visible_to(request.user)), slug=slug
    )
    return render_article_page(request, article, is_preview=not article.is_public)


def render_article_page(request, article, is_preview):
    """The article page; the admin's preview uses it too, so a preview is what readers see."""
    sections = list(
        article.sections.prefetch_related(
            Prefetch("figures", queryset=Figure.objects.order_by("position", "id"))
        )
    )
    rendered = cached_rendered_article(article, sections)
    references_by_id = {
        item.reference_id: item.reference for item in article.article_references.all()
    }
    missing = [pk for pk in rendered.reference_ids if pk not in references_by_id]
    if missing:
        references_by_id.update(Reference.objects.in_bulk(missing))
    references = [
        (references_by_id[pk], rendered.citations.get(pk, []))
        for pk in rendered.reference_ids
        if pk in references_by_id
    ]
    for section in sections:
        section.rendered = rendered.sections.get(section.id)
    levels = []
    for section in sections:
        if not levels or levels[-1]["level"] != section.level:
            levels.append(
                {"level": section.level, "label": section.get_level_display(), "sections": []}
            )
        levels[-1]["sections"].append(section)
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "sections": sections,
            "levels": levels,
            "references": references,
            "rendered": rendered,
            "related_articles": related_articles(article),
            "is_preview": is_preview,
        },
    )
    if is_preview:
        # Only staff see previews: no shared cache may keep one, no search engine index it.
        patch_cache_control(response, private=True, no_store=True)
        response.headers["X-Robots-Tag"] = "noindex"
    return response


def related_articles(article, limit=RELATED_ARTICLES):
    """Public articles sharing the most tags with this one."""
    tag_ids = [tag.id for tag in article.tags.all()]
    if not tag_ids:
        return []
    return list(
        Article.objects.public()
        .exclude(pk=article.pk)
        .filter(tags__in=tag_ids)
        .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids)))
        .order_by("-shared", "-publish_at", "-created_at")[:limit]
    )


def reference_list(request):
    slugs = tag_slugs_from(request)
    references = filter_by_tags(Reference.objects.all(), slugs).prefetch_related(
        Prefetch(
            "articles",
            queryset=Article.objects.public().only("title", "slug").order_by("title"),
            to_attr="public_articles",
        ),
        "tags",
    )
    selected_tags = list(Tag.objects.filter(slug__in=slugs)) if slugs else []
    return render(
        request,
        "articles/reference_list.html",
        {"references": references, "selected_tags": selected_tags},
    )


def public_tag_counts():
    """Tags with how many public articles, published terms and references carry each."""
    types = ContentType.objects.get_for_models(Article, Term, Reference)
    items = "taggit_taggeditem_items"

    def count_of(model, visible):
        condition = Q(**{f"{items}__content_type": types[model]})
        if visible is not None:
            condition &= Q(**{f"{items}__object_id__in": visible.values("pk")})
        return Count(items, filter=condition)

    return list(
        Tag.objects.annotate(
            article_count=count_of(Article, Article.objects.public()),
            term_count=count_of(Term, Term.objects.public()),
            reference_count=count_of(Reference, None),
        )
        .annotate(total=F("article_count") + F("term_count") + F("reference_count"))
        .filter(total__gt=0)
        .order_by("name")
    )


def tag_index(request):
    return render(request, "articles/tag_index.html", {"tags": public_tag_counts()})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.public().filter(tags=tag).distinct().prefetch_related("tags")
    page = Paginator(articles, settings.ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    terms = list(Term.objects.public().filter(tags=tag).distinct())
    references = list(Reference.objects.filter(tags=tag).distinct())
    if not (page.paginator.count or terms or references):
        # A tag only drafts carry would reveal an unpublished topic.
        raise Http404("No public content has this tag.")
    return render(
        request,
        "articles/tag_detail.html",
        {
            "tag": tag,
            "page_obj": page,
            "articles": page.object_list,
            "terms": terms,
            "references": references,
        },
    )
