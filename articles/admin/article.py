"""The article in the admin: its form with sections and reference list, the list of articles
with their publication and review state, bulk publishing, preview and revisions."""

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version

from ..derived_data import once_per_article
from ..forms import ArticleAdminForm, ScheduleForm, SectionForm, SectionInlineFormSet
from ..models import Article, ArticleReference, PublicationState, Section
from ..reviews import REVIEW_STATES, review_state_filter
from ..roles import PUBLISH_PERMISSION

# Registers Article with its sections, figures and reference list before the admin below.
from ..revisions import article_text_lines, diff_lines  # isort: skip
from ..views import article_page_queryset, render_article_page  # isort: skip


class SectionInline(admin.StackedInline):
    model = Section
    form = SectionForm
    formset = SectionInlineFormSet
    extra = 0
    show_change_link = True
    fields = [("position", "level"), ("heading", "anchor"), "body", "takeaway"]
    verbose_name_plural = "sections (save, then use “Change” on a section to add its figures)"


class ArticleReferenceInline(admin.TabularInline):
    model = ArticleReference
    extra = 0
    autocomplete_fields = ["reference"]
    fields = ["position", "reference"]
    verbose_name_plural = "reference list (cited references are added automatically)"


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return PublicationState.choices

    def queryset(self, request, queryset):
        if self.value() in PublicationState.values:
            return queryset.in_state(self.value())
        return queryset


class ReviewFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return REVIEW_STATES

    def queryset(self, request, queryset):
        if self.value() in dict(REVIEW_STATES):
            return queryset.filter(review_state_filter(self.value()))
        return queryset


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "status_label",
        "review_label",
        "section_count",
        "tag_list",
        "updated_at",
        "preview_link",
    ]
    list_filter = [PublicationFilter, ReviewFilter, "tags", "publish_at"]
    search_fields = ["title", "summary", "slug"]
    # Explicit: the section count groups rows, and grouped queries drop Meta.ordering,
    # which leaves the article autocomplete unordered.
    ordering = ["-publish_at", "-created_at"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "created_at"
    inlines = [SectionInline, ArticleReferenceInline]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish_now", "unpublish", "schedule"]
    object_history_template = "admin/articles/article/object_history.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "authors", "tags", "loaded_updated_at"]}),
        ("Publishing", {"fields": ["status", "publish_at"]}),
        ("Medical review", {"fields": ["reviewed_by", "reviewed_at", "disclaimer_note"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("tags")
            .annotate(section_total=Count("sections"))
        )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_publish_permission(self, request, obj=None):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.can_publish = self.has_publish_permission(request)
        return form

    def save_related(self, request, form, formsets, change):
        # Sections and figures are saved one by one: re-render the article once, at the end.
        with once_per_article():
            super().save_related(request, form, formsets, change)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        return article.publication_label

    @admin.display(description="review due", ordering="reviewed_at")
    def review_label(self, article):
        due = article.review_due
        if due is None:
            return "Never reviewed"
        if due < timezone.localdate():
            return f"Overdue since {due:%Y-%m-%d}"
        return f"{due:%Y-%m-%d}"

    @admin.display(description="sections", ordering="section_total")
    def section_count(self, article):
        return article.section_total

    @admin.display(description="tags")
    def tag_list(self, article):
        return ", ".join(tag.name for tag in article.tags.all())

    @admin.display(description="preview")
    def preview_link(self, article):
        url = reverse("admin:articles_article_preview", args=[article.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">Preview</a>', url)

    # Bulk actions: only for users with the publish permission (has_publish_permission).

    def _save_publishing(self, request, article, status, publish_at, message):
        article.status = status
        article.publish_at = publish_at
        article.updated_by = request.user
        article.save()
        self.log_change(request, article, message)

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now().replace(microsecond=0)
        published = 0
        for article in queryset:
            if article.is_public:
                continue
            publish_at = now if article.publish_at is None or article.publish_at > now else None
            self._save_publishing(
                request,
                article,
                Article.Status.PUBLISHED,
                publish_at or article.publish_at,
                "Published now.",
            )
            published += 1
        self.message_user(request, f"Published {published} article(s).")

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        unpublished = 0
        for article in queryset.in_state(PublicationState.SCHEDULED, PublicationState.PUBLISHED):
            self._save_publishing(
                request, article, Article.Status.DRAFT, article.publish_at, "Unpublished."
            )
            unpublished += 1
        self.message_user(request, f"Moved {unpublished} article(s) back to draft.")

    @admin.action(description="Schedule…", permissions=["publish"])
    def schedule(self, request, queryset):
        form = ScheduleForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            publish_at = form.cleaned_data["publish_at"]
            when = f"{timezone.localtime(publish_at):%Y-%m-%d %H:%M}"
            for article in queryset:
                self._save_publishing(
                    request, article, Article.Status.PUBLISHED, publish_at, f"Scheduled for {when}."
                )
            self.message_user(request, f"Scheduled {len(queryset)} article(s) for {when}.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Schedule articles",
            "opts": self.opts,
            "form": form,
            "articles": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/article/schedule.html", context)

    # Preview and revisions.

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def preview_view(self, request, object_id):
        """The article exactly as readers will see it, draft or not, with a preview ribbon."""
        article = self._article_or_404(request, object_id)
        article = article_page_queryset(Article.objects.all()).get(pk=article.pk)
        return render_article_page(request, article, is_preview=True)

    def history_view(self, request, object_id, extra_context=None):
        versions = list(
            Version.objects.get_for_object_reference(Article, unquote(object_id))
            .select_related("revision__user")
            .order_by("-pk")
        )
        compare_url = reverse("admin:articles_article_compare", args=[object_id])
        action_list = [
            {
                "revision": version.revision,
                "url": reverse("admin:articles_article_revision", args=[object_id, version.pk]),
                "compare_url": (
                    f"{compare_url}?old={older.pk}&new={version.pk}" if older else None
                ),
            }
            for version, older in zip(versions, [*versions[1:], None][: len(versions)], strict=True)
        ]
        context = {"action_list": action_list, "compare_url": compare_url}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def compare_view(self, request, object_id):
        """What changed in the article's text between two of its revisions."""
        article = self._article_or_404(request, object_id)
        versions = list(
            Version.objects.get_for_object(article).select_related("revision__user").order_by("-pk")
        )
        by_id = {str(version.pk): version for version in versions}
        new = by_id.get(request.GET.get("new")) or (versions[0] if versions else None)
        old = by_id.get(request.GET.get("old")) or (versions[1] if len(versions) > 1 else new)
        hunks = diff_lines(article_text_lines(old), article_text_lines(new)) if new else []
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions of “{article}”",
            "opts": self.opts,
            "original": article,
            "versions": versions,
            "old": old,
            "new": new,
            "hunks": hunks,
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)
