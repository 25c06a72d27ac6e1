from django import template

from articles.models import Article
from articles.reviews import DUE_THIS_MONTH, OVERDUE, review_state_filter

register = template.Library()

PANEL_LIMIT = 10


@register.inclusion_tag("admin/articles/review_panel.html", takes_context=True)
def review_panel(context):
    """Articles whose medical review is overdue or due this month, for the admin index."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return {"show": False}
    groups = []
    for state, title in [(OVERDUE, "Overdue"), (DUE_THIS_MONTH, "Due this month")]:
        articles = Article.objects.filter(review_state_filter(state)).order_by("reviewed_at")
        groups.append(
            {
                "state": state,
                "title": title,
                "articles": list(articles.only("title", "reviewed_at")[:PANEL_LIMIT]),
                "count": articles.count(),
            }
        )
    return {"show": True, "groups": groups}
