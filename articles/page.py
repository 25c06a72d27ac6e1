"""Everything the article page shows, rendered once and cached.

The cache key carries the article's own generation and the glossary and reference
generations, so an edit to the article, its sections, figures, references or any
glossary term shows at once on every app server (see site_config.caching).
"""

from dataclasses import dataclass, field

from django.core.cache import cache

from site_config import caching

from .rendering import render_markdown


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


def render_article(article, sections):
    """Render an article's sections (with their figures prefetched) to safe HTML."""
    rendered = {}
    for section in sections:
        rendered[section.id] = RenderedSection(
            id=section.id,
            body_html=render_markdown(section.body),
            takeaway_html=render_markdown(section.takeaway) if section.takeaway else "",
            caption_html={
                figure.id: render_markdown(figure.caption) for figure in section.figures.all()
            },
        )
    reference_ids = [item.reference_id for item in article.article_references.all()]
    return RenderedArticle(
        sections=rendered,
        reference_ids=reference_ids,
        disclaimer_html=render_markdown(article.disclaimer_note),
    )


def cached_rendered_article(article, sections):
    from .signals import article_generation

    generations = caching.get_generations(
        article_generation(article.pk), caching.GLOSSARY, caching.REFERENCES
    )
    key = "rendered-article:{}:{}:{}".format(
        article.pk, article.updated_at.timestamp(), ":".join(map(str, generations))
    )
    rendered = cache.get(key)
    if rendered is None:
        rendered = render_article(article, sections)
        cache.set(key, rendered, 24 * 3600)
    return rendered
