from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from reversion.admin import VersionAdmin

from site_config.admin_saves import UniqueRaceAdminMixin
from site_config.models import Job

from .forms import TermForm
from .models import Term


@admin.register(Term)
class TermAdmin(UniqueRaceAdminMixin, VersionAdmin):
    form = TermForm
    list_display = [
        "name",
        "alias_summary",
        "is_published",
        "article_count",
        "tag_list",
        "updated_at",
    ]
    list_filter = ["is_published", "case_sensitive", "tags"]
    search_fields = ["name", "aliases", "short_definition"]
    # Explicit: the count annotation groups rows, and grouped queries drop Meta.ordering,
    # which leaves the related-terms autocomplete unordered.
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["related"]
    fields = [
        "name",
        "slug",
        "aliases",
        "short_definition",
        "body",
        "related",
        "tags",
        ("case_sensitive", "is_published"),
        "used_in",
        "loaded_version",
    ]
    readonly_fields = ["used_in"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("tags")
            # Articles, not the working copies of published ones (articles/workflow.py).
            .annotate(article_total=Count("articles", filter=Q(articles__draft_of__isnull=True)))
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Set by the save's receiver when the edit changes which articles link the term.
        job = getattr(obj, "refresh_job", None)
        if job is not None and job.total:
            self.message_user(request, refresh_message(job, request.user), messages.INFO)

    @admin.display(description="used in", ordering="article_total")
    def article_count(self, term):
        return term.article_total

    @admin.display(description="used in")
    def used_in(self, term):
        """Articles (drafts too) that link the term: from the stored index, kept current
        when articles or terms change (articles.term_usage)."""
        if term.pk is None:
            return "Save the term to see which articles use it."
        articles = (
            term.articles.articles()
            .order_by("title")
            .only("title", "status", "publish_at", "unpublish_at", "first_published_at", "draft_of")
        )
        if not articles:
            return "No article links this term yet."
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> ({})',
            (
                (
                    reverse("admin:articles_article_change", args=[article.pk]),
                    article.title,
                    "public" if article.is_public else article.publication_state.label.lower(),
                )
                for article in articles
            ),
        )

    @admin.display(description="aliases")
    def alias_summary(self, term):
        return ", ".join(term.alias_list)

    @admin.display(description="tags")
    def tag_list(self, term):
        return ", ".join(tag.name for tag in term.tags.all())


def refresh_message(job, user):
    """What the editor is told about the articles a term edit re-links."""
    count = f"{job.total:,} article{'' if job.total == 1 else 's'}"
    if job.state == Job.State.DONE:
        return f"Updated {count} that mention this term."
    if not user.has_perm("site_config.view_job"):
        return f"Updating {count} in the background."
    return format_html(
        'Updating {} in the background: <a href="{}">follow its progress</a>.',
        count,
        reverse("admin:site_config_job_change", args=[job.pk]),
    )
