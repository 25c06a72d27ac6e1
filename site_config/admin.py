from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from .forms import SiteSettingsForm
from .models import Redirect, SiteSettings

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
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        settings = SiteSettings.load()
        return redirect(reverse("admin:site_config_sitesettings_change", args=[settings.pk]))


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path", "created_at"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["created_at"]
