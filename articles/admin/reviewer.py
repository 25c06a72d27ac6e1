"""Medical reviewers as readers see them: name and credentials."""

from django.contrib import admin

from site_config.admin_saves import UniqueRaceAdminMixin
from site_config.text import CleanTextModelForm

from ..models import ReviewerProfile


@admin.register(ReviewerProfile)
class ReviewerProfileAdmin(UniqueRaceAdminMixin, admin.ModelAdmin):
    form = CleanTextModelForm
    list_display = ["display_name", "credentials", "user"]
    search_fields = ["display_name", "credentials", "user__username"]
    autocomplete_fields = ["user"]
