from itertools import groupby

from django.shortcuts import get_object_or_404, render

from site_config.markdown import render_markdown

from .linking import link_glossary_terms
from .models import Term


def term_index(request):
    terms = Term.objects.public().only("name", "slug", "short_definition", "aliases")
    # Sorted here, not by the database: collations differ ("OXTR" before "estradiol" in
    # SQLite), and one letter must make one group.
    terms = sorted(terms, key=lambda term: (term.initial, term.name.casefold()))
    groups = [(letter, list(items)) for letter, items in groupby(terms, key=lambda t: t.initial)]
    return render(
        request,
        "glossary/term_index.html",
        {"groups": groups, "letters": [letter for letter, _ in groups]},
    )


def term_detail(request, slug):
    term = get_object_or_404(Term.objects.public().prefetch_related("tags"), slug=slug)
    related = term.related.public().only("name", "slug", "short_definition")
    articles = term.articles.public().only("title", "slug", "summary").order_by("title")
    return render(
        request,
        "glossary/term_detail.html",
        {
            "term": term,
            # Other terms in the explanation link too; the term itself never does.
            "body_html": link_glossary_terms(render_markdown(term.body), exclude_term_id=term.pk),
            "related_terms": related,
            "articles": articles,
        },
    )
