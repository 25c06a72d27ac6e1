"""Everything the article page shows, rendered once and cached.

Rendering an article: each section's body and take-away (Markdown with citations) and
its figure captions become safe HTML; citations (in bodies and take-aways) are numbered
across the whole article in reading order, section after section; then the first mention
of each glossary term is linked in reading order (body, figure captions, take-away). The
reference list is the cited references in citation-number order, then those attached but
never cited.

The cache key carries the article's own generation and the glossary and reference
generations, so an edit to the article, its sections, figures, references or any
glossary term shows at once on every app server (see site_config.caching).
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch

from glossary.linking import GlossaryLinker, get_glossary_index
from site_config import caching
from site_config.markdown import render_markdown, unmark_citations

from .citations import CitationNumbering, citations_in_html, keys_in_order
from .models import Article, ArticleReference, Figure, Reference

RENDERED_ARTICLE_TIMEOUT = 24 * 3600
MARKDOWN_CACHE_TIMEOUT = 24 * 3600
# Change when the Markdown or sanitising rules change, so no cached HTML outlives them.
MARKDOWN_CACHE_VERSION = 2  # 2: cmark-gfm instead of Python-Markdown; table captions


@dataclass
class RenderedSection:
    id: int
    body_html: str
    takeaway_html: str
    caption_html: dict = field(default_factory=dict)  # figure id -> caption HTML


@dataclass
class RenderedArticle:
    sections: dict  # section id -> RenderedSection
    reference_ids: list  # in the order of the article's reference list
    citations: dict = field(default_factory=dict)  # reference id -> list of citation anchors
    term_ids: set = field(default_factory=set)
    disclaimer_html: str = ""


def reference_ids_by_key(article, keys):
    """Ids of the references with these keys: attached ones from the (prefetched) list,
    one query for any others."""
    found = {
        item.reference.key: item.reference_id
        for item in article.article_references.all()
        if item.reference.key in keys
    }
    missing = [key for key in keys if key not in found]
    if missing:
        found.update(Reference.objects.filter(key__in=missing).values_list("key", "id"))
    return found


def render_markdown_parts(parts):
    """HTML for each (Markdown text, with citation markers?) pair, in order.

    Rendered Markdown is cached by the text itself, so when one section changes only that
    section goes through Markdown again, and a glossary or reference change (which only
    re-links and re-numbers) costs no Markdown at all.
    """
    keys = [_markdown_key(text, marked) for text, marked in parts]
    found = cache.get_many(set(keys))
    missing = {}
    html = []
    for key, (text, marked) in zip(keys, parts, strict=True):
        if key not in found:
            found[key] = missing[key] = render_markdown(text, mark_citations=marked)
        html.append(found[key])
    if missing:
        cache.set_many(missing, MARKDOWN_CACHE_TIMEOUT)
    return html


def _markdown_key(text, marked):
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"markdown:{MARKDOWN_CACHE_VERSION}:{int(marked)}:{digest}"


def render_article(article, sections):
    """Render an article's sections (with their figures prefetched) to safe HTML."""
    parts = []
    for section in sections:
        parts.append((section.body, True))
        parts.append((section.takeaway, True))
        parts.extend((figure.caption, False) for figure in section.figures.all())
    parts.append((article.disclaimer_note, False))
    html_parts = iter(render_markdown_parts(parts))
    rendered = {}
    for section in sections:
        body_html, takeaway_html = next(html_parts), next(html_parts)
        rendered[section.id] = RenderedSection(
            id=section.id,
            body_html=body_html,
            takeaway_html=takeaway_html if section.takeaway else "",
            caption_html={figure.id: next(html_parts) for figure in section.figures.all()},
        )
    disclaimer_html = next(html_parts)

    keys = keys_in_order(
        citation
        for part in rendered.values()
        for html in (part.body_html, part.takeaway_html)
        for citation in citations_in_html(html)
    )
    numbering = CitationNumbering(reference_ids_by_key(article, keys) if keys else {})
    linker = GlossaryLinker(get_glossary_index())
    for part in rendered.values():  # sections in reading order
        part.body_html = linker.link(unmark_citations(numbering.render(part.body_html)))
        part.caption_html = {
            figure_id: linker.link(caption) for figure_id, caption in part.caption_html.items()
        }
        part.takeaway_html = linker.link(unmark_citations(numbering.render(part.takeaway_html)))

    cited = numbering.cited_reference_ids
    uncited = [
        item.reference_id
        for item in article.article_references.all()
        if item.reference_id not in numbering.anchors
    ]
    return RenderedArticle(
        sections=rendered,
        reference_ids=cited + uncited,
        citations=numbering.anchors,
        term_ids=set(linker.linked_term_ids),
        disclaimer_html=disclaimer_html,
    )


def rendered_article_version(article):
    """Changes whenever anything the rendered article shows changes: the article, its
    sections, figures and reference list, any reference, any glossary term, the rendering
    rules."""
    from .signals import article_generation

    generations = caching.get_generations(
        article_generation(article.pk), caching.GLOSSARY, caching.REFERENCES
    )
    return "{}:{}:{}:{}".format(
        MARKDOWN_CACHE_VERSION,
        article.pk,
        article.updated_at.timestamp(),
        ":".join(map(str, generations)),
    )


def cached_rendered_article(article, sections):
    key = f"rendered-article:{rendered_article_version(article)}"
    rendered = cache.get(key)
    if rendered is None:
        rendered = render_article(article, sections)
        cache.set(key, rendered, RENDERED_ARTICLE_TIMEOUT)
    return rendered


def store_article_terms(article_id):
    """Record which glossary terms the article links, so term pages can list it without
    scanning articles. Uses the same rendering as the page."""
    article = (
        Article.objects.prefetch_related(
            Prefetch(
                "article_references",
                queryset=ArticleReference.objects.select_related("reference"),
            )
        )
        .filter(pk=article_id)
        .first()
    )
    if article is None:
        return set()
    sections = list(
        article.sections.prefetch_related(
            Prefetch("figures", queryset=Figure.objects.order_by("position", "id"))
        )
    )
    term_ids = render_article(article, sections).term_ids
    article.terms.set(term_ids)
    return term_ids
