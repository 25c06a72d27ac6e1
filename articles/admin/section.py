"""A section on its own admin page, with its figures."""

import reversion
from django.contrib import admin
from reversion.admin import VersionAdmin

from ..derived_data import once_per_article
from ..forms import FigureForm, SectionForm
from ..models import Figure, Section


class FigureInline(admin.StackedInline):
    model = Figure
    form = FigureForm
    extra = 0
    fields = ["position", "image", "alt_text", "caption", "credit"]


@admin.register(Section)
class SectionAdmin(VersionAdmin):
    form = SectionForm
    list_display = ["heading", "article", "level", "position"]
    list_filter = ["level"]
    list_select_related = ["article"]
    search_fields = ["heading", "body", "article__title"]
    inlines = [FigureInline]
    fields = ["article", ("position", "level"), ("heading", "anchor"), "body", "takeaway"]
    autocomplete_fields = ["article"]

    def save_related(self, request, form, formsets, change):
        with once_per_article():
            super().save_related(request, form, formsets, change)
        # A section saved on its own page is still a change to its article: record the
        # article (with all its sections and figures) in the same revision.
        if reversion.is_active():
            reversion.add_to_revision(form.instance.article)
