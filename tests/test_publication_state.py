"""One rule for what readers see: the SQL conditions (ArticleQuerySet.in_state, public) and the
Python ones (Article.publication_state, is_public) must agree for every article."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from articles.admin.article_workflow import state_label
from articles.models import Article, PublicationState

STATUSES = st.sampled_from(Article.Status.values)
# None (publish as soon as published), or minutes before or after now.
OFFSETS = st.one_of(st.none(), st.integers(min_value=-60 * 24 * 400, max_value=60 * 24 * 400))


class TestStatesAgree(TestCase):
    @settings(max_examples=80, deadline=None)
    @given(st.lists(st.tuples(STATUSES, OFFSETS, OFFSETS, OFFSETS), min_size=1, max_size=8))
    def test_sql_and_python_give_every_article_the_same_state(self, rows):
        now = timezone.now()

        def at(offset):
            return None if offset is None else now + timedelta(minutes=offset)

        for number, (status, publish, unpublish, first) in enumerate(rows):
            article = Article.objects.create(title=f"A{number}", slug=f"a-{number}", summary="S.")
            # Any combination, as data imported or edited by hand may hold.
            Article.objects.filter(pk=article.pk).update(
                status=status,
                publish_at=at(publish),
                unpublish_at=at(unpublish),
                first_published_at=at(first),
            )
        articles = list(Article.objects.all())
        for state in PublicationState:
            in_sql = set(Article.objects.in_state(state, now=now).values_list("pk", flat=True))
            in_python = {a.pk for a in articles if a.get_publication_state(now) == state}
            assert in_sql == in_python, state
        public = set(Article.objects.public().values_list("pk", flat=True))
        assert public == {a.pk for a in articles if a.is_public}
        Article.objects.all().delete()


@pytest.mark.parametrize(
    ("status", "offset", "label"),
    [
        ("draft", None, "Draft"),
        ("draft", -5, "Draft"),
        ("published", None, "Published"),
        ("published", -5, "Published"),
        ("published", 60, "Scheduled for"),
    ],
)
def test_each_state_is_named_in_words(article_factory, status, offset, label):
    publish_at = None if offset is None else timezone.now() + timedelta(minutes=offset)
    article = article_factory(status=status, publish_at=publish_at)
    assert state_label(article).startswith(label)
