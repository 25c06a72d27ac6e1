"""Retraction notices in the admin: the imported Retraction Watch list, its matches to our
references, and the upload that imports it (the same function as
`manage.py import_retractions`: articles/retractions.py)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from site_config.models import Job
from site_config.text import CleanTextModelForm

from ..jobs import import_retractions_later
from ..models import Article, PageFeedback, Retraction
from ..retractions import RetractionListError
from ..review_triggers import check_feedback

MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # the full list is about 60 MB


class RetractionUploadForm(forms.Form):
    file = forms.FileField(
        label="Retraction list (CSV)",
        help_text="retraction_watch.csv as Crossref publishes it. The whole list takes a "
        "minute or two; it is imported in the background.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "This file is larger than 100 MB, more than the whole published list. Check "
                "that it is retraction_watch.csv."
            )
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Upload the list as a .csv file.")
        return upload


class MatchedFilter(admin.SimpleListFilter):
    title = "matches our references"
    parameter_name = "matched"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(reference__isnull=False)
        if self.value() == "no":
            return queryset.filter(reference__isnull=True)
        return queryset


@admin.register(Retraction)
class RetractionAdmin(admin.ModelAdmin):
    form = CleanTextModelForm
    list_display = ["record_id", "nature", "title", "retraction_date", "reference"]
    list_filter = [MatchedFilter, "nature"]
    search_fields = ["title", "original_doi", "original_pmid", "journal", "=record_id"]
    list_select_related = ["reference"]
    readonly_fields = ["reference", "imported_at"]
    change_list_template = "admin/articles/retraction/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="articles_retraction_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload the Retraction Watch CSV; the page then shows what was imported and matched."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RetractionUploadForm(request.POST or None, request.FILES or None)
        summary = None
        if request.method == "POST" and form.is_valid():
            try:
                job = import_retractions_later(form.cleaned_data["file"])
            except RetractionListError as error:
                form.add_error("file", str(error))
            else:
                summary = self.report_import(request, job)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import a retraction list",
            "form": form,
            "summary": summary,
        }
        return TemplateResponse(request, "admin/articles/retraction/import.html", context)

    def report_import(self, request, job):
        """The summary when the import ran here and now; otherwise where to follow it."""
        if job.state == Job.State.DONE:
            lines = job.result.splitlines()
            self.message_user(request, lines[0], messages.SUCCESS)
            return {"lines": lines}
        if job.state == Job.State.FAILED:
            self.message_user(
                request, f"The import failed: {job.error.splitlines()[-1]}", messages.ERROR
            )
            return None
        self.message_user(
            request,
            format_html(
                'Importing the list in the background: <a href="{}">follow its progress</a>; '
                "its summary shows there when it is done.",
                reverse("admin:site_config_job_change", args=[job.pk]),
            ),
            messages.INFO,
        )
        return None


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    """Readers' answers, newest first. Comments are untrusted text: always shown escaped."""

    form = CleanTextModelForm

    list_display = ["created_at", "article", "answer", "comment_text", "handled"]
    list_filter = ["handled_at", "helpful", ("article", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["article"]
    search_fields = ["comment", "article__title"]
    ordering = ["-created_at", "-id"]
    actions = ["mark_handled"]
    readonly_fields = ["article", "helpful", "comment", "created_at", "handled_at", "handled_by"]

    def has_add_permission(self, request):
        return False  # readers give feedback; editors read it

    @admin.display(description="helpful?", ordering="helpful")
    def answer(self, feedback):
        return "Yes" if feedback.helpful else "No"

    @admin.display(description="comment")
    def comment_text(self, feedback):
        return feedback.comment or "—"

    @admin.display(description="handled", boolean=True, ordering="handled_at")
    def handled(self, feedback):
        return feedback.handled_at is not None

    @admin.action(description="Mark as handled")
    def mark_handled(self, request, queryset):
        from django.utils import timezone

        count = queryset.filter(handled_at__isnull=True).update(
            handled_at=timezone.now(), handled_by=request.user
        )
        self.message_user(request, f"Marked {count} answer(s) as handled.", messages.SUCCESS)
        # What is left waiting may still be below the threshold.
        for article in Article.objects.filter(pk__in=queryset.values("article_id")):
            check_feedback(article)
