"""When an article's medical review is due, and which articles are due.

A review is due `SiteSettings.review_interval_months` after `Article.reviewed_at`, on the same
day of the month (or the month's last day, for 31 January plus one month).
"""

import calendar
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

OVERDUE = "overdue"
DUE_THIS_MONTH = "due-this-month"
UP_TO_DATE = "up-to-date"
NEVER_REVIEWED = "never-reviewed"

REVIEW_STATES = [
    (OVERDUE, "Overdue"),
    (DUE_THIS_MONTH, "Due this month"),
    (UP_TO_DATE, "Up to date"),
    (NEVER_REVIEWED, "Never reviewed"),
]


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_interval_months():
    from site_config.models import SiteSettings

    return SiteSettings.load().review_interval_months


def review_due_date(reviewed_at, months=None):
    if reviewed_at is None:
        return None
    return add_months(reviewed_at, review_interval_months() if months is None else months)


def earliest_review_due_on_or_after(day, months):
    """The earliest review date whose review falls due on `day` or later."""
    # add_months never decreases, so walk forward from just before the inverse.
    candidate = add_months(day, -months) - timedelta(days=3)
    while add_months(candidate, months) < day:
        candidate += timedelta(days=1)
    return candidate


def review_state_filter(state, today=None):
    """A Q object selecting articles in one of REVIEW_STATES today."""
    today = today or timezone.localdate()
    months = review_interval_months()
    first_of_next_month = add_months(today.replace(day=1), 1)
    due_from_today = earliest_review_due_on_or_after(today, months)
    due_after_this_month = earliest_review_due_on_or_after(first_of_next_month, months)
    return {
        OVERDUE: Q(reviewed_at__lt=due_from_today),
        DUE_THIS_MONTH: Q(reviewed_at__gte=due_from_today, reviewed_at__lt=due_after_this_month),
        UP_TO_DATE: Q(reviewed_at__gte=due_after_this_month),
        NEVER_REVIEWED: Q(reviewed_at__isnull=True),
    }[state]
