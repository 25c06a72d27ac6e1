"""SQL queries per page stay within a fixed bound however much content there is.

Each page is measured cold (empty cache: the page cache and the rendering cache both miss),
which is the most a reader's request can cost, once with a little content and once with a
lot. The bounds are the measured counts, so any query added per page shows up here.
"""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleReference, Figure, Section
from site_config.models import SiteSettings
from tests.conftest import png_file

SIZES = {
    "small": {"sections": 2, "references": 2, "tags": 2, "terms": 2, "articles": 2},
    "large": {"sections": 60, "references": 30, "tags": 20, "terms": 40, "articles": 30},
}

# page -> the most queries a cold request may make (measured on SQLite and PostgreSQL)
BOUNDS = {
    "article": 10,  # one for the retraction notices beside the references (cold render only)
    "article_list": 5,
    "article_list_tag": 7,
    "home": 6,
    "tag_index": 3,
    "tag_detail": 12,  # one for the retraction notices of its references
    "glossary_index": 3,
    "term_detail": 7,
    "references": 6,  # one for the retraction notices beside the references
}


@pytest.fixture(params=list(SIZES))
def site(request, article_factory, reference_factory, term_factory):
    """A site of the given size; every article, term and reference shares the tags."""
    size = SIZES[request.param]
    tags = [f"topic {n}" for n in range(size["tags"])]
    terms = [
        term_factory(name=f"hormone {n}", aliases=f"H{n}\nhormone-{n}", tags=tags)
        for n in range(size["terms"])
    ]
    for first, second in zip(terms, terms[1:], strict=False):
        first.related.add(second)
    references = [reference_factory(tags=tags) for _ in range(size["references"])]
    articles = []
    for n in range(size["articles"]):
        article = article_factory(sections=0, tags=tags, summary=f"About hormone {n}.")
        # Without per-save signals: each section save re-renders the whole article.
        Section.objects.bulk_create(
            Section(
                article=article,
                position=position,
                level=Section.Level.choices[position * 4 // sections][0],
                heading=f"Question {position}?",
                anchor=f"question-{position}",
                body=f"Hormone {position} and H{position}.\n\n| a | b |\n|---|---|\n| 1 | 2 |",
                takeaway=f"Take-away {position}.",
            )
            for sections in [size["sections"] if n == 0 else 2]
            for position in range(sections)
        )
        for position, reference in enumerate(references):
            ArticleReference.objects.create(article=article, reference=reference, position=position)
        article.terms.add(*terms)
        articles.append(article)
    main = articles[0]
    for section in main.sections.all()[:10]:
        Figure.objects.create(section=section, image=png_file(), alt_text="A chart.")
    SiteSettings.load()  # the row exists on a running site
    return {
        "article": main.get_absolute_url(),
        "article_list": "/articles/",
        "article_list_tag": "/articles/?tag=topic-0&tag=topic-1",
        "home": "/",
        "tag_index": "/tags/",
        "tag_detail": "/tags/topic-0/",
        "glossary_index": "/glossary/",
        "term_detail": terms[0].get_absolute_url(),
        "references": "/references/",
    }


def queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return len(queries)


@pytest.mark.django_db
def test_queries_per_page_stay_within_fixed_bounds(client, site, django_assert_max_num_queries):
    for page, url in site.items():
        cache.clear()
        with django_assert_max_num_queries(BOUNDS[page], info=page):
            response = client.get(url)
        assert response.status_code == HTTPStatus.OK, page
