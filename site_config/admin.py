from django import forms
from django.contrib import admin, messages
from django.contrib.redirects.admin import RedirectAdmin as ContribRedirectAdmin
from django.contrib.redirects.models import Redirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from . import jobs, user_admin  # noqa: F401 - user_admin registers the user and group admins
from .admin_saves import UniqueRaceAdminMixin
from .forms import SiteSettingsForm
from .models import Job, SiteSettings
from .text import CleanTextModelForm

admin.site.site_header = "Health Library administration"
admin.site.site_title = "Health Library admin"
admin.site.index_title = "Articles, glossary and references"


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    form = SiteSettingsForm
    fieldsets = [
        (None, {"fields": ["site_name", "tagline"]}),
        ("Disclaimer", {"fields": ["banner_enabled", "banner_text", "disclaimer_text"]}),
        ("Medical review", {"fields": ["review_interval_months"]}),
        (
            "Reading level targets",
            {
                "fields": ["target_fundamentals", "target_intermediate", "target_reflection"],
                "description": "The highest SMOG grade a section of each level should have. "
                "The article form shows each section's score against it; Academic sections "
                "are scored but have no target.",
            },
        ),
        (
            "Reader feedback",
            {"fields": ["feedback_review_minimum", "feedback_review_percent"]},
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        settings = SiteSettings.load()
        return redirect(reverse("admin:site_config_sitesettings_change", args=[settings.pk]))


# django.contrib.redirects registers its admin first (INSTALLED_APPS order); this one adds
# the rules every admin form of the site follows: control characters cleaned, and a
# simultaneous save of the same old address refused in words rather than a 500.
admin.site.unregister(Redirect)


@admin.register(Redirect)
class RedirectAdmin(UniqueRaceAdminMixin, ContribRedirectAdmin):
    form = forms.modelform_factory(Redirect, form=CleanTextModelForm, fields="__all__")


class JobKindFilter(admin.SimpleListFilter):
    """By kind, in the words of each kind's label rather than its identifier."""

    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = Job.objects.order_by().values_list("kind", flat=True).distinct()
        return sorted(((kind, jobs.kind_label(kind)) for kind in kinds), key=lambda item: item[1])

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs (site_config/jobs.py), read-only: what runs, how far it got, what failed."""

    form = CleanTextModelForm  # the rule of every admin form, though nothing here is edited

    list_display = ["__str__", "state", "progress", "attempts", "created_at", "finished_at"]
    list_filter = ["state", JobKindFilter]
    search_fields = ["description", "kind", "error"]
    fields = [
        "description",
        "kind_text",
        "args",
        "state",
        "progress",
        "attempts",
        "created_at",
        "started_at",
        "finished_at",
        "result",
        "error_text",
    ]
    readonly_fields = fields
    actions = ["run_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        # Every editorial role may follow jobs (view_job); running failed work again is
        # for publishers (and superusers).
        return self.has_view_permission(request) and request.user.has_perm(
            "articles.publish_article"
        )

    @admin.display(description="kind")
    def kind_text(self, job):
        return jobs.kind_label(job.kind)

    @admin.display(description="progress")
    def progress(self, job):
        return job.progress_label

    @admin.display(description="error")
    def error_text(self, job):
        return format_html("<pre>{}</pre>", job.error) if job.error else "-"

    @admin.action(description="Run the selected failed jobs again", permissions=["retry"])
    def run_again(self, request, queryset):
        failed = list(queryset.filter(state=Job.State.FAILED))
        for job in failed:
            jobs.run_again(job)
        self.message_user(request, f"Queued {len(failed)} failed job(s) again.", messages.SUCCESS)
