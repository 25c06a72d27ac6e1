"""Which glossary terms each article links (`Article.terms`), kept current.

Term pages list their articles from this stored index instead of scanning articles. It
is refreshed by re-rendering an article (`store_article_terms`) whenever
something that decides its links changes: its sections or figure captions, or the name,
aliases, capitalisation rule or publication of a term. For a term change only the
articles that could be affected are re-rendered: those that link the term now, and those
whose text mentions one of its names; that runs as a background job (articles/jobs.py).
"""

from django.db.models import Prefetch, Q

from glossary.linking import WORD_RE

from .models import Article, ArticleReference, Figure, Section
from .rendered_article import render_article

LINKING_FIELDS = ("name", "aliases", "case_sensitive", "is_published")


def linking_state(term):
    return tuple(getattr(term, name) for name in LINKING_FIELDS)


def article_ids_mentioning(names):
    """Ids of articles whose section text or figure captions may mention one of the names.

    A superset: each name is searched by its longest word, case-insensitively, so names
    split across lines or by emphasis are still found; rendering decides the rest.
    """
    words = {max(WORD_RE.findall(name), key=len) for name in names if WORD_RE.search(name)}
    if not words:
        return set()
    in_sections = Q()
    in_captions = Q()
    for word in words:
        in_sections |= Q(body__icontains=word) | Q(takeaway__icontains=word)
        in_captions |= Q(caption__icontains=word)
    return set(Section.objects.filter(in_sections).values_list("article_id", flat=True)) | set(
        Figure.objects.filter(in_captions).values_list("section__article_id", flat=True)
    )


def article_ids_for_term(term, linked_article_ids=None):
    """The articles a changed term could affect: those that link it (or did, for a deleted
    term: `linked_article_ids`), and, while it is published, those mentioning its names."""
    article_ids = set(
        term.articles.values_list("id", flat=True)
        if linked_article_ids is None
        else linked_article_ids
    )
    if term.pk is not None and term.is_published:
        article_ids |= article_ids_mentioning([term.name, *term.alias_list])
    return article_ids


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
    set_article_terms(article.pk, term_ids)
    return term_ids


def store_terms_for_articles(article_ids):
    """`store_article_terms` for many articles at once (a background job's batch): the same
    rendering, with a handful of queries per batch instead of several per article."""
    articles = Article.objects.filter(pk__in=article_ids).prefetch_related(
        Prefetch(
            "article_references",
            queryset=ArticleReference.objects.select_related("reference"),
        ),
        Prefetch(
            "sections",
            queryset=Section.objects.prefetch_related(
                Prefetch("figures", queryset=Figure.objects.order_by("position", "id"))
            ),
        ),
    )
    terms = {
        article.pk: render_article(article, list(article.sections.all())).term_ids
        for article in articles
    }
    links = Article.terms.through.objects
    stored = {}
    for article_id, term_id in links.filter(article_id__in=terms).values_list(
        "article_id", "term_id"
    ):
        stored.setdefault(article_id, set()).add(term_id)
    stale = Q()
    added = []
    for article_id, term_ids in terms.items():
        before = stored.get(article_id, set())
        if before - term_ids:
            stale |= Q(article_id=article_id, term_id__in=before - term_ids)
        added.extend(
            links.model(article_id=article_id, term_id=term_id) for term_id in term_ids - before
        )
    if stale:
        links.filter(stale).delete()
    links.bulk_create(added)
    return terms


def set_article_terms(article_id, term_ids):
    """Store the article's terms through the link table itself: derived data, written without
    the many-to-many signal, so a glossary edit never records a revision of the article."""
    links = Article.terms.through.objects
    stored = set(links.filter(article_id=article_id).values_list("term_id", flat=True))
    links.filter(article_id=article_id, term_id__in=stored - set(term_ids)).delete()
    links.bulk_create(
        links.model(article_id=article_id, term_id=term_id) for term_id in set(term_ids) - stored
    )
