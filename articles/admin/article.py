"""The article in the admin: the list of articles with their state in words, and the form.

Opening a published article edits its working copy (articles/workflow.py): the change form
shows and saves the copy, while every address in the admin names the article itself. The
review and publish steps are in article_workflow.py, history and restore in
article_history.py, preview in article_preview.py.
"""

import nested_admin
import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from site_config.admin_saves import UniqueRaceAdminMixin
from site_config.text import CleanTextModelForm

from .. import workflow
from ..conflicts import apply_choices
from ..derived_data import once_per_article
from ..forms import (
    ArticleAdminForm,
    FigureForm,
    FigureInlineFormSet,
    SectionForm,
    SectionInlineFormSet,
)
from ..models import (
    Article,
    ArticleReference,
    Autosave,
    Figure,
    PublicationState,
    Section,
    WorkflowState,
)
from ..reviews import REVIEW_STATES, review_state_filter
from .article_editor import ArticleEditorMixin
from .article_history import ArticleHistoryMixin
from .article_preview import ArticlePreviewMixin
from .article_trust import (
    ArticleTrustMixin,
    EvidenceFilter,
    ReadingLevelFilter,
    ReviewQueueFilter,
)
from .article_workflow import ArticleWorkflowMixin, state_label


class FigureInline(nested_admin.NestedStackedInline):
    model = Figure
    form = FigureForm
    formset = FigureInlineFormSet
    extra = 0
    sortable_field_name = "position"
    fields = ["thumbnail", "image", "pending_upload", "alt_text", "caption", "credit", "position"]
    readonly_fields = ["thumbnail"]
    classes = ["figure-inline"]

    @admin.display(description="image now")
    def thumbnail(self, figure):
        if not figure.pk or not figure.image:
            return "—"
        return format_html(
            '<img class="figure-thumbnail" src="{}" alt="{}" width="160" loading="lazy">',
            figure.image.url,
            figure.alt_text,
        )


class SectionInline(nested_admin.NestedStackedInline):
    model = Section
    form = SectionForm
    formset = SectionInlineFormSet
    extra = 0
    sortable_field_name = "position"
    inlines = [FigureInline]
    fields = [("heading", "level"), "body", "takeaway", "anchor", "position"]
    classes = ["section-inline"]


class ArticleReferenceInline(nested_admin.NestedTabularInline):
    model = ArticleReference
    form = CleanTextModelForm
    extra = 0
    sortable_field_name = "position"
    autocomplete_fields = ["reference"]
    fields = ["reference", "position"]
    verbose_name = "reference"
    verbose_name_plural = "reference list (cited references are added automatically)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "reference":
            # Removing a reference from this article is the row's own delete box; the widget
            # must not offer to delete the reference from the whole library.
            field.widget.can_delete_related = False
            field.widget.can_change_related = False
        return field


STATE_FILTERS = {
    "draft": ("Draft", lambda qs: qs.in_state(PublicationState.DRAFT).pending_in("draft")),
    "in_review": ("In review", lambda qs: qs.pending_in(WorkflowState.IN_REVIEW)),
    "changes_requested": (
        "Changes requested",
        lambda qs: qs.pending_in(WorkflowState.CHANGES_REQUESTED),
    ),
    "approved": ("Approved", lambda qs: qs.pending_in(WorkflowState.APPROVED)),
    "scheduled": (
        "Scheduled",
        lambda qs: (
            qs.in_state(PublicationState.SCHEDULED)
            | qs.filter(working_copy__in=Article.objects.scheduled_working_copies())
        ),
    ),
    "published": ("Published", lambda qs: qs.public()),
    "changes_waiting": (
        "Published with changes waiting",
        lambda qs: qs.public() & qs.with_changes_waiting(),
    ),
    "unpublished": ("Unpublished", lambda qs: qs.in_state(PublicationState.UNPUBLISHED)),
}


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _) in STATE_FILTERS.items()]

    def queryset(self, request, queryset):
        if self.value() in STATE_FILTERS:
            return STATE_FILTERS[self.value()][1](queryset).distinct()
        return queryset


class ReviewDueFilter(admin.SimpleListFilter):
    title = "medical review due"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return REVIEW_STATES

    def queryset(self, request, queryset):
        if self.value() in dict(REVIEW_STATES):
            return queryset.filter(review_state_filter(self.value()))
        return queryset


class ArticleChangeList(ChangeList):
    # Working copies are reached through their article, never listed or counted on their own.

    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).filter(draft_of__isnull=True)

    def get_results(self, request):
        self.root_queryset = self.root_queryset.filter(draft_of__isnull=True)
        super().get_results(request)


@admin.register(Article)
class ArticleAdmin(
    UniqueRaceAdminMixin,
    ArticleEditorMixin,
    ArticleWorkflowMixin,
    ArticleTrustMixin,
    ArticleHistoryMixin,
    ArticlePreviewMixin,
    VersionAdmin,
    nested_admin.NestedModelAdmin,
):
    form = ArticleAdminForm
    list_display = [
        "title",
        "state",
        "review_label",
        "section_count",
        "reading_level",
        "evidence",
        "reader_feedback",
        "tag_list",
        "edited",
        "preview_link",
    ]
    list_filter = [
        StateFilter,
        ReviewDueFilter,
        ReviewQueueFilter,
        ReadingLevelFilter,
        EvidenceFilter,
        "tags",
    ]
    search_fields = ["title", "summary", "slug"]
    # Explicit: the section count groups rows, and grouped queries drop Meta.ordering,
    # which leaves the article autocomplete unordered.
    ordering = ["-publish_at", "-created_at"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SectionInline, ArticleReferenceInline]
    readonly_fields = ["created_at", "updated_at"]
    change_form_template = "admin/articles/article/change_form.html"
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "summary", "authors", "tags", "loaded_updated_at"]},
        ),
        (
            "Notice and medical review",
            {"fields": ["disclaimer_note", "reviewed_by", "reviewed_at"]},
        ),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    class Media:
        # Reading level and evidence coverage beside each section, as the editor types.
        js = ["js/section-checks.js"]
        css = {"all": ["css/section-checks.css"]}

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .select_related("working_copy")
            .prefetch_related("tags")
            .annotate(section_total=Count("sections"))
        )
        return self.annotate_trust_checks(queryset)

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_search_results(self, request, queryset, search_term):
        # The reference autocomplete and the section admin's article picker list articles,
        # never working copies.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.filter(draft_of__isnull=True), may_have_duplicates

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # "Medically reviewed by" comes from a reviewer's approval; only imported history
            # is typed, by an administrator.
            readonly += ["reviewed_by", "reviewed_at"]
        return readonly

    # Routing: the admin names the article; the form edits the text waiting to be published.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = Article.objects.filter(pk=object_id).select_related("draft_of").first()
        if article is not None and article.is_working_copy:
            return HttpResponseRedirect(self.article_url(article.draft_of, request))
        if article is None or not self.has_view_or_change_permission(request, article):
            return super().change_view(request, object_id, form_url, extra_context)
        create = self.has_change_permission(request, article)
        draft = workflow.pending_version(article, create=create) or article
        context = {
            **self.workflow_context(request, article, draft),
            **self.trust_context(request, article, draft),
            **self.autosave_context(request, article, draft),
            "autosave_url": reverse("admin:articles_article_autosave", args=[article.pk]),
            "autosave_seconds": settings.AUTOSAVE_SECONDS,
            **(extra_context or {}),
        }
        if request.method == "GET" and request.GET.get("restore") == "autosave":
            autosave = context.get("autosave")
            if autosave is not None:
                request = self.restored_request(request, autosave)
                context["restoring_autosave"] = True
        if request.method == "POST":
            # After a conflict, the editor chose per part which version to keep.
            request._post = apply_choices(request.POST, draft)
        return super().change_view(request, str(draft.pk), form_url, context)

    def article_url(self, article, request=None):
        url = reverse("admin:articles_article_change", args=[article.pk])
        query = request.GET.urlencode() if request is not None else ""
        return f"{url}?{query}" if query else url

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.article = obj.published_article if obj is not None else None
        form.restoring_autosave = getattr(request, "restoring_autosave", None)
        return form

    def save_model(self, request, obj, form, change):
        # Saved in save_related, once the inline formsets tell whether anything changed: a
        # save that changes nothing writes nothing and records no revision.
        pass

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        if obj.pk is not None:
            # An explicit save supersedes the copy kept while typing.
            Autosave.objects.filter(article=obj.published_article, user=request.user).delete()
        changed = not change or form.has_changed() or any(f.has_changed() for f in formsets)
        if not changed:
            obj.nothing_changed = True
            for formset in formsets:  # what the admin's change message reads
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        obj.updated_by = request.user
        if not change:
            obj.created_by = request.user
        obj.save()
        # Sections and figures are saved one by one: re-render the article once, at the end.
        with once_per_article():
            super().save_related(request, form, formsets, change)
        undone = workflow.record_edit(obj, request.user, changed)
        obj.revision_note = form.cleaned_data.get("revision_note", "")
        if undone:
            self.message_user(
                request,
                f"Because the text changed, this cancelled {undone}. Send it for review again "
                "when it is ready.",
                messages.WARNING,
            )

    def log_change(self, request, obj, message):
        # The editor's own note, when they wrote one, names the version in the history.
        entry = super().log_change(request, obj, message)
        note = getattr(obj, "revision_note", "")
        if note and reversion.is_active():
            reversion.set_comment(note)
        return entry

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        note = getattr(obj, "revision_note", "")
        if note and reversion.is_active():
            reversion.set_comment(note)
        return entry

    def response_change(self, request, obj):
        if "_submit_review" in request.POST:
            return self.submit_after_save(request, obj)
        if "_publish" in request.POST:
            return HttpResponseRedirect(
                reverse("admin:articles_article_publish", args=[obj.published_article.pk])
            )
        if getattr(obj, "nothing_changed", False):
            self.message_user(request, "Nothing had changed, so nothing was saved.", messages.INFO)
            return HttpResponseRedirect(self.article_url(obj.published_article))
        if obj.is_working_copy:
            self.message_user(
                request,
                "Your changes are saved in the draft. Readers still see the published version "
                "until a publisher publishes the changes.",
                messages.INFO,
            )
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit_review" in request.POST:
            return self.submit_after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    # List columns.

    @admin.display(description="state")
    def state(self, article):
        return state_label(article)

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

    @admin.display(description="last edited", ordering="updated_at")
    def edited(self, article):
        draft = getattr(article, "working_copy", None)
        when = (draft.edited_at if draft and draft.edited_at else None) or article.updated_at
        return timezone.localtime(when).strftime("%Y-%m-%d %H:%M")

    @admin.display(description="preview")
    def preview_link(self, article):
        url = reverse("admin:articles_article_preview", args=[article.pk])
        return format_html('<a href="{}" target="_blank" rel="noopener">Preview</a>', url)
