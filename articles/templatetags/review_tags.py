"""The admin home page: what waits for the signed-in user, first."""

from django import template
from django.db.models import Q
from django.db.models.functions import Coalesce

from articles import workflow
from articles.admin.article import STATE_FILTERS
from articles.models import Article, WorkflowState
from articles.review_triggers import open_flags
from articles.reviews import DUE_THIS_MONTH, OVERDUE, review_state_filter

register = template.Library()

PANEL_LIMIT = 10


def _group(title, queryset, filter_query, empty):
    queryset = queryset.distinct()
    return {
        "title": title,
        "articles": list(queryset.select_related("working_copy")[:PANEL_LIMIT]),
        "count": queryset.count(),
        "filter_query": filter_query,
        "empty": empty,
    }


@register.inclusion_tag("admin/articles/editorial_home.html", takes_context=True)
def editorial_home(context):
    """Panels of articles for this user: their drafts, the reviews waiting for them, what is
    approved and waiting to be published, what is scheduled, reviews triggered by events
    (a retraction, a reference not found, reader feedback) with their reasons, and reviews
    falling due."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return {"show": False}
    articles = Article.objects.articles().order_by("-updated_at")
    groups = []
    if workflow.can_edit(user):
        recent = (
            articles.filter(Q(edited_at__isnull=False) | Q(working_copy__edited_at__isnull=False))
            .annotate(last_edit=Coalesce("working_copy__edited_at", "edited_at"))
            .order_by("-last_edit")
        )
        groups.append(_group("Recently edited", recent, "", "Nothing has been edited yet."))
        mine = Q(draft_authors=user) | Q(working_copy__draft_authors=user)
        groups.append(
            _group(
                "Your drafts",
                articles.pending_in(WorkflowState.DRAFT, WorkflowState.CHANGES_REQUESTED).filter(
                    mine
                ),
                "",
                "You have no drafts in progress.",
            )
        )
        groups.append(
            _group(
                "Changes requested by a reviewer",
                articles.pending_in(WorkflowState.CHANGES_REQUESTED),
                "state=changes_requested",
                "No reviewer is waiting for changes.",
            )
        )
    if workflow.can_review(user):
        waiting = articles.pending_in(WorkflowState.IN_REVIEW).exclude(
            Q(draft_authors=user) | Q(working_copy__draft_authors=user)
        )
        groups.append(
            _group("Waiting for your review", waiting, "state=in_review", "Nothing to review.")
        )
    if workflow.can_publish(user):
        groups.append(
            _group(
                "Approved, waiting to be published",
                articles.pending_in(WorkflowState.APPROVED),
                "state=approved",
                "Nothing approved is waiting.",
            )
        )
    groups.append(
        _group(
            "Scheduled",
            STATE_FILTERS["scheduled"][1](articles),
            "state=scheduled",
            "Nothing is scheduled.",
        )
    )
    flagged = _group(
        "Review needed: sources or readers",
        articles.filter(pk__in=open_flags().values("article_id")),
        "flag=any",
        "No event has asked for a review.",
    )
    reasons = {}
    for flag in open_flags().filter(article__in=[article.pk for article in flagged["articles"]]):
        reasons.setdefault(flag.article_id, []).append(flag.detail)
    for article in flagged["articles"]:
        article.review_reasons = reasons.get(article.pk, [])
    groups.append(flagged)
    for state, title in [
        (OVERDUE, "Medical review overdue"),
        (DUE_THIS_MONTH, "Review due this month"),
    ]:
        groups.append(
            _group(
                title,
                articles.public().filter(review_state_filter(state)).order_by("reviewed_at"),
                f"review={state}",
                "None.",
            )
        )
    return {"show": True, "groups": groups, "can_add": user.has_perm("articles.add_article")}
