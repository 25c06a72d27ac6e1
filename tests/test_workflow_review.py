"""Medical review: when the next review is due, on the page and in the admin."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from articles.reviews import add_months, earliest_review_due_on_or_after
from site_config.models import SiteSettings
from tests.pages import rendered_html

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def test_review_is_due_twelve_months_after_it_was_done(article_factory):
    article = article_factory(reviewed_at=date(2025, 3, 10))
    assert article.review_due == date(2026, 3, 10)


def test_review_interval_follows_the_site_settings(article_factory):
    settings = SiteSettings.load()
    settings.review_interval_months = 6
    settings.save()
    article = article_factory(reviewed_at=date(2025, 3, 10))
    assert article.review_due == date(2025, 9, 10)


def test_review_due_falls_on_the_last_day_of_a_shorter_month(article_factory):
    article = article_factory(reviewed_at=date(2024, 2, 29))
    assert article.review_due == date(2025, 2, 28)


def test_never_reviewed_article_has_no_due_date(article_factory):
    assert article_factory(reviewed_at=None).review_due is None


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    months=st.integers(min_value=1, max_value=36),
)
def test_earliest_review_due_on_or_after_is_the_exact_boundary(day, months):
    boundary = earliest_review_due_on_or_after(day, months)
    assert add_months(boundary, months) >= day
    assert add_months(boundary - timedelta(days=1), months) < day


def test_article_page_foot_shows_review_and_update_dates(client, article_factory):
    article = article_factory(reviewed_by="Dr Lena Okafor, MD", reviewed_at=date(2025, 3, 10))
    html = client.get(article.get_absolute_url()).content.decode()
    foot = html[html.index('<footer class="article-review">') :]
    assert "Page last reviewed" in foot
    assert "Dr Lena Okafor, MD" in foot and "10 March 2025" in foot
    assert "Last updated" in foot
    assert "Next review due" in foot and "March 2026" in foot


def test_article_page_foot_omits_next_review_when_never_reviewed(client, article_factory):
    article = article_factory(reviewed_by="", reviewed_at=None)
    html = client.get(article.get_absolute_url()).content.decode()
    foot = html[html.index('<footer class="article-review">') :]
    assert "Next review due" not in foot
    assert "Last updated" in foot


@pytest.fixture
def articles_by_review_state(article_factory):
    with time_machine.travel(TODAY, tick=False):
        yield {
            "overdue": article_factory(title="Overdue", reviewed_at=date(2025, 6, 1)),
            "due-this-month": article_factory(title="Due soon", reviewed_at=date(2025, 6, 20)),
            "up-to-date": article_factory(title="Fresh", reviewed_at=date(2025, 8, 1)),
            "never-reviewed": article_factory(title="Unreviewed", reviewed_at=None),
        }


@pytest.mark.parametrize("state", ["overdue", "due-this-month", "up-to-date", "never-reviewed"])
def test_admin_review_filter(staff_client, articles_by_review_state, state):
    with time_machine.travel(TODAY, tick=False):
        response = staff_client.get(reverse("admin:articles_article_changelist"), {"review": state})
    shown = {article.title for article in response.context["cl"].result_list}
    assert shown == {articles_by_review_state[state].title}


def test_review_due_today_is_due_this_month_not_overdue(staff_client, article_factory):
    with time_machine.travel(TODAY, tick=False):
        article_factory(title="Due today", reviewed_at=date(2025, 6, 15))
        overdue = staff_client.get(
            reverse("admin:articles_article_changelist"), {"review": "overdue"}
        )
        due = staff_client.get(
            reverse("admin:articles_article_changelist"), {"review": "due-this-month"}
        )
    assert not overdue.context["cl"].result_list
    assert [a.title for a in due.context["cl"].result_list] == ["Due today"]


def test_admin_list_shows_when_a_review_is_due(staff_client, articles_by_review_state):
    with time_machine.travel(TODAY, tick=False):
        html = staff_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Overdue since 2026-06-01" in html
    assert "Never reviewed" in html


def test_admin_index_panel_lists_overdue_and_due_this_month(staff_client, articles_by_review_state):
    with time_machine.travel(TODAY, tick=False):
        html = staff_client.get(reverse("admin:index")).content.decode()
    panel = html[html.index('class="editorial-home"') :]
    panel = panel[: panel.index("</section>")]
    assert "Medical review overdue (1)" in panel and ">Overdue</a>" in panel
    assert "Review due this month (1)" in panel and ">Due soon</a>" in panel
    assert "Fresh" not in panel
    assert "Unreviewed" not in panel


def test_admin_index_panel_is_hidden_from_staff_who_cannot_see_articles(
    client, django_user_model, articles_by_review_state
):
    client.force_login(
        django_user_model.objects.create_user("clerk", password="x-unused-1", is_staff=True)
    )
    html = rendered_html(client.get(reverse("admin:index")), "Articles, glossary and references")
    assert 'class="editorial-home"' not in html
