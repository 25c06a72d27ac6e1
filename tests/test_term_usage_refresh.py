from unittest import mock

import pytest

from articles import derived_data
from articles.models import Section

pytestmark = pytest.mark.django_db


def test_sections_saved_together_rerender_their_article_once(article_factory, term_factory):
    term_factory(name="oxytocin", slug="oxytocin")
    article = article_factory(sections=0)
    with (
        mock.patch.object(derived_data, "store_article_terms") as store,
        derived_data.once_per_article(),
    ):
        for position in range(5):
            Section.objects.create(
                article=article,
                position=position,
                heading=f"Part {position}",
                anchor=f"part-{position}",
                body="About oxytocin.",
            )
        assert store.call_count == 0
    store.assert_called_once_with(article.pk)


def test_term_usage_is_stored_after_a_grouped_save(article_factory, term_factory):
    term = term_factory(name="oxytocin", slug="oxytocin")
    article = article_factory(sections=0)
    with derived_data.once_per_article():
        Section.objects.create(
            article=article, position=0, heading="Intro", anchor="intro", body="About oxytocin."
        )
    assert list(article.terms.all()) == [term]


def test_a_section_saved_alone_updates_term_usage_at_once(article_factory, term_factory):
    term = term_factory(name="oxytocin", slug="oxytocin")
    article = article_factory(sections=0)
    Section.objects.create(
        article=article, position=0, heading="Intro", anchor="intro", body="About oxytocin."
    )
    assert list(article.terms.all()) == [term]


def test_sections_saved_together_reindex_their_article_for_search_once(article_factory):
    article = article_factory(sections=0)
    with (
        mock.patch.object(derived_data, "index_article") as index,
        derived_data.once_per_article(),
    ):
        for position in range(5):
            Section.objects.create(
                article=article,
                position=position,
                heading=f"Part {position}",
                anchor=f"part-{position}",
                body="Text.",
            )
        assert index.call_count == 0
    index.assert_called_once_with(article.pk)
