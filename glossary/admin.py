from django.contrib import admin
from reversion.admin import VersionAdmin

from .models import Term


@admin.register(Term)
class TermAdmin(VersionAdmin):
    list_display = ["name", "alias_summary", "is_published", "tag_list", "updated_at"]
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
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="aliases")
    def alias_summary(self, term):
        return ", ".join(term.alias_list)

    @admin.display(description="tags")
    def tag_list(self, term):
        return ", ".join(tag.name for tag in term.tags.all())
