from django import forms
from django.contrib import admin
from django.contrib.redirects.admin import RedirectAdmin as ContribRedirectAdmin
from django.contrib.redirects.models import Redirect
from django.shortcuts import redirect
from django.urls import reverse

from . import user_admin  # noqa: F401 - registers the user and group admins
from .admin_saves import UniqueRaceAdminMixin
from .forms import SiteSettingsForm
from .models import SiteSettings
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
