"""Everything the article page shows, rendered once and cached.

Rendering an article: each section's body and take-away (Markdown with citations) and
its figure captions become safe HTML; citations (in bodies, captions and take-aways) are numbered
across the whole article in reading order, section after section; then the first mention
of each glossary term is linked in reading order (body, figure captions, take-away). The
reference list is the cited references in citation-number order, then those attached but
never cited.

The cache key carries the article's own generation and the glossary and reference
generations, so an edit to the article, its sections, figures, references or any
glossary term shows at once on every app server (site_config/cache_keys.py lists every
cache; articles/invalidation.py says which edit bumps which generation).
"""

import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from glossary.linking import GlossaryLinker, get_glossary_index
from site_config import cache_keys
from site_config.markdown import render_markdown, transform_text_nodes, unmark_citations

from .citations import CitationNumbering, citations_in_html, keys_in_order
from .models import Figure, Reference
from .section_checks import CITATION_NEEDED_RE

SPACED_CITATION_NEEDED_RE = re.compile(r"[ \t]*" + CITATION_NEEDED_RE.pattern, re.IGNORECASE)

RENDERED_ARTICLE_TIMEOUT = 24 * 3600
MARKDOWN_CACHE_TIMEOUT = 24 * 3600


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
    keys = [cache_keys.markdown_key(text, marked) for text, marked in parts]
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


def mark_citation_needed(html_text, for_readers):
    """`[citation needed]`: shown highlighted in previews, never to readers (publishing is
    refused while one is left: articles/publication_checks.py; this covers any other way a
    text reaches them)."""
    if "citation" not in html_text.lower():
        return html_text

    def replace(text):
        if for_readers:
            return SPACED_CITATION_NEEDED_RE.sub("", text)
        return CITATION_NEEDED_RE.sub(
            '<mark class="citation-needed">[citation needed]</mark>', text
        )

    return transform_text_nodes(html_text, replace)


def render_article(article, sections, for_readers=True):
    """Render an article's sections (with their figures prefetched) to safe HTML. Previews
    (`for_readers` false) show editors' [citation needed] marks."""
    parts = []
    for section in sections:
        parts.append((section.body, True))
        parts.append((section.takeaway, True))
        parts.extend((figure.caption, True) for figure in section.figures.all())
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
        for html in (part.body_html, *part.caption_html.values(), part.takeaway_html)
        for citation in citations_in_html(html)
    )
    numbering = CitationNumbering(reference_ids_by_key(article, keys) if keys else {})
    linker = GlossaryLinker(get_glossary_index())
    for part in rendered.values():  # sections in reading order
        body_html = unmark_citations(numbering.render(part.body_html))
        part.body_html = linker.link(mark_citation_needed(body_html, for_readers))
        part.caption_html = {
            figure_id: linker.link(unmark_citations(numbering.render(caption)))
            for figure_id, caption in part.caption_html.items()
        }
        takeaway_html = unmark_citations(numbering.render(part.takeaway_html))
        part.takeaway_html = linker.link(mark_citation_needed(takeaway_html, for_readers))

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
    sections, figures and reference list, any reference, the Markdown rules, and a glossary
    term it links or mentions (a term edit bumps those articles' own generations:
    articles/invalidation.py)."""
    generations = cache_keys.get_generations(
        cache_keys.article_generation(article.pk), cache_keys.REFERENCES
    )
    # Whether readers see it: previews show [citation needed], readers never do.
    return "{}:{}:{}:{}:{}".format(
        cache_keys.MARKDOWN_FORMAT,
        article.pk,
        article.updated_at.timestamp(),
        ":".join(map(str, generations)),
        "public" if article.is_public else "preview",
    )


def cached_rendered_article(article, sections):
    key = cache_keys.rendered_article_key(rendered_article_version(article))
    rendered = cache.get(key)
    if rendered is None:
        rendered = render_article(article, sections, for_readers=article.is_public)
        cache.set(key, rendered, RENDERED_ARTICLE_TIMEOUT)
    return rendered


def cached_article_body(article):
    """The table of contents, the sections and the reference list, as HTML.

    They are most of the page and of its rendering time, and change only with the rendered
    article, so they are cached under its version: after an edit elsewhere on the site (which
    empties the page cache) the page costs the rest of the page only.
    """
    key = cache_keys.article_body_key(rendered_article_version(article))
    body = cache.get(key)
    if body is None:
        body = render_article_body(article)
        del body["rendered"]
        cache.set(key, body, RENDERED_ARTICLE_TIMEOUT)
    return safe_body(body)


def safe_body(body):
    # Our own templates' output, stored as plain text by the cache.
    return {**body, **{part: mark_safe(body[part]) for part in ("toc", "sections", "references")}}


def render_article_body(article, sections=None):
    """The body HTML. With `sections` (unsaved ones, for the admin's preview of what an editor
    typed) they are rendered as given and nothing is cached."""
    if sections is None:
        sections = list(
            article.sections.prefetch_related(
                Prefetch("figures", queryset=Figure.objects.order_by("position", "id"))
            )
        )
        rendered = cached_rendered_article(article, sections)
    else:
        rendered = render_article(article, sections, for_readers=False)
    first_figure = next((f for section in sections for f in section.figures.all()), None)
    if first_figure is not None:
        first_figure.is_first = True  # likely on the first screen: not lazy-loaded
    for section in sections:
        section.rendered = rendered.sections.get(section.id)
    levels = []
    for section in sections:
        if not levels or levels[-1]["level"] != section.level:
            levels.append(
                {"level": section.level, "label": section.get_level_display(), "sections": []}
            )
        levels[-1]["sections"].append(section)
    references = article_reference_list(article, rendered.reference_ids, rendered.citations)
    # Retraction notices beside the references: one query, on rendering only.
    prefetch_related_objects([reference for reference, _ in references], "retractions")
    context = {
        "article": article,
        "sections": sections,
        "levels": levels,
        "references": references,
        "rendered": rendered,
    }
    return {
        "rendered": rendered,
        "toc": render_to_string("articles/includes/article_toc.html", context),
        "sections": render_to_string("articles/includes/article_sections.html", context),
        "references": render_to_string("articles/includes/article_references.html", context),
        "reference_ids": rendered.reference_ids,
        "share_image": first_figure_image(sections),
    }


def first_figure_image(sections):
    """The article's first figure, as link previews show it (None without figures)."""
    for section in sections:
        for figure in section.figures.all():
            if figure.image:
                return {
                    "url": figure.image.url,
                    "width": figure.width,
                    "height": figure.height,
                    "alt": figure.alt_text,
                }
    return None


def article_reference_list(article, reference_ids, citations=None):
    """(reference, citation anchors) pairs in the order of the article's reference list."""
    references_by_id = {
        item.reference_id: item.reference for item in article.article_references.all()
    }
    missing = [pk for pk in reference_ids if pk not in references_by_id]
    if missing:
        references_by_id.update(Reference.objects.in_bulk(missing))
    citations = citations or {}
    return [
        (references_by_id[pk], citations.get(pk, []))
        for pk in reference_ids
        if pk in references_by_id
    ]


def preview_section(heading, body, takeaway="", level=""):
    """One section as readers will see it, for the editor's live preview: rendered by
    `render_article` and the article page's own template, on its own (citations numbered
    within the section, no figures). With the glossary terms it links and what is wrong
    with its citations, in plain sentences."""
    from types import SimpleNamespace

    from .citations import citation_errors
    from .models import Section

    nothing = SimpleNamespace(all=list)
    levels = dict(Section.Level.choices)
    level = level if level in levels else Section.Level.FUNDAMENTALS
    section = SimpleNamespace(
        id=0,
        anchor="section-preview",
        heading=heading,
        level=level,
        get_level_display=levels[level],
        body=body,
        takeaway=takeaway,
        figures=nothing,
    )
    article = SimpleNamespace(disclaimer_note="", article_references=nothing)
    rendered = render_article(article, [section])
    section.rendered = rendered.sections[0]
    html = render_to_string(
        "articles/includes/article_sections.html",
        {"sections": [section], "rendered": SimpleNamespace(disclaimer_html="")},
    )
    problems = [*citation_errors(heading, body), *citation_errors(heading, takeaway)]
    return {"html": html, "term_ids": sorted(rendered.term_ids), "problems": problems}
