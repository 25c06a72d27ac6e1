from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from taggit.models import Tag

from glossary.models import Term
from site_config.models import SiteSettings
from site_config.page_cache import cached_public_fragment
from site_config.ratelimit import rate_limit_search
from site_config.tagging import tag_slug

from .models import Article, ArticleReference, Reference, SearchEntry
from .reading_levels import reading_levels
from .rendered_article import article_reference_list, cached_article_body
from .search import (
    KIND_LABELS,
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    parse_query,
    run_search,
    search_suggestions,
)
from .tags import co_occurring_tags, filter_by_tags, public_tag_counts, public_tags

HOME_ARTICLES = 6
HOME_TOPICS = 24
RELATED_ARTICLES = 3
TAG_PAGE_TERMS = 30
TAG_PAGE_REFERENCES = 20


MAX_TAG_FILTERS = 10


def tag_slugs_from(request):
    """Distinct tag slugs from ?tag=a&tag=b, written as taggit writes slugs ("Ménopause" is
    "menopause"); anything odd is dropped."""
    values = request.GET.getlist("tag")
    if len(values) > MAX_TAG_FILTERS:
        # Never answer a narrower question than was asked by dropping some of the tags.
        raise Http404("Too many topics in one filter.")
    slugs = []
    for value in values:
        value = tag_slug(value[:100])
        if value and value not in slugs:
            slugs.append(value)
    return slugs


def home(request):
    """The newest articles, the most used topics, and the way into the glossary.

    Everything below the title depends on public content only, so it is rendered once per
    content generation and kept as a public fragment: with the page cache off (or on a
    page-cache miss for an address with a query string) the page costs its frame only."""
    lists = cached_public_fragment("home-lists", render_home_lists)
    return render(request, "articles/home.html", {"lists": mark_safe(lists)})


def render_home_lists():
    tags = sorted(public_tag_counts(), key=lambda tag: (-tag.total, tag.name))[:HOME_TOPICS]
    return render_to_string(
        "articles/includes/home_lists.html",
        {
            "articles": Article.objects.public().prefetch_related("tags")[:HOME_ARTICLES],
            "tags": tags,
            "term_count": Term.objects.public().count(),
        },
    )


def about(request):
    """What the site is, and what its four reading levels mean, with their targets."""
    return render(
        request,
        "articles/about.html",
        {"reading_levels": reading_levels(SiteSettings.load().reading_targets())},
    )


def public_tags_named(slugs):
    """The public tags with these slugs, in the order asked; 404 if any is not one: a topic
    that does not exist, or that only drafts carry (whose name must not leak), is no filter
    a reader can use, and a list narrowed by it would claim a topic it did not apply."""
    if not slugs:
        return []
    tags = {tag.slug: tag for tag in public_tags().filter(slug__in=slugs)}
    if len(tags) < len(slugs):
        raise Http404("No such topic.")
    return [tags[slug] for slug in slugs]


def article_list(request):
    slugs = tag_slugs_from(request)
    selected_tags = public_tags_named(slugs)
    articles = filter_by_tags(Article.objects.public(), slugs).prefetch_related("tags")
    page = Paginator(articles, settings.ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "articles/article_list.html",
        {
            "page_obj": page,
            "articles": page.object_list,
            "selected_tags": selected_tags,
            "tag_query": [tag.slug for tag in selected_tags],
            "narrower_tags": co_occurring_tags(slugs) if slugs else [],
        },
    )


# What the article page reads besides the sections, in as few queries as possible.
ARTICLE_PAGE_PREFETCH = (
    "tags",
    Prefetch("article_references", queryset=ArticleReference.objects.select_related("reference")),
)


def article_page_queryset(articles):
    return articles.prefetch_related(*ARTICLE_PAGE_PREFETCH)


def article_detail(request, slug):
    """An article; readers get its content from a public fragment.

    What the page shows below the site's frame depends only on public content (the article,
    its rendering, its topics and references, the related articles), so for readers it is
    rendered once per content generation, like a whole page in the page cache, and kept even
    with the page cache off or missed (an address with a query string, say): a request then
    costs one query for the article and the frame. Previews are rendered every time.
    """
    article = get_object_or_404(Article.objects.visible_to(request.user), slug=slug)
    if not article.is_public:
        prefetch_related_objects([article], *ARTICLE_PAGE_PREFETCH)
        return render_article_page(request, article, is_preview=True)
    # Its JSON-LD holds absolute addresses: one fragment per scheme and (allowed) host.
    name = f"article-page:{article.pk}:{request.scheme}:{request.get_host()}"
    parts = cached_public_fragment(name, lambda: render_article_parts(request, article))
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "parts": {key: mark_safe(parts[key]) for key in ("head_meta", "content")},
            "is_preview": False,
            "share_image": parts["share_image"],
        },
    )


def render_article_parts(request, article):
    """The article's head metadata and content as HTML, for the public fragment.

    Rendered without the request's context processors, so nothing about the reader who
    happened to ask first (a signed-in editor, say) can enter what every reader is sent; the
    head's JSON-LD gets only the address it needs (the fragment is kept per host)."""
    prefetch_related_objects([article], *ARTICLE_PAGE_PREFETCH)
    context = article_page_context(article, is_preview=False)
    head_context = {**context, "request": request, "site_settings": SiteSettings.load()}
    return {
        "head_meta": render_to_string("articles/includes/article_head_meta.html", head_context),
        "content": render_to_string("articles/includes/article_content.html", context),
        "share_image": context["share_image"],
    }


def article_page_context(article, is_preview, body=None):
    body = body or cached_article_body(article)
    return {
        "article": article,
        "body": body,
        "references": article_reference_list(article, body["reference_ids"]),
        "related_articles": related_articles(article),
        "reading_levels": reading_levels(SiteSettings.load().reading_targets()),
        "is_preview": is_preview,
        # The first figure: the article's image in link previews and JSON-LD.
        "share_image": body.get("share_image"),
    }


def render_article_page(request, article, is_preview, body=None):
    """The article page rendered whole; the admin's preview uses it too, so a preview is what
    readers see. `body`: the body HTML already rendered (a preview of unsaved text)."""
    response = render(
        request, "articles/article_detail.html", article_page_context(article, is_preview, body)
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
        "retractions",
    )
    selected_tags = public_tags_named(slugs)
    return render(
        request,
        "articles/reference_list.html",
        {"references": references, "selected_tags": selected_tags},
    )


def tag_index(request):
    return render(request, "articles/tag_index.html", {"tags": public_tag_counts()})


def tag_detail(request, slug):
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        tag = get_object_or_404(Tag.objects.order_by("pk"), slug__iexact=slug)
        return redirect("tags:detail", slug=tag.slug, permanent=True)
    articles = Article.objects.public().filter(tags=tag).prefetch_related("tags")
    page = Paginator(articles, settings.ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    terms = Paginator(
        Term.objects.public().filter(tags=tag).only("name", "slug", "short_definition"),
        TAG_PAGE_TERMS,
    ).get_page(request.GET.get("terms_page"))
    references = Paginator(
        Reference.objects.filter(tags=tag).prefetch_related("retractions"), TAG_PAGE_REFERENCES
    ).get_page(request.GET.get("references_page"))
    if not (page.paginator.count or terms.paginator.count or references.paginator.count):
        # A tag only drafts carry would reveal an unpublished topic.
        raise Http404("No public content has this tag.")
    return render(
        request,
        "articles/tag_detail.html",
        {
            "tag": tag,
            "page_obj": page,
            "articles": page.object_list,
            "terms_page": terms,
            "terms": terms.object_list,
            "references_page": references,
            "references": references.object_list,
            "narrower_tags": co_occurring_tags([tag.slug]) if page.paginator.count else [],
        },
    )


@rate_limit_search
def search(request):
    query = parse_query(request.GET.get("q", ""))
    kind = request.GET.get("kind")
    if kind not in SearchEntry.Kind.values:
        kind = None
    tag_slugs = tag_slugs_from(request)
    groups, counts = run_search(query, tag_slugs, kind, request.GET.get("page"))
    # Search narrows by public topics only; an unknown one simply matches nothing.
    selected_tags = list(public_tags().filter(slug__in=tag_slugs)) if tag_slugs else []
    total = sum(counts.values())

    def link(kind=None, tags=tag_slugs, page=None):
        params = [("q", query.text), *(("tag", slug) for slug in tags)]
        params += [("kind", kind)] if kind else []
        params += [("page", page)] if page and page > 1 else []
        return "?" + urlencode(params)

    for group in groups:
        group.more_url = link(group.kind)
    page_obj = groups[0].page_obj if kind and groups else None
    context = {
        "query": query,
        "kind": kind,
        "kind_label": KIND_LABELS.get(kind, ""),
        "groups": groups,
        "total": total,
        "page_obj": page_obj,
        "max_query_length": MAX_QUERY_LENGTH,
        "kind_links": [
            {"kind": None, "label": "All results", "count": total, "url": link()},
            *(
                {"kind": value, "label": label, "count": counts.get(value, 0), "url": link(value)}
                for value, label in KIND_LABELS.items()
            ),
        ],
        "max_terms": MAX_TERMS,
        "selected_tags": [
            {"tag": tag, "remove_url": link(kind, [s for s in tag_slugs if s != tag.slug])}
            for tag in selected_tags
        ],
        "narrower_tags": [
            {"tag": tag, "url": link(kind, [*tag_slugs, tag.slug])}
            for tag in result_tags(groups, exclude=tag_slugs)
        ],
    }
    if page_obj:
        context["previous_url"] = (
            link(kind, page=page_obj.previous_page_number()) if page_obj.has_previous() else ""
        )
        context["next_url"] = (
            link(kind, page=page_obj.next_page_number()) if page_obj.has_next() else ""
        )
    if query.text and not total:
        context["suggested_terms"], context["suggested_tags"] = search_suggestions(query)
    return render(request, "articles/search.html", context)


def result_tags(groups, exclude, limit=10):
    """The tags most common among the results shown, to narrow the search by."""
    counts = {}
    for group in groups:
        for result in group.results:
            for slug in result.tag_slugs:
                if slug not in exclude:
                    counts[slug] = counts.get(slug, 0) + 1
    slugs = sorted(counts, key=lambda slug: (-counts[slug], slug))[:limit]
    tags = Tag.objects.in_bulk(slugs, field_name="slug") if slugs else {}
    return [tags[slug] for slug in slugs if slug in tags]
