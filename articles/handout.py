"""The patient handout: an article laid out for paper (or a PDF), at
/articles/<slug>/print/ (`articles:print`), optionally one reading level (?level=academic).

What the screen shows in popovers and links is written out, because paper cannot hover:
each glossary term the printed text uses goes in a "Words used" list with its definition,
citations keep their numbers with the full reference list, each figure prints its caption
and its alt text, and the disclaimer, the review dates and the page's address are printed.
Only public articles have a handout (drafts and scheduled ones are 404).
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from glossary.models import Term

from .models import Article, Figure, Section
from .rendered_article import article_reference_list, render_article
from .views import article_page_queryset


def article_print(request, slug):
    article = get_object_or_404(article_page_queryset(Article.objects.public()), slug=slug)
    sections = list(
        article.sections.prefetch_related(
            Prefetch("figures", queryset=Figure.objects.order_by("position", "id"))
        )
    )
    levels = dict(Section.Level.choices)
    present = [level for level in levels if any(s.level == level for s in sections)]
    level = request.GET.get("level", "")
    if level:
        if level not in present:
            raise Http404("This article has no section at that reading level.")
        sections = [section for section in sections if section.level == level]

    # Rendered for these sections only: citation numbers and "first mention" links follow
    # what is printed (Markdown itself is cached per text).
    rendered = render_article(article, sections)
    for section in sections:
        section.rendered = rendered.sections[section.id]
    reference_ids = rendered.reference_ids
    if level:  # one level: the works it cites, not those only other levels cite
        reference_ids = [pk for pk in reference_ids if pk in rendered.citations]
    references = article_reference_list(article, reference_ids, rendered.citations)
    prefetch_related_objects([reference for reference, _ in references], "retractions")
    words = Term.objects.public().filter(pk__in=rendered.term_ids).order_by("name")

    return render(
        request,
        "articles/article_print.html",
        {
            "article": article,
            "sections": sections,
            "rendered": rendered,
            "references": references,
            "words": words,
            "level": level,
            "level_label": levels.get(level, ""),
            "level_choices": [(value, levels[value]) for value in present],
            "article_address": request.build_absolute_uri(article.get_absolute_url()),
            "disclaimer_address": request.build_absolute_uri(reverse("disclaimer")),
        },
    )
